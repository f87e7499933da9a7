import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readCsv } from '../../../import/csv.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Issue 12: the plan and action-list exports, downloaded through the web.
// - CSV formula injection: a text cell a spreadsheet would take for a formula (= + - @, tab, CR at
//   the start) is written with a leading apostrophe, as the audit CSV does; numbers stay numbers.

const TODAY = new Date('2018-09-30T12:00:00Z');

/** The CSV body as rows of cells (without the BOM). */
const rowsOf = (body: string): string[][] => parse(body.replace(/^\uFEFF/u, ''), { relax_column_count: true }) as string[][];

describe('plan and action exports', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let planId = 0;

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

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const c = await createCouncil(t.services, { slug: 'exp', name: 'Export Council', email: 'admin@exp.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const cex = await t.services.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'halves' });
    planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objectiveId = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decisions' });
    for (const [title] of TITLES) await t.services.actions.create(actor, planId, { objectiveId, title, kind: 'ongoing', dueDate: '2019-03-31' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  for (const url of ['plan', 'list'] as const) {
    it(`${url} CSV: titles a spreadsheet would take for formulas start with an apostrophe`, async () => {
      const res = await client.get(url === 'plan' ? `/plans/${planId}/export.csv` : '/actions/export.csv');
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
});
