import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCouncil, pageText, signedInClient, TEST_PASSWORD, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor, type Actor } from '../../../services/context.ts';

// The sign-off pages: /updates/pending for approvers and authors, and Settings → Update cycle.

describe('update sign-off pages', () => {
  let t: TestApp;
  let admin: HttpClient;
  let head: HttpClient;
  let leadClient: HttpClient;
  let lead: Actor;
  let periodId = 0;
  let actionId = 0;

  before(async () => {
    t = await testApp({ clock: () => new Date('2018-10-01T09:00:00Z') });
    const s = t.services;
    const council = await createCouncil(s, { slug: 'signoff', name: 'Sign-off Council', email: 'admin@signoff.gov.uk' });
    const actor = systemActor(council.tenantId);
    const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    periodId = (await s.years.get(actor, year)).periods[0]!.id;
    const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
    // The lead officer leads the action (a lead officer updates only their own actions).
    const leePerson = await s.organisation.createPerson(actor, { name: 'Lee Lead', email: 'lead@signoff.gov.uk', orgUnitId: dem });
    actionId = await s.actions.create(actor, plan, { objectiveId, code: 'DEM01', title: 'Run committee meetings', kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds: [leePerson] });
    const leadId = await s.auth.createUser(council.tenantId, { email: 'lead@signoff.gov.uk', name: 'Lee Lead', role: 'lead_officer', password: TEST_PASSWORD });
    await s.auth.createUser(council.tenantId, { email: 'head@signoff.gov.uk', name: 'Hana Head', role: 'head_of_service', password: TEST_PASSWORD });
    // The head of service answers for Democratic Services; sign-off is scoped to her units.
    await s.organisation.createPerson(actor, { name: 'Hana Head', email: 'head@signoff.gov.uk', orgUnitId: dem });
    await s.auth.createUser(council.tenantId, { email: 'viewer@signoff.gov.uk', name: 'Vic Viewer', role: 'viewer', password: TEST_PASSWORD });
    lead = { tenantId: council.tenantId, userId: leadId, role: 'lead_officer' };
    admin = await signedInClient(t.app, council.email);
    head = await signedInClient(t.app, 'head@signoff.gov.uk');
    leadClient = await signedInClient(t.app, 'lead@signoff.gov.uk');
  });

  after(async () => {
    await t?.close();
  });

  const record = (narrative: string) => t.services.progress.recordUpdate(lead, actionId, { periodId, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 50, narrative });

  test('settings: performance officers and admins change the update cycle; others are refused', async () => {
    const page = await admin.get('/settings/update-cycle');
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /Do lead officers' updates need signing off\?/);
    const bad = await admin.post('/settings/update-cycle', { requireApproval: 'yes', reminderDaysBefore: 'soon', reportsApprovedOnly: 'yes' });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Days before the due date must be a whole number from 0 to 60/);
    const saved = await admin.post('/settings/update-cycle', { requireApproval: 'yes', reminderDaysBefore: '7', reportsApprovedOnly: 'yes' });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await t.services.updateCycle.settings(lead), { requireApproval: true, reminderDaysBefore: 7, reportsApprovedOnly: true });
    assert.equal((await head.get('/settings/update-cycle')).statusCode, 403);
    assert.equal((await leadClient.post('/settings/update-cycle', { requireApproval: 'no', reminderDaysBefore: '5', reportsApprovedOnly: 'no' })).statusCode, 403);
    const viewer = await signedInClient(t.app, 'viewer@signoff.gov.uk');
    assert.equal((await viewer.get('/updates/pending')).statusCode, 403);
  });

  test('pending: a head of service returns an update with a comment, then approves the correction', async () => {
    const first = await record('First go.');
    const page = await head.get('/updates/pending');
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /To approve/);
    assert.match(text, /DEM01 Run committee meetings/);
    assert.match(text, /First go\./);
    assert.match(page.body, new RegExp(`action="/updates/${first}/approve"`));

    const blank = await head.post(`/updates/${first}/return`, { comment: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(pageText(blank.body), /Enter what needs to change/);
    const returned = await head.post(`/updates/${first}/return`, { comment: 'Add the dates of the meetings.' });
    assert.equal(returned.statusCode, 303);
    assert.equal(returned.headers.location, '/updates/pending');

    const mine = pageText((await leadClient.get('/updates/pending')).body);
    assert.match(mine, /Returned Add the dates of the meetings\./);
    assert.doesNotMatch(mine, /To approve/);

    const second = await t.services.progress.recordUpdate(lead, actionId, { periodId, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 55, narrative: 'With dates.', correctsId: first });
    // The author cannot approve it: refused, whatever the form says.
    assert.equal((await leadClient.post(`/updates/${second}/approve`)).statusCode, 403);
    assert.match(pageText((await leadClient.get('/updates/pending')).body), /Awaiting sign-off/);
    const approved = await head.post(`/updates/${second}/approve`);
    assert.equal(approved.statusCode, 303);
    const after = pageText((await head.get('/updates/pending')).body);
    assert.match(after, /Update approved/);
    assert.match(after, /No updates are waiting for you to sign them off\./);
    assert.equal((await head.post('/updates/999999/approve')).statusCode, 404);
  });
});
