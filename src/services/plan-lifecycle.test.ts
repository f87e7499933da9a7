import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ForbiddenError } from '../domain/errors.ts';
import type { PlanSnapshot } from '../domain/plan-diff.ts';
import { systemActor, type Actor } from './context.ts';

eachDialect('plan lifecycle service', (ctx) => {
  let admin: Actor;
  let lead: Actor;
  let head: Actor;
  let deputy: Actor;
  let outsider: Actor;
  let officer: Actor;
  let unit: number;
  let year: number;
  let meetingId: number;
  let planId: number;
  let objectiveId: number;
  let actionId: number;
  let teams = 0;

  const action = (title: string, dueDate: string) => ({ objectiveId: String(objectiveId), title, kind: 'one_off', dueDate });

  type Stage = 'draft' | 'submitted' | 'approved' | 'published' | 'edited';
  const STAGES: Stage[] = ['draft', 'submitted', 'approved', 'published', 'edited'];
  /**
   * A plan of its own for each test, walked to the stage the test starts from, so that each test runs
   * alone (and one failure does not fail the tests after it). It belongs to a new team under
   * Communications, which Hana Head and Dev Deputy head: one plan a unit a year.
   */
  const planAt = async (stage: Stage): Promise<void> => {
    const s = ctx.services;
    teams++;
    const team = await s.organisation.createUnit(admin, { name: `Communications team ${teams}`, code: `CEC${teams}`, kind: 'team', parentId: String(unit) });
    planId = await s.plans.create(admin, { orgUnitId: String(team), planYearId: String(year), title: 'Communications plan', kind: 'service_improvement_plan' });
    objectiveId = await s.plans.createObjective(admin, planId, { number: '1.1', title: 'Webcast meetings' });
    actionId = await s.actions.create(head, planId, action('Buy cameras', '2026-06-30'));
    const reached = (st: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(st);
    if (reached('submitted')) await s.planLifecycle.submit(deputy, planId);
    if (reached('approved')) await s.planLifecycle.approve(head, planId, { meetingId: String(meetingId) });
    if (reached('published')) await s.planLifecycle.publish(officer, planId);
    if (reached('edited')) {
      const a = await s.actions.detail(admin, actionId);
      await s.actions.update(head, actionId, a.action.version, { ...action('Buy cameras', '2026-09-30'), code: a.action.code });
      await s.actions.create(head, planId, action('Train the clerks', '2026-12-31'));
    }
  };

  before(async () => {
    const s = ctx.services;
    const tenantId = await s.councils.create({ slug: 'lifecycle', name: 'Lifecycle Council' });
    admin = systemActor(tenantId);
    const user = async (email: string, role: string): Promise<Actor> => ({ tenantId, role, userId: await s.auth.createUser(tenantId, { email, name: email.split('@')[0]!, role, password: 'long-enough-password' }) });
    lead = await user('lead@example.gov.uk', 'lead_officer');
    head = await user('head@example.gov.uk', 'head_of_service');
    deputy = await user('deputy@example.gov.uk', 'head_of_service');
    outsider = await user('legal@example.gov.uk', 'head_of_service');
    officer = await user('officer@example.gov.uk', 'performance_officer');
    const dept = await s.organisation.createUnit(admin, { name: "Chief Executive's Department", code: 'CED', kind: 'directorate', parentId: null });
    unit = await s.organisation.createUnit(admin, { name: 'Communications', code: 'CEC', kind: 'service', parentId: dept });
    const legal = await s.organisation.createUnit(admin, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: dept });
    // Heads of service answer for the unit of the person their account belongs to (matched by email).
    await s.organisation.createPerson(admin, { name: 'Hana Head', email: 'head@example.gov.uk', orgUnitId: String(unit) });
    await s.organisation.createPerson(admin, { name: 'Dev Deputy', email: 'deputy@example.gov.uk', orgUnitId: String(unit) });
    await s.organisation.createPerson(admin, { name: 'Lee Legal', email: 'legal@example.gov.uk', orgUnitId: String(legal) });
    year = await s.years.create(admin, { label: '2026/27', scheme: 'quarters' });
    const committee = await s.committees.createCommittee(admin, { name: 'Cabinet' });
    meetingId = await s.committees.createMeeting(admin, { committeeId: committee, date: '2026-05-14' });
  });

  test('lead officers neither change nor submit plans; heads of service only their own units\' plans', async () => {
    const s = ctx.services;
    await planAt('draft');
    await assert.rejects(s.actions.create(lead, planId, action('Sneak in', '2026-06-30')), ForbiddenError);
    await assert.rejects(s.planLifecycle.submit(lead, planId), ForbiddenError);
    await assert.rejects(s.actions.create(outsider, planId, action('Not my service', '2026-06-30')), (e: Error) => e instanceof ForbiddenError && /your own services/.test(e.message));
    await assert.rejects(s.plans.createObjective(outsider, planId, { number: '9.9', title: 'Not mine' }), ForbiddenError);
    await assert.rejects(s.planLifecycle.submit(outsider, planId), ForbiddenError);
    assert.equal((await s.plans.detail(outsider, planId)).mayChange, false);
    const p = await s.plans.get(admin, planId);
    await fieldError(s.plans.create(outsider, { orgUnitId: String(p.org_unit_id), planYearId: String(p.plan_year_id), title: 'Their plan', kind: 'service_improvement_plan' }), 'orgUnitId');
    assert.equal((await s.plans.detail(head, planId)).mayChange, true);
  });

  test('a head of service submits; they cannot approve their own submission, nor can a head of service of another unit', async () => {
    const s = ctx.services;
    await planAt('draft');
    await fieldError(s.planLifecycle.approve(head, planId, { meetingId: String(meetingId) }), 'status');
    await s.planLifecycle.submit(deputy, planId);
    const p = await s.plans.get(admin, planId);
    assert.equal(p.status, 'submitted');
    assert.equal(p.submitted_by_user_id, deputy.userId);
    await assert.rejects(s.planLifecycle.approve(deputy, planId, { meetingId: String(meetingId) }), (e: Error) => e instanceof ForbiddenError && /You submitted this plan/.test(e.message));
    await assert.rejects(s.planLifecycle.approve(outsider, planId, { meetingId: String(meetingId) }), (e: Error) => e instanceof ForbiddenError && /your own services/.test(e.message));
    await fieldError(s.planLifecycle.submit(deputy, planId), 'status');
  });

  test('the submitter cannot approve their own plan, whatever their role', async () => {
    const s = ctx.services;
    await planAt('submitted');
    await s.planLifecycle.returnToDraft(head, planId, { comment: 'Add the budget' });
    assert.equal((await s.plans.get(admin, planId)).return_comment, 'Add the budget');
    await fieldError(s.planLifecycle.returnToDraft(head, planId, { comment: 'Again' }), 'status');
    await s.planLifecycle.submit(officer, planId);
    await assert.rejects(s.planLifecycle.approve(officer, planId, { meetingId: String(meetingId) }), (e: Error) => e instanceof ForbiddenError && /You submitted this plan/.test(e.message));
    await fieldError(s.planLifecycle.returnToDraft(head, planId, { comment: '' }), 'comment');
  });

  test('approving needs a meeting, or a committee and date, and snapshots the plan as version 1', async () => {
    const s = ctx.services;
    await planAt('submitted');
    await fieldError(s.planLifecycle.approve(head, planId, {}), 'meetingId');
    await fieldError(s.planLifecycle.approve(head, planId, { committee: 'Cabinet' }), 'approvedOn');
    assert.equal(await s.planLifecycle.approve(head, planId, { meetingId: String(meetingId) }), 1);
    const p = await s.plans.get(admin, planId);
    assert.equal(p.status, 'approved');
    assert.equal(p.approved_committee, 'Cabinet');
    assert.equal(p.approved_on, '2026-05-14');
    const versions = await s.planLifecycle.versions(admin, planId);
    assert.deepEqual(versions.map((v) => [v.number, v.status, v.approved_committee, v.approved_on, v.createdByName]), [[1, 'approved', 'Cabinet', '2026-05-14', 'head']]);
    await assert.rejects(s.planLifecycle.publish(head, planId), ForbiddenError);
    assert.equal((await s.planLifecycle.compare(admin, planId, 1, 'current')).diff.same, true);
  });

  test('publishing marks the plan and its version published', async () => {
    const s = ctx.services;
    await planAt('approved');
    await s.planLifecycle.publish(officer, planId);
    const p = await s.plans.get(admin, planId);
    assert.equal(p.status, 'published');
    assert.match(p.published_on ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal((await s.planLifecycle.versions(admin, planId))[0]!.status, 'published');
  });

  test('editing a published plan makes it a draft of version 2 and leaves version 1 untouched', async () => {
    const s = ctx.services;
    await planAt('published');
    const row = async () => (await ctx.kysely.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('number', '=', 1).executeTakeFirstOrThrow()).snapshot_json;
    const frozen = await row();
    const a = await s.actions.detail(admin, actionId);
    await s.actions.update(head, actionId, a.action.version, { ...action('Buy cameras', '2026-09-30'), code: a.action.code });
    let p = await s.plans.get(admin, planId);
    assert.equal(p.status, 'draft');
    assert.equal(p.draft_version, 2);
    // A second edit stays on version 2.
    await s.actions.create(head, planId, action('Train the clerks', '2026-12-31'));
    p = await s.plans.get(admin, planId);
    assert.equal(p.draft_version, 2);
    assert.equal(await row(), frozen);
    const snapshot = JSON.parse(frozen) as PlanSnapshot;
    assert.deepEqual(snapshot.actions.map((x) => [x.label, x.fields.due_date]), [[a.action.code + ' Buy cameras', '2026-06-30']]);
    const audit = await ctx.kysely.selectFrom('audit_events').select('event').where('entity', '=', 'service_plan').where('entity_id', '=', planId).where('event', '=', 'new-version').execute();
    assert.equal(audit.length, 1);
  });

  test('compares version 1 with the plan now: an added action and a changed due date', async () => {
    const s = ctx.services;
    await planAt('edited');
    const { diff } = await s.planLifecycle.compare(admin, planId, 1, 'current');
    assert.deepEqual(diff.actions.added.map((x) => x.fields.title), ['Train the clerks']);
    assert.deepEqual(diff.actions.removed, []);
    assert.deepEqual(diff.actions.changed.map((c) => [c.id, c.changes]), [[actionId, [{ field: 'due_date', before: '2026-06-30', after: '2026-09-30' }]]]);
    await assert.rejects(s.planLifecycle.compare(admin, planId, 7, 'current'), /Version 7 not found/);
  });

  test('the next approval, with a committee and date typed in, becomes version 2', async () => {
    const s = ctx.services;
    await planAt('edited');
    await s.planLifecycle.submit(deputy, planId);
    assert.equal(await s.planLifecycle.approve(admin, planId, { committee: 'Scrutiny Committee', approvedOn: '2026-11-02' }), 2);
    const versions = await s.planLifecycle.versions(admin, planId);
    assert.deepEqual(versions.map((v) => [v.number, v.status, v.approved_committee, v.approved_on]), [
      [1, 'published', 'Cabinet', '2026-05-14'],
      [2, 'approved', 'Scrutiny Committee', '2026-11-02'],
    ]);
    assert.equal((await s.planLifecycle.compare(admin, planId, 1, 2)).diff.actions.added.length, 1);
  });
});
