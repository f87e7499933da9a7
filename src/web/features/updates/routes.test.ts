import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCouncil, pageText, signedInClient, TEST_PASSWORD, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import type { MailMessage, Mailer } from '../../../services/mailer.ts';

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

describe('signing off several updates at once', () => {
  let t: TestApp;
  let admin: HttpClient;
  let head: HttpClient;
  let lead: Actor;
  const updates: number[] = [];
  const codes = ['DEM01', 'DEM02', 'DEM03', 'DEM04', 'DEM05'];

  before(async () => {
    t = await testApp({ clock: () => new Date('2018-10-01T09:00:00Z') });
    const s = t.services;
    const council = await createCouncil(s, { slug: 'bulk', name: 'Bulk Council', email: 'admin@bulk.gov.uk' });
    const actor = systemActor(council.tenantId);
    const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const periodId = (await s.years.get(actor, year)).periods[0]!.id;
    const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
    const leePerson = await s.organisation.createPerson(actor, { name: 'Lee Lead', email: 'lead@bulk.gov.uk', orgUnitId: dem });
    const leadId = await s.auth.createUser(council.tenantId, { email: 'lead@bulk.gov.uk', name: 'Lee Lead', role: 'lead_officer', password: TEST_PASSWORD });
    await s.auth.createUser(council.tenantId, { email: 'head@bulk.gov.uk', name: 'Hana Head', role: 'head_of_service', password: TEST_PASSWORD });
    await s.organisation.createPerson(actor, { name: 'Hana Head', email: 'head@bulk.gov.uk', orgUnitId: dem });
    lead = { tenantId: council.tenantId, userId: leadId, role: 'lead_officer' };
    await s.updateCycle.saveSettings(actor, { requireApproval: 'yes', reminderDaysBefore: '7', reportsApprovedOnly: 'yes' });
    for (const [i, code] of codes.entries()) {
      const actionId = await s.actions.create(actor, plan, { objectiveId, code, title: `Action ${i + 1}`, kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds: [leePerson] });
      updates.push(await s.progress.recordUpdate(lead, actionId, { periodId, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 50, narrative: `Update ${i + 1}.` }));
    }
    admin = await signedInClient(t.app, council.email);
    head = await signedInClient(t.app, 'head@bulk.gov.uk');
  });

  after(async () => {
    await t?.close();
  });

  const approvalOf = async (id: number) => (await t.runtime.db.kysely.selectFrom('progress_updates').select('approval').where('id', '=', id).executeTakeFirstOrThrow()).approval;
  const auditFor = async (id: number) =>
    (await t.runtime.db.kysely.selectFrom('audit_events').select(['event']).where('entity', '=', 'progress_update').where('entity_id', '=', id).where('event', 'in', ['approve', 'return']).execute()).map((r) => r.event);

  test('the queue is a table of checkboxes in one form, each with its own label', async () => {
    const page = await head.get('/updates/pending');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/updates\/bulk"/);
    for (const [i, id] of updates.entries()) {
      assert.match(page.body, new RegExp(`<input class="govuk-checkboxes__input" id="bulk-select-${id}" name="updates" type="checkbox" value="${id}">`));
      assert.match(page.body, new RegExp(`for="bulk-select-${id}"><span class="govuk-visually-hidden">Select the update for ${codes[i]}</span>`));
    }
    assert.match(page.body, /<button type="submit" value="approve" name="decision"[^>]*>\s*Approve selected\s*<\/button>/);
    assert.match(page.body, /<button type="submit" value="return" name="decision"[^>]*>\s*Return selected with comment\s*<\/button>/);
  });

  test('refuses, changing nothing: nothing selected, or a return without a comment', async () => {
    const none = await head.post('/updates/bulk', { decision: 'approve' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, new RegExp(`href="#bulk-select-${updates[0]}">Select the updates to approve or return</a>`));
    const noComment = await head.post('/updates/bulk', { updates: [String(updates[0]), String(updates[1])], decision: 'return', comment: ' ' });
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /href="#bulk-comment">Enter what needs to change<\/a>/);
    // The selection is kept for the second try.
    assert.match(noComment.body, new RegExp(`id="bulk-select-${updates[1]}" name="updates" type="checkbox" value="${updates[1]}" checked`));
    const noDecision = await head.post('/updates/bulk', { updates: [String(updates[0])] });
    assert.equal(noDecision.statusCode, 400);
    assert.match(pageText(noDecision.body), /Choose whether to approve or return the selected updates/);
    for (const id of updates) assert.equal(await approvalOf(id), 'submitted');
  });

  test('approves each selected update on its own; one decided meanwhile by someone else, and a made-up one, are reported, not lost', async () => {
    // Someone else approves DEM02 after the head of service loaded the queue.
    assert.equal((await admin.post(`/updates/${updates[1]}/approve`)).statusCode, 303);
    const res = await head.post('/updates/bulk', { updates: [String(updates[0]), String(updates[1]), String(updates[2]), '999999'], decision: 'approve' });
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    // 4 selected: DEM01 and DEM03 approved now; DEM02 was already approved (a conflict); 999999 does not exist.
    assert.match(text, /2 updates approved DEM01 Action 1 DEM03 Action 3/);
    assert.match(text, /2 updates were not approved They are unchanged\. DEM02 Action 2: This update has already been approved\. Update 999999: It no longer exists\./);
    assert.deepEqual(await Promise.all(updates.map(approvalOf)), ['approved', 'approved', 'approved', 'submitted', 'submitted']);
    // One audit entry each, as when approved one at a time (DEM02's is the administrator's).
    assert.deepEqual(await Promise.all(updates.slice(0, 3).map(auditFor)), [['approve'], ['approve'], ['approve']]);
  });

  test('returns the selected updates with one comment, each audited on its own', async () => {
    const res = await head.post('/updates/bulk', { updates: [String(updates[3]), String(updates[4])], decision: 'return', comment: 'Say which meetings.' });
    assert.equal(res.statusCode, 200);
    assert.match(pageText(res.body), /2 updates returned DEM04 Action 4 DEM05 Action 5/);
    assert.doesNotMatch(pageText(res.body), /not returned/);
    assert.deepEqual(await Promise.all(updates.slice(3).map(approvalOf)), ['returned', 'returned']);
    assert.deepEqual(await Promise.all(updates.slice(3).map(auditFor)), [['return'], ['return']]);
    const rows = await t.runtime.db.kysely.selectFrom('progress_updates').select('return_comment').where('id', 'in', updates.slice(3)).execute();
    assert.deepEqual(rows.map((r) => r.return_comment), ['Say which meetings.', 'Say which meetings.']);
    assert.match(pageText(res.body), /No updates are waiting for you to sign them off\./);
  });

  test('a lead officer cannot use it', async () => {
    const leadClient = await signedInClient(t.app, 'lead@bulk.gov.uk');
    assert.equal((await leadClient.post('/updates/bulk', { updates: [String(updates[0])], decision: 'approve' })).statusCode, 403);
    assert.equal(lead.role, 'lead_officer');
  });
});

describe('chasing the lead officers who have not updated', () => {
  let t: TestApp;
  let admin: HttpClient;
  let head: HttpClient;
  let periodId = 0;
  let secondPeriodId = 0;
  let label = '';
  const outbox: MailMessage[] = [];
  let failFor: string | null = null;
  const mailer: Mailer = {
    send: async (m) => {
      if (m.to === failFor) throw new Error('mail server said no');
      outbox.push(m);
    },
    close: () => undefined,
  };
  let clock = new Date('2018-10-01T09:00:00Z');

  before(async () => {
    t = await testApp({ clock: () => clock, mailer, publicUrl: 'https://waymark.example.gov.uk' });
    const s = t.services;
    const council = await createCouncil(s, { slug: 'chase', name: 'Chase Council', email: 'admin@chase.gov.uk' });
    const actor = systemActor(council.tenantId);
    const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    // The first half: opens for updates on 17 September 2018 and is due on 14 October 2018, so on
    // 1 October 2018 it is taking updates; the second half does not open until March 2019.
    const [first, second] = (await s.years.get(actor, year)).periods;
    if (!first || !second) throw new Error('a year in halves has two periods');
    secondPeriodId = second.id;
    periodId = first.id;
    label = first.label;
    const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
    const lee = await s.organisation.createPerson(actor, { name: 'Lee Lead', email: 'lee@chase.gov.uk', orgUnitId: dem });
    const pat = await s.organisation.createPerson(actor, { name: 'Pat Lead', email: 'pat@chase.gov.uk', orgUnitId: dem });
    const nomail = await s.organisation.createPerson(actor, { name: 'Nomail Lead', orgUnitId: dem });
    const leeId = await s.auth.createUser(council.tenantId, { email: 'lee@chase.gov.uk', name: 'Lee Lead', role: 'lead_officer', password: TEST_PASSWORD });
    await s.auth.createUser(council.tenantId, { email: 'head@chase.gov.uk', name: 'Hana Head', role: 'head_of_service', password: TEST_PASSWORD });
    const create = (code: string, leadPersonIds: number[]) => s.actions.create(actor, plan, { objectiveId, code, title: `Action ${code}`, kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds });
    const updated = await create('DEM01', [lee]);
    await create('DEM02', [lee]);
    await create('DEM03', [pat]);
    await create('DEM04', [nomail]);
    await s.progress.recordUpdate({ tenantId: council.tenantId, userId: leeId, role: 'lead_officer' }, updated, { periodId, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 50, narrative: 'Done for the half.' });
    admin = await signedInClient(t.app, council.email);
    head = await signedInClient(t.app, 'head@chase.gov.uk');
  });

  after(async () => {
    await t?.close();
  });

  test('the page says who has not updated and offers one button per period taking updates', async () => {
    const page = await admin.get('/updates/pending');
    const text = pageText(page.body);
    // DEM01 has its update; DEM02 (Lee), DEM03 (Pat) and DEM04 (a lead without an email address) do not:
    // 3 actions, 2 lead officers who can be emailed.
    assert.match(text, new RegExp(`Chase lead officers ${label.replace(/[()]/g, '\\$&')} , due 14 October 2018\\. 3 actions have no update yet, led by 2 lead officers with an email address\\.`));
    assert.match(page.body, new RegExp(`<input type="hidden" name="periodId" value="${periodId}">`));
    assert.match(text, /Email 2 lead officers for First half/);
    // Only one period is taking updates on 1 October 2018.
    assert.equal((page.body.match(/action="\/updates\/chase"/g) ?? []).length, 1);
    // A head of service sees no chase section, and may not chase.
    assert.doesNotMatch(pageText((await head.get('/updates/pending')).body), /Chase lead officers/);
    assert.equal((await head.post('/updates/chase', { periodId: String(periodId) })).statusCode, 403);
  });

  test('emails each lead officer only their actions without an update, says how many, and is audited', async () => {
    outbox.length = 0;
    const res = await admin.post('/updates/chase', { periodId: String(periodId) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/updates/pending');
    assert.match(pageText((await admin.get('/updates/pending')).body), new RegExp(`Emailed 2 lead officers who have not updated for ${label.replace(/[()]/g, '\\$&')}\\.`));
    const byRecipient = Object.fromEntries(outbox.map((m) => [m.to, m.text]));
    assert.deepEqual(Object.keys(byRecipient).sort(), ['lee@chase.gov.uk', 'pat@chase.gov.uk']);
    assert.match(byRecipient['lee@chase.gov.uk']!, /DEM02 Action DEM02/);
    assert.doesNotMatch(byRecipient['lee@chase.gov.uk']!, /DEM01/, 'not the action already updated');
    assert.match(byRecipient['pat@chase.gov.uk']!, /DEM03 Action DEM03/);
    assert.doesNotMatch(byRecipient['pat@chase.gov.uk']!, /DEM02|DEM04/);
    const audit = await t.runtime.db.kysely.selectFrom('audit_events').select(['entity', 'entity_id', 'after_json']).where('event', '=', 'chase').execute();
    assert.deepEqual(
      audit.map((a) => [a.entity, a.entity_id, JSON.parse(a.after_json ?? '{}')]),
      [['reporting_period', periodId, { sent: 2, failed: 0, to: ['lee@chase.gov.uk', 'pat@chase.gov.uk'] }]],
    );
  });

  test('a second chase within 10 minutes is refused; after that it goes, and a failed email is counted', async () => {
    outbox.length = 0;
    const again = await admin.post('/updates/chase', { periodId: String(periodId) });
    assert.equal(again.statusCode, 409);
    assert.match(pageText(again.body), /were chased less than 10 minutes ago/);
    assert.equal(outbox.length, 0);
    clock = new Date(clock.getTime() + 11 * 60_000);
    failFor = 'pat@chase.gov.uk';
    assert.equal((await admin.post('/updates/chase', { periodId: String(periodId) })).statusCode, 303);
    assert.match(pageText((await admin.get('/updates/pending')).body), /Emailed 1 lead officer who has not updated for .*\. 1 email could not be sent: try again in a few minutes\./);
    assert.deepEqual(outbox.map((m) => m.to), ['lee@chase.gov.uk']);
    failFor = null;
  });

  test('a period that does not exist or is not taking updates is refused, and nothing is sent', async () => {
    outbox.length = 0;
    assert.equal((await admin.post('/updates/chase', { periodId: '999999' })).statusCode, 404);
    assert.equal((await admin.post('/updates/chase', { periodId: 'abc' })).statusCode, 404);
    // The second half opens for updates on 18 March 2019.
    const closed = await admin.post('/updates/chase', { periodId: String(secondPeriodId) });
    assert.equal(closed.statusCode, 409);
    assert.match(pageText(closed.body), /is not taking updates now, so there is no one to chase/);
    assert.equal(outbox.length, 0);
  });
});
