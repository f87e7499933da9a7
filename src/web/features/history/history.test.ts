import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../../services/context.ts';
import { systemActor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// History pages read the audit trail back in words; the CSV export gives administrators all of it.

const TODAY = new Date('2019-07-10T12:00:00Z');

describe('history pages and the audit trail export', () => {
  let t: TestApp;
  let admin: HttpClient;
  let viewer: HttpClient;
  let officer: HttpClient;
  const ids = { plan: 0, objective: 0, action: 0, report: 0, otherPlan: 0, otherObjective: 0, otherAction: 0 };

  /** A plan with one objective and one action, for `actor`'s council. */
  const planWithAction = async (actor: Actor, code: string) => {
    const s = t.services;
    const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Democratic Services', code, kind: 'service', parentId: dir });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const plan = await s.plans.create(actor, { orgUnitId: unit, planYearId: year, title: `${code} plan 2018/19`, kind: 'service_improvement_plan' });
    const objective = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Open decision making' });
    const action = await s.actions.create(actor, plan, { objectiveId: objective, code: `18-${code}01`, title: 'Webcast council meetings', kind: 'one_off', dueDate: '2019-03-31' });
    return { plan, objective, action };
  };

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk', userName: 'Alice Admin' });
    const system = systemActor(c.tenantId);
    const alice: Actor = { tenantId: c.tenantId, userId: c.userId, role: 'admin' };
    Object.assign(ids, await planWithAction(system, 'DEM'));
    // Alice moves the due date: the edit the history must show in words.
    const { action } = await t.services.actions.detail(alice, ids.action);
    await t.services.actions.update(alice, ids.action, action.version, {
      objectiveId: ids.objective,
      code: action.code,
      title: action.title,
      kind: action.kind,
      dueDate: '2019-06-30',
    });
    const committee = await t.services.committees.createCommittee(system, { name: 'Cabinet' });
    const meetingId = await t.services.committees.createMeeting(system, { committeeId: committee, date: '2019-07-20' });
    ids.report = await t.services.reports.create(alice, { meetingId, template: 'half-year', title: 'Quarter 4 progress', asOf: '2019-03-31', planIds: [ids.plan], restricted: 'no' });

    await t.services.auth.createUser(c.tenantId, { email: 'cllr@borsetshire.example.gov.uk', name: 'Cllr Vera', role: 'viewer', password: TEST_PASSWORD });
    await t.services.auth.createUser(c.tenantId, { email: 'perf@borsetshire.example.gov.uk', name: 'Pat Performance', role: 'performance_officer', password: TEST_PASSWORD });

    const other = await t.services.councils.create({ slug: 'wessex', name: 'Wessex District Council' });
    const otherIds = await planWithAction(systemActor(other), 'WDC');
    ids.otherPlan = otherIds.plan;
    ids.otherObjective = otherIds.objective;
    ids.otherAction = otherIds.action;

    admin = await signedInClient(t.app, c.email);
    viewer = await signedInClient(t.app, 'cllr@borsetshire.example.gov.uk');
    officer = await signedInClient(t.app, 'perf@borsetshire.example.gov.uk');
  });
  after(() => t.close());

  it("shows an edit of an action's due date in words, with who made it, newest first", async () => {
    const res = await admin.get(`/actions/${ids.action}/history`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">History of this action<\/h1>/);
    const text = pageText(res.body);
    assert.match(text, /18-DEM01: Webcast council meetings/);
    assert.match(text, /Updated By Alice Admin on \d{1,2} \w+ \d{4} at \d{2}:\d{2} ?\. Due date: 31 March 2019 → changed to 30 June 2019/);
    assert.match(res.body, /<strong>Due date:<\/strong> 31 March 2019 <span aria-hidden="true">→<\/span>/);
    assert.match(text, /Created By Waymark on .* Action code: 18-DEM01 Title: Webcast council meetings/);
    assert.ok(text.indexOf('Updated By Alice Admin') < text.indexOf('Created By Waymark'), 'newest first');
    // Bookkeeping stays out of it.
    assert.doesNotMatch(text, /Version|Tenant|Created at|Updated at/);
    // The action page links to its history.
    const page = await admin.get(`/actions/${ids.action}`);
    assert.match(page.body, new RegExp(`href="/actions/${ids.action}/history"`));
  });

  it("shows a plan's, an objective's and a report's history, each linked from its page", async () => {
    const plan = await admin.get(`/plans/${ids.plan}/history`);
    assert.equal(plan.statusCode, 200);
    assert.match(pageText(plan.body), /History of this plan .* Created By Waymark .* Service: Democratic Services Plan year: 2018\/19 Title: DEM plan 2018\/19/);
    assert.match(plan.body, new RegExp(`href="/objectives/${ids.objective}/history">1.1 Open decision making</a>`));
    assert.match((await admin.get(`/plans/${ids.plan}`)).body, new RegExp(`href="/plans/${ids.plan}/history"`));

    const objective = await admin.get(`/objectives/${ids.objective}/history`);
    assert.equal(objective.statusCode, 200);
    assert.match(pageText(objective.body), /1.1 Open decision making History of this objective .* Created By Waymark/);

    const report = await admin.get(`/reports/${ids.report}/history`);
    assert.equal(report.statusCode, 200);
    assert.match(pageText(report.body), /Created By Alice Admin .* Kind of report: Half-year progress report Report on: Quarter 4 progress/);
    assert.match(pageText(report.body), /Meeting: Cabinet, 20 July 2019/);
    assert.match((await admin.get(`/reports/${ids.report}`)).body, new RegExp(`href="/reports/${ids.report}/history"`));
  });

  it("gives 404 for another council's records and for ids that do not exist", async () => {
    for (const url of [`/plans/${ids.otherPlan}/history`, `/objectives/${ids.otherObjective}/history`, `/actions/${ids.otherAction}/history`, '/reports/999999/history', '/actions/nope/history']) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /Webcast council meetings/, url);
    }
  });

  it('lets a viewer read history', async () => {
    const res = await viewer.get(`/actions/${ids.action}/history`);
    assert.equal(res.statusCode, 200);
    assert.match(pageText(res.body), /Due date: 31 March 2019 → changed to 30 June 2019/);
    assert.equal((await viewer.get(`/plans/${ids.plan}/history`)).statusCode, 200);
  });

  it('exports the whole audit trail as CSV for administrators, and refuses performance officers and viewers', async () => {
    const res = await admin.get('/settings/audit.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'at,user,entity,entity id,event,before,after');
    assert.ok(lines.length > 5, `${lines.length} lines`);
    assert.ok(lines.some((l) => l.includes(`,Alice Admin,action,${ids.action},update,`) && l.includes('""dueDate"":""2019-06-30""')), 'the due date edit, with before and after');
    assert.ok(!res.body.includes('WDC'), "no other council's events");

    const settings = await admin.get('/settings');
    assert.match(settings.body, /href="\/settings\/audit.csv"/);

    for (const [who, client] of [['performance officer', officer], ['viewer', viewer]] as const) {
      const refused = await client.get('/settings/audit.csv');
      assert.equal(refused.statusCode, 403, who);
      assert.doesNotMatch(refused.body, /dueDate/, who);
    }
    assert.doesNotMatch((await officer.get('/settings')).body, /audit.csv/);
  });
});
