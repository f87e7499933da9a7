import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { sampleReportModel } from '../../test/support/report-model.ts';
import { decodePng } from '../../test/support/png.ts';
import { renderReportDocx } from './docx.ts';
import type { ReportModel } from './model.ts';

/** The entries of a zip (as Packer writes it: deflated or stored, no zip64), by name. */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'no end of central directory');
  const files = new Map<string, Buffer>();
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

const codes = (m: ReportModel): string[] => m.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows.map((r) => r.code)) : []));
const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='heading 1'] => h2:fresh", "p[style-name='heading 2'] => h3:fresh"];
const clean = (s: string): string => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('renderReportDocx', async () => {
  const model = sampleReportModel({ restricted: true });
  const docx = await renderReportDocx(model);
  const { value: html, messages } = await mammoth.convertToHtml({ buffer: docx }, { styleMap: STYLE_MAP });
  const files = unzip(docx);
  const documentXml = files.get('word/document.xml')?.toString('utf8') ?? '';

  test('is a Word document that mammoth reads without complaint', () => {
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(documentXml.length > 0, 'word/document.xml');
    assert.deepEqual(messages.filter((m) => m.type === 'error'), []);
  });

  test('has the title and the numbered section and appendix headings, in heading styles', () => {
    assert.deepEqual([...html.matchAll(/<h1 class="title">(.*?)<\/h1>/g)].map((m) => clean(m[1] ?? '')), [model.title]);
    const h2 = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => clean(m[1] ?? ''));
    assert.deepEqual(h2.slice(0, 6), ['1.0 Purpose of report', '2.0 Background', '3.0 Main report', '4.0 Other considerations', '5.0 Recommendations', '6.0 Documents attached']);
    assert.deepEqual(h2.slice(6), model.appendices.map((a) => `Appendix ${a.letter}: ${a.title}`));
    const h3 = [...html.matchAll(/<h3>(.*?)<\/h3>/g)].map((m) => clean(m[1] ?? ''));
    assert.ok(h3.includes('1.1 Make council decisions easy to follow'));
    assert.ok(h3.includes('Traffic lights by service'));
    assert.match(documentXml, /<w:pStyle w:val="Title"\/>/);
    assert.match(documentXml, /<w:pStyle w:val="Heading1"\/>/);
    assert.match(documentXml, /<w:pStyle w:val="Heading2"\/>/);
  });

  test('has the cover table, with the exempt category, and numbered paragraphs', () => {
    const text = clean(html);
    assert.ok(text.includes('Report on Corporate Services half-year progress report 2024/25'));
    assert.ok(text.includes('Date of meeting 14 November 2024'));
    assert.ok(text.includes('Restricted Yes. Exempt information under paragraph 3: Information relating to the financial or business affairs'));
    assert.ok(text.includes('Draft'));
    assert.match(html, /<strong>3\.1<\/strong>\tOf the 12 actions in the two plans/);
  });

  test('has every action code, the traffic lights in words and the summary counts', () => {
    for (const code of codes(model)) assert.ok(html.includes(`<td><p>${code}</p></td>`), code);
    assert.ok(html.includes('✖ Red') && html.includes('○ Not due yet'));
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    const t = summary.totals;
    const totalsRow = [t.byRag.green, t.byRag.amber, t.byRag.red, t.byRag.complete, t.byRag.closed, t.byRag.not_updated, t.byRag.not_due, t.total]
      .map((n) => `<td><p><strong>${n}</strong></p></td>`).join('');
    assert.ok(html.includes(`<tr><td><p><strong>Total</strong></p></td>${totalsRow}</tr>`), 'traffic-light totals row');
  });

  test('repeats header rows on every page and never splits a row', () => {
    const tables = documentXml.split('<w:tbl>').slice(1);
    assert.equal(tables.length, 1 + 8 + 2 + 1);
    for (const t of tables.slice(1)) {
      const firstRow = t.slice(t.indexOf('<w:tr>'), t.indexOf('</w:tr>'));
      assert.match(firstRow, /<w:tblHeader\/>/);
    }
    const rows = documentXml.match(/<w:tr>/g)?.length ?? 0;
    assert.equal(documentXml.match(/<w:cantSplit\/>/g)?.length, rows);
  });

  test('puts the council in the page header and the core properties', () => {
    const headers = [...files.keys()].filter((n) => /^word\/header\d+\.xml$/.test(n));
    assert.ok(headers.length > 0);
    for (const h of headers) assert.ok(files.get(h)?.toString('utf8').includes('Fernmoor District Council'), h);
    const core = files.get('docProps/core.xml')?.toString('utf8') ?? '';
    assert.match(core, /<dc:creator>Fernmoor District Council<\/dc:creator>/);
    assert.match(core, /<dc:title>Corporate Services half-year progress report 2024\/25<\/dc:title>/);
  });

  test('uses landscape pages for the wide appendix tables', () => {
    assert.match(documentXml, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    assert.match(documentXml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  test('embeds each chart as SVG with a PNG fallback and alt text', () => {
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    for (const chart of [summary.ragChart, summary.stageChart]) {
      const docPr = new RegExp(`<wp:docPr [^>]*descr="${chart.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*title="${chart.title}"`);
      assert.match(documentXml, docPr, chart.id);
    }
    const media = [...files.keys()].filter((n) => n.startsWith('word/media/'));
    assert.equal(media.filter((n) => n.endsWith('.svg')).length, 2);
    const pngs = media.filter((n) => n.endsWith('.png'));
    assert.equal(pngs.length, 2);
    // The fallbacks are the charts drawn at twice their SVG size, on white.
    const sizes = [summary.ragChart, summary.stageChart].map((c) => [/<svg[^>]* width="([\d.]+)"/, /<svg[^>]* height="([\d.]+)"/].map((re) => 2 * Number(re.exec(c.svg)?.[1])).join('×')).sort();
    const decoded = pngs.map((p) => decodePng(files.get(p) ?? Buffer.alloc(0)));
    assert.deepEqual(decoded.map((png) => `${png.width}×${png.height}`).sort(), sizes);
    for (const png of decoded) assert.deepEqual(png.pixel(1, 1), [255, 255, 255, 255], 'white background');
    assert.match(documentXml, /asvg:svgBlip/);
  });

  test('shades traffic-light cells and keeps the word and symbol', () => {
    assert.match(documentXml, /<w:shd w:fill="D4351C" w:color="auto" w:val="clear"\/>[\s\S]*?<w:t xml:space="preserve">✖ Red<\/w:t>/);
  });
});
