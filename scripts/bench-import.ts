// Benchmark: a generated 10,000-row XLSX plan from upload to preview (read, map, parse, check),
// as the import page does it. Goal: under 5 s on a 2-core machine. The baseline, measured in the
// same run, is exceljs loading the same workbook and nothing else: the floor any XLSX import pays.
//
//   npm run bench:import            (ROWS=20000 npm run bench:import for another size)

import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { buildRuntime } from '../src/composition.ts';
import { systemActor } from '../src/services/index.ts';
import { blankActionText } from '../src/domain/fields/action-fields.ts';
import { EXPORT_COLUMNS, exportRows } from '../src/domain/plan-export.ts';
import type { ParsedObjective } from '../src/domain/import-tables.ts';
import { toCsv, toXlsx } from '../src/import/writers.ts';

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 3);

const STATUS = ['COMPLETE', 'IN PROGRESS', 'ONGOING', 'NOT YET STARTED', 'Carried over to 2020/21'];
function generate(rows: number): ParsedObjective[] {
  const objectives: ParsedObjective[] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 20 === 0) {
      const n = objectives.length + 1;
      objectives.push({ number: `${Math.ceil(n / 10)}.${((n - 1) % 10) + 1}`, title: `Objective ${n}: keep improving service area ${n}`, why: 'Because residents asked for it in the annual survey.', goal: `Strategic Goal ${Math.ceil(n / 50)}: A better district`, actions: [] });
    }
    objectives.at(-1)!.actions.push({
      code: `19-BEN${String(i + 1).padStart(5, '0')}`,
      title: `Action ${i + 1}: review the way we handle request type ${i % 97}, and publish what we find`,
      role: i % 3 === 0 ? 'Enabler' : 'Community Leadership',
      ...blankActionText(),
      target: 'Complete the review and agree changes with the portfolio holder.',
      outcome: 'Faster responses for residents.',
      criticalSuccessFactors: 'Staff time; good data from the case system.',
      environmentalImpacts: 'None expected.',
      dueDate: `2020-0${(i % 9) + 1}-15`,
      leadOfficers: i % 5 === 0 ? ['Head of Customer Services', 'Insight Lead'] : ['Service Manager'],
      impactedServices: ['ICT', 'Finance'],
      partnershipLinks: [],
      status: null,
      statusWord: STATUS[i % STATUS.length]!,
      percentComplete: (i * 7) % 101,
      narrative: `Progress on action ${i + 1}: the team met twice this quarter and agreed next steps.\nA second paragraph with more detail about what happens next.`,
      kind: 'one_off',
      startDate: '2019-04-01',
      revisedDueDate: null,
      weight: 1,
      asAt: '2019-09-30',
    });
  }
  return objectives;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
async function best<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let result = await time(fn);
  for (let i = 1; i < RUNS; i++) {
    const next = await time(fn);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

const rows = exportRows(generate(ROWS));
const xlsx = await toXlsx(EXPORT_COLUMNS, rows.slice(1));
const csv = toCsv(rows);
const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' });
const actor = systemActor(await rt.services.councils.create({ slug: 'bench', name: 'Benchmark Council' }));

const baseline = await best(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.worksheets[0]!.rowCount;
});
const xlsxPreview = await best(() => rt.services.imports.preview(actor, { content: xlsx, filename: 'plan.xlsx' }));
const csvPreview = await best(() => rt.services.imports.preview(actor, { content: csv, filename: 'plan.csv' }));
await rt.close();

console.log(`Import benchmark: ${ROWS.toLocaleString('en-GB')} actions in ${xlsxPreview.value.plan.objectives.length} objectives; best of ${RUNS} runs; Node ${process.version}`);
console.log(`  XLSX file                      ${(xlsx.length / 1024 / 1024).toFixed(1)} MB`);
console.log(`  baseline: exceljs load only    ${ms(baseline.ms)}`);
console.log(`  XLSX upload to preview         ${ms(xlsxPreview.ms)}   (${(xlsxPreview.ms / baseline.ms).toFixed(2)}× baseline; goal under 5,000 ms)`);
console.log(`  CSV of the same rows           ${ms(csvPreview.ms)}   (${(csvPreview.ms / baseline.ms).toFixed(2)}× baseline)`);
if (xlsxPreview.value.actionCount !== ROWS) throw new Error(`expected ${ROWS} actions, read ${xlsxPreview.value.actionCount}`);
