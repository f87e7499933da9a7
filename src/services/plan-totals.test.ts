import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { systemActor, type Actor } from './context.ts';

// The plans list's totals count only the actions the reader may see: a restricted action is left
// out for readers without access to restricted items, as it is from the plan itself.

eachDialect('plan list totals and restricted actions', (ctx) => {
  let admin: Actor;
  let councillor: Actor; // no access to restricted items
  let cleared: Actor; // a councillor given access
  let leadOfHidden: Actor; // lead officer of the restricted action, without general access
  let planId: number;
  let otherPlanId: number;

  before(async () => {
    const s = ctx.services;
    const tenantId = await s.councils.create({ slug: `totals-${ctx.dialect}`, name: 'Totals Council' });
    admin = systemActor(tenantId);
    const dir = await s.organisation.createUnit(admin, { name: 'Resources', code: 'RES', kind: 'directorate' });
    const pro = await s.organisation.createUnit(admin, { name: 'Property Services', code: 'PRO', kind: 'service', parentId: dir });
    const leg = await s.organisation.createUnit(admin, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: dir });
    const year = await s.years.create(admin, { label: '2018/19', scheme: 'halves' });
    const pat = await s.organisation.createPerson(admin, { name: 'Pat Lead', email: 'pat@totals.gov.uk' });
    planId = await s.plans.create(admin, { orgUnitId: pro, planYearId: year, title: 'Property plan', kind: 'service_improvement_plan' });
    otherPlanId = await s.plans.create(admin, { orgUnitId: leg, planYearId: year, title: 'Legal plan', kind: 'service_improvement_plan' });
    const objective = await s.plans.createObjective(admin, planId, { number: '1.1', title: 'Assets' });
    const legalObjective = await s.plans.createObjective(admin, otherPlanId, { number: '1.1', title: 'Advice' });
    const action = (plan: number, objectiveId: number, code: string, extra: Record<string, unknown> = {}) =>
      s.actions.create(admin, plan, { objectiveId, code, title: `Action ${code}`, kind: 'one_off', dueDate: '2019-03-31', ...extra });
    await action(planId, objective, 'PRO01');
    await action(planId, objective, 'PRO02');
    await action(planId, objective, 'PRO03', { restricted: 'yes', exemptParagraph: 3, leadPersonIds: [pat] });
    await action(otherPlanId, legalObjective, 'LEG01');
    const user = (email: string, name: string, role: string) => s.auth.createUser(tenantId, { email, name, role, password: 'long-enough-password' });
    councillor = { tenantId, userId: await user('cllr@totals.gov.uk', 'Cllr Aldridge', 'viewer'), role: 'viewer' };
    const clearedId = await user('cleared@totals.gov.uk', 'Cllr Cleared', 'viewer');
    await s.users.setRestrictedAccess(admin, clearedId, { restrictedAccess: 'yes' });
    cleared = { tenantId, userId: clearedId, role: 'viewer', clearance: true };
    leadOfHidden = { tenantId, userId: await user('pat@totals.gov.uk', 'Pat Lead', 'lead_officer'), role: 'lead_officer' };
  });

  const totals = async (who: Actor) => Object.fromEntries((await ctx.services.plans.list(who)).map((p) => [p.title, p.actions]));

  test('a councillor without access counts 2 of the Property plan’s 3 actions; the Legal plan is unaffected', async () => {
    // PRO01 and PRO02 are open; PRO03 is restricted. LEG01 is open.
    assert.deepEqual(await totals(councillor), { 'Property plan': 2, 'Legal plan': 1 });
  });

  test('readers who may see the restricted action count all 3', async () => {
    for (const who of [admin, cleared, leadOfHidden]) assert.deepEqual(await totals(who), { 'Property plan': 3, 'Legal plan': 1 }, who.role);
  });

  test('the total agrees with the plan the councillor can open', async () => {
    const d = await ctx.services.plans.detail(councillor, planId);
    const shown = [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions).map((a) => a.code);
    assert.deepEqual(shown.sort(), ['PRO01', 'PRO02']);
  });
});
