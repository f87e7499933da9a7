import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Restricted actions and updates on the pages, and the plan forms scoped to a head of service's units.

describe('restricted items and scoped plan pages', () => {
  let t: TestApp;
  let actor: Actor;
  let officer: HttpClient; // performance officer with access to restricted items
  let plain: HttpClient; // performance officer without it
  let viewer: HttpClient;
  let head: HttpClient; // head of service of another unit
  let planId: number;
  let objectiveId: number;
  let actionId: number;
  let period: number;

  before(async () => {
    t = await testApp({ clock: () => new Date('2018-10-20T12:00:00Z') });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'restricted', name: 'Restricted District Council', email: 'admin@restricted.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const user = (email: string, name: string, role: string) => s.auth.createUser(c.tenantId, { email, name, role, password: TEST_PASSWORD });
    const officerId = await user('cleo@restricted.example.gov.uk', 'Cleo Clear', 'performance_officer');
    await s.users.setRestrictedAccess(actor, officerId, { restrictedAccess: 'yes' });
    await user('otto@restricted.example.gov.uk', 'Otto Open', 'performance_officer');
    await user('cllr@restricted.example.gov.uk', 'Cllr Vee', 'viewer');
    await user('hugo@restricted.example.gov.uk', 'Hugo Head', 'head_of_service');
    const dir = await s.organisation.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    const pro = await s.organisation.createUnit(actor, { name: 'Property Services', code: 'PRO', kind: 'service', parentId: dir });
    const leisure = await s.organisation.createUnit(actor, { name: 'Leisure', code: 'LEI', kind: 'service', parentId: dir });
    await s.organisation.createPerson(actor, { name: 'Hugo Head', email: 'hugo@restricted.example.gov.uk', orgUnitId: String(leisure) });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    period = (await s.years.get(actor, year)).periods[1]!.id;
    planId = await s.plans.create(actor, { orgUnitId: String(pro), planYearId: String(year), title: 'Property plan', kind: 'service_improvement_plan' });
    objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Assets' });
    actionId = await s.actions.create(actor, planId, { objectiveId: String(objectiveId), code: 'PRO07', title: 'Sell the depot site', kind: 'one_off', dueDate: '2019-03-31' });
    officer = await signedInClient(t.app, 'cleo@restricted.example.gov.uk');
    plain = await signedInClient(t.app, 'otto@restricted.example.gov.uk');
    viewer = await signedInClient(t.app, 'cllr@restricted.example.gov.uk');
    head = await signedInClient(t.app, 'hugo@restricted.example.gov.uk');
  });
  after(() => t.close());

  it('offers the restriction only to someone with access, and refuses a restriction without its category', async () => {
    const form = await officer.get(`/actions/${actionId}/edit`);
    assert.match(pageText(form.body), /Is this action restricted\?/);
    assert.match(form.body, /<select class="govuk-select[^"]*" id="exemptParagraph" name="exemptParagraph"/);
    const other = await plain.get(`/actions/${actionId}/edit`);
    assert.doesNotMatch(pageText(other.body), /Is this action restricted\?/);
    assert.match(other.body, /<input type="hidden" name="restricted" value="no">/);
    const { action } = await t.services.actions.detail(actor, actionId);
    const fields = { version: String(action.version), objectiveId: String(objectiveId), code: 'PRO07', title: 'Sell the depot site', kind: 'one_off', 'dueDate-day': '31', 'dueDate-month': '3', 'dueDate-year': '2019' };
    const bad = await officer.post(`/actions/${actionId}`, { ...fields, restricted: 'yes', exemptParagraph: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#exemptParagraph">Select the exempt information category the restricted action relies on<\/a>/);
    assert.equal((await t.services.actions.detail(actor, actionId)).action.exempt_paragraph, null);
    // Someone without access cannot restrict it by posting the fields anyway.
    const forged = await plain.post(`/actions/${actionId}`, { ...fields, restricted: 'yes', exemptParagraph: '3' });
    assert.equal(forged.statusCode, 400);
    assert.match(pageText(forged.body), /Only people with access to restricted items can mark an action restricted/);
    const saved = await officer.post(`/actions/${actionId}`, { ...fields, restricted: 'yes', exemptParagraph: '3' });
    assert.equal(saved.statusCode, 303);
    const page = pageText((await officer.get(`/actions/${actionId}`)).body);
    assert.match(page, /Restricted Exempt information, Paragraph 3: Information relating to the financial or business affairs/);
  });

  it('hides the restricted action from readers without access: plan page, list, export and its address', async () => {
    for (const who of [viewer, plain]) {
      assert.doesNotMatch((await who.get(`/plans/${planId}`)).body, /PRO07/);
      assert.doesNotMatch((await who.get('/actions')).body, /PRO07/);
      assert.doesNotMatch((await who.get('/actions/export.csv')).body, /PRO07/);
      assert.equal((await who.get(`/actions/${actionId}`)).statusCode, 404);
      assert.equal((await who.get(`/actions/${actionId}/history`)).statusCode, 404);
    }
    const plan = await officer.get(`/plans/${planId}`);
    assert.match(pageText(plan.body), /PRO07 Sell the depot site One-off project Restricted|Sell the depot site.*Restricted/);
  });

  it('records a restricted update, shown with its category to those who may see it', async () => {
    const form = await officer.get(`/actions/${actionId}/updates/new`);
    assert.match(pageText(form.body), /Is this update restricted\?/);
    const res = await officer.post(`/actions/${actionId}/updates`, {
      periodId: String(period),
      'asAt-day': '19',
      'asAt-month': '10',
      'asAt-year': '2018',
      statusWord: 'IN PROGRESS',
      percentComplete: '60',
      narrative: 'Two bids received.',
      restricted: 'yes',
      exemptParagraph: '3',
      seenLatestId: '0',
    });
    assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 400));
    const page = pageText((await officer.get(`/actions/${actionId}`)).body);
    assert.match(page, /Restricted update Paragraph 3/);
    assert.match(page, /Two bids received\./);
  });

  it('refuses a head of service the forms of another unit\'s plan, and shows them no edit buttons there', async () => {
    const plan = await head.get(`/plans/${planId}`);
    assert.equal(plan.statusCode, 200);
    assert.doesNotMatch(plan.body, /Edit plan|Add an objective|\/submit"/);
    for (const url of [`/plans/${planId}/edit`, `/plans/${planId}/objectives/new`, `/plans/${planId}/goals/new`, `/plans/${planId}/actions/new`, `/plans/${planId}/approve`, `/plans/${planId}/return`]) {
      const res = await head.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.match(pageText(res.body), /You can change only the plans of your own services/, url);
    }
    assert.equal((await head.post(`/plans/${planId}/objectives`, { number: '2.1', title: 'Not mine' })).statusCode, 403);
  });
});
