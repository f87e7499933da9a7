import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect, type DialectContext } from '../../test/support/databases.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { ActionFilterInput, ActionInput } from './actions.ts';
import { systemActor, type Actor } from './context.ts';

/** Rows in every table an action writes to, so a refused change can be shown to have written nothing. */
async function actionRowCounts(ctx: DialectContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['actions', 'action_leads', 'action_impacts', 'action_partnerships', 'action_priorities', 'action_pledges', 'audit_events'] as const) {
    const r = await ctx.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

eachDialect('action service', (ctx) => {
  let actor: Actor;
  const u = { council: 0, ced: 0, cec: 0, press: 0, hr: 0 };
  const people = { jane: 0, john: 0, amy: 0 };
  const corp = { economy: 0, jobs: 0, health: 0, pledge7: 0 };
  const plan = { cec15: 0, cec16: 0, hr15: 0 };
  const obj = { cec15: 0, cec15b: 0, cec16: 0, hr15: 0 };
  const action = (objectiveId: number, fields: Partial<ActionInput> = {}): ActionInput => ({ objectiveId, title: 'An action', kind: 'one_off', ...fields });

  before(async () => {
    const s = ctx.services;
    actor = systemActor(await s.councils.create({ slug: 'example', name: 'Example Council' }));
    const org = s.organisation;
    u.council = await org.createUnit(actor, { name: 'Example Council', code: 'EXC', kind: 'council', parentId: null });
    u.ced = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CED', kind: 'directorate', parentId: u.council });
    u.cec = await org.createUnit(actor, { name: 'Communications', code: 'CEC', kind: 'service', parentId: u.ced });
    u.press = await org.createUnit(actor, { name: 'Press Office', code: 'PRS', kind: 'team', parentId: u.cec });
    u.hr = await org.createUnit(actor, { name: 'Human Resources', code: 'HR', kind: 'service', parentId: u.council });
    people.jane = await org.createPerson(actor, { name: 'Jane Smith', jobTitle: 'Head of Communications', orgUnitId: u.cec });
    people.john = await org.createPerson(actor, { name: 'John Brown', jobTitle: 'Press Officer', orgUnitId: u.press });
    people.amy = await org.createPerson(actor, { name: 'Amy Green', jobTitle: 'Press Officer', orgUnitId: u.press });
    await s.corporate.savePlan(actor, { title: 'Council plan', values: '' });
    corp.economy = await s.corporate.createPriority(actor, { title: 'A thriving economy' });
    corp.jobs = await s.corporate.createPriority(actor, { title: 'More local jobs', parentId: corp.economy });
    corp.health = await s.corporate.createPriority(actor, { title: 'Healthy people' });
    corp.pledge7 = await s.corporate.createPledge(actor, { number: 7, text: 'Keep residents informed' });
    const y15 = await s.years.create(actor, { label: '2015/16', scheme: 'quarters' });
    const y16 = await s.years.create(actor, { label: '2016/17', scheme: 'quarters' });
    plan.cec15 = await s.plans.create(actor, { orgUnitId: u.cec, planYearId: y15, title: 'Communications 2015/16', kind: 'service_improvement_plan' });
    plan.cec16 = await s.plans.create(actor, { orgUnitId: u.cec, planYearId: y16, title: 'Communications 2016/17', kind: 'service_improvement_plan' });
    plan.hr15 = await s.plans.create(actor, { orgUnitId: u.hr, planYearId: y15, title: 'HR 2015/16', kind: 'business_plan' });
    obj.cec15 = await s.plans.createObjective(actor, plan.cec15, { number: '1.1', title: 'Inform residents', priorityIds: [corp.health] });
    obj.cec15b = await s.plans.createObjective(actor, plan.cec15, { number: '1.2', title: 'Support councillors' });
    obj.cec16 = await s.plans.createObjective(actor, plan.cec16, { number: '1.1', title: 'Inform residents' });
    obj.hr15 = await s.plans.createObjective(actor, plan.hr15, { number: '1.1', title: 'Recruit well' });
  });

  test('creates an action with every field and reads it back', async () => {
    const s = ctx.services;
    const id = await s.actions.create(actor, plan.cec15, {
      objectiveId: String(obj.cec15),
      code: ' 15-CEC05 ',
      title: 'Launch a residents’ e-newsletter',
      role: 'Enabler',
      target: '5,000 subscribers',
      outcome: 'Residents hear about services first',
      criticalSuccessFactors: 'Sign-up on every page',
      environmentalImpacts: 'Less printed paper',
      kind: 'milestone',
      startDate: '2015-4-1',
      dueDate: '2016-03-31',
      revisedDueDate: '2016-6-30',
      weight: '3',
      leads: 'jane smith\nDirector of Nowhere',
      impactedUnitIds: [String(u.hr)],
      impactsOther: 'press office\nPolice Scotland',
      partnerships: 'Community Planning Partnership\n\nTourism Forum',
      priorityIds: [String(corp.economy)],
      pledgeIds: String(corp.pledge7),
    });

    const d = await s.actions.detail(actor, id);
    const a = d.action;
    assert.equal(a.id, id);
    assert.equal(a.plan_id, plan.cec15);
    assert.equal(a.objective_id, obj.cec15);
    assert.equal(a.code, '15-CEC05');
    assert.equal(a.title, 'Launch a residents’ e-newsletter');
    assert.equal(a.role, 'Enabler');
    assert.equal(a.target, '5,000 subscribers');
    assert.equal(a.outcome, 'Residents hear about services first');
    assert.equal(a.critical_success_factors, 'Sign-up on every page');
    assert.equal(a.environmental_impacts, 'Less printed paper');
    assert.equal(a.kind, 'milestone');
    assert.equal(a.start_date, '2015-04-01');
    assert.equal(a.due_date, '2016-03-31');
    assert.equal(a.revised_due_date, '2016-06-30');
    assert.equal(a.weight, 3);
    assert.equal(a.carried_from_id, null);
    assert.equal(a.version, 1);
    assert.equal(a.position, 1);
    assert.match(a.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    assert.deepEqual(a.leads, [
      { name: 'jane smith', id: people.jane },
      { name: 'Director of Nowhere', id: null },
    ]);
    assert.deepEqual(a.impacts, [
      { name: 'Human Resources', id: u.hr },
      { name: 'Press Office', id: u.press },
      { name: 'Police Scotland', id: null },
    ]);
    assert.deepEqual(a.partnerships, ['Community Planning Partnership', 'Tourism Forum']);
    assert.deepEqual(a.priorityIds, [corp.economy]);
    assert.deepEqual(a.pledgeIds, [corp.pledge7]);
    assert.deepEqual(d.priorities, [{ id: corp.economy, title: 'A thriving economy' }]);
    assert.deepEqual(d.pledges, [{ id: corp.pledge7, number: 7, text: 'Keep residents informed' }]);
    assert.equal(d.plan.id, plan.cec15);
    assert.equal(d.unit.code, 'CEC');
    assert.equal(d.year.label, '2015/16');
    assert.equal(d.objective.id, obj.cec15);
    assert.equal(d.carriedFrom, null);

    // The plan shows it under its objective, with the same links.
    const pd = await s.plans.detail(actor, plan.cec15);
    assert.equal(pd.actionCount, 1);
    const shown = pd.objectives.find((o) => o.id === obj.cec15)!.actions;
    assert.deepEqual(shown.map((x) => [x.code, x.leads]), [['15-CEC05', a.leads]]);
  });

  test('an action carried from last year says where it came from', async () => {
    const s = ctx.services;
    const from = (await s.actions.forPlanYear(actor, 'cec', '2015/16')).actions[0]!;
    const id = await s.actions.create(actor, plan.cec16, action(obj.cec16, { title: 'Grow the e-newsletter', carriedFromId: String(from.id) }));
    assert.deepEqual((await s.actions.detail(actor, id)).carriedFrom, { id: from.id, code: '15-CEC05', yearLabel: '2015/16' });
    await fieldError(s.actions.create(actor, plan.cec16, action(obj.cec16, { carriedFromId: 999_999 })), 'carriedFromId');
  });

  test('suggests the next {yy}-{ORG}{nn} code when none is given', async () => {
    const s = ctx.services;
    // 2016/17 has one action so far, created with a suggested code.
    const first = (await s.actions.forPlanYear(actor, 'CEC', '2016/17')).actions[0]!;
    assert.equal(first.code, '16-CEC01');
    assert.equal((await s.actions.formOptions(actor, plan.cec16)).suggestedCode, '16-CEC02');
    const second = await s.actions.create(actor, plan.cec16, action(obj.cec16, { code: '  ' }));
    assert.equal((await s.actions.detail(actor, second)).action.code, '16-CEC02');
    await s.actions.create(actor, plan.cec16, action(obj.cec16, { code: '16-CEC09' }));
    const tenth = await s.actions.create(actor, plan.cec16, action(obj.cec16));
    assert.equal((await s.actions.detail(actor, tenth)).action.code, '16-CEC10');
    assert.equal((await s.actions.formOptions(actor, plan.hr15)).suggestedCode, '15-HR01');
  });

  test('refuses a code already used in the plan, and writes nothing', async () => {
    const s = ctx.services;
    const before = await actionRowCounts(ctx);
    const message = await fieldError(
      s.actions.create(actor, plan.cec15, action(obj.cec15, { code: '15-CEC05', leads: 'Jane Smith', partnerships: 'Forum', priorityIds: [corp.health], impactsOther: 'HR' })),
      'code',
    );
    assert.match(message, /Action code 15-CEC05 is already used in this plan/);
    assert.deepEqual(await actionRowCounts(ctx), before);

    // Changing another action's code to one in use is refused the same way.
    const other = await s.actions.create(actor, plan.cec15, action(obj.cec15b, { code: '15-CEC06' }));
    const afterCreate = await actionRowCounts(ctx);
    await fieldError(s.actions.update(actor, other, 1, action(obj.cec15b, { code: '15-CEC05', title: 'Changed' })), 'code');
    assert.deepEqual(await actionRowCounts(ctx), afterCreate);
    const read = (await s.actions.detail(actor, other)).action;
    assert.deepEqual([read.code, read.title, read.version], ['15-CEC06', 'An action', 1]);
    // An action keeps its own code when saved.
    await s.actions.update(actor, other, 1, action(obj.cec15b, { code: '15-CEC06', title: 'Changed' }));
    assert.equal((await s.actions.detail(actor, other)).action.title, 'Changed');
  });

  test('allows the same code in another plan', async () => {
    const s = ctx.services;
    const id = await s.actions.create(actor, plan.hr15, action(obj.hr15, { code: '15-CEC05' }));
    assert.equal((await s.actions.detail(actor, id)).action.code, '15-CEC05');
  });

  test('links a lead to a person by name or by a job title only they hold', async () => {
    const s = ctx.services;
    const id = await s.actions.create(actor, plan.hr15, action(obj.hr15, {
      code: '',
      leads: ['John Brown', 'head of communications', 'Press Officer', 'Nobody We Know'],
      leadPersonIds: [String(people.amy)],
    }));
    assert.deepEqual((await s.actions.detail(actor, id)).action.leads, [
      { name: 'Amy Green', id: people.amy },
      { name: 'John Brown', id: people.john },
      { name: 'head of communications', id: people.jane },
      // Two people are Press Officers, so that lead stays as text.
      { name: 'Press Officer', id: null },
      { name: 'Nobody We Know', id: null },
    ]);
    // The same person named twice is linked once.
    const twice = await s.actions.create(actor, plan.hr15, action(obj.hr15, { leads: ['Jane Smith', 'Head of Communications'] }));
    assert.deepEqual((await s.actions.detail(actor, twice)).action.leads, [{ name: 'Jane Smith', id: people.jane }]);
    await fieldError(s.actions.create(actor, plan.hr15, action(obj.hr15, { leadPersonIds: [999_999] })), 'leadPersonIds');
  });

  test('checks the action fields', async () => {
    const s = ctx.services;
    const before = await actionRowCounts(ctx);
    assert.equal(await fieldError(s.actions.create(actor, plan.cec15, action(obj.hr15)), 'objectiveId'), 'Select an objective of this plan');
    assert.match(await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { role: 'Cheerleader' })), 'role'), /^Select a role from the list: Community Leadership; /);
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { title: ' ' })), 'title');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { kind: 'someday' })), 'kind');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { code: '15 CEC/07!' })), 'code');
    assert.equal(await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { dueDate: '2016-02-30' })), 'dueDate'), 'Due date must be a real date');
    assert.equal(
      await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { startDate: '2016-04-01', dueDate: '2016-03-31' })), 'dueDate'),
      'Due date must be the same as or after the start date',
    );
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { weight: '0' })), 'weight');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { weight: '101' })), 'weight');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { impactedUnitIds: [999_999] })), 'impactedUnitIds');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { priorityIds: [999_999] })), 'priorityIds');
    await fieldError(s.actions.create(actor, plan.cec15, action(obj.cec15, { pledgeIds: [999_999] })), 'pledgeIds');
    await assert.rejects(s.actions.create(actor, 999_999, action(obj.cec15)), NotFoundError);
    assert.deepEqual(await actionRowCounts(ctx), before);
  });

  test('refuses to save over someone else’s change, and changes nothing', async () => {
    const s = ctx.services;
    const id = await s.actions.create(actor, plan.cec15, action(obj.cec15, { code: '15-CEC20', title: 'Original', leads: 'Jane Smith' }));
    await s.actions.update(actor, id, 1, action(obj.cec15, { code: '15-CEC20', title: 'First edit', leads: 'John Brown' }));
    const before = await actionRowCounts(ctx);
    await assert.rejects(s.actions.update(actor, id, 1, action(obj.cec15, { code: '15-CEC21', title: 'Stale edit', leads: 'Amy Green', partnerships: 'Forum' })), ConflictError);
    assert.deepEqual(await actionRowCounts(ctx), before);
    const a = (await s.actions.detail(actor, id)).action;
    assert.deepEqual([a.code, a.title, a.version, a.leads], ['15-CEC20', 'First edit', 2, [{ name: 'John Brown', id: people.john }]]);
    await assert.rejects(s.actions.update(actor, 999_999, 1, action(obj.cec15)), NotFoundError);
  });

  test('a viewer can read actions but not change them', async () => {
    const s = ctx.services;
    const viewer: Actor = { tenantId: actor.tenantId, userId: null, role: 'viewer' };
    const id = (await s.actions.forPlanYear(actor, 'CEC', '2015/16')).actions[0]!.id;
    assert.equal((await s.actions.detail(viewer, id)).action.id, id);
    const before = await actionRowCounts(ctx);
    await assert.rejects(s.actions.create(viewer, plan.cec15, action(obj.cec15)), ForbiddenError);
    await assert.rejects(s.actions.update(viewer, id, 1, action(obj.cec15, { title: 'Viewer edit' })), ForbiddenError);
    assert.deepEqual(await actionRowCounts(ctx), before);
  });

  test('writes an audit event for every change', async () => {
    const s = ctx.services;
    const editor: Actor = { tenantId: actor.tenantId, userId: null, role: 'performance_officer' };
    const id = await s.actions.create(editor, plan.cec15, action(obj.cec15, { code: '15-CEC30', title: 'Audited', leads: 'Jane Smith' }));
    await s.actions.update(editor, id, 1, action(obj.cec15, { code: '15-CEC30', title: 'Audited again' }));
    const events = await ctx.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(events.map((e) => [e.tenant_id, e.event]), [[actor.tenantId, 'create'], [actor.tenantId, 'update']]);
    assert.equal(JSON.parse(events[0]!.after_json!).title, 'Audited');
    assert.deepEqual(JSON.parse(events[0]!.after_json!).leads, [{ name: 'Jane Smith', id: people.jane }]);
    const before = JSON.parse(events[1]!.before_json!);
    assert.deepEqual([before.title, before.version, before.leads], ['Audited', 1, [{ name: 'Jane Smith', id: people.jane }]]);
    assert.equal(JSON.parse(events[1]!.after_json!).title, 'Audited again');

    // Every action in the database has its create event.
    const actions = await ctx.kysely.selectFrom('actions').select('id').execute();
    const creates = await ctx.kysely.selectFrom('audit_events').select('entity_id').where('entity', '=', 'action').where('event', '=', 'create').execute();
    assert.deepEqual(creates.map((c) => c.entity_id).sort(), actions.map((a) => a.id).sort());
  });

  test('keeps each council to its own actions', async () => {
    const s = ctx.services;
    const other = systemActor(await s.councils.create({ slug: 'other', name: 'Other Council' }));
    const id = (await s.actions.forPlanYear(actor, 'CEC', '2015/16')).actions[0]!.id;
    await assert.rejects(s.actions.detail(other, id), NotFoundError);
    await assert.rejects(s.actions.create(other, plan.cec15, action(obj.cec15)), NotFoundError);
    await assert.rejects(s.actions.update(other, id, 1, action(obj.cec15)), NotFoundError);
    await assert.rejects(s.actions.formOptions(other, plan.cec15), NotFoundError);
    assert.deepEqual(await s.actions.list(other, s.actions.parseFilter({})), []);
  });

  describe('list() filters', () => {
    let t: Actor;
    const l = { dir: 0, svc: 0, team: 0, oth: 0, y15: 0, y16: 0, pa: 0, pa1: 0, pb: 0, pledge1: 0, pledge2: 0, jane: 0, bob: 0, oa: 0 };
    const a: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5', number> = { a1: 0, a2: 0, a3: 0, a4: 0, a5: 0 };

    before(async () => {
      // A council of its own, so the other tests' actions do not get in the way.
      const s = ctx.services;
      t = systemActor(await s.councils.create({ slug: 'filters', name: 'Filter Council' }));
      const org = s.organisation;
      const council = await org.createUnit(t, { name: 'Filter Council', code: 'FC', kind: 'council', parentId: null });
      l.dir = await org.createUnit(t, { name: 'Resources', code: 'RES', kind: 'directorate', parentId: council });
      l.svc = await org.createUnit(t, { name: 'Finance', code: 'FIN', kind: 'service', parentId: l.dir });
      l.team = await org.createUnit(t, { name: 'Payroll', code: 'PAY', kind: 'team', parentId: l.svc });
      l.oth = await org.createUnit(t, { name: 'Libraries', code: 'LIB', kind: 'service', parentId: council });
      l.jane = await org.createPerson(t, { name: 'Jane Smith', jobTitle: 'Head of Finance' });
      l.bob = await org.createPerson(t, { name: 'Bob Jones', jobTitle: 'Payroll Manager' });
      await s.corporate.savePlan(t, { title: 'Council plan' });
      l.pa = await s.corporate.createPriority(t, { title: 'Strong finances' });
      l.pa1 = await s.corporate.createPriority(t, { title: 'Balanced budget', parentId: l.pa });
      l.pb = await s.corporate.createPriority(t, { title: 'Reading for all' });
      l.pledge1 = await s.corporate.createPledge(t, { number: 1, text: 'Freeze council tax' });
      l.pledge2 = await s.corporate.createPledge(t, { number: 2, text: 'Open libraries longer' });
      l.y15 = await s.years.create(t, { label: '2015/16', scheme: 'quarters' });
      l.y16 = await s.years.create(t, { label: '2016/17', scheme: 'quarters' });
      const newPlan = (orgUnitId: number, planYearId: number) => s.plans.create(t, { orgUnitId, planYearId, title: 'Plan', kind: 'business_plan' });
      const [pSvc15, pTeam15, pOth15, pSvc16] = [await newPlan(l.svc, l.y15), await newPlan(l.team, l.y15), await newPlan(l.oth, l.y15), await newPlan(l.svc, l.y16)];
      l.oa = await s.plans.createObjective(t, pSvc15, { number: '1', title: 'Objective A', priorityIds: [l.pb], pledgeIds: [l.pledge2] });
      const ob = await s.plans.createObjective(t, pSvc15, { number: '2', title: 'Objective B' });
      const oTeam = await s.plans.createObjective(t, pTeam15, { title: 'Team objective' });
      const oOth = await s.plans.createObjective(t, pOth15, { title: 'Libraries objective' });
      const oSvc16 = await s.plans.createObjective(t, pSvc16, { title: 'Next year' });
      a.a1 = await s.actions.create(t, pSvc15, action(l.oa, { title: 'a1', dueDate: '2015-06-30', leads: 'Jane Smith' }));
      a.a2 = await s.actions.create(t, pSvc15, action(ob, { title: 'a2', dueDate: '2015-12-31', revisedDueDate: '2016-02-15', leads: 'An Agency_Officer', priorityIds: [l.pa1], pledgeIds: [l.pledge1] }));
      a.a3 = await s.actions.create(t, pTeam15, action(oTeam, { title: 'a3', dueDate: '2016-03-31', leads: 'Bob Jones' }));
      a.a4 = await s.actions.create(t, pOth15, action(oOth, { title: 'a4', dueDate: '2015-09-30', leads: 'Head of Finance', priorityIds: [l.pa] }));
      a.a5 = await s.actions.create(t, pSvc16, action(oSvc16, { title: 'a5', dueDate: '2017-03-31' }));
    });

    /** The titles of the actions a filter finds (filters given as a form would send them). */
    const find = async (filter: ActionFilterInput) => {
      const rows = await ctx.services.actions.list(t, ctx.services.actions.parseFilter(filter));
      return rows.map((r) => r.title).sort();
    };

    test('no filter lists every action of the council, with its plan and links', async () => {
      assert.deepEqual(await find({}), ['a1', 'a2', 'a3', 'a4', 'a5']);
      const rows = await ctx.services.actions.list(t, ctx.services.actions.parseFilter({}));
      const a1 = rows.find((r) => r.id === a.a1)!;
      assert.deepEqual([a1.orgCode, a1.orgName, a1.yearLabel, a1.objectiveNumber, a1.objectiveTitle], ['FIN', 'Finance', '2015/16', '1', 'Objective A']);
      assert.deepEqual(a1.leads, [{ name: 'Jane Smith', id: l.jane }]);
      // Newest year first.
      assert.equal(rows[0]!.title, 'a5');
      assert.equal((await ctx.services.actions.list(t, ctx.services.actions.parseFilter({}), 2)).length, 2);
    });

    test('by service, including its teams and, for a directorate, its services', async () => {
      assert.deepEqual(await find({ service: String(l.dir) }), ['a1', 'a2', 'a3', 'a5']);
      assert.deepEqual(await find({ service: String(l.svc) }), ['a1', 'a2', 'a3', 'a5']);
      assert.deepEqual(await find({ service: String(l.team) }), ['a3']);
      assert.deepEqual(await find({ service: String(l.oth) }), ['a4']);
    });

    test('by year, and by year and service together', async () => {
      assert.deepEqual(await find({ year: String(l.y15) }), ['a1', 'a2', 'a3', 'a4']);
      assert.deepEqual(await find({ year: String(l.y16) }), ['a5']);
      assert.deepEqual(await find({ year: String(l.y15), service: String(l.svc) }), ['a1', 'a2', 'a3']);
    });

    test('by objective', async () => {
      assert.deepEqual(await find({ objective: String(l.oa) }), ['a1']);
    });

    test('by corporate priority, directly, through a sub-priority or through the objective', async () => {
      assert.deepEqual(await find({ priority: String(l.pb) }), ['a1']); // through objective A
      assert.deepEqual(await find({ priority: String(l.pa) }), ['a2', 'a4']); // a2 serves its sub-priority
      assert.deepEqual(await find({ priority: String(l.pa1) }), ['a2']);
    });

    test('by pledge, directly or through the objective', async () => {
      assert.deepEqual(await find({ pledge: String(l.pledge1) }), ['a2']);
      assert.deepEqual(await find({ pledge: String(l.pledge2) }), ['a1']);
    });

    test('by lead officer text, matching the name typed or the linked person', async () => {
      assert.deepEqual(await find({ lead: 'head of' }), ['a4']);
      // a4's lead was typed as a job title but is linked to Jane Smith.
      assert.deepEqual(await find({ lead: 'JANE' }), ['a1', 'a4']);
      assert.deepEqual(await find({ lead: 'Bob' }), ['a3']);
      assert.deepEqual(await find({ lead: 'agency_' }), ['a2']);
      // LIKE wildcards in the search are taken literally ("n_a" would match "an agency" as a pattern).
      assert.deepEqual(await find({ lead: '%' }), []);
      assert.deepEqual(await find({ lead: 'n_a' }), []);
      assert.deepEqual(await find({ lead: 'y_o' }), ['a2']);
    });

    test('by person', async () => {
      assert.deepEqual(await find({ person: String(l.jane) }), ['a1', 'a4']);
      assert.deepEqual(await find({ person: String(l.bob) }), ['a3']);
    });

    test('by due date range, using the revised due date where there is one', async () => {
      assert.deepEqual(await find({ dueFrom: '2016-1-1' }), ['a2', 'a3', 'a5']);
      assert.deepEqual(await find({ dueTo: '2015-12-31' }), ['a1', 'a4']);
      assert.deepEqual(await find({ dueFrom: '2015-07-01', dueTo: '2015-12-31' }), ['a4']);
      assert.deepEqual(await find({ dueFrom: '2016-02-15', dueTo: '2016-02-15' }), ['a2']);
      assert.deepEqual(await find({ dueFrom: '2016-03-31', dueTo: '2016-03-31' }), ['a3']);
    });

    test('filters combine', async () => {
      assert.deepEqual(await find({ service: String(l.svc), year: String(l.y15), lead: 'jane', dueTo: '2015-12-31' }), ['a1']);
      assert.deepEqual(await find({ service: String(l.oth), person: String(l.bob) }), []);
    });

    test('a bad filter is a validation error', () => {
      assert.throws(() => ctx.services.actions.parseFilter({ dueFrom: '2016-02-30' }), ValidationError);
      assert.throws(() => ctx.services.actions.parseFilter({ service: 'x' }), ValidationError);
    });
  });
});
