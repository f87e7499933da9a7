import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import type { ActionInput } from './actions.ts';
import { makeDeps } from '../composition.ts';
import { systemActor, type Actor } from './context.ts';
import { makeServices } from './index.ts';

// Unit membership (domain/unit-membership.ts): an action belongs to a unit when its plan is the
// unit's (or a unit's under it), or one of its lead officers works in the unit (or under it). The
// case from the issue: a department writes one plan, and its services' officers lead the actions.
//
//   Chief Executive's Department (CEX)         Resources (RES)
//   ├── Electoral Services (ELE)               └── Finance (FIN)
//   │   └── Registration (REG, a team)
//   └── Democratic Services (DEM)
//
// People: Ellen (ELE), Rita (REG), Dan (DEM), Fiona (FIN), Pat (no unit).
// CEX's plan:  A1 Ellen (one-off, due 30 Jun 2018)   A2 Ellen   A3 Rita (one-off, due 31 Jul 2018)
//              A4 Dan   A5 Ellen and Dan   A6 "Chief Executive" (a job title, no person)   A7 Pat
// FIN's plan:  F1 Fiona   F2 Ellen (one-off, due 31 May 2018)
// Every other action is one-off, due 31 Mar 2019. There are no updates.
//
// Worked by hand from the rule:
//   ELE: A1 A2 A5 (Ellen), A3 (Rita, in REG under ELE), F2 (Ellen)       = 5
//   DEM: A4 A5 (Dan)                                                      = 2
//   REG: A3                                                               = 1
//   CEX: A1–A7 (its plan) and F2 (Ellen, under CEX)                       = 8
//   FIN: F1 F2 (its plan)                                                 = 2
// As at 15 August 2018 (before the first half-year ends, so nothing is yet "not updated"), A1, A3 and
// F2 are past their due dates and not complete: red and overdue, the only exceptions. So the
// exceptions of ELE are A1 A3 F2 (3), of DEM none, of CEX A1 A3 F2 (3), of FIN F2 (1).

const AS_OF = '2018-08-15';

eachDialect('unit membership', (ctx) => {
  let actor: Actor;
  const u = { cex: 0, ele: 0, reg: 0, dem: 0, res: 0, fin: 0 };

  before(async () => {
    const s = ctx.services;
    actor = systemActor(await s.councils.create({ slug: 'membership', name: 'Membership Council' }));
    const org = s.organisation;
    u.cex = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    u.ele = await org.createUnit(actor, { name: 'Electoral Services', code: 'ELE', kind: 'service', parentId: u.cex });
    u.reg = await org.createUnit(actor, { name: 'Registration', code: 'REG', kind: 'team', parentId: u.ele });
    u.dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: u.cex });
    u.res = await org.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    u.fin = await org.createUnit(actor, { name: 'Finance', code: 'FIN', kind: 'service', parentId: u.res });
    const person = (name: string, orgUnitId: number | null) => org.createPerson(actor, { name, jobTitle: 'Officer', orgUnitId });
    const ellen = await person('Ellen Evans', u.ele);
    const rita = await person('Rita Rees', u.reg);
    const dan = await person('Dan Davies', u.dem);
    const fiona = await person('Fiona Ford', u.fin);
    const pat = await person('Pat Price', null);
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const plan = async (orgUnitId: number, title: string) => {
      const id = await s.plans.create(actor, { orgUnitId, planYearId: year, title, kind: 'business_plan' });
      return { id, objective: await s.plans.createObjective(actor, id, { number: '1.1', title: 'Run the service well' }) };
    };
    const cex = await plan(u.cex, "Chief Executive's Department Business Plan 2018/19");
    const fin = await plan(u.fin, 'Finance Business Plan 2018/19');
    const add = (p: { id: number; objective: number }, code: string, f: Partial<ActionInput>) =>
      s.actions.create(actor, p.id, { objectiveId: p.objective, code, title: `Action ${code}`, kind: 'one_off', dueDate: '2019-03-31', ...f });
    await add(cex, 'A1', { leadPersonIds: [ellen], dueDate: '2018-06-30' });
    await add(cex, 'A2', { leadPersonIds: [ellen] });
    await add(cex, 'A3', { leadPersonIds: [rita], dueDate: '2018-07-31' });
    await add(cex, 'A4', { leadPersonIds: [dan] });
    await add(cex, 'A5', { leadPersonIds: [ellen, dan] });
    await add(cex, 'A6', { leads: ['Chief Executive'] });
    await add(cex, 'A7', { leadPersonIds: [pat] });
    await add(fin, 'F1', { leadPersonIds: [fiona] });
    await add(fin, 'F2', { leadPersonIds: [ellen], dueDate: '2018-05-31' });
  });

  const codes = (rows: { code: string }[]) => rows.map((r) => r.code).sort();
  const listed = async (unit: number, s = ctx.services) => codes(await s.actions.list(actor, s.actions.parseFilter({ service: String(unit) })));

  test('the action list filter counts a department plan’s actions in the services whose officers lead them', async () => {
    const cases: [string, number, string[]][] = [
      ['ELE', u.ele, ['A1', 'A2', 'A3', 'A5', 'F2']],
      ['DEM', u.dem, ['A4', 'A5']],
      ['REG', u.reg, ['A3']],
      ['CEX', u.cex, ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'F2']],
      ['FIN', u.fin, ['F1', 'F2']],
      ['RES', u.res, ['F1', 'F2']],
    ];
    // Both ways the rule is written: in memory over the year's cached actions, and in SQL (a
    // filter the cache does not serve: here, services without a listing cache).
    const sql = makeServices({ ...makeDeps(ctx.kysely), listings: undefined });
    for (const [name, id, expected] of cases) {
      assert.deepEqual(await listed(id), expected, name);
      assert.deepEqual(await listed(id, sql), expected, `${name}, in SQL`);
    }
  });

  test('the unit dashboard counts them, and so do the rows of the units under it', async () => {
    const d = ctx.services.dashboards;
    const ele = await d.unit(actor, u.ele, AS_OF);
    assert.equal(ele.rollup.total, 5);
    assert.deepEqual(codes(ele.positions.map((p) => p.action)), ['A1', 'A2', 'A3', 'A5', 'F2']);
    // Electoral Services' child row: Registration, with Rita's A3.
    assert.deepEqual(ele.children.map((c) => [c.label, c.rollup.total]), [['Registration', 1]]);
    const cex = await d.unit(actor, u.cex, AS_OF);
    assert.equal(cex.rollup.total, 8);
    // Each service's row by the same rule: ELE 5 (A1 A2 A3 A5 F2), DEM 2 (A4 A5; A5 is joint, so in both).
    assert.deepEqual(
      cex.children.map((c) => [c.label, c.rollup.total]).sort(),
      [['Democratic Services', 2], ['Electoral Services', 5]],
    );
  });

  test('the exceptions page counts them', async () => {
    const d = ctx.services.dashboards;
    const cases: [string, number, string[]][] = [
      ['ELE', u.ele, ['A1', 'A3', 'F2']],
      ['DEM', u.dem, []],
      ['CEX', u.cex, ['A1', 'A3', 'F2']],
      ['FIN', u.fin, ['F2']],
    ];
    for (const [name, id, expected] of cases) {
      const e = await d.exceptions(actor, AS_OF, { service: id });
      assert.deepEqual(codes(e.exceptions.map((p) => p.action)), expected, name);
    }
  });
});
