import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { buildRuntime, type Runtime } from '../composition.ts';
import { systemActor, type Actor } from './context.ts';
import { loadDemo } from './demo.ts';
import { EXPORT_FORMATS } from './exports.ts';

// The round trip: export each demo plan, import the file into an empty council, export that plan
// as JSON and compare it with the original plan's JSON export, field for field. Every action field
// the export carries and the latest progress must come back unchanged.

interface PlanJson {
  plan: Record<string, unknown> | null;
  objectives: { number: string | null; title: string; actions: Record<string, unknown>[] }[];
}

describe('export and import round trip', () => {
  let rt: Runtime;
  let demo: Actor;
  let plans: { id: number; orgCode: string; orgName: string; yearLabel: string; title: string }[];

  before(async () => {
    rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2026-11-25T12:00:00Z') });
    demo = systemActor((await loadDemo(rt.services)).tenantId);
    plans = await rt.services.plans.list(demo);
    assert.ok(plans.length >= 3);
  });

  after(async () => {
    await rt.close();
  });

  const json = async (actor: Actor, planId: number): Promise<PlanJson> =>
    JSON.parse((await rt.services.exports.plan(actor, planId, 'json')).body.toString('utf8')) as PlanJson;

  for (const format of EXPORT_FORMATS) {
    test(`${format}: every demo plan comes back field for field`, async () => {
      const empty = systemActor(await rt.services.councils.create({ slug: `round-${format}`, name: `Round Trip ${format}` }));
      let actions = 0;
      let updates = 0;
      let restricted = 0;
      for (const p of plans) {
        const file = await rt.services.exports.plan(demo, p.id, format);
        assert.match(file.filename, new RegExp(`\\.${format}$`));
        const out = await rt.services.imports.commit(empty, { content: file.body, filename: file.filename }, { orgCode: p.orgCode, year: p.yearLabel, newUnitName: p.orgName });
        assert.deepEqual(out.warnings, [], `${p.orgCode} ${p.yearLabel}: no warnings`);
        const original = await json(demo, p.id);
        const copy = await json(empty, out.planId);
        assert.deepEqual(copy.objectives, original.objectives, `${p.orgCode} ${p.yearLabel} objectives and actions`);
        // CSV holds the action table only; XLSX (its Plan sheet) and JSON also carry the plan's own fields.
        if (format !== 'csv') assert.deepEqual(copy.plan, original.plan, `${p.orgCode} ${p.yearLabel} plan fields`);
        // A restricted action comes back restricted, under the same paragraph of Schedule 12A.
        const exempt = (j: PlanJson) => j.objectives.flatMap((o) => o.actions).filter((a) => a.exemptParagraph !== null).map((a) => [a.code, a.exemptParagraph]);
        assert.deepEqual(exempt(copy), exempt(original), `${p.orgCode} ${p.yearLabel} restricted actions`);
        restricted += exempt(copy).length;
        actions += original.objectives.reduce((n, o) => n + o.actions.length, 0);
        updates += original.objectives.reduce((n, o) => n + o.actions.filter((a) => a.status !== null).length, 0);

        // And importing the same file again changes nothing.
        const again = await rt.services.imports.commit(empty, { content: file.body, filename: file.filename }, { orgCode: p.orgCode, year: p.yearLabel, newUnitName: p.orgName });
        assert.equal(again.actions.created + again.actions.updated, 0, `${p.orgCode} ${p.yearLabel}: second import`);
        assert.equal(again.updates.created, 0);
      }
      assert.ok(actions > 50, `${actions} actions went round`);
      assert.ok(updates > 20, `${updates} with progress`);
      assert.equal(restricted, 1, 'the demo’s restricted action went round restricted');
      const copied = (await rt.services.actions.list(empty, rt.services.actions.parseFilter({}))).filter((a) => a.exempt_paragraph !== null);
      assert.deepEqual(copied.map((a) => a.exempt_paragraph), [3], 'stored restricted, paragraph 3');
    });
  }

  test('CSV is UTF-8 with a BOM and the importer’s own headers; XLSX has typed cells and a Plan sheet', async () => {
    const p = plans.find((x) => x.orgCode === 'CEC')!;
    const csv = (await rt.services.exports.plan(demo, p.id, 'csv')).body;
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const header = csv.toString('utf8').slice(1).split('\r\n')[0]!;
    assert.match(header, /^Strategic goal,Objective number,Objective,Why,Action code,Action,/);
    assert.match(csv.toString('utf8'), /15-CEC01/);
    // The importer's columns, then the traffic light on the day of the export (issue 12), which is never read back.
    assert.match(header, /,As at,Exempt information,Traffic light,Overdue,Expected % complete$/);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    assert.equal(lines.filter((l) => l.includes(',Paragraph 3,')).length, 1, 'the restricted action, and only it, says its paragraph');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await rt.services.exports.plan(demo, p.id, 'xlsx')).body as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Actions', 'Plan']);
    const sheet = wb.getWorksheet('Actions')!;
    const dueCol = (sheet.getRow(1).values as unknown[]).indexOf('Due date');
    const due = sheet.getRow(2).getCell(dueCol).value;
    assert.ok(due instanceof Date, 'due dates are real dates');
    assert.equal(wb.getWorksheet('Plan')!.getRow(2).getCell(2).value, 'CEC');
    const exemptCol = (sheet.getRow(1).values as unknown[]).indexOf('Exempt information');
    assert.ok(exemptCol > 0);
    const exemptCells: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && exemptCells.push(row.getCell(exemptCol).value));
    assert.deepEqual(exemptCells.filter((v) => v !== null && v !== ''), ['Paragraph 3']);
  });

  test('an export by someone without access to restricted items leaves the restricted action out', async () => {
    const p = plans.find((x) => x.orgCode === 'CEC')!;
    const userId = await rt.services.auth.createUser(demo.tenantId, { email: 'po@export.example.gov.uk', name: 'Pat Officer', role: 'performance_officer', password: 'long-enough-password' });
    const officer: Actor = { tenantId: demo.tenantId, userId, role: 'performance_officer' };
    const mine = await json(officer, p.id);
    const all = await json(demo, p.id);
    const actions = (j: PlanJson) => j.objectives.flatMap((o) => o.actions);
    assert.equal(actions(mine).length, actions(all).length - 1);
    assert.ok(actions(mine).every((a) => a.exemptParagraph === null));
    assert.doesNotMatch((await rt.services.exports.plan(officer, p.id, 'csv')).body.toString('utf8'), /Paragraph \d/);
  });

  test('a filtered list of actions exports with its service and year', async () => {
    const cec = plans.find((x) => x.orgCode === 'CEC')!;
    const filter = rt.services.actions.parseFilter({ year: String((await rt.services.plans.get(demo, cec.id)).plan_year_id) });
    const file = await rt.services.exports.list(demo, filter, 'csv');
    const lines = file.body.toString('utf8').slice(1).trim().split('\r\n');
    assert.match(lines[0]!, /^Service,Plan year,Strategic goal,/);
    assert.ok(lines.slice(1).every((l) => l.includes('2015/16')));
    assert.ok(lines.some((l) => l.includes('15-CEC01')));
  });
});
