import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

eachDialect('plan service', (ctx) => {
  let actor: Actor;
  let cec: number;
  let hr: number;
  let y15: number;
  let y16: number;
  let planId: number;

  before(async () => {
    const s = ctx.services;
    actor = systemActor(await s.councils.create({ slug: 'example', name: 'Example Council' }));
    const ced = await s.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CED', kind: 'directorate', parentId: null });
    cec = await s.organisation.createUnit(actor, { name: 'Communications', code: 'CEC', kind: 'service', parentId: ced });
    hr = await s.organisation.createUnit(actor, { name: 'Human Resources', code: 'HR', kind: 'service', parentId: ced });
    y15 = await s.years.create(actor, { label: '2015/16', scheme: 'quarters' });
    y16 = await s.years.create(actor, { label: '2016/17', scheme: 'halves' });
  });

  test('creates a plan for a service and year', async () => {
    const plans = ctx.services.plans;
    planId = await plans.create(actor, {
      orgUnitId: String(cec),
      planYearId: String(y15),
      title: ' Communications service improvement plan 2015/16 ',
      kind: 'service_improvement_plan',
      vision: 'Clear, timely information for every resident',
      purpose: '',
      statutoryDuties: 'Publicity code',
      areasOfFocus: undefined,
    });
    const p = await plans.get(actor, planId);
    assert.equal(p.title, 'Communications service improvement plan 2015/16');
    assert.equal(p.org_unit_id, cec);
    assert.equal(p.plan_year_id, y15);
    assert.equal(p.kind, 'service_improvement_plan');
    assert.equal(p.status, 'draft');
    assert.equal(p.vision, 'Clear, timely information for every resident');
    assert.equal(p.purpose, null);
    assert.equal(p.statutory_duties, 'Publicity code');
    assert.equal(p.areas_of_focus, null);
    assert.equal(p.version, 1);

    const list = await plans.list(actor);
    assert.equal(list.length, 1);
    assert.deepEqual(
      { ...list[0], yearStart: undefined },
      { id: planId, title: p.title, kind: p.kind, status: 'draft', orgUnitId: cec, orgCode: 'CEC', orgName: 'Communications', planYearId: y15, yearLabel: '2015/16', yearStart: undefined, objectives: 0, actions: 0 },
    );
    assert.equal(list[0]!.yearStart, '2015-04-01');
  });

  test('allows one plan per service per year', async () => {
    const plans = ctx.services.plans;
    const message = await fieldError(plans.create(actor, { orgUnitId: cec, planYearId: y15, title: 'Another', kind: 'business_plan' }), 'orgUnitId');
    assert.equal(message, 'Communications already has a plan for 2015/16');
    assert.equal((await plans.list(actor)).length, 1);
    // The same service next year, and another service this year, are fine.
    const next = await plans.create(actor, { orgUnitId: cec, planYearId: y16, title: 'Communications plan 2016/17', kind: 'business_plan' });
    const other = await plans.create(actor, { orgUnitId: hr, planYearId: y15, title: 'HR plan 2015/16', kind: 'action_plan' });
    assert.deepEqual((await plans.list(actor, { orgUnitId: cec })).map((p) => p.id).sort(), [planId, next].sort());
    assert.deepEqual((await plans.list(actor, { planYearId: y15 })).map((p) => p.id).sort(), [planId, other].sort());
    // Moving a plan onto a service and year that already has one is refused too.
    const version = (await plans.get(actor, other)).version;
    await fieldError(plans.update(actor, other, version, { orgUnitId: cec, planYearId: y15, title: 'HR plan 2015/16', kind: 'action_plan' }), 'orgUnitId');
  });

  test('checks the plan fields', async () => {
    const plans = ctx.services.plans;
    await fieldError(plans.create(actor, { orgUnitId: 999_999, planYearId: y15, title: 'X', kind: 'business_plan' }), 'orgUnitId');
    await fieldError(plans.create(actor, { orgUnitId: cec, planYearId: 999_999, title: 'X', kind: 'business_plan' }), 'planYearId');
    await fieldError(plans.create(actor, { orgUnitId: cec, planYearId: y15, title: '', kind: 'business_plan' }), 'title');
    await fieldError(plans.create(actor, { orgUnitId: cec, planYearId: y15, title: 'X', kind: 'wish_list' }), 'kind');
    await fieldError(plans.create(actor, { orgUnitId: '', planYearId: y15, title: 'X', kind: 'business_plan' }), 'orgUnitId');
  });

  test('adds strategic goals and objectives, reading a typed I.4 as 1.4', async () => {
    const plans = ctx.services.plans;
    const g1 = await plans.createGoal(actor, planId, { number: '1', title: 'Inform residents' });
    const g2 = await plans.createGoal(actor, planId, { number: '', title: 'Support councillors' });
    assert.deepEqual(await plans.goal(actor, g2).then((g) => [g.number, g.title, g.position]), [null, 'Support councillors', 2]);

    const o14 = await plans.createObjective(actor, planId, { number: 'I.4', title: 'Support councillors in their role', goalId: String(g2) });
    const o12 = await plans.createObjective(actor, planId, { number: 'l.2', title: 'Publish a residents’ newsletter', goalId: g1, why: 'Residents asked for it' });
    const loose = await plans.createObjective(actor, planId, { number: '', title: 'Review the style guide' });
    const o11 = await plans.createObjective(actor, planId, { number: ' 1.1 ', title: 'Answer press enquiries', goalId: g1 });

    assert.equal((await plans.objective(actor, o14)).number, '1.4');
    assert.equal((await plans.objective(actor, o12)).number, '1.2');
    assert.equal((await plans.objective(actor, o12)).why, 'Residents asked for it');
    assert.equal((await plans.objective(actor, loose)).number, null);
    assert.equal((await plans.objective(actor, o11)).number, '1.1');
    assert.deepEqual((await plans.objectives(actor, planId)).map((o) => o.id), [o14, o12, loose, o11]);

    await fieldError(plans.createObjective(actor, planId, { number: '1 . 5', title: 'X' }), 'number');
    await fieldError(plans.createObjective(actor, planId, { number: '1.5', title: '' }), 'title');
    await fieldError(plans.createGoal(actor, planId, { title: '' }), 'title');
    await assert.rejects(plans.createGoal(actor, 999_999, { title: 'X' }), NotFoundError);
    await assert.rejects(plans.createObjective(actor, 999_999, { title: 'X' }), NotFoundError);
  });

  test('an objective may only sit under a goal of its own plan', async () => {
    const plans = ctx.services.plans;
    const hrPlan = (await plans.list(actor)).find((p) => p.orgCode === 'HR')!;
    const hrGoal = await plans.createGoal(actor, hrPlan.id, { title: 'Recruit well' });
    assert.equal(await fieldError(plans.createObjective(actor, planId, { title: 'X', goalId: hrGoal }), 'goalId'), 'Select a strategic goal of this plan');
  });

  test('detail() groups objectives under their goals, in order', async () => {
    const d = await ctx.services.plans.detail(actor, planId);
    assert.equal(d.plan.id, planId);
    assert.equal(d.unit.code, 'CEC');
    assert.equal(d.year.label, '2015/16');
    assert.deepEqual(
      d.goals.map((g) => [g.title, g.objectives.map((o) => o.number)]),
      [
        ['Inform residents', ['1.2', '1.1']],
        ['Support councillors', ['1.4']],
      ],
    );
    assert.deepEqual(d.objectives.map((o) => o.title), ['Review the style guide']);
    assert.equal(d.actionCount, 0);
    for (const o of [...d.goals.flatMap((g) => g.objectives), ...d.objectives]) {
      assert.deepEqual([o.priorityIds, o.pledgeIds, o.actions], [[], [], []]);
    }
    const summary = (await ctx.services.plans.list(actor, { orgUnitId: cec, planYearId: y15 }))[0]!;
    assert.equal(summary.objectives, 4);
  });

  test('objectives link to the council’s corporate priorities and pledges', async () => {
    const s = ctx.services;
    await s.corporate.savePlan(actor, { title: 'Council plan 2015–2020', values: 'Fairness – treating everyone equally' });
    const p1 = await s.corporate.createPriority(actor, { title: 'A thriving economy' });
    const pledge = await s.corporate.createPledge(actor, { number: '7', text: 'Keep residents informed', priorityId: p1 });
    const o = await s.plans.createObjective(actor, planId, { number: '2.1', title: 'Open data', priorityIds: [String(p1)], pledgeIds: String(pledge) });
    const read = await s.plans.objective(actor, o);
    assert.deepEqual([read.priorityIds, read.pledgeIds], [[p1], [pledge]]);
    await fieldError(s.plans.createObjective(actor, planId, { title: 'X', priorityIds: [999_999] }), 'priorityIds');
    await fieldError(s.plans.createObjective(actor, planId, { title: 'X', pledgeIds: [999_999] }), 'pledgeIds');
    const d = await s.plans.detail(actor, planId);
    assert.deepEqual(d.objectives.find((x) => x.id === o)?.priorityIds, [p1]);
  });

  test('refuses to save over someone else’s change', async () => {
    const plans = ctx.services.plans;
    const input = { orgUnitId: cec, planYearId: y15, title: 'Communications plan (revised)', kind: 'service_improvement_plan' } as const;
    await plans.update(actor, planId, 1, input);
    assert.equal((await plans.get(actor, planId)).version, 2);
    await assert.rejects(plans.update(actor, planId, 1, { ...input, title: 'Stale edit' }), ConflictError);
    const p = await plans.get(actor, planId);
    assert.equal(p.title, 'Communications plan (revised)');
    assert.equal(p.version, 2);

    const o = (await plans.objectives(actor, planId))[0]!;
    await plans.updateObjective(actor, o.id, o.version, { number: '1.4', title: 'Support councillors well', goalId: o.goal_id });
    await assert.rejects(plans.updateObjective(actor, o.id, o.version, { number: '1.4', title: 'Stale edit', goalId: o.goal_id }), ConflictError);
    const read = await plans.objective(actor, o.id);
    assert.deepEqual([read.title, read.version], ['Support councillors well', o.version + 1]);
  });

  test('a viewer can read plans but not change them', async () => {
    const plans = ctx.services.plans;
    const viewer: Actor = { tenantId: actor.tenantId, userId: null, role: 'viewer' };
    assert.equal((await plans.detail(viewer, planId)).plan.id, planId);
    await assert.rejects(plans.create(viewer, { orgUnitId: hr, planYearId: y16, title: 'X', kind: 'business_plan' }), ForbiddenError);
    await assert.rejects(plans.update(viewer, planId, 2, { orgUnitId: cec, planYearId: y15, title: 'X', kind: 'business_plan' }), ForbiddenError);
    await assert.rejects(plans.createGoal(viewer, planId, { title: 'X' }), ForbiddenError);
    await assert.rejects(plans.createObjective(viewer, planId, { title: 'X' }), ForbiddenError);
  });

  test('records plan, goal and objective changes in the audit trail', async () => {
    const rows = await ctx.kysely
      .selectFrom('audit_events')
      .select(['entity', 'event'])
      .where('tenant_id', '=', actor.tenantId)
      .where('entity', 'in', ['service_plan', 'plan_goal', 'objective'])
      .execute();
    const count = (entity: string, event: string) => rows.filter((r) => r.entity === entity && r.event === event).length;
    const plans = await ctx.kysely.selectFrom('service_plans').select('id').where('tenant_id', '=', actor.tenantId).execute();
    const goals = await ctx.kysely.selectFrom('plan_goals').select('id').where('tenant_id', '=', actor.tenantId).execute();
    const objectives = await ctx.kysely.selectFrom('objectives').select('id').where('tenant_id', '=', actor.tenantId).execute();
    assert.equal(count('service_plan', 'create'), plans.length);
    assert.equal(count('service_plan', 'update'), 1);
    assert.equal(count('plan_goal', 'create'), goals.length);
    assert.equal(count('objective', 'create'), objectives.length);
    assert.equal(count('objective', 'update'), 1);
  });

  test('keeps each council to its own plans', async () => {
    const other = systemActor(await ctx.services.councils.create({ slug: 'other', name: 'Other Council' }));
    assert.deepEqual(await ctx.services.plans.list(other), []);
    await assert.rejects(ctx.services.plans.get(other, planId), NotFoundError);
    await assert.rejects(ctx.services.plans.detail(other, planId), NotFoundError);
    await assert.rejects(ctx.services.plans.createObjective(other, planId, { title: 'X' }), NotFoundError);
    await fieldError(ctx.services.plans.create(other, { orgUnitId: hr, planYearId: y16, title: 'X', kind: 'business_plan' }), 'orgUnitId');
  });
});
