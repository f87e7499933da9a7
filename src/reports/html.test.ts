import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrastRatio } from '../domain/charts.ts';
import { RAGS } from '../domain/rag.ts';
import { sampleReportModel } from '../../test/support/report-model.ts';
import { RAG_FILL } from './common.ts';
import { escapeHtml, renderReportHtml } from './html.ts';
import type { ReportModel } from './model.ts';

const codes = (m: ReportModel): string[] => m.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows.map((r) => r.code)) : []));
const all = (html: string, re: RegExp): string[] => [...html.matchAll(re)].map((m) => m[1] ?? '');
const text = (s: string): string => s.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

describe('renderReportHtml', () => {
  const model = sampleReportModel();
  const html = renderReportHtml(model);

  test('is a standalone en-GB HTML5 document with a title, landmarks and no scripts or external files', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en-GB">/);
    assert.match(html, /<title>Corporate Services half-year progress report 2024\/25 \(draft\) – Fernmoor District Council<\/title>/);
    for (const landmark of ['<header', '<main', '<footer']) assert.ok(html.includes(landmark), landmark);
    assert.equal(/<script|<link|\bsrc=|href=|url\((?!#)/.exec(html)?.[0], undefined, 'a script or an external reference');
  });

  test('has one h1, the title, then numbered sections and lettered appendices as h2', () => {
    assert.deepEqual(all(html, /<h1>(.*?)<\/h1>/g), [model.title]);
    const h2 = all(html, /<h2[^>]*>(.*?)<\/h2>/g).map(text);
    assert.deepEqual(h2, [
      '1.0 Purpose of report', '2.0 Background', '3.0 Main report', '4.0 Other considerations', '5.0 Recommendations', '6.0 Documents attached',
      'Appendix A: Democratic and Customer Services service plan 2024/25: progress',
      'Appendix B: Digital and ICT Services service plan 2024/25: progress',
      'Appendix C: Summary of progress by service',
      'Appendix D: Exceptions: actions that need attention',
    ]);
    const plain = all(renderReportHtml(sampleReportModel({ numbering: 'plain' })), /<h2[^>]*>(.*?)<\/h2>/g).map(text);
    assert.equal(plain[0], '1 Purpose of report');
  });

  test('numbers paragraphs in their own element, and shows lines as a list without bullets', () => {
    for (const n of ['1.1', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '5.1', '6.1']) {
      assert.ok(html.includes(`<p class="para"><span class="para-number">${n}</span> `), n);
    }
    assert.match(html, /<ul class="para-lines"><li>Financial: none arising from this report<\/li>/);
    assert.match(html, /\.para-lines\{list-style:none/);
    // A blank line in the text starts a second paragraph under the same number.
    assert.match(html, /<span class="para-number">2\.2<\/span> Lead officers[^<]*<\/p>\n<p class="para"><span class="para-number"><\/span> Actions delivered/);
  });

  test('has the cover table with row headers, and the objectives as h3 with their goals above', () => {
    for (const label of ['Report on', 'Committee', 'Date of meeting', 'Reporting officer', 'Contact officer(s)', 'Restricted']) {
      assert.ok(html.includes(`<th scope="row">${escapeHtml(label)}</th>`), label);
    }
    assert.ok(html.includes('<th scope="row">Date of meeting</th><td>14 November 2024</td>'));
    assert.ok(html.includes('<th scope="row">Restricted</th><td>No</td>'));
    const h3 = all(html, /<h3[^>]*>(.*?)<\/h3>/g);
    assert.ok(h3.includes('1.1 Make council decisions easy to follow'));
    assert.ok(h3.includes('Traffic lights by service') && h3.includes('Stages by service'));
    assert.match(html, /<p class="goal">Goal 1: An open and well-run council<\/p>\n<h3[^>]*>1\.1 Make council decisions easy to follow<\/h3>/);
  });

  test('shows every action, with its traffic light as word and (hidden) symbol, and UK dates', () => {
    for (const code of codes(model)) assert.ok(html.includes(`<td class="code">${code}</td>`), code);
    assert.ok(html.includes('<span class="rag rag-red"><span class="rag-symbol" aria-hidden="true">✖</span> Red</span>'));
    assert.ok(html.includes('<span class="rag rag-not_due"><span class="rag-symbol" aria-hidden="true">○</span> Not due yet</span>'));
    assert.ok(html.includes('<td>31 August 2024</td>'));
    assert.ok(html.includes('<p class="as-at">As at 27 September 2024</p>'));
    assert.ok(html.includes('<p>No update recorded</p>'));
  });

  test('gives every data table a caption and a header row of column headers', () => {
    const tables = all(html, /<table([\s\S]*?)<\/table>/g);
    assert.equal(tables.length, 1 + 8 + 2 + 1); // cover, 8 objectives, 2 summaries, exceptions
    for (const t of tables) {
      assert.match(t, /^[^>]*><caption>[^<]+<\/caption>/);
      if (!t.includes('<th scope="row">Report on</th>')) assert.match(t, /<thead><tr>(<th scope="col"[^>]*>.*?<\/th>)+<\/tr><\/thead>/);
    }
    assert.equal(all(html, /<thead><tr><th scope="col">Code<\/th><th scope="col">Action<\/th><th scope="col">Lead officer<\/th><th scope="col">Due date<\/th><th scope="col">Stage<\/th><th scope="col">Traffic light<\/th><th scope="col">Latest update<\/th><\/tr><\/thead>/g).length, 8);
  });

  test('shows the summary counts and totals row from the model, and both charts inline', () => {
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    const { green, amber, red } = summary.totals.byRag;
    assert.ok(html.includes(`<tr class="totals"><th scope="row">Total</th><td class="num">${green}</td><td class="num">${amber}</td><td class="num">${red}</td>`));
    assert.ok(html.includes(`<td class="num">${summary.totals.total}</td></tr></tbody>`));
    assert.ok(html.includes(summary.ragChart.svg) && html.includes(summary.stageChart.svg));
  });

  test('lists the exceptions with their reasons', () => {
    assert.match(html, /<td class="code">24-DCS003<\/td><td>Train every committee clerk in writing accessible documents<\/td><td>31 August 2024<\/td><td>Red, Overdue<\/td>/);
    assert.match(html, /<td>Not updated<\/td><td><span class="rag rag-not_updated">/);
    const none = renderReportHtml({ ...model, appendices: [{ kind: 'exceptions', letter: 'A', title: 'Exceptions', rows: [] }] });
    assert.ok(none.includes('<p>No actions need attention as at 30 September 2024.</p>'));
  });

  test('shows the exempt category when restricted, and Draft or the issued version under the title', () => {
    const restricted = renderReportHtml(sampleReportModel({ restricted: true, issued: true }));
    assert.ok(restricted.includes('<th scope="row">Restricted</th><td>Yes. Exempt information under paragraph 3: Information relating to the financial or business affairs of any particular person (including the council)</td>'));
    assert.ok(restricted.includes('<p class="status status-issued">Issued version 2, issued on 1 November 2024 by Alex Morgan</p>'));
    assert.doesNotMatch(restricted, /Draft/);
    assert.ok(html.includes('<p class="status status-draft">Draft</p>'));
  });

  test('escapes every piece of text', () => {
    const evil = '<script>alert("x")</script> & \'quotes\'';
    const m = sampleReportModel({ actions: 2 });
    const a = m.appendices[0];
    assert.ok(a?.kind === 'progress' && a.objectives[0]?.rows[0]);
    a.objectives[0].rows[0].narrative = evil;
    a.objectives[0].heading = evil;
    const out = renderReportHtml({ ...m, title: evil, council: { name: evil }, contactOfficers: [evil] });
    assert.doesNotMatch(out, /<script/);
    assert.ok(out.includes('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>'));
    assert.equal(escapeHtml('a<b>&"\''), 'a&lt;b&gt;&amp;&quot;&#39;');
  });

  test('prints on A4 with repeating table headers, a page per appendix and rows kept whole', () => {
    assert.match(html, /@page\{size:A4 portrait/);
    assert.match(html, /@media print\{[\s\S]*\.appendix\{break-before:page;page-break-before:always\}/);
    assert.match(html, /thead\{display:table-header-group\}/);
    assert.match(html, /tr,[^{]*\{break-inside:avoid;page-break-inside:avoid\}/);
    assert.match(html, /a\[href\]::after\{content:none!important\}/);
    assert.match(html, /@top-left\{content:"Fernmoor District Council";/);
    assert.match(html, /@bottom-right\{content:"Page " counter\(page\) " of " counter\(pages\);/);
    const odd = renderReportHtml({ ...model, council: { name: 'A "quoted" <council>\\' } });
    assert.ok(odd.includes('@top-left{content:"A \\22 quoted\\22  \\3c council\\3e \\5c ";'));
  });

  test('colours every traffic light with text that contrasts at least 4.5:1, and a border pattern', () => {
    for (const r of RAGS) {
      const { fill, ink } = RAG_FILL[r];
      assert.ok(contrastRatio(fill, ink) >= 4.5, `${r}: ${contrastRatio(fill, ink)}`);
      assert.match(html, new RegExp(`\\.rag-${r}\\{background:${fill};color:${ink};border-style:\\w+\\}`));
    }
  });

  test('renders a 500-action report with every action in it', () => {
    const big = sampleReportModel({ actions: 500 });
    const out = renderReportHtml(big);
    const list = codes(big);
    assert.equal(list.length, 500);
    for (const code of list) assert.ok(out.includes(`>${code}<`), code);
  });
});
