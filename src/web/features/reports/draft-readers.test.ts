import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor, type Actor } from '../../../services/context.ts';

// Draft committee reports are the officers' working copies. Councillors (viewers) read issued
// versions; reports not issued yet, and current drafts, only when the council ticks "Councillors can
// read draft reports" in Settings (off by default; audited).

describe('draft committee reports and councillors', () => {
  let t: TestApp;
  let actor: Actor;
  let admin: HttpClient;
  let cllr: HttpClient;
  let officer: HttpClient;
  let draftId: number;
  let issuedId: number;
  let savedChromium: string | undefined;

  before(async () => {
    savedChromium = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium-for-tests';
    t = await testApp({ clock: () => new Date('2026-11-25T12:00:00Z') });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'hollerton', name: 'Hollerton Council', email: 'admin@hollerton.example.gov.uk' });
    actor = systemActor(c.tenantId);
    await s.auth.createUser(c.tenantId, { email: 'cllr@hollerton.example.gov.uk', name: 'Cllr Tucker', role: 'viewer', password: TEST_PASSWORD });
    await s.auth.createUser(c.tenantId, { email: 'lead@hollerton.example.gov.uk', name: 'Lou Lead', role: 'lead_officer', password: TEST_PASSWORD });
    const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Legal Services', code: 'LEG', kind: 'service', parentId: dir });
    const year = await s.years.create(actor, { label: '2026/27', scheme: 'halves' });
    const plan = await s.plans.create(actor, { orgUnitId: unit, planYearId: year, title: 'Legal plan', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Sound advice' });
    await s.actions.create(actor, plan, { objectiveId, code: 'LEG01', title: 'Review the constitution', kind: 'one_off', dueDate: '2027-03-31' });
    const committee = await s.committees.createCommittee(actor, { name: 'Audit Committee' });
    const meetingId = await s.committees.createMeeting(actor, { committeeId: committee, date: '2026-12-10' });
    const base = { meetingId, template: 'half-year', asOf: '2026-09-30', planIds: [plan], restricted: 'no' };
    draftId = await s.reports.create(actor, { ...base, title: 'Legal progress (draft only)' });
    issuedId = await s.reports.create(actor, { ...base, title: 'Legal progress (issued)' });
    await s.reports.issue(actor, issuedId);
    admin = await signedInClient(t.app, c.email);
    cllr = await signedInClient(t.app, 'cllr@hollerton.example.gov.uk');
    officer = await signedInClient(t.app, 'lead@hollerton.example.gov.uk');
  });
  after(async () => {
    await t.close();
    if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = savedChromium;
  });

  const settings = (tick: boolean) =>
    admin.post('/settings', { name: 'Hollerton Council', yearStartMonth: '4', actionRoles: 'Service Provider', ...(tick ? { councillorsReadDrafts: 'yes' } : {}) });

  it('is off by default, offered on the settings page as a checkbox', async () => {
    const page = await admin.get('/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<input class="govuk-checkboxes__input" id="councillorsReadDrafts" name="councillorsReadDrafts" type="checkbox" value="yes">/);
    assert.match(pageText(page.body), /Draft committee reports .*Councillors can read draft reports/);
  });

  it('off: a councillor sees only the issued report, gets 404 for the draft, and no current draft of the issued one', async () => {
    const list = pageText((await cllr.get('/reports')).body);
    assert.match(list, /Legal progress \(issued\)/);
    assert.doesNotMatch(list, /Legal progress \(draft only\)/);
    for (const url of [`/reports/${draftId}`, `/reports/${draftId}/preview`, `/reports/${draftId}/download.html`, `/reports/${draftId}/history`]) {
      assert.equal((await cllr.get(url)).statusCode, 404, url);
    }
    const page = await cllr.get(`/reports/${issuedId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, new RegExp(`Cover report text|href="/reports/${issuedId}/preview"|href="/reports/${issuedId}/download\\.html"`));
    assert.match(page.body, new RegExp(`/reports/${issuedId}/issues/1/download.html`));
    assert.equal((await cllr.get(`/reports/${issuedId}/issues/1/download.html`)).statusCode, 200);
    for (const url of [`/reports/${issuedId}/preview`, `/reports/${issuedId}/download.html`, `/reports/${issuedId}/history`]) {
      assert.equal((await cllr.get(url)).statusCode, 404, url);
    }
    // Officers are not councillors: a lead officer still reads drafts.
    assert.equal((await officer.get(`/reports/${draftId}`)).statusCode, 200);
    assert.match(pageText((await officer.get('/reports')).body), /Legal progress \(draft only\)/);
  });

  it('on: saved from the checkbox and audited; the councillor reads drafts; off again hides them', async () => {
    const saved = await settings(true);
    assert.equal(saved.statusCode, 303);
    const row = await t.runtime.db.kysely.selectFrom('tenants').select('councillors_read_drafts').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
    assert.equal(row.councillors_read_drafts, 1);
    const events = await t.runtime.db.kysely.selectFrom('audit_events').select(['after_json']).where('entity', '=', 'council').where('event', '=', 'update').orderBy('id', 'desc').execute();
    assert.match(events[0]!.after_json ?? '', /"councillorsReadDrafts":true/);
    assert.match((await admin.get('/settings')).body, /name="councillorsReadDrafts" type="checkbox" value="yes" checked/);

    assert.match(pageText((await cllr.get('/reports')).body), /Legal progress \(draft only\)/);
    assert.equal((await cllr.get(`/reports/${draftId}`)).statusCode, 200);
    assert.equal((await cllr.get(`/reports/${draftId}/preview`)).statusCode, 200);
    assert.match((await cllr.get(`/reports/${issuedId}`)).body, new RegExp(`href="/reports/${issuedId}/preview"`));
    assert.equal((await cllr.get(`/reports/${issuedId}/history`)).statusCode, 200);

    // Unticking (the browser sends nothing for the box) turns it off again.
    assert.equal((await settings(false)).statusCode, 303);
    assert.equal((await cllr.get(`/reports/${draftId}`)).statusCode, 404);
  });
});
