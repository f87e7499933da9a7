import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, csrfFrom, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Every form that changes an approved plan asks first (the plan's own fields, strategic goals,
// objectives and new actions; editing an action is in actions/new-version.test.ts): nothing changes
// until the editor says Continue, and a save posted without it is answered with the question.

describe('changing an approved plan through any of its forms', () => {
  let t: TestApp;
  let actor: Actor;
  let admin: HttpClient;
  let planId: number;
  let goalId: number;
  let objectiveId: number;
  let unitId: number;
  let yearId: number;

  const plan = () => t.runtime.db.kysely.selectFrom('service_plans').select(['status', 'draft_version', 'title']).where('id', '=', planId).executeTakeFirstOrThrow();
  const counts = async () => {
    const d = await t.services.plans.detail(actor, planId);
    const objectives = [...d.goals.flatMap((g) => g.objectives), ...d.objectives];
    return { goals: d.goals.length, objectives: objectives.length, actions: objectives.flatMap((o) => o.actions).length };
  };

  before(async () => {
    t = await testApp();
    const s = t.services;
    const c = await createCouncil(s, { slug: 'felpersham', name: 'Felpersham City Council', email: 'admin@felpersham.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const dept = await s.organisation.createUnit(actor, { name: 'Chief Executive’s Office', code: 'CEO', kind: 'directorate' });
    unitId = await s.organisation.createUnit(actor, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: dept });
    yearId = await s.years.create(actor, { label: '2026/27', scheme: 'quarters' });
    planId = await s.plans.create(actor, { orgUnitId: String(unitId), planYearId: String(yearId), title: 'Legal Services plan', kind: 'service_improvement_plan' });
    goalId = await s.plans.createGoal(actor, planId, { number: '1', title: 'Good governance' });
    objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Timely advice', goalId: String(goalId) });
    await s.actions.create(actor, planId, { objectiveId: String(objectiveId), code: 'LEG01', title: 'Review the constitution', kind: 'one_off', dueDate: '2026-11-30' });
    await s.planLifecycle.submit(actor, planId);
    await s.planLifecycle.approve(actor, planId, { committee: 'Policy and Resources Committee', approvedOn: '2026-05-14' });
    admin = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  // [the form, its question, where its save posts, what it posts, the words for what was not saved]
  const forms = (): [string, string, string, Record<string, string>, string][] => [
    [`/plans/${planId}/edit`, 'Edit this plan?', `/plans/${planId}`, { version: '1', orgUnitId: String(unitId), planYearId: String(yearId), title: 'Legal Services plan (revised)', kind: 'service_improvement_plan' }, 'the plan'],
    [`/plans/${planId}/goals/new`, 'Add a strategic goal to this plan?', `/plans/${planId}/goals`, { number: '2', title: 'Value for money' }, 'the new strategic goal'],
    [`/goals/${goalId}/edit`, 'Edit this strategic goal?', `/goals/${goalId}`, { number: '1', title: 'Open governance' }, 'the strategic goal'],
    [`/plans/${planId}/objectives/new`, 'Add an objective to this plan?', `/plans/${planId}/objectives`, { number: '1.2', title: 'Clear contracts' }, 'the new objective'],
    [`/objectives/${objectiveId}/edit`, 'Edit this objective?', `/objectives/${objectiveId}`, { version: '1', number: '1.1', title: 'Advice within ten days' }, 'the objective'],
    [`/plans/${planId}/actions/new`, 'Add an action to this plan?', `/plans/${planId}/actions`, { objectiveId: '0', code: 'LEG02', title: 'Publish a contracts register', kind: 'one_off' }, 'the new action'],
  ];

  it('asks before each form opens: approved on which date by whom, and that a new version needs approval again', async () => {
    for (const [path, question] of forms()) {
      const res = await admin.get(path);
      assert.equal(res.statusCode, 200, path);
      const text = pageText(res.body);
      assert.match(text, new RegExp(`${question.replace('?', '\\?')} `), path);
      // Approved on 14 May 2026 at version 1: the change would start version 2.
      assert.match(text, /This plan was approved on 14 May 2026 by Policy and Resources Committee\./, path);
      assert.match(text, /Changing it starts a new version \(version 2\), which will need approval again\./, path);
      assert.match(res.body, new RegExp(`<form method="get" action="${path}"`), path);
      assert.match(res.body, new RegExp(`<a class="govuk-link" href="/plans/${planId}">Cancel</a>`), path);
      assert.doesNotMatch(res.body, /name="title"/, `${path}: not the form yet`);
    }
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1, title: 'Legal Services plan' }, 'asking changes nothing');
  });

  it('keeps the query through the question (an objective chosen for a new action)', async () => {
    const res = await admin.get(`/plans/${planId}/actions/new?objective=${objectiveId}`);
    assert.match(res.body, new RegExp(`<input type="hidden" name="objective" value="${objectiveId}">`));
  });

  it('saves nothing when a change is posted without the answer, and asks again with the changes kept', async () => {
    const before = await counts();
    for (const [, question, postPath, fields, what] of forms()) {
      const res = await admin.post(postPath, fields);
      assert.equal(res.statusCode, 409, postPath);
      const text = pageText(res.body);
      assert.match(text, new RegExp(question.replace('?', '\\?')), postPath);
      assert.match(text, new RegExp(`Your changes to ${what} have not been saved yet\\.`), postPath);
      assert.match(res.body, new RegExp(`<form method="post" action="${postPath}"`), postPath);
      assert.ok(res.body.includes(`<input type="hidden" name="title" value="${fields.title}">`), `${postPath}: the typed title is kept`);
    }
    assert.deepEqual(await counts(), before, 'no goal, objective or action added');
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1, title: 'Legal Services plan' });
  });

  it('says in the import preview that importing into the approved plan starts a new version', async () => {
    const paste = ['Action code\tAction\tDue date', 'LEG03\tAgree a records retention policy\t31/01/2027'].join('\n');
    const res = await admin.post('/imports', { paste, format: 'auto', target: 'plan', planId: String(planId) });
    assert.equal(res.statusCode, 303);
    const preview = pageText((await admin.get(String(res.headers.location))).body);
    assert.match(preview, /“Legal Services plan” is approved\. Importing into it starts a new version of the plan, which will need approval again\./);
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1, title: 'Legal Services plan' }, 'a preview changes nothing');
  });

  it('Continue opens the form carrying the answer; saving starts version 2 as a draft; then no more questions', async () => {
    const form = await admin.get(`/plans/${planId}/objectives/new?newVersion=yes`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="title"/);
    assert.match(form.body, /<input type="hidden" name="newVersion" value="yes">/);
    const saved = await admin.post(`/plans/${planId}/objectives`, { number: '1.2', title: 'Clear contracts', newVersion: 'yes', _csrf: csrfFrom(form.body) });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await plan(), { status: 'draft', draft_version: 2, title: 'Legal Services plan' });
    for (const [path] of forms()) {
      const res = await admin.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.match(res.body, /name="title"/, `${path}: the form itself`);
      assert.doesNotMatch(pageText(res.body), /which will need approval again/, path);
    }
  });
});
