import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

describe('plan lifecycle pages', () => {
  let t: TestApp;
  let actor: Actor;
  let lead: HttpClient;
  let head: HttpClient;
  let deputy: HttpClient;
  let admin: HttpClient;
  let planId: number;
  let objectiveId: number;
  let meetingId: number;
  let unit: number;
  let year: number;
  let headActor: Actor;
  let deputyActor: Actor;
  let teams = 0;

  type Stage = 'draft' | 'submitted' | 'published';
  /**
   * A plan of its own for each test, moved through the services to the stage the test starts from,
   * so that each test runs alone. It belongs to a new team under Democratic Services, which both
   * heads of service answer for (one plan a unit a year).
   */
  const planAt = async (stage: Stage): Promise<void> => {
    const s = t.services;
    teams++;
    const team = await s.organisation.createUnit(actor, { name: `Committee team ${teams}`, code: `DEM${teams}`, kind: 'team', parentId: String(unit) });
    planId = await s.plans.create(actor, { orgUnitId: String(team), planYearId: String(year), title: 'Democratic Services plan', kind: 'service_improvement_plan' });
    objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Paperless meetings' });
    await s.actions.create(actor, planId, { objectiveId: String(objectiveId), code: 'DEM01', title: 'Buy tablets', kind: 'one_off', dueDate: '2026-06-30' });
    if (stage === 'draft') return;
    await s.planLifecycle.submit(deputyActor, planId);
    if (stage === 'submitted') return;
    await s.planLifecycle.approve(headActor, planId, { meetingId: String(meetingId) });
    await s.planLifecycle.publish(actor, planId);
  };

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'ambridge', name: 'Ambridge District Council', email: 'admin@ambridge.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const s = t.services;
    await s.auth.createUser(c.tenantId, { email: 'lead@ambridge.example.gov.uk', name: 'Lena Lead', role: 'lead_officer', password: TEST_PASSWORD });
    headActor = { tenantId: c.tenantId, role: 'head_of_service', userId: await s.auth.createUser(c.tenantId, { email: 'head@ambridge.example.gov.uk', name: 'Hari Head', role: 'head_of_service', password: TEST_PASSWORD }) };
    deputyActor = { tenantId: c.tenantId, role: 'head_of_service', userId: await s.auth.createUser(c.tenantId, { email: 'deputy@ambridge.example.gov.uk', name: 'Dina Deputy', role: 'head_of_service', password: TEST_PASSWORD }) };
    const dept = await s.organisation.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    unit = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dept });
    year = await s.years.create(actor, { label: '2026/27', scheme: 'quarters' });
    // Both heads of service answer for Democratic Services (their people are in it).
    for (const [name, email] of [['Hari Head', 'head@ambridge.example.gov.uk'], ['Dina Deputy', 'deputy@ambridge.example.gov.uk']]) {
      await s.organisation.createPerson(actor, { name, email, orgUnitId: String(unit) });
    }
    const committee = await s.committees.createCommittee(actor, { name: 'Cabinet' });
    meetingId = await s.committees.createMeeting(actor, { committeeId: committee, date: '2026-05-14' });
    lead = await signedInClient(t.app, 'lead@ambridge.example.gov.uk');
    head = await signedInClient(t.app, 'head@ambridge.example.gov.uk');
    deputy = await signedInClient(t.app, 'deputy@ambridge.example.gov.uk');
    admin = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('shows the status as a word and offers a head of service only "Submit for approval", and a lead officer nothing', async () => {
    await planAt('draft');
    const asLead = await lead.get(`/plans/${planId}`);
    assert.equal(asLead.statusCode, 200);
    assert.match(asLead.body, /<strong class="govuk-tag govuk-tag--grey">\s*Draft\s*<\/strong>/);
    assert.doesNotMatch(asLead.body, /\/submit"/);
    assert.doesNotMatch(asLead.body, /Edit plan/);
    assert.equal((await lead.post(`/plans/${planId}/submit`)).statusCode, 403);
    const res = await deputy.get(`/plans/${planId}`);
    assert.match(res.body, new RegExp(`<form method="post" action="/plans/${planId}/submit">`));
    assert.doesNotMatch(res.body, /Approve \(choose meeting\)/);
    assert.doesNotMatch(res.body, />\s*Publish\s*</);
    const submitted = await deputy.post(`/plans/${planId}/submit`);
    assert.equal(submitted.statusCode, 303);
    assert.equal(submitted.headers.location, `/plans/${planId}`);
    const page = pageText((await deputy.get(`/plans/${planId}`)).body);
    assert.match(page, /Submitted for approval/);
    assert.doesNotMatch(page, /Submit for approval/);
  });

  it('refuses a lead officer approving with 403', async () => {
    await planAt('submitted');
    const res = await lead.post(`/plans/${planId}/approve`, { meetingId: String(meetingId) });
    assert.equal(res.statusCode, 403);
  });

  it('lets a head of service return the plan with a comment, which the plan then shows', async () => {
    await planAt('submitted');
    assert.match((await head.get(`/plans/${planId}`)).body, new RegExp(`href="/plans/${planId}/return"`));
    const form = await head.get(`/plans/${planId}/return`);
    assert.equal(form.statusCode, 200);
    const blank = await head.post(`/plans/${planId}/return`, { comment: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /href="#comment">Enter why the plan is returned to draft<\/a>/);
    const res = await head.post(`/plans/${planId}/return`, { comment: 'Add the training budget' });
    assert.equal(res.statusCode, 303);
    const page = pageText((await lead.get(`/plans/${planId}`)).body);
    assert.match(page, /Returned to draft: Add the training budget/);
    assert.equal((await deputy.post(`/plans/${planId}/submit`)).statusCode, 303);
  });

  it('lets a head of service approve at a meeting chosen from the list, then an admin publish', async () => {
    await planAt('submitted');
    const page = await head.get(`/plans/${planId}`);
    assert.match(page.body, /Approve \(choose meeting\)/);
    const form = await head.get(`/plans/${planId}/approve`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<option value="${meetingId}">Cabinet, 2026-05-14</option>`));
    const empty = await head.post(`/plans/${planId}/approve`, {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select the meeting that approved the plan, or enter the committee and date/);
    // A typed date uses the GOV.UK date boxes; an impossible one is refused and shown again as typed.
    const badDate = await head.post(`/plans/${planId}/approve`, { committee: 'Cabinet', 'approvedOn-day': '31', 'approvedOn-month': '2', 'approvedOn-year': '2026' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /href="#approvedOn-day">[^<]*[Dd]ate of approval[^<]*<\/a>/);
    assert.match(badDate.body, /id="approvedOn-day" name="approvedOn-day" type="text" value="31"/);
    const res = await head.post(`/plans/${planId}/approve`, { meetingId: String(meetingId) });
    assert.equal(res.statusCode, 303);
    const approved = pageText((await admin.get(`/plans/${planId}`)).body);
    assert.match(approved, /Approved Approved by Cabinet on 14 May 2026/);
    assert.equal((await head.post(`/plans/${planId}/publish`)).statusCode, 403);
    assert.equal((await admin.post(`/plans/${planId}/publish`)).statusCode, 303);
    assert.match(pageText((await admin.get(`/plans/${planId}`)).body), /Published/);
  });

  it('lists versions and compares version 1 with the plan after an edit', async () => {
    await planAt('published');
    assert.equal((await lead.get(`/plans/${planId}/actions/new`)).statusCode, 403);
    // The plan is published: the deputy is asked first, and answers Continue (newVersion=yes).
    assert.match(pageText((await deputy.get(`/plans/${planId}/actions/new`)).body), /Add an action to this plan\?/);
    await deputy.get(`/plans/${planId}/actions/new?newVersion=yes`);
    const added = await deputy.post(`/plans/${planId}/actions`, { objectiveId: String(objectiveId), code: 'DEM02', title: 'Train councillors', kind: 'one_off', newVersion: 'yes' });
    assert.equal(added.statusCode, 303);
    const versions = await lead.get(`/plans/${planId}/versions`);
    assert.equal(versions.statusCode, 200);
    const text = pageText(versions.body);
    assert.match(text, /Now: Draft \(version 2, not yet approved\)/);
    // When it was recorded, in words and London time, never a raw ISO timestamp.
    assert.match(text, /Version 1 Published on .* By Cabinet on 14 May 2026 By Hari Head on \d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}:\d{2}(am|pm)|midday|midnight)/);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}[T ]\d{2}:/);
    const compare = await lead.get(`/plans/${planId}/versions/compare?from=1&to=current`);
    assert.equal(compare.statusCode, 200);
    const diff = pageText(compare.body);
    assert.match(diff, /Changes from version 1 to the plan now/);
    assert.match(diff, /Actions Added DEM02 Train councillors/);
    assert.equal((await lead.get(`/plans/${planId}/versions/compare?from=9`)).statusCode, 404);
  });
});
