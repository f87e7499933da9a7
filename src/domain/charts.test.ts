import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  RAG_SERIES, STAGE_SERIES, TEXT_DARK, TEXT_LIGHT, chartTable, contrastRatio, escapeXml, stackedBarChart, textColourOn,
  type ChartRow, type StackedBarChartOptions,
} from './charts.ts';

interface Element { name: string; attrs: Record<string, string>; text: string; children: Element[] }

/** A tiny XML checker for what the charts emit: balanced tags, quoted attributes without
 * duplicates, and no raw `<` or stray `&` in text. Throws on anything else; returns the tree. */
function parseXml(xml: string): Element {
  const root: Element = { name: '#root', attrs: {}, text: '', children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/iy;
  let i = 0;
  while (i < xml.length) {
    const top = stack[stack.length - 1]!;
    const c = xml[i];
    if (c === '<') {
      tag.lastIndex = i;
      const m = tag.exec(xml);
      if (!m) throw new Error(`Malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
      const [whole, close, name = '', attrText = '', selfClose] = m;
      if (close) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at ${i}`);
        stack.pop();
      } else {
        const attrs: Record<string, string> = {};
        for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
          if (a[1]! in attrs) throw new Error(`Duplicate attribute ${a[1]} on <${name}>`);
          attrs[a[1]!] = a[2]!;
        }
        const el: Element = { name, attrs, text: '', children: [] };
        top.children.push(el);
        if (!selfClose) stack.push(el);
      }
      i += whole.length;
    } else if (c === '&') {
      entity.lastIndex = i;
      const m = entity.exec(xml);
      if (!m) throw new Error(`Stray & at ${i}`);
      top.text += m[0];
      i += m[0].length;
    } else {
      if (c === '>') throw new Error(`Raw > in text at ${i}`);
      top.text += c;
      i += 1;
    }
  }
  if (stack.length !== 1) throw new Error(`Unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('Expected exactly one root element');
  return root.children[0]!;
}

function all(el: Element, pred: (e: Element) => boolean): Element[] {
  return [...(pred(el) ? [el] : []), ...el.children.flatMap((c) => all(c, pred))];
}
const byClass = (el: Element, cls: string) => all(el, (e) => e.attrs.class === cls);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (el: Element): string => unescape(el.text + el.children.map(textOf).join(''));

const rows: ChartRow[] = [
  { label: 'Adult social care', href: '/services/1', values: { green: 5, amber: 2, red: 1 } },
  { label: 'Housing', values: { green: 1, complete: 3, not_due: 4 } },
  { label: 'Libraries', values: {} },
];
const opts = (over: Partial<StackedBarChartOptions> = {}): StackedBarChartOptions => ({
  id: 'rag-by-service', title: 'RAG by service', description: 'Actions in each service by RAG status.',
  series: RAG_SERIES, rows, ...over,
});

describe('stackedBarChart', () => {
  test('(the test XML checker rejects unbalanced tags, raw < and & and unquoted attributes)', () => {
    assert.throws(() => parseXml('<svg><g></svg>'));
    assert.throws(() => parseXml('<svg><text>a < b</text></svg>'));
    assert.throws(() => parseXml('<svg><text>R & D</text></svg>'));
    assert.throws(() => parseXml('<svg width=3></svg>'));
    assert.throws(() => parseXml('<svg a="1" a="2"></svg>'));
    assert.equal(parseXml('<svg a="1"><text>R &amp; D</text><g/></svg>').children.length, 2);
  });

  test('is well-formed XML: an <svg> root with the SVG namespace and a viewBox', () => {
    const svg = stackedBarChart(opts());
    assert.ok(svg.startsWith('<svg'));
    const root = parseXml(svg);
    assert.equal(root.name, 'svg');
    assert.equal(root.attrs.xmlns, 'http://www.w3.org/2000/svg');
    assert.match(root.attrs.viewBox ?? '', /^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  });

  test('is an image named by its own title and description', () => {
    const root = parseXml(stackedBarChart(opts()));
    assert.equal(root.attrs.role, 'img');
    const ids = (root.attrs['aria-labelledby'] ?? '').split(' ');
    assert.deepEqual(ids, ['rag-by-service-title', 'rag-by-service-desc']);
    assert.equal(root.children[0]?.name, 'title');
    assert.equal(root.children[0]?.attrs.id, ids[0]);
    assert.equal(textOf(root.children[0]!), 'RAG by service');
    assert.equal(root.children[1]?.name, 'desc');
    assert.equal(root.children[1]?.attrs.id, ids[1]);
    assert.equal(textOf(root.children[1]!), 'Actions in each service by RAG status.');
  });

  test('ids are unique, derived from opts.id, and every url(#…) reference exists', () => {
    const a = parseXml(stackedBarChart(opts({ id: 'chart 1' })));
    const ids = all(a, (e) => 'id' in e.attrs).map((e) => e.attrs.id!);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[A-Za-z_][\w-]*$/);
    for (const e of all(a, (x) => (x.attrs.fill ?? '').startsWith('url('))) {
      assert.ok(ids.includes(e.attrs.fill!.slice(5, -1)), e.attrs.fill);
    }
    const b = parseXml(stackedBarChart(opts({ id: 'chart 2' })));
    const idsB = all(b, (e) => 'id' in e.attrs).map((e) => e.attrs.id!);
    assert.deepEqual(idsB.filter((id) => ids.includes(id)), []);
  });

  test('shows every row label, and every series in the legend with its pattern swatch, word and symbol', () => {
    const root = parseXml(stackedBarChart(opts()));
    assert.deepEqual(byClass(root, 'row-label').map(textOf), ['Adult social care', 'Housing', 'Libraries']);
    const items = byClass(root, 'legend-item');
    assert.deepEqual(items.map((e) => e.attrs['data-series']), RAG_SERIES.map((s) => s.key));
    for (const [i, item] of items.entries()) {
      const s = RAG_SERIES[i]!;
      assert.equal(textOf(item), `${s.symbol} ${s.label}`);
      const swatch = item.children.find((c) => c.name === 'rect')!;
      assert.match(swatch.attrs.fill ?? '', /^url\(#rag-by-service-p\d+\)$/);
      assert.equal(swatch.attrs.stroke, TEXT_DARK);
    }
  });

  test('escapes <, & and quotes in labels, title and description', () => {
    const nasty = `Roads & "paths" <b>'n'</b>`;
    const svg = stackedBarChart(opts({
      id: 'x', title: nasty, description: `${nasty} desc`,
      series: [{ key: 'k"&', label: nasty, colour: '#00703c' }],
      rows: [{ label: nasty, values: { 'k"&': 3 } }],
    }));
    assert.ok(!svg.includes('<b>') && !svg.includes('"paths"'));
    assert.ok(svg.includes('Roads &amp; &quot;paths&quot; &lt;b&gt;&apos;n&apos;&lt;/b&gt;'));
    const root = parseXml(svg);
    assert.equal(textOf(root.children[0]!), nasty);
    assert.equal(textOf(byClass(root, 'row-label')[0]!), nasty);
    assert.equal(textOf(byClass(root, 'legend-item')[0]!), nasty);
    assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&apos;');
  });

  test('segment widths are proportional to the counts, on a scale shared by all the bars', () => {
    // width 416 → inner 400 → 344 px of bar for the largest total (4): 86 px a unit.
    const series = RAG_SERIES.slice(0, 2);
    const root = parseXml(stackedBarChart(opts({
      width: 416, series, rows: [{ label: 'A', values: { green: 1, amber: 3 } }, { label: 'B', values: { green: 2 } }],
    })));
    const widths = byClass(root, 'segment').map((e) => Number(e.attrs.width));
    assert.deepEqual(widths, [86, 258, 172]);
    const xs = byClass(root, 'segment').map((e) => Number(e.attrs.x));
    assert.deepEqual(xs, [8, 94, 8]);
    assert.deepEqual(byClass(root, 'total').map(textOf), ['4', '2']);
  });

  test("scale 'share' makes every bar full width with segments in proportion", () => {
    const root = parseXml(stackedBarChart(opts({
      width: 416, scale: 'share', series: RAG_SERIES.slice(0, 2),
      rows: [{ label: 'A', values: { green: 1, amber: 3 } }, { label: 'B', values: { green: 1, amber: 1 } }],
    })));
    assert.deepEqual(byClass(root, 'segment').map((e) => Number(e.attrs.width)), [86, 258, 172, 172]);
  });

  test('every segment has a pattern fill and a dark outline with at least 3:1 contrast against white', () => {
    const root = parseXml(stackedBarChart(opts()));
    const segments = byClass(root, 'segment');
    assert.equal(segments.length, 6);
    for (const s of segments) {
      assert.match(s.attrs.fill ?? '', /^url\(#/);
      assert.ok(contrastRatio(s.attrs.stroke!, '#ffffff') >= 3);
    }
  });

  test('counts on dark fills are white and on light fills near-black, meeting 4.5:1', () => {
    const root = parseXml(stackedBarChart(opts({
      rows: [{ label: 'All', values: Object.fromEntries(RAG_SERIES.map((s) => [s.key, 10])) }],
    })));
    const bgs = byClass(root, 'count-bg');
    const counts = byClass(root, 'count');
    assert.equal(counts.length, RAG_SERIES.length);
    const expected: Record<string, string> = {
      '#00703c': TEXT_LIGHT, '#d4351c': TEXT_LIGHT, '#1d70b8': TEXT_LIGHT, '#505a5f': TEXT_LIGHT,
      '#f47738': TEXT_DARK, '#b1b4b6': TEXT_DARK, '#ffffff': TEXT_DARK,
    };
    for (const [i, text] of counts.entries()) {
      const fill = bgs[i]!.attrs.fill!;
      assert.equal(text.attrs.fill, expected[fill], fill);
      assert.ok(contrastRatio(fill, text.attrs.fill!) >= 4.5, `${fill} on ${text.attrs.fill}`);
      assert.equal(textOf(text), '10');
    }
  });

  test('every RAG and stage colour has a text colour that meets 4.5:1', () => {
    for (const s of [...RAG_SERIES, ...STAGE_SERIES]) {
      assert.ok(contrastRatio(s.colour, textColourOn(s.colour)) >= 4.5, s.key);
    }
    assert.equal(textColourOn('#000'), TEXT_LIGHT);
    assert.equal(textColourOn('#fff'), TEXT_DARK);
    assert.throws(() => textColourOn('red'), RangeError);
  });

  test('segments too narrow for their count show no text, but the total still shows', () => {
    const root = parseXml(stackedBarChart(opts({
      series: RAG_SERIES.slice(0, 2), rows: [{ label: 'A', values: { green: 1, amber: 500 } }],
    })));
    assert.equal(byClass(root, 'segment').length, 2);
    assert.deepEqual(byClass(root, 'count').map(textOf), ['500']);
    assert.deepEqual(byClass(root, 'total').map(textOf), ['501']);
  });

  test('a row with nothing in it has an empty bar and a total of 0; negative and non-numbers count as 0', () => {
    const root = parseXml(stackedBarChart(opts({
      rows: [{ label: 'Empty', values: { green: 0, amber: -2, red: Number.NaN } }],
    })));
    assert.equal(byClass(root, 'segment').length, 0);
    assert.deepEqual(byClass(root, 'total').map(textOf), ['0']);
    assert.deepEqual(byClass(root, 'row-label').map(textOf), ['Empty']);
  });

  test('with no rows it is a small image saying "No data"', () => {
    const svg = stackedBarChart(opts({ rows: [] }));
    const root = parseXml(svg);
    assert.equal(root.attrs.role, 'img');
    assert.equal(root.children[0]?.attrs.id, 'rag-by-service-title');
    assert.ok(all(root, (e) => e.name === 'text').some((e) => textOf(e) === 'No data'));
    assert.ok(Number(root.attrs.height) <= 50);
  });

  test('the SVG holds no links (role="img" children are presentational); the table carries them', () => {
    const svg = stackedBarChart(opts());
    assert.ok(!/<a[\s>]/.test(svg) && !svg.includes('/services/1'));
    assert.deepEqual(chartTable(opts()).hrefs, ['/services/1', undefined, undefined]);
  });
});

describe('series', () => {
  for (const [name, series] of [['RAG_SERIES', RAG_SERIES], ['STAGE_SERIES', STAGE_SERIES]] as const) {
    test(`${name} have distinct keys, labels and patterns, and valid colours`, () => {
      for (const field of ['key', 'label', 'pattern'] as const) {
        assert.equal(new Set(series.map((s) => s[field])).size, series.length, field);
      }
      for (const s of series) assert.match(s.colour, /^#[0-9a-f]{6}$/);
    });
  }

  test('have the agreed keys and words', () => {
    assert.deepEqual(RAG_SERIES.map((s) => [s.key, s.label]), [
      ['green', 'Green'], ['amber', 'Amber'], ['red', 'Red'], ['complete', 'Complete'],
      ['closed', 'Closed'], ['not_updated', 'Not updated'], ['not_due', 'Not due yet'],
    ]);
    assert.deepEqual(STAGE_SERIES.map((s) => [s.key, s.label]), [
      ['not_started', 'Not started'], ['in_progress', 'In progress'], ['ongoing', 'Ongoing'], ['complete', 'Complete'],
      ['carried_over', 'Carried over'], ['deferred', 'Deferred'], ['cancelled', 'Cancelled'],
    ]);
  });
});

describe('chartTable', () => {
  test('has the row label, one column per series and the total, matching the chart', () => {
    const table = chartTable(opts({ rowHeading: 'Service' }));
    assert.equal(table.caption, 'RAG by service');
    assert.deepEqual(table.head, ['Service', ...RAG_SERIES.map((s) => s.label), 'Total']);
    assert.deepEqual(table.rows[0], ['Adult social care', 5, 2, 1, 0, 0, 0, 0, 8]);
    assert.deepEqual(table.rows[2], ['Libraries', 0, 0, 0, 0, 0, 0, 0, 0]);
    const totals = byClass(parseXml(stackedBarChart(opts())), 'total').map((e) => Number(textOf(e)));
    for (const [i, row] of table.rows.entries()) {
      const values = row.slice(1, -1) as number[];
      assert.equal(values.reduce((a, b) => a + b, 0), row[row.length - 1]);
      assert.equal(row[row.length - 1], totals[i]);
    }
  });

  test('defaults the row heading to "Name"', () => {
    assert.equal(chartTable(opts()).head[0], 'Name');
  });
});
