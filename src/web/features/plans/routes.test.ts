import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, csrfFrom, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

describe('service plan pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let ids: { directorate: number; dem: number; com: number; year: number; nextYear: number; priority: number; pledge: number };
  const planCount = async () => (await t.services.plans.list(actor)).length;
  const planIdFrom = (location: unknown) => {
    const m = /^\/plans\/(\d+)$/.exec(String(location));
    assert.ok(m, `redirected to a plan, got ${String(location)}`);
    return Number(m[1]);
  };

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const org = t.services.organisation;
    const directorate = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: directorate });
    const com = await org.createUnit(actor, { name: 'Communications', code: 'COM', kind: 'service', parentId: directorate });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const nextYear = await t.services.years.create(actor, { label: '2019/20', scheme: 'quarters' });
    await t.services.corporate.savePlan(actor, { title: 'Corporate Plan 2015–2020', values: [] });
    const priority = await t.services.corporate.createPriority(actor, { title: 'Strong local democracy' });
    const pledge = await t.services.corporate.createPledge(actor, { number: 7, text: 'We will webcast every council meeting', priorityId: priority });
    ids = { directorate, dem, com, year, nextYear, priority, pledge };
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('offers the form for a new plan', async () => {
    const res = await client.get('/plans/new');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Create a service plan<\/h1>/);
    assert.match(res.body, /<form method="post" action="\/plans" novalidate>/);
    assert.match(res.body, new RegExp(`<option value="${ids.dem}">Chief Executive&#39;s Department › Democratic Services \\(DEM\\)</option>`));
    assert.match(res.body, new RegExp(`<option value="${ids.year}">2018/19</option>`));
    assert.match(res.body, /value="service_improvement_plan" checked/);
    assert.doesNotMatch(res.body, /name="version"/);
    // Coming from a service's page, the service is chosen already.
    const preset = await client.get(`/plans/new?service=${ids.com}&year=${ids.nextYear}`);
    assert.match(preset.body, new RegExp(`<option value="${ids.com}" selected>`));
    assert.match(preset.body, new RegExp(`<option value="${ids.nextYear}" selected>2019/20</option>`));
  });

  it('refuses a plan with no title and no service, says why, echoes the values and saves nothing', async () => {
    const before = await planCount();
    const res = await client.post('/plans', { orgUnitId: '', planYearId: String(ids.year), title: '   ', kind: 'business_plan', vision: 'Kept vision text' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: /);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#orgUnitId">Select the service<\/a>/);
    assert.match(res.body, /href="#title">Enter the title<\/a>/);
    assert.match(res.body, /id="orgUnitId-error"/);
    assert.match(res.body, /id="title-error"/);
    assert.match(res.body, />Kept vision text<\/textarea>/);
    assert.match(res.body, /value="business_plan" checked/);
    assert.match(res.body, new RegExp(`<option value="${ids.year}" selected>2018/19</option>`));
    assert.equal(await planCount(), before);
  });

  it('creates a plan and shows it with its kind and narrative', async () => {
    const res = await client.post('/plans', {
      orgUnitId: String(ids.dem),
      planYearId: String(ids.year),
      title: 'Democratic Services Improvement Plan 2018/19',
      kind: 'service_improvement_plan',
      vision: 'Open and accountable decision making.',
      purpose: 'We support councillors and run elections.',
      statutoryDuties: 'Electoral registration\nLocal Government Act 1972',
      areasOfFocus: 'Paperless committee meetings.',
    });
    assert.equal(res.statusCode, 303);
    const id = planIdFrom(res.headers.location);
    const view = await client.get(`/plans/${id}`);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(view.body, /<h1 class="govuk-heading-l">Democratic Services Improvement Plan 2018\/19<\/h1>/);
    assert.match(text, /Plan created/);
    assert.match(text, /Democratic Services · 2018\/19/);
    assert.match(text, /Kind Service improvement plan/);
    assert.match(text, /Plan year 2018\/19 \(1 April 2018 to 31 March 2019\)/);
    assert.match(view.body, /<h2 class="govuk-heading-m">Vision<\/h2><p class="govuk-body">Open and accountable decision making\.<\/p>/);
    assert.match(view.body, /<h2 class="govuk-heading-m">Purpose<\/h2><p class="govuk-body">We support councillors and run elections\.<\/p>/);
    assert.match(view.body, /<h2 class="govuk-heading-m">Statutory responsibilities<\/h2><p class="govuk-body">Electoral registration<br>Local Government Act 1972<\/p>/);
    assert.match(view.body, /<h2 class="govuk-heading-m">Areas of focus for next year<\/h2><p class="govuk-body">Paperless committee meetings\.<\/p>/);
    assert.match(text, /This plan has no objectives yet/);
    // The flash is shown once.
    assert.doesNotMatch(pageText((await client.get(`/plans/${id}`)).body), /Plan created/);
  });

  it('lists plans, filtered by year and by service', async () => {
    await t.services.plans.create(actor, { orgUnitId: ids.com, planYearId: ids.year, title: 'Communications Business Plan', kind: 'business_plan' });
    await t.services.plans.create(actor, { orgUnitId: ids.dem, planYearId: ids.nextYear, title: 'Democratic Services Plan 2019/20', kind: 'action_plan' });
    const titles = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/plans\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();

    const all = await client.get('/plans');
    assert.equal(all.statusCode, 200);
    assert.deepEqual(titles(all.body), ['Communications Business Plan', 'Democratic Services Improvement Plan 2018/19', 'Democratic Services Plan 2019/20']);
    assert.match(all.body, /3 plans<\/caption>/);
    assert.match(pageText(all.body), /Communications Business Plan Communications \(COM\) 2018\/19 Business plan 0 0/);

    const byYear = await client.get(`/plans?year=${ids.nextYear}`);
    assert.deepEqual(titles(byYear.body), ['Democratic Services Plan 2019/20']);
    assert.match(byYear.body, new RegExp(`<option value="${ids.nextYear}" selected>2019/20</option>`));

    const byService = await client.get(`/plans?service=${ids.dem}`);
    assert.deepEqual(titles(byService.body), ['Democratic Services Improvement Plan 2018/19', 'Democratic Services Plan 2019/20']);

    const both = await client.get(`/plans?service=${ids.com}&year=${ids.year}`);
    assert.deepEqual(titles(both.body), ['Communications Business Plan']);
    assert.match(both.body, /1 plan<\/caption>/);

    const none = await client.get(`/plans?service=${ids.com}&year=${ids.nextYear}`);
    assert.deepEqual(titles(none.body), []);
    assert.match(none.body, /No plans match\./);

    const bad = await client.get('/plans?year=abc');
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Select a valid plan year/);
  });

  it('refuses a second plan for the same service and year', async () => {
    const before = await planCount();
    const res = await client.post('/plans', { orgUnitId: String(ids.dem), planYearId: String(ids.year), title: 'Another plan', kind: 'business_plan' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#orgUnitId">Democratic Services already has a plan for 2018\/19<\/a>/);
    assert.match(res.body, /value="Another plan"/);
    assert.equal(await planCount(), before);
  });

  it('edits a plan through its form, carrying the version', async () => {
    const id = (await t.services.plans.list(actor, { orgUnitId: ids.com, planYearId: ids.year }))[0]!.id;
    const edit = await client.get(`/plans/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<h1 class="govuk-heading-l">Edit plan<\/h1>/);
    assert.match(edit.body, new RegExp(`action="/plans/${id}"`));
    assert.match(edit.body, /value="Communications Business Plan"/);
    assert.match(edit.body, /value="business_plan" checked/);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1];
    assert.ok(version, 'a hidden version');

    const res = await client.post(`/plans/${id}`, { version, orgUnitId: String(ids.com), planYearId: String(ids.year), title: 'Communications Plan 2018/19', kind: 'action_plan', vision: 'Clear messages.' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/plans/${id}`);
    const view = pageText((await client.get(`/plans/${id}`)).body);
    assert.match(view, /Plan saved/);
    assert.match(view, /Communications Plan 2018\/19/);
    assert.match(view, /Kind Action plan/);
    assert.match(view, /Vision Clear messages\./);

    const again = await client.get(`/plans/${id}/edit`);
    assert.notEqual(/name="version" value="(\d+)"/.exec(again.body)?.[1], version, 'the version moves on');
    assert.match(again.body, /value="Communications Plan 2018\/19"/);

    // A bad edit is refused and nothing changes.
    const newVersion = /name="version" value="(\d+)"/.exec(again.body)?.[1];
    const blank = await client.post(`/plans/${id}`, { version: newVersion, orgUnitId: String(ids.com), planYearId: String(ids.year), title: '', kind: 'action_plan' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /href="#title">Enter the title<\/a>/);
    assert.equal((await t.services.plans.get(actor, id)).title, 'Communications Plan 2018/19');
  });

  it('detects a stale edit: the second save with the same version gets 409 and the first save is kept', async () => {
    const id = (await t.services.plans.list(actor, { orgUnitId: ids.dem, planYearId: ids.nextYear }))[0]!.id;
    const edit = await client.get(`/plans/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1];
    assert.ok(version);
    const base = { version, orgUnitId: String(ids.dem), planYearId: String(ids.nextYear), kind: 'action_plan' };
    const first = await client.post(`/plans/${id}`, { ...base, title: 'First save wins' });
    assert.equal(first.statusCode, 303);
    const second = await client.post(`/plans/${id}`, { ...base, title: 'Second save loses' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /There is a problem/);
    assert.match(pageText(second.body), /Someone else saved a change to this plan after you opened it\. Your changes have not been saved/);
    assert.match(second.body, /value="Second save loses"/, 'what they typed is still in front of them');
    assert.equal((await t.services.plans.get(actor, id)).title, 'First save wins');
    assert.match(pageText((await client.get(`/plans/${id}`)).body), /First save wins/);
  });

  it('adds strategic goals and objectives, and shows them with their links', async () => {
    const id = (await t.services.plans.list(actor, { orgUnitId: ids.dem, planYearId: ids.year }))[0]!.id;
    const goalForm = await client.get(`/plans/${id}/goals/new`);
    assert.equal(goalForm.statusCode, 200);
    assert.match(goalForm.body, /<h1 class="govuk-heading-l">Add a strategic goal<\/h1>/);
    const goal = await client.post(`/plans/${id}/goals`, { number: '1', title: 'Good governance' });
    assert.equal(goal.statusCode, 303);
    assert.equal(goal.headers.location, `/plans/${id}`);
    let view = await client.get(`/plans/${id}`);
    assert.match(view.body, /<h2 class="govuk-heading-l" id="goal-\d+-heading">Strategic goal 1: Good governance<\/h2>/);
    assert.match(pageText(view.body), /Strategic goal added/);
    const blankGoal = await client.post(`/plans/${id}/goals`, { number: '2', title: '' });
    assert.equal(blankGoal.statusCode, 400);
    assert.match(blankGoal.body, /href="#title">Enter the strategic goal<\/a>/);
    assert.equal((await t.services.plans.detail(actor, id)).goals.length, 1);
    const goalId = Number(/id="goal-(\d+)"/.exec(view.body)?.[1]);
    assert.ok(goalId > 0);

    const objForm = await client.get(`/plans/${id}/objectives/new?goal=${goalId}`);
    assert.equal(objForm.statusCode, 200);
    assert.match(objForm.body, new RegExp(`<option value="${goalId}" selected>1\\. Good governance</option>`));
    assert.match(objForm.body, new RegExp(`name="priorityIds" type="checkbox" value="${ids.priority}"`));
    assert.match(objForm.body, /Pledge 7: We will webcast every council meeting/);

    const res = await client.post(`/plans/${id}/objectives`, {
      number: 'I.4',
      title: 'Support councillors in their role',
      why: 'So that decisions are well informed.',
      goalId: String(goalId),
      priorityIds: [String(ids.priority)],
      pledgeIds: [String(ids.pledge)],
    });
    assert.equal(res.statusCode, 303);
    const objectiveId = Number(new RegExp(`^/plans/${id}#objective-(\\d+)$`).exec(String(res.headers.location))?.[1]);
    assert.ok(objectiveId > 0, String(res.headers.location));

    view = await client.get(`/plans/${id}`);
    const text = pageText(view.body);
    assert.match(view.body, new RegExp(`<h3 class="govuk-heading-s" id="objective-${objectiveId}-heading">1\\.4 Support councillors in their role</h3>`));
    assert.doesNotMatch(text, /I\.4/);
    assert.match(view.body, /<p class="govuk-body"><strong>Why:<\/strong> So that decisions are well informed\.<\/p>/);
    assert.match(view.body, new RegExp(`Corporate priorities: <a class="govuk-link" href="/actions\\?priority=${ids.priority}">Strong local democracy</a>`));
    assert.match(view.body, new RegExp(`Pledges: <a class="govuk-link" href="/actions\\?pledge=${ids.pledge}">7</a>`));
    assert.match(text, /No actions yet\./);
    const o = await t.services.plans.objective(actor, objectiveId);
    assert.equal(o.number, '1.4');
    assert.equal(o.goal_id, goalId);
    assert.deepEqual(o.priorityIds, [ids.priority]);
    assert.deepEqual(o.pledgeIds, [ids.pledge]);
  });

  it('refuses a blank objective and saves nothing', async () => {
    const id = (await t.services.plans.list(actor, { orgUnitId: ids.dem, planYearId: ids.year }))[0]!.id;
    const before = (await t.services.plans.objectives(actor, id)).length;
    const res = await client.post(`/plans/${id}/objectives`, { number: '2.1', title: '  ', why: 'Kept why' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#title">Enter the objective<\/a>/);
    assert.match(res.body, /value="2\.1"/);
    assert.match(res.body, />Kept why<\/textarea>/);
    const badNumber = await client.post(`/plans/${id}/objectives`, { number: '1 . 2!', title: 'Something' });
    assert.equal(badNumber.statusCode, 400);
    assert.match(badNumber.body, /href="#number">Number must be like 1\.1<\/a>/);
    const foreignPriority = await client.post(`/plans/${id}/objectives`, { title: 'Something', priorityIds: ['99999'] });
    assert.equal(foreignPriority.statusCode, 400);
    assert.match(foreignPriority.body, /Select valid corporate priorities/);
    assert.equal((await t.services.plans.objectives(actor, id)).length, before);
  });

  it("shows an objective's actions in the council's action-plan table", async () => {
    const planId = (await t.services.plans.list(actor, { orgUnitId: ids.dem, planYearId: ids.year }))[0]!.id;
    const objectiveId = (await t.services.plans.objectives(actor, planId))[0]!.id;
    await t.services.actions.create(actor, planId, {
      objectiveId,
      title: 'Webcast full council meetings',
      role: 'Community Leadership',
      target: 'All meetings webcast',
      kind: 'one_off',
      dueDate: '2019-03-31',
      revisedDueDate: '2019-06-30',
      leads: ['Head of Democratic Services'],
      impactsOther: ['ICT'],
      partnerships: ['Community Strategy'],
    });
    // Progress is shown as at a chosen date: this action has no update in the period open then.
    const view = await client.get(`/plans/${planId}?asOf=2018-10-01`);
    assert.equal(view.statusCode, 200);
    const headers = [...view.body.matchAll(/<th scope="col" class="govuk-table__header[^"]*">([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(headers, ['Action code', 'Action', 'Role', 'Description', 'Due date', 'Lead officer', 'Impacts on other services', 'Partnership links', 'Progress']);
    const row = pageText(/<tr class="govuk-table__row" id="action-\d+">[\s\S]*?<\/tr>/.exec(view.body)?.[0] ?? '');
    assert.equal(
      row,
      '18-DEM01 Webcast full council meetings One-off project Community Leadership Target All meetings webcast 30 June 2019 revised from 31 March 2019 Head of Democratic Services ICT Community Strategy ? Not updated',
    );
    assert.match(pageText(view.body), /The Progress column shows each action's traffic light as at 1 October 2018/);
    assert.match(pageText(view.body), /Size 1 strategic goals, 1 actions/);
  });

  it('edits an objective and detects a stale version', async () => {
    const planId = (await t.services.plans.list(actor, { orgUnitId: ids.dem, planYearId: ids.year }))[0]!.id;
    const objectiveId = (await t.services.plans.objectives(actor, planId))[0]!.id;
    const edit = await client.get(`/objectives/${objectiveId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="1\.4"/);
    assert.match(edit.body, new RegExp(`value="${ids.priority}" checked`));
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1];
    assert.ok(version);
    const body = { version, number: '1.4', title: 'Support councillors well', why: '', priorityIds: [String(ids.priority)] };
    const first = await client.post(`/objectives/${objectiveId}`, body);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `/plans/${planId}#objective-${objectiveId}`);
    const second = await client.post(`/objectives/${objectiveId}`, { ...body, title: 'Stale title' });
    assert.equal(second.statusCode, 409);
    assert.match(pageText(second.body), /Someone else saved a change to this objective after you opened it/);
    const o = await t.services.plans.objective(actor, objectiveId);
    assert.equal(o.title, 'Support councillors well');
    assert.deepEqual(o.pledgeIds, [], 'the first save unlinked the pledge');
    assert.equal(o.goal_id, null);
  });

  it('shows "Page not found" for a plan that does not exist or a malformed id', async () => {
    for (const url of ['/plans/99999', '/plans/abc', '/plans/99999/edit', '/plans/1.5', '/plans/99999/objectives/new', '/objectives/99999/edit', '/goals/99999/edit']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/, url);
    }
    const post = await client.post('/plans/99999/objectives', { title: 'Orphan' });
    assert.equal(post.statusCode, 404);
    // A signed-in user's unknown page is a 404, not a sign-in redirect.
    const unknown = await client.get('/no-such-page');
    assert.equal(unknown.statusCode, 404);
    assert.ok(csrfFrom(unknown.body), 'the 404 page keeps the sign-out form');
  });
});
