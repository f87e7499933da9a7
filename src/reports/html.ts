// A committee report as one standalone, accessible HTML5 document: inline CSS (screen and A4
// print), no scripts, no external files. The PDF is printed from it (pdf.ts), so what a councillor
// reads on screen, on paper and in the PDF is the same document.

import { formatUkDate } from '../domain/dates.ts';
import { RAGS, type Rag } from '../domain/rag.ts';
import { asAtText, coverRows, EXCEPTION_HEAD, NO_UPDATE, PROGRESS_HEAD, RAG_COLUMNS, RAG_FILL, sectionNumber, splitParagraphs, STAGE_COLUMNS, statusLine } from './common.ts';
import type { Appendix, ChartData, ExceptionRow, ProgressObjective, ProgressRow, ReportModel, ReportParagraph, ReportSection, SummaryRow } from './model.ts';

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

/** Escaped text with single line breaks kept as <br>. */
function lines(text: string): string {
  return text.split(/\r?\n/).map(e).join('<br>');
}

/** A border style per RAG, so the badge differs in pattern as well as colour (and always has its word). */
const RAG_BORDER: Record<Rag, string> = {
  green: 'solid',
  amber: 'dashed',
  red: 'double',
  complete: 'solid',
  closed: 'dotted',
  not_updated: 'dashed',
  not_due: 'dotted',
};

function ragCss(): string {
  return RAGS.map((r) => {
    const { fill, ink } = RAG_FILL[r];
    return `.rag-${r}{background:${fill};color:${ink};border-style:${RAG_BORDER[r]}}`;
  }).join('\n');
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;background:#fff}
.page{max-width:75rem;margin:0 auto;padding:1rem 1.5rem 2rem}
.doc-header{border-bottom:4px solid #0b0c0c;padding:.75rem 1.5rem}
.doc-header p{margin:0;font-weight:bold;font-size:1.125rem}
h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}
h3{font-size:1.25rem;line-height:1.3;margin:1.5rem 0 .5rem}
.status{display:inline-block;margin:0 0 1.5rem;padding:.25rem .5rem;border:2px solid #0b0c0c;font-weight:bold}
.status-draft{border-style:dashed}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
caption{text-align:left;font-weight:bold;padding:0 0 .5rem}
th,td{border:1px solid #505a5f;padding:.375rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}
tfoot th,tfoot td,tr.totals th,tr.totals td{font-weight:bold;border-top:3px solid #0b0c0c}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.cover th{width:14rem;background:#f3f2f1}
.para{margin:0 0 .75rem;padding-left:3.5rem;text-indent:-3.5rem}
.para-number{display:inline-block;min-width:3.5rem;text-indent:0;font-weight:bold}
.para-lines{list-style:none;margin:0 0 .75rem;padding-left:3.5rem}
.para-lines li{margin:0 0 .25rem}
.goal{font-weight:bold;color:#0b0c0c;margin:1.5rem 0 0}
.rag{display:inline-block;padding:.125rem .375rem;border-width:3px;border-color:#0b0c0c;font-weight:bold;white-space:nowrap}
.rag-why{display:block;margin-top:.25rem;font-size:.875rem}
.as-at{color:#0b0c0c;font-style:italic;margin:.25rem 0 0}
td p{margin:0 0 .375rem}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem}
td.code{white-space:nowrap}
table.progress th:nth-child(2),table.exceptions th:nth-child(3){width:22%}
table.progress th:nth-child(7),table.exceptions th:nth-child(7){width:26%}
table.progress th:nth-child(6){width:16%}
.table-wrap:focus{outline:3px solid #ffdd00;box-shadow:0 0 0 6px #0b0c0c}
.table-wrap table{margin:0}
.chart{margin:0 0 1rem}
.chart svg{max-width:100%;height:auto}
.doc-footer{border-top:1px solid #505a5f;margin-top:3rem;padding:1rem 1.5rem;font-size:.875rem}
.doc-footer p{margin:0}
${ragCss()}
@media print{
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{font-size:10pt}
  .page{max-width:none;padding:0}
  .doc-header,.doc-footer{padding-left:0;padding-right:0}
  h1{font-size:18pt}
  h2{font-size:14pt}
  h3{font-size:12pt}
  h2,h3,.goal,caption{break-after:avoid;page-break-after:avoid}
  .appendix{break-before:page;page-break-before:always}
  thead{display:table-header-group}
  tfoot{display:table-footer-group}
  tr,.chart,svg{break-inside:avoid;page-break-inside:avoid}
  .table-wrap{overflow:visible}
  th,td{padding:3pt 4pt}
  .rag-why{font-size:8.5pt}
  a[href]::after{content:none!important}
  a{color:#0b0c0c;text-decoration:none}
}
`;

function paragraph(p: ReportParagraph): string {
  const [first = '', ...rest] = splitParagraphs(p.text);
  const out = [`<p class="para"><span class="para-number">${e(p.number)}</span> ${lines(first)}</p>`];
  for (const more of rest) out.push(`<p class="para"><span class="para-number"></span> ${lines(more)}</p>`);
  if (p.lines?.length) out.push(`<ul class="para-lines">${p.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`);
  return out.join('\n');
}

function section(model: ReportModel, s: ReportSection): string {
  const id = `section-${s.number}`;
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${e(sectionNumber(model, s))} ${e(s.heading)}</h2>
${s.paragraphs.map(paragraph).join('\n')}
</section>`;
}

function rag(r: Rag, label: string, symbol: string): string {
  return `<span class="rag rag-${r}"><span class="rag-symbol" aria-hidden="true">${e(symbol)}</span> ${e(label)}</span>`;
}

function narrative(text: string | null, asAt: string | null): string {
  const parts = text ? splitParagraphs(text).map((p) => `<p>${lines(p)}</p>`) : [`<p>${NO_UPDATE}</p>`];
  const when = asAtText(asAt);
  if (when) parts.push(`<p class="as-at">${e(when)}</p>`);
  return parts.join('');
}

function head(cols: readonly string[]): string {
  return `<thead><tr>${cols.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>`;
}

/** A table in a focusable, labelled scroll region (wide tables scroll on small screens). */
function scrollTable(label: string, table: string): string {
  return `<div class="table-wrap" role="region" aria-label="${e(label)}" tabindex="0">${table}</div>`;
}

function progressRow(r: ProgressRow): string {
  return `<tr><td class="code">${e(r.code)}</td><td>${e(r.title)}</td><td>${e(r.leadOfficers)}</td><td>${e(formatUkDate(r.dueDate))}</td>`
    + `<td>${e(r.stageLabel)}</td><td>${rag(r.rag, r.ragLabel, r.ragSymbol)}${r.ragExplanation ? `<span class="rag-why">${e(r.ragExplanation)}</span>` : ''}</td>`
    + `<td>${narrative(r.narrative, r.asAt)}</td></tr>`;
}

function objective(o: ProgressObjective, index: number, letter: string, asOf: string, previousGoal: string | null): string {
  const id = `appendix-${letter.toLowerCase()}-objective-${index + 1}`;
  const goal = o.goal && o.goal !== previousGoal ? `<p class="goal">${e(o.goal)}</p>\n` : '';
  if (o.rows.length === 0) return `${goal}<h3 id="${id}">${e(o.heading)}</h3>\n<p>No actions under this objective.</p>`;
  const caption = `Actions under ${o.heading}, as at ${formatUkDate(asOf)}`;
  const table = `<table class="progress"><caption>${e(caption)}</caption>${head(PROGRESS_HEAD)}<tbody>${o.rows.map(progressRow).join('\n')}</tbody></table>`;
  return `${goal}<h3 id="${id}">${e(o.heading)}</h3>\n${scrollTable(caption, table)}`;
}

function countsTable(caption: string, columns: { key: string; label: string; symbol?: string }[], rows: SummaryRow[], totals: SummaryRow, pick: (r: SummaryRow) => Record<string, number>): string {
  const headCells = columns.map((c) => `<th scope="col" class="num">${c.symbol ? `<span aria-hidden="true">${e(c.symbol)}</span> ` : ''}${e(c.label)}</th>`).join('');
  const row = (r: SummaryRow, cls = '') => {
    const values = pick(r);
    return `<tr${cls}><th scope="row">${e(r.service)}</th>${columns.map((c) => `<td class="num">${values[c.key] ?? 0}</td>`).join('')}<td class="num">${r.total}</td></tr>`;
  };
  const body = rows.map((r) => row(r)).join('\n');
  const table = `<table><caption>${e(caption)}</caption><thead><tr><th scope="col">Service</th>${headCells}<th scope="col" class="num">Total</th></tr></thead>`
    + `<tbody>${body}\n${row({ ...totals, service: 'Total' }, ' class="totals"')}</tbody></table>`;
  return scrollTable(caption, table);
}

function chart(c: ChartData): string {
  return `<div class="chart">${c.svg}</div>`;
}

function exceptionRow(r: ExceptionRow): string {
  return `<tr><td>${e(r.service)}</td><td class="code">${e(r.code)}</td><td>${e(r.title)}</td><td>${e(formatUkDate(r.dueDate))}</td>`
    + `<td>${e(r.reasons.join(', '))}</td><td>${rag(r.rag, r.ragLabel, r.ragSymbol)}</td><td>${narrative(r.narrative, null)}</td></tr>`;
}

function appendix(model: ReportModel, a: Appendix): string {
  const id = `appendix-${a.letter.toLowerCase()}`;
  const asOf = formatUkDate(model.asOf);
  const parts = [`<h2 id="${id}">Appendix ${e(a.letter)}: ${e(a.title)}</h2>`];
  if (a.kind === 'progress') {
    parts.push(`<p>${e(a.plan.title)} (${e(a.plan.orgName)}, ${e(a.plan.year)}). Progress as at ${e(asOf)}.</p>`);
    if (a.objectives.length === 0) parts.push('<p>This plan has no actions.</p>');
    let previousGoal: string | null = null;
    for (const [i, o] of a.objectives.entries()) {
      parts.push(objective(o, i, a.letter, model.asOf, previousGoal));
      previousGoal = o.goal;
    }
  } else if (a.kind === 'summary') {
    parts.push(`<p>Number of actions by service, as at ${e(asOf)}.</p>`);
    parts.push(`<h3 id="${id}-rag">${e(a.ragChart.title)}</h3>`, chart(a.ragChart));
    parts.push(countsTable(`${a.ragChart.title}: number of actions`, RAG_COLUMNS, a.rows, a.totals, (r) => r.byRag));
    parts.push(`<h3 id="${id}-stage">${e(a.stageChart.title)}</h3>`, chart(a.stageChart));
    parts.push(countsTable(`${a.stageChart.title}: number of actions`, STAGE_COLUMNS, a.rows, a.totals, (r) => r.byStage));
  } else if (a.rows.length === 0) {
    parts.push(`<p>No actions need attention as at ${e(asOf)}.</p>`);
  } else {
    const caption = `Actions that need attention, as at ${asOf}`;
    parts.push(scrollTable(caption, `<table class="exceptions"><caption>${e(caption)}</caption>${head(EXCEPTION_HEAD)}<tbody>${a.rows.map(exceptionRow).join('\n')}</tbody></table>`));
  }
  return `<section class="appendix" aria-labelledby="${id}">\n${parts.join('\n')}\n</section>`;
}

/** Text as a CSS string literal, safe inside <style>. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>&\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** A4 pages with the council's name at the top and page numbers at the foot (Chromium prints margin boxes). */
function pageCss(model: ReportModel): string {
  const small = 'font-family:Arial,Helvetica,sans-serif;font-size:8pt;color:#0b0c0c';
  return `@page{size:A4 portrait;margin:16mm 12mm;`
    + `@top-left{content:${cssString(model.council.name)};${small}}`
    + `@bottom-left{content:${cssString(`${model.title}. ${statusLine(model)}`)};${small}}`
    + `@bottom-right{content:"Page " counter(page) " of " counter(pages);${small}}}`
    + '@page:first{@top-left{content:none}}';
}

/** The report as a complete, standalone HTML5 document (en-GB, inline CSS, no scripts). */
export function renderReportHtml(model: ReportModel): string {
  const cover = coverRows(model).map((r) => `<tr><th scope="row">${e(r.label)}</th><td>${e(r.value)}</td></tr>`).join('\n');
  const status = statusLine(model);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.title)}${model.issued ? '' : ' (draft)'} – ${e(model.council.name)}</title>
<style>${CSS}${pageCss(model)}</style>
</head>
<body>
<header class="doc-header"><p>${e(model.council.name)}</p></header>
<main class="page">
<h1>${e(model.title)}</h1>
<p class="status${model.issued ? ' status-issued' : ' status-draft'}">${e(status)}</p>
<table class="cover"><caption>Report details</caption><tbody>
${cover}
</tbody></table>
${model.sections.map((s) => section(model, s)).join('\n')}
${model.appendices.map((a) => appendix(model, a)).join('\n')}
</main>
<footer class="doc-footer"><p>${e(model.council.name)}. ${e(status)}. Appendices show progress as at ${e(formatUkDate(model.asOf))}.</p></footer>
</body>
</html>
`;
}
