import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, csrfFrom, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Editing an action of an approved plan starts the plan's next version (a draft needing approval
// again). The editor is asked first; nothing changes until they say Continue.

describe('editing an action of an approved plan', () => {
  let t: TestApp;
  let actor: Actor;
  let admin: HttpClient;
  let planId: number;
  let objectiveId: number;
  let actionId: number;

  const plan = () => t.runtime.db.kysely.selectFrom('service_plans').select(['status', 'draft_version']).where('id', '=', planId).executeTakeFirstOrThrow();
  const title = async () => (await t.services.actions.detail(actor, actionId)).action.title;

  before(async () => {
    t = await testApp();
    const s = t.services;
    const c = await createCouncil(s, { slug: 'felpersham', name: 'Felpersham City Council', email: 'admin@felpersham.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const dept = await s.organisation.createUnit(actor, { name: 'Chief Executive’s Office', code: 'CEO', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Electoral Services', code: 'ELE', kind: 'service', parentId: dept });
    const year = await s.years.create(actor, { label: '2026/27', scheme: 'quarters' });
    planId = await s.plans.create(actor, { orgUnitId: String(unit), planYearId: String(year), title: 'Electoral Services plan', kind: 'service_improvement_plan' });
    objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Complete registers' });
    actionId = await s.actions.create(actor, planId, { objectiveId: String(objectiveId), code: 'ELE01', title: 'Run the annual canvass', kind: 'one_off', dueDate: '2026-12-01' });
    await s.planLifecycle.submit(actor, planId);
    await s.planLifecycle.approve(actor, planId, { committee: 'Policy and Resources Committee', approvedOn: '2026-05-14' });
    admin = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('asks first: approved on which date by whom, that a new version will need approval, Continue or Cancel', async () => {
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1 });
    const res = await admin.get(`/actions/${actionId}/edit`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    // 2026-05-14 as a GOV.UK date; the next version after version 1 is 2.
    assert.match(text, /This plan was approved on 14 May 2026 by Policy and Resources Committee\./);
    assert.match(text, /Changing it starts a new version \(version 2\), which will need approval again\./);
    assert.match(res.body, new RegExp(`<form method="get" action="/actions/${actionId}/edit"`));
    assert.match(res.body, /<input type="hidden" name="newVersion" value="yes">/);
    assert.match(res.body, new RegExp(`<a class="govuk-link" href="/actions/${actionId}">Cancel</a>`));
    assert.doesNotMatch(res.body, /name="title"/, 'not the form yet');
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1 }, 'asking changes nothing');
  });

  it('changes nothing when the edit is posted without the confirmation, and asks again keeping the changes', async () => {
    const { action } = await t.services.actions.detail(actor, actionId);
    const fields = { version: String(action.version), objectiveId: String(objectiveId), code: 'ELE01', title: 'Run the canvass online', kind: 'one_off', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026', impactedUnitIds: [] as string[] };
    const res = await admin.post(`/actions/${actionId}`, fields);
    assert.equal(res.statusCode, 409);
    assert.match(pageText(res.body), /Your changes to action ELE01 have not been saved yet\./);
    assert.match(res.body, /<input type="hidden" name="title" value="Run the canvass online">/);
    assert.equal(await title(), 'Run the annual canvass');
    assert.deepEqual(await plan(), { status: 'approved', draft_version: 1 });
    // "Continue" posts the same changes again, confirmed: saved, and the plan is a draft of version 2.
    const again = await admin.post(`/actions/${actionId}`, { ...fields, newVersion: 'yes', _csrf: csrfFrom(res.body) });
    assert.equal(again.statusCode, 303);
    assert.equal(await title(), 'Run the canvass online');
    assert.deepEqual(await plan(), { status: 'draft', draft_version: 2 });
  });

  it('once a draft again, edits go straight to the form with no question', async () => {
    const res = await admin.get(`/actions/${actionId}/edit`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="title"/);
    assert.doesNotMatch(pageText(res.body), /which will need approval again/);
  });
});

describe('editing an action of an approved plan, confirmed from the form', () => {
  let t: TestApp;
  let actor: Actor;
  let admin: HttpClient;
  let planId: number;
  let actionId: number;
  let objectiveId: number;

  before(async () => {
    t = await testApp();
    const s = t.services;
    const c = await createCouncil(s, { slug: 'borchester', name: 'Borchester Borough Council', email: 'admin@borchester.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const dept = await s.organisation.createUnit(actor, { name: 'Corporate Services', code: 'COR', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: dept });
    const year = await s.years.create(actor, { label: '2026/27', scheme: 'quarters' });
    planId = await s.plans.create(actor, { orgUnitId: String(unit), planYearId: String(year), title: 'Legal Services plan', kind: 'service_improvement_plan' });
    objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Timely advice' });
    actionId = await s.actions.create(actor, planId, { objectiveId: String(objectiveId), code: 'LEG01', title: 'Review the constitution', kind: 'one_off', dueDate: '2026-11-30' });
    await s.planLifecycle.submit(actor, planId);
    await s.planLifecycle.approve(actor, planId, { committee: 'Council', approvedOn: '2026-06-02' });
    admin = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('Continue leads to the form, which carries the confirmation; saving creates the new draft version', async () => {
    const form = await admin.get(`/actions/${actionId}/edit?newVersion=yes`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="title"/);
    assert.match(form.body, /<input type="hidden" name="newVersion" value="yes">/);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const saved = await admin.post(`/actions/${actionId}`, { version, newVersion: 'yes', objectiveId: String(objectiveId), code: 'LEG01', title: 'Review the constitution by March', kind: 'one_off', 'dueDate-day': '30', 'dueDate-month': '11', 'dueDate-year': '2026' });
    assert.equal(saved.statusCode, 303);
    const row = await t.runtime.db.kysely.selectFrom('service_plans').select(['status', 'draft_version']).where('id', '=', planId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'draft', draft_version: 2 });
    // The approved version 1 is kept as it was.
    assert.match(pageText((await admin.get(`/plans/${planId}/versions`)).body), /Version 1 .*By Council on 2 June 2026/);
  });
});
