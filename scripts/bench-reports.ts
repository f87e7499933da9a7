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
import { buildRuntime } from '../src/composition.ts';
import { systemActor } from '../src/services/index.ts';

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

// The same size from live data: a plan of ACTIONS actions with progress, imported into a fresh
// in-memory database, then the report assembled by the service (positions, traffic lights, drafting).
const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2025-11-01T12:00:00Z') });
const actor = systemActor(await rt.services.councils.create({ slug: 'bench', name: 'Benchmark Council' }));
const rows = ['Objective number\tObjective\tAction code\tAction\tKind\tDue date\tLead officer\tStatus\t% complete\tProgress update\tAs at'];
for (let i = 0; i < ACTIONS; i++) {
  const o = Math.floor(i / 10) + 1;
  rows.push([`${Math.ceil(o / 5)}.${((o - 1) % 5) + 1}`, `Objective ${o}`, `25-BEN${String(i + 1).padStart(3, '0')}`, `Action ${i + 1}: improve how we handle requests of type ${i % 37}`, i % 3 ? 'One-off' : 'Ongoing', `2026-0${(i % 3) + 1}-28`, 'Service Manager', ['IN PROGRESS', 'COMPLETE', 'ONGOING', 'NOT STARTED'][i % 4], String((i * 7) % 100), 'The team met twice this period and agreed the next steps.', '2025-09-30'].join('\t'));
}
await rt.services.imports.commit(actor, { content: Buffer.from(rows.join('\n')), format: 'paste' }, { orgCode: 'BEN', year: '2025/26', newUnitName: 'Benchmark Service' });
const live = await best(async () => JSON.stringify(await rt.services.reports.adHoc(actor, { year: '2025/26', orgCodes: ['BEN'], asOf: '2025-10-15', template: 'half-year' })));
results.unshift(['model from live data (service)', live, null]);
await rt.close();

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
