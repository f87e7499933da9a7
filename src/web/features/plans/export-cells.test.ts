import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readCsv } from '../../../import/csv.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Issue 12: the plan and action-list exports, downloaded through the web.
// - CSV formula injection: a text cell a spreadsheet would take for a formula (= + - @, tab, CR at
//   the start) is written with a leading apostrophe, as the audit CSV does; numbers stay numbers.
// - Each action's traffic light, whether it is overdue, and the expected % complete as at the day
//   of the export, in CSV and XLSX. "Today" is 30 September 2018, half way through the 2018/19 year
//   (1 April 2018 to 31 March 2019).

const TODAY = new Date('2018-09-30T12:00:00Z');

/** The CSV body as rows of cells (without the BOM). */
const rowsOf = (body: string): string[][] => parse(body.replace(/^\uFEFF/u, ''), { relax_column_count: true }) as string[][];

describe('plan and action exports', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let planId = 0;
  let legPlanId = 0;
  let demId = 0;

  // Titles an attacker might give actions, and what the CSV must hold for each (an apostrophe
  // first whenever the text starts with = + - @; anything else as typed). Titles are trimmed, so a
  // leading tab or CR cannot reach one: src/domain/spreadsheet-cells.test.ts covers those.
  const TITLES: [string, string][] = [
    ['=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['Plain action = fine', 'Plain action = fine'],
  ];

  // Worked out by hand from the rules (DESIGN §4; thresholds green at >= 90% of expected, amber at >= 70%):
  // - ongoing, 1 April 2018 to 31 March 2019: 183 of its 365 days have passed by 30 September
  //   (1 April counts), 183/365 = 50.1% → 50% expected;
  // - one-off, from 1 April 2018 to its due date 31 March 2019: 182 of 364 days → 50% expected;
  // - one-off due 31 August 2018, not complete: past its due date → 100% expected, red and overdue;
  // - complete: not compared with expected progress, so no expected %.
  const LIGHTS = [
    { title: 'Advise committees', kind: 'ongoing', due: '2019-03-31', word: 'ONGOING', percent: '40', light: 'Amber', overdue: 'No', expected: '50' }, // 40 >= 35 (0.7 × 50), < 45 (0.9 × 50)
    { title: 'Keep the register', kind: 'ongoing', due: '2019-03-31', word: 'ONGOING', percent: '50', light: 'Green', overdue: 'No', expected: '50' }, // 50 >= 45
    { title: 'Review the constitution', kind: 'one_off', due: '2019-03-31', word: 'IN PROGRESS', percent: '20', light: 'Red', overdue: 'No', expected: '50' }, // 20 < 35
    { title: 'Publish the forward plan', kind: 'one_off', due: '2018-08-31', word: 'IN PROGRESS', percent: '90', light: 'Red', overdue: 'Yes', expected: '100' },
    { title: 'Appoint a monitoring officer', kind: 'one_off', due: '2019-03-31', word: 'COMPLETE', percent: '', light: 'Complete', overdue: 'No', expected: '' },
  ];

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const c = await createCouncil(t.services, { slug: 'exp', name: 'Export Council', email: 'admin@exp.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const cex = await t.services.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    demId = dem;
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'halves' });
    planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objectiveId = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decisions' });
    for (const [title] of TITLES) await t.services.actions.create(actor, planId, { objectiveId, title, kind: 'ongoing', dueDate: '2019-03-31' });

    // A second service's plan for the traffic lights, each action with one update as at 30 September.
    const leg = await t.services.organisation.createUnit(actor, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: cex });
    const h1 = (await t.services.years.get(actor, year)).periods[0]!.id;
    legPlanId = await t.services.plans.create(actor, { orgUnitId: leg, planYearId: year, title: 'LEG plan', kind: 'service_improvement_plan' });
    const legObjective = await t.services.plans.createObjective(actor, legPlanId, { number: '1', title: 'Sound advice' });
    for (const l of LIGHTS) {
      const id = await t.services.actions.create(actor, legPlanId, { objectiveId: legObjective, title: l.title, kind: l.kind, dueDate: l.due });
      await t.services.progress.recordUpdate(actor, id, { periodId: h1, asAt: '2018-09-30', statusWord: l.word, percentComplete: l.percent });
    }
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  for (const url of ['plan', 'list'] as const) {
    it(`${url} CSV: titles a spreadsheet would take for formulas start with an apostrophe`, async () => {
      const res = await client.get(url === 'plan' ? `/plans/${planId}/export.csv` : `/actions/export.csv?service=${demId}`);
      assert.equal(res.statusCode, 200);
      const rows = rowsOf(res.body);
      const col = rows[0]!.indexOf('Action');
      assert.ok(col >= 0);
      assert.deepEqual(rows.slice(1).map((r) => r[col]), TITLES.map(([, csv]) => csv));
      // The weight is a number, not text: written as it is.
      const weight = rows[0]!.indexOf('Weight');
      assert.ok(rows.slice(1).every((r) => r[weight] === '1'), 'weights as numbers');
    });
  }

  it('the importer reads the protected cells back as the titles typed', async () => {
    const res = await client.get(`/plans/${planId}/export.csv`);
    const read = readCsv(res.body.replace(/^\uFEFF/u, ''));
    assert.equal(read.kind, 'tables');
    const rows = read.kind === 'tables' ? read.tables[0]!.rows : [];
    const col = rows[0]!.indexOf('Action');
    assert.deepEqual(rows.slice(1).map((r) => r[col]), TITLES.map(([typed]) => typed));
  });

  for (const url of ['plan', 'list'] as const) {
    it(`${url} CSV: each action's traffic light, overdue and expected % as at today`, async () => {
      const res = await client.get(url === 'plan' ? `/plans/${legPlanId}/export.csv` : '/actions/export.csv');
      assert.equal(res.statusCode, 200);
      const rows = rowsOf(res.body);
      const header = rows[0]!;
      assert.deepEqual(header.slice(-3), ['Traffic light', 'Overdue', 'Expected % complete']);
      const col = (h: string) => header.indexOf(h);
      const byTitle = new Map(rows.slice(1).map((r) => [r[col('Action')], r]));
      for (const l of LIGHTS) {
        const r = byTitle.get(l.title)!;
        assert.ok(r, l.title);
        assert.deepEqual([r[col('Traffic light')], r[col('Overdue')], r[col('Expected % complete')]], [l.light, l.overdue, l.expected], l.title);
      }
    });
  }

  it('XLSX: the same columns, the expected % a number', async () => {
    const res = await client.get(`/plans/${legPlanId}/export.xlsx`);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Actions')!;
    const header = sheet.getRow(1).values as unknown[];
    const col = (h: string) => header.indexOf(h);
    const found: [unknown, unknown, unknown][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) found.push([row.getCell(col('Action')).value, row.getCell(col('Traffic light')).value, row.getCell(col('Expected % complete')).value]);
    });
    assert.deepEqual(
      found,
      LIGHTS.map((l) => [l.title, l.light, l.expected === '' ? null : Number(l.expected)]),
    );
  });
});
