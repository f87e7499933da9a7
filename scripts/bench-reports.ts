// Benchmark: a committee report with 500 actions rendered as HTML, DOCX, XLSX and PDF, best of 3
// runs each. Goals: DOCX under 2 s, PDF under 5 s (Chromium started afresh for every PDF, as the
// server does). The baseline, measured in the same run, is the model's JSON round trip
// (JSON.stringify then JSON.parse): the floor for touching every field of the model once, so the
// ratios compare across machines.
//
//   npm run bench:reports          (ACTIONS=2000 RUNS=5 npm run bench:reports for other sizes)

import { performance } from 'node:perf_hooks';
import { renderReportDocx } from '../src/reports/docx.ts';
import { renderReportHtml } from '../src/reports/html.ts';
import { findChromium, renderReportPdf } from '../src/reports/pdf.ts';
import { renderReportXlsx } from '../src/reports/xlsx.ts';
import { sampleReportModel } from '../test/support/report-model.ts';

const ACTIONS = Number(process.env.ACTIONS ?? 500);
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3));

interface Timing {
  ms: number;
  size: number;
}

async function best(fn: () => Promise<{ length: number }> | { length: number }): Promise<Timing> {
  let result: Timing = { ms: Infinity, size: 0 };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const value = await fn();
    const ms = performance.now() - start;
    if (ms < result.ms) result = { ms, size: value.length };
  }
  return result;
}

const model = sampleReportModel({ actions: ACTIONS });
const html = renderReportHtml(model);

const baseline = await best(() => {
  const json = JSON.stringify(model);
  JSON.parse(json);
  return json;
});
const results: [string, Timing, number | null][] = [
  ['HTML', await best(() => renderReportHtml(model)), null],
  ['DOCX', await best(() => renderReportDocx(model)), 2000],
  ['XLSX', await best(() => renderReportXlsx(model)), null],
];
const chromium = findChromium();
if (chromium) results.push(['PDF (from the HTML)', await best(() => renderReportPdf(html)), 5000]);

const ms = (t: number): string => `${t < 10 ? t.toFixed(1) : Math.round(t).toLocaleString('en-GB')} ms`;
const kb = (n: number): string => `${Math.round(n / 1024).toLocaleString('en-GB')} KB`;
const pad = (s: string, n: number): string => s.padEnd(n);

console.log(`Report benchmark: ${ACTIONS.toLocaleString('en-GB')} actions; best of ${RUNS} runs; Node ${process.version}`);
console.log(`  ${pad('baseline: model JSON round trip', 34)}${pad(ms(baseline.ms), 10)}${kb(baseline.size)}`);
let missed = false;
for (const [name, t, goal] of results) {
  const ratio = `${(t.ms / baseline.ms).toFixed(0)}× baseline`;
  const verdict = goal === null ? '' : `; goal under ${goal.toLocaleString('en-GB')} ms: ${t.ms < goal ? 'met' : 'MISSED'}`;
  if (goal !== null && t.ms >= goal) missed = true;
  console.log(`  ${pad(name, 34)}${pad(ms(t.ms), 10)}${pad(kb(t.size), 10)}(${ratio}${verdict})`);
}
if (!chromium) console.log('  PDF: not measured (no Chromium; install Debian\'s chromium package or set CHROMIUM_PATH)');
if (missed) process.exitCode = 1;
