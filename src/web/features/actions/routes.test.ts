import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type Fields, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

/** The action codes listed on a page, in order (links to an action's own page). */
const codesOn = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/actions\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
/** The value of the text input with this name, or undefined when there is no such input. */
const inputValue = (html: string, name: string) => /value="([^"]*)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')?.[1];
const versionOn = (html: string) => {
  const v = /name="version" value="(\d+)"/.exec(html)?.[1];
  assert.ok(v, 'the form carries the version');
  return v;
};

describe('action pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let tenantId: number;
  let ids: {
    cex: number;
    dem: number;
    com: number;
    res: number;
    fin: number;
    year: number;
    nextYear: number;
    priority: number;
    subPriority: number;
    otherPriority: number;
    pledge7: number;
    pledge8: number;
    jane: number;
    plan: number;
    objective: number;
    objective2: number;
    comPlan: number;
    comObjective: number;
  };
  let actionId = 0; // 18-DEM01, created through the form
  /** Every action of the council, as `plan id:code`, to show that a refused request saved nothing. */
  const allActions = async () => (await t.services.actions.list(actor, t.services.actions.parseFilter({}))).map((a) => `${a.plan_id}:${a.code}:${a.title}`).sort();

  /** Every field of the form, filled in as an officer would. */
  const fullForm = (): Fields => ({
    objectiveId: String(ids.objective),
    code: '',
    title: 'Webcast all full council and cabinet meetings',
    role: 'Community Leadership',
    target: 'Every full council and cabinet meeting webcast live',
    outcome: 'More residents follow local decision making',
    criticalSuccessFactors: 'Reliable equipment in the council chamber',
    environmentalImpacts: 'Less travel to meetings',
    kind: 'one_off',
    'startDate-day': '2',
    'startDate-month': '5',
    'startDate-year': '2018',
    'dueDate-day': '1',
    'dueDate-month': '3',
    'dueDate-year': '2019',
    'revisedDueDate-day': '31',
    'revisedDueDate-month': '3',
    'revisedDueDate-year': '2019',
    leads: 'Head of Democratic Services\nElectoral Services Manager',
    impactedUnitIds: [String(ids.com), String(ids.fin)],
    impactsOther: 'Electoral Commission',
    partnerships: 'Community Strategy\nSafer Borsetshire Partnership',
    priorityIds: [String(ids.priority)],
    pledgeIds: [String(ids.pledge7)],
    weight: '3',
  });

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk' });
    tenantId = c.tenantId;
    actor = systemActor(tenantId);
    const org = t.services.organisation;
    const cex = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const com = await org.createUnit(actor, { name: 'Communications', code: 'COM', kind: 'service', parentId: cex });
    const res = await org.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    const fin = await org.createUnit(actor, { name: 'Finance', code: 'FIN', kind: 'service', parentId: res });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const nextYear = await t.services.years.create(actor, { label: '2019/20', scheme: 'quarters' });
    await t.services.corporate.savePlan(actor, { title: 'Corporate Plan 2015–2020', values: [] });
    const priority = await t.services.corporate.createPriority(actor, { title: 'Strong local democracy' });
    const subPriority = await t.services.corporate.createPriority(actor, { title: 'Informed residents', parentId: priority });
    const otherPriority = await t.services.corporate.createPriority(actor, { title: 'Sound finances' });
    const pledge7 = await t.services.corporate.createPledge(actor, { number: 7, text: 'We will webcast every council meeting', priorityId: priority });
    const pledge8 = await t.services.corporate.createPledge(actor, { number: 8, text: 'We will publish every decision', priorityId: priority });
    const jane = await org.createPerson(actor, { name: 'Jane Smith', jobTitle: 'Head of Democratic Services', orgUnitId: dem });
    const plan = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'Democratic Services Improvement Plan 2018/19', kind: 'service_improvement_plan' });
    const objective = await t.services.plans.createObjective(actor, plan, { number: '1.1', title: 'Open decision making' });
    const objective2 = await t.services.plans.createObjective(actor, plan, { number: '1.2', title: 'Well supported councillors', pledgeIds: [pledge8] });
    const comPlan = await t.services.plans.create(actor, { orgUnitId: com, planYearId: year, title: 'Communications Plan 2018/19', kind: 'business_plan' });
    const comObjective = await t.services.plans.createObjective(actor, comPlan, { number: '1', title: 'Clear messages' });
    ids = { cex, dem, com, res, fin, year, nextYear, priority, subPriority, otherPriority, pledge7, pledge8, jane, plan, objective, objective2, comPlan, comObjective };
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());
  /**
   * 18-DEM01, the action made through the form from every field: the one the creation test made, or
   * (when that test has not run, as when a test runs alone) one made here the same way.
   */
  const formAction = async (): Promise<number> => {
    if (actionId) return actionId;
    const res = await client.post(`/plans/${ids.plan}/actions`, fullForm());
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    actionId = Number(/^\/actions\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    return actionId;
  };

  it('suggests the next action code on the new-action form', async () => {
    const res = await client.get(`/plans/${ids.plan}/actions/new`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Add an action<\/h1>/);
    assert.match(res.body, new RegExp(`<form method="post" action="/plans/${ids.plan}/actions" novalidate>`));
    assert.match(res.body, /Suggested: 18-DEM01\. Leave blank to use the suggestion\./);
    assert.equal(inputValue(res.body, 'code'), '18-DEM01');
    // The roles are the council's list; other services are offered as impacts, not the plan's own.
    assert.match(res.body, /<option value="Community Leadership">Community Leadership<\/option>/);
    assert.match(res.body, new RegExp(`name="impactedUnitIds" type="checkbox" value="${ids.com}"`));
    assert.doesNotMatch(res.body, new RegExp(`name="impactedUnitIds" type="checkbox" value="${ids.dem}"`));
    assert.match(res.body, /value="one_off" checked/);
    // Coming from an objective, that objective is chosen.
    const fromObjective = await client.get(`/plans/${ids.plan}/actions/new?objective=${ids.objective2}`);
    assert.match(fromObjective.body, new RegExp(`<option value="${ids.objective2}" selected>1\\.2 Well supported councillors</option>`));
    // Another plan's codes start from its own service and year.
    assert.match((await client.get(`/plans/${ids.comPlan}/actions/new`)).body, /Suggested: 18-COM01\./);
  });

  it('creates an action from every field and shows each of them', async () => {
    const res = await client.post(`/plans/${ids.plan}/actions`, fullForm());
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const m = /^\/actions\/(\d+)$/.exec(String(res.headers.location));
    assert.ok(m, String(res.headers.location));
    actionId = Number(m[1]);

    const view = await client.get(`/actions/${actionId}`);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Action added/);
    assert.match(text, /Democratic Services · 2018\/19 · 18-DEM01/);
    assert.match(view.body, /<h1 class="govuk-heading-l">Webcast all full council and cabinet meetings<\/h1>/);
    const row = (key: string, value: string) => assert.match(text, new RegExp(`${key} ${value.replace(/[.()?]/g, '\\$&')} `), `${key}: ${value}`);
    row('Action code', '18-DEM01');
    row('Plan', 'Democratic Services Improvement Plan 2018/19');
    row('Objective', '1.1 Open decision making');
    row('Role', 'Community Leadership');
    row('Kind', 'One-off project');
    row('Target', 'Every full council and cabinet meeting webcast live');
    row('Outcome', 'More residents follow local decision making');
    row('Critical success factors', 'Reliable equipment in the council chamber');
    row('Environmental impacts', 'Less travel to meetings');
    row('Start date', '2 May 2018');
    row('Due date', '31 March 2019 (revised from 1 March 2019)');
    row('Lead officers', 'Head of Democratic Services Electoral Services Manager');
    row('Other services it impacts', 'Communications Finance Electoral Commission');
    row('Partnership links', 'Community Strategy Safer Borsetshire Partnership');
    row('Corporate priorities', 'Strong local democracy');
    row('Pledges', 'Pledge 7 : We will webcast every council meeting');
    row('Weight', '3');
    // A lead that names someone in People (here by their unique job title) links to them.
    assert.match(view.body, new RegExp(`<a class="govuk-link" href="/people/${ids.jane}">Head of Democratic Services</a><br>Electoral Services Manager`));
    assert.match(view.body, new RegExp(`<a class="govuk-link" href="/organisation/${ids.com}">Communications</a>`));
    assert.match(view.body, new RegExp(`<a class="govuk-link" href="/actions\\?pledge=${ids.pledge7}">Pledge 7</a>`));

    const d = await t.services.actions.detail(actor, actionId);
    assert.equal(d.action.code, '18-DEM01');
    assert.equal(d.action.start_date, '2018-05-02');
    assert.equal(d.action.due_date, '2019-03-01');
    assert.equal(d.action.revised_due_date, '2019-03-31');
    assert.equal(d.action.weight, 3);
    assert.deepEqual(d.action.leads, [
      { name: 'Head of Democratic Services', id: ids.jane },
      { name: 'Electoral Services Manager', id: null },
    ]);
    assert.deepEqual(d.action.priorityIds, [ids.priority]);
    assert.deepEqual(d.action.pledgeIds, [ids.pledge7]);

    // The next suggestion moves on.
    assert.match((await client.get(`/plans/${ids.plan}/actions/new`)).body, /Suggested: 18-DEM02\./);
  });

  it('writes a plain due date the UK way', async () => {
    const res = await client.post(`/plans/${ids.plan}/actions`, {
      ...fullForm(),
      objectiveId: String(ids.objective2),
      title: 'Induct new councillors',
      'startDate-day': '',
      'startDate-month': '',
      'startDate-year': '',
      'revisedDueDate-day': '',
      'revisedDueDate-month': '',
      'revisedDueDate-year': '',
      leads: 'Committee Manager',
      priorityIds: undefined,
      pledgeIds: undefined,
      impactedUnitIds: undefined,
      impactsOther: '',
      partnerships: '',
      weight: '',
    });
    assert.equal(res.statusCode, 303);
    const text = pageText((await client.get(String(res.headers.location))).body);
    assert.match(text, /Action code 18-DEM02 /);
    assert.match(text, /Due date 1 March 2019 Lead officers/);
    assert.match(text, /Start date Start of the plan year /);
    assert.match(text, /Other services it impacts None /);
    assert.match(text, /Corporate priorities None /);
    assert.match(text, /Weight 1 /);
  });

  describe('refuses bad input, says why, and saves nothing', () => {
    const cases: { name: string; fields: Fields; field: string; href: string; message: string | RegExp }[] = [
      { name: 'a due date that is not real', fields: { 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2019' }, field: 'dueDate', href: 'dueDate-day', message: 'Due date must be a real date' },
      { name: 'a due date without its month', fields: { 'dueDate-day': '1', 'dueDate-month': '', 'dueDate-year': '2019' }, field: 'dueDate', href: 'dueDate-day', message: 'Due date must include a month' },
      { name: 'a due date before the start', fields: { 'startDate-day': '1', 'startDate-month': '6', 'startDate-year': '2018', 'dueDate-day': '31', 'dueDate-month': '5', 'dueDate-year': '2018', 'revisedDueDate-day': '', 'revisedDueDate-month': '', 'revisedDueDate-year': '' }, field: 'dueDate', href: 'dueDate-day', message: 'Due date must be the same as or after the start date' },
      { name: 'a role not in the list', fields: { role: 'Chief Cheerleader' }, field: 'role', href: 'role', message: 'Select a role from the list: Community Leadership; Service Provider / Commissioner / Manager; Enabler' },
      { name: 'a weight of 0', fields: { weight: '0' }, field: 'weight', href: 'weight', message: 'Weight must be a whole number from 1 to 100' },
      { name: 'no title', fields: { title: '  ' }, field: 'title', href: 'title', message: 'Enter the action' },
      { name: 'an objective of another plan', fields: { objectiveId: 'COM' }, field: 'objectiveId', href: 'objectiveId', message: 'Select an objective of this plan' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const before = await allActions();
        const fields: Fields = { ...fullForm(), title: 'Should never be saved', ...c.fields };
        if (fields.objectiveId === 'COM') fields.objectiveId = String(ids.comObjective);
        const res = await client.post(`/plans/${ids.plan}/actions`, fields);
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /<title>Error: Add an action/);
        assert.match(res.body, /There is a problem/);
        assert.match(res.body, new RegExp(`<a href="#${c.href}">${String(c.message).replace(/[.()?/]/g, '\\$&')}</a>`));
        assert.match(res.body, new RegExp(`id="${c.field}-error"`));
        // What was typed comes back, including the date parts as typed.
        assert.match(res.body, /Every full council and cabinet meeting webcast live<\/textarea>/);
        assert.equal(inputValue(res.body, 'dueDate-day'), String(fields['dueDate-day']));
        assert.equal(inputValue(res.body, 'dueDate-month'), String(fields['dueDate-month']));
        assert.deepEqual(await allActions(), before);
      });
    }
  });

  it('refuses a code already used in the plan, naming it', async () => {
    const before = await allActions();
    const res = await client.post(`/plans/${ids.plan}/actions`, { ...fullForm(), code: ' 18-DEM01 ', title: 'A clash' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<a href="#code">Action code 18-DEM01 is already used in this plan \(by “Webcast all full council and cabinet meetings”\)<\/a>/);
    assert.deepEqual(await allActions(), before);
    // The same code in another plan is fine.
    const other = await client.post(`/plans/${ids.comPlan}/actions`, { ...fullForm(), objectiveId: String(ids.comObjective), code: '18-DEM01', title: 'Borrowed code', priorityIds: undefined, pledgeIds: undefined });
    assert.equal(other.statusCode, 303);
    assert.equal(pageText((await client.get(String(other.headers.location))).body).match(/Action code (\S+)/)?.[1], '18-DEM01');
    // It becomes the Communications action the filter tests below expect.
    const borrowed = Number(String(other.headers.location).split('/').pop());
    const { action } = await t.services.actions.detail(actor, borrowed);
    await t.services.actions.update(actor, borrowed, action.version, { objectiveId: ids.comObjective, code: '18-COM01', title: 'Press releases for every decision', kind: 'ongoing', dueDate: '2018-12-31', leads: ['Communications Manager'], priorityIds: [ids.subPriority] });
  });

  it('edits an action through its form and detects a stale version', async () => {
    await formAction();
    const edit = await client.get(`/actions/${actionId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<h1 class="govuk-heading-l">Edit action 18-DEM01<\/h1>/);
    assert.match(edit.body, new RegExp(`action="/actions/${actionId}"`));
    assert.match(edit.body, /value="18-DEM01"/);
    assert.equal(inputValue(edit.body, 'startDate-day'), '2');
    assert.equal(inputValue(edit.body, 'dueDate-month'), '3');
    assert.equal(inputValue(edit.body, 'revisedDueDate-day'), '31');
    assert.equal(inputValue(edit.body, 'revisedDueDate-year'), '2019');
    assert.match(edit.body, />Head of Democratic Services\nElectoral Services Manager<\/textarea>/);
    assert.match(edit.body, /<option value="Community Leadership" selected>/);
    assert.match(edit.body, new RegExp(`name="pledgeIds" type="checkbox" value="${ids.pledge7}" checked`));
    assert.match(edit.body, new RegExp(`name="impactedUnitIds" type="checkbox" value="${ids.fin}" checked`));
    const version = versionOn(edit.body);

    const changed = { ...fullForm(), version, code: '18-DEM01', title: 'Webcast every public meeting', role: 'Enabler', 'revisedDueDate-day': '', 'revisedDueDate-month': '', 'revisedDueDate-year': '', leads: 'Head of Democratic Services\nElectoral Services Manager' };
    const saved = await client.post(`/actions/${actionId}`, changed);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/actions/${actionId}`);
    const text = pageText((await client.get(`/actions/${actionId}`)).body);
    assert.match(text, /Action saved/);
    assert.match(text, /Webcast every public meeting/);
    assert.match(text, /Role Enabler /);
    assert.match(text, /Due date 1 March 2019 Lead officers/);

    const stale = await client.post(`/actions/${actionId}`, { ...changed, title: 'A stale change' });
    assert.equal(stale.statusCode, 409);
    // The same person saved in between (this form carries no record of what it was opened with):
    // the merge page shows both versions, proposing the saved one; see conflicts.test.ts.
    assert.match(pageText(stale.body), /This action was saved again \(by you, in another tab or window\) after you opened it\. Your changes here have not been saved yet/);
    assert.match(pageText(stale.body), /Action Changed by them, you or both Webcast every public meeting A stale change/);
    const d = await t.services.actions.detail(actor, actionId);
    assert.equal(d.action.title, 'Webcast every public meeting');
    assert.equal(d.action.role, 'Enabler');

    // A bad edit is refused with the form and nothing changes.
    const bad = await client.post(`/actions/${actionId}`, { ...changed, version: versionOn((await client.get(`/actions/${actionId}/edit`)).body), weight: '101' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<a href="#weight">Weight must be a whole number from 1 to 100<\/a>/);
    assert.equal((await t.services.actions.detail(actor, actionId)).action.weight, 3);
  });

  describe('the action list and its filters', () => {
    before(async () => {
      const finPlan = await t.services.plans.create(actor, { orgUnitId: ids.fin, planYearId: ids.year, title: 'Finance Plan 2018/19', kind: 'business_plan' });
      const finObjective = await t.services.plans.createObjective(actor, finPlan, { title: 'Balanced budget' });
      await t.services.actions.create(actor, finPlan, { objectiveId: finObjective, title: 'Set the budget', kind: 'one_off', dueDate: '2019-01-15', leads: ['Chief Accountant'], pledgeIds: [ids.pledge8], priorityIds: [ids.otherPriority] });
      const nextPlan = await t.services.plans.create(actor, { orgUnitId: ids.dem, planYearId: ids.nextYear, title: 'Democratic Services Plan 2019/20', kind: 'action_plan' });
      const nextObjective = await t.services.plans.createObjective(actor, nextPlan, { title: 'Elections' });
      await t.services.actions.create(actor, nextPlan, { objectiveId: nextObjective, title: 'Run the borough elections', kind: 'one_off', dueDate: '2019-06-30', leads: ['Electoral Services Manager'] });
    });

    const expect = async (query: string, codes: string[]) => {
      const res = await client.get(`/actions${query}`);
      assert.equal(res.statusCode, 200, query);
      assert.deepEqual(codesOn(res.body).sort(), [...codes].sort(), query);
      return res;
    };

    it('lists every action without filters', async () => {
      const res = await expect('', ['18-DEM01', '18-DEM02', '18-COM01', '18-FIN01', '19-DEM01']);
      assert.match(res.body, /5 actions<\/caption>/);
      assert.doesNotMatch(res.body, /Clear filters/);
    });

    it('filters by service, a directorate taking in its services', async () => {
      await expect(`?service=${ids.dem}`, ['18-DEM01', '18-DEM02', '19-DEM01']);
      await expect(`?service=${ids.com}`, ['18-COM01']);
      await expect(`?service=${ids.cex}`, ['18-DEM01', '18-DEM02', '18-COM01', '19-DEM01']);
      const res = await expect(`?service=${ids.res}`, ['18-FIN01']);
      assert.match(res.body, new RegExp(`<option value="${ids.res}" selected>Resources</option>`));
      assert.match(res.body, /Clear filters/);
    });

    it('filters by year, and by objective once a service and year are chosen', async () => {
      await expect(`?year=${ids.nextYear}`, ['19-DEM01']);
      await expect(`?year=${ids.year}`, ['18-DEM01', '18-DEM02', '18-COM01', '18-FIN01']);
      const res = await expect(`?service=${ids.dem}&year=${ids.year}&objective=${ids.objective2}`, ['18-DEM02']);
      assert.match(res.body, new RegExp(`<option value="${ids.objective2}" selected>1\\.2 Well supported councillors</option>`));
      await expect(`?objective=${ids.objective}`, ['18-DEM01']);
    });

    it('filters by corporate priority (with its sub-priorities) and by pledge (directly or through the objective)', async () => {
      await expect(`?priority=${ids.priority}`, ['18-DEM01', '18-COM01']);
      await expect(`?priority=${ids.subPriority}`, ['18-COM01']);
      await expect(`?priority=${ids.otherPriority}`, ['18-FIN01']);
      await expect(`?pledge=${ids.pledge7}`, ['18-DEM01']);
      await expect(`?pledge=${ids.pledge8}`, ['18-DEM02', '18-FIN01']);
    });

    it('filters by lead officer text, ignoring case, and by a linked person', async () => {
      await expect('?lead=electoral', ['18-DEM01', '19-DEM01']);
      await expect('?lead=MANAGER', ['18-DEM01', '18-DEM02', '18-COM01', '19-DEM01']);
      await expect('?lead=Accountant', ['18-FIN01']);
      // The linked person's own name finds the action too.
      await expect('?lead=jane%20smith', ['18-DEM01']);
      await expect('?lead=nobody-leads-this', []);
      const res = await expect(`?person=${ids.jane}`, ['18-DEM01']);
      assert.match(res.body, new RegExp(`Showing actions led by <a class="govuk-link" href="/people/${ids.jane}">Jane Smith</a>`));
      // The lead officer select keeps the person chosen.
      assert.match(res.body, new RegExp(`<option value="${ids.jane}" selected>Jane Smith`));
    });

    it('filters by due date range, using the revised due date where there is one', async () => {
      const range = (from: [string, string, string] | null, to: [string, string, string] | null) =>
        '?' +
        new URLSearchParams([
          ...(from ? [['dueFrom-day', from[0]], ['dueFrom-month', from[1]], ['dueFrom-year', from[2]]] : []),
          ...(to ? [['dueTo-day', to[0]], ['dueTo-month', to[1]], ['dueTo-year', to[2]]] : []),
        ]).toString();
      // 18-DEM01 is due 1 March 2019; 18-DEM02 1 March 2019; 18-COM01 31 December 2018; 18-FIN01 15 January 2019; 19-DEM01 30 June 2019.
      await expect(range(['1', '1', '2019'], ['31', '3', '2019']), ['18-DEM01', '18-DEM02', '18-FIN01']);
      await expect(range(['2', '3', '2019'], null), ['19-DEM01']);
      await expect(range(null, ['31', '12', '2018']), ['18-COM01']);
      const res = await expect(range(['15', '1', '2019'], ['15', '1', '2019']), ['18-FIN01']);
      assert.equal(inputValue(res.body, 'dueFrom-day'), '15');
      assert.equal(inputValue(res.body, 'dueTo-year'), '2019');
      // A revised date moves an action in or out of the range.
      const { action } = await t.services.actions.detail(actor, actionId);
      await t.services.actions.update(actor, actionId, action.version, {
        objectiveId: action.objective_id,
        code: action.code,
        title: action.title,
        kind: action.kind,
        startDate: action.start_date,
        dueDate: action.due_date,
        revisedDueDate: '2019-04-30',
        leads: action.leads.map((l) => l.name),
        priorityIds: action.priorityIds,
        pledgeIds: action.pledgeIds,
      });
      await expect(range(['1', '1', '2019'], ['31', '3', '2019']), ['18-DEM02', '18-FIN01']);
      await expect(range(['1', '4', '2019'], ['30', '4', '2019']), ['18-DEM01']);
    });

    it('combines filters', async () => {
      await expect(`?service=${ids.cex}&year=${ids.year}&lead=manager`, ['18-DEM01', '18-DEM02', '18-COM01']);
      await expect(`?service=${ids.res}&priority=${ids.priority}`, []);
    });

    it('takes % and _ in the lead officer filter literally', async () => {
      const finPlan = (await t.services.plans.list(actor, { orgUnitId: ids.fin, planYearId: ids.year }))[0]!;
      const finObjective = (await t.services.plans.objectives(actor, finPlan.id))[0]!.id;
      await t.services.actions.create(actor, finPlan.id, { objectiveId: finObjective, title: 'Review payroll', kind: 'ongoing', dueDate: '2019-03-31', leads: ['Payroll_Officer (50% FTE)'] });
      await expect('?lead=50%25', ['18-FIN02']);
      await expect('?lead=%25', ['18-FIN02']);
      await expect('?lead=_', ['18-FIN02']);
      await expect('?lead=l_o', ['18-FIN02']);
      await expect('?lead=payroll', ['18-FIN02']);
    });

    it('explains a filter it cannot use', async () => {
      const res = await client.get('/actions?dueFrom-day=40&dueFrom-month=13&dueFrom-year=2019');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /<a href="#dueFrom-day">Due from date must be a real date<\/a>/);
      assert.equal(inputValue(res.body, 'dueFrom-day'), '40');
      assert.equal(inputValue(res.body, 'dueFrom-month'), '13');
      assert.deepEqual(codesOn(res.body), []);
      const partial = await client.get('/actions?dueTo-day=1&dueTo-year=2019');
      assert.equal(partial.statusCode, 400);
      assert.match(partial.body, /<a href="#dueTo-day">Due to date must include a month<\/a>/);
      const service = await client.get('/actions?service=abc');
      assert.equal(service.statusCode, 400);
      assert.match(service.body, /<a href="#service">Select a valid service<\/a>/);
    });
  });

  describe('a viewer', () => {
    let viewer: HttpClient;
    before(async () => {
      await t.services.auth.createUser(tenantId, { email: 'viewer@borsetshire.example.gov.uk', name: 'Vera Viewer', role: 'viewer', password: TEST_PASSWORD });
      viewer = await signedInClient(t.app, 'viewer@borsetshire.example.gov.uk');
    });

    it('can read plans and actions but not change them', async () => {
      await formAction();
      assert.equal((await viewer.get(`/actions/${actionId}`)).statusCode, 200);
      assert.equal((await viewer.get(`/plans/${ids.plan}`)).statusCode, 200);
      assert.equal((await viewer.get('/actions')).statusCode, 200);
      const before = await allActions();
      const add = await viewer.post(`/plans/${ids.plan}/actions`, { ...fullForm(), title: 'Viewer action' });
      assert.equal(add.statusCode, 403);
      assert.match(pageText(add.body), /Your role can read plans but not change them/);
      assert.deepEqual(await allActions(), before);
      const { action } = await t.services.actions.detail(actor, actionId);
      const edit = await viewer.post(`/actions/${actionId}`, { ...fullForm(), version: String(action.version), code: '18-DEM01', title: 'Viewer edit' });
      assert.equal(edit.statusCode, 403);
      assert.equal((await t.services.actions.detail(actor, actionId)).action.title, action.title);
    });
  });

  describe('another council', () => {
    let outsider: HttpClient;
    before(async () => {
      const other = await createCouncil(t.services, { slug: 'wessex', name: 'Wessex District Council', email: 'admin@wessex.example.gov.uk' });
      outsider = await signedInClient(t.app, other.email);
    });

    it("cannot see this council's actions, plans or units", async () => {
      await formAction();
      for (const url of [`/actions/${actionId}`, `/actions/${actionId}/edit`, `/plans/${ids.plan}`, `/plans/${ids.plan}/edit`, `/plans/${ids.plan}/actions/new`, `/organisation/${ids.dem}`, `/objectives/${ids.objective}/edit`]) {
        const res = await outsider.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /Page not found/, url);
        assert.doesNotMatch(res.body, /Democratic Services|18-DEM01|Borsetshire/, url);
      }
      const list = await outsider.get(`/actions?service=${ids.dem}`);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(codesOn(list.body), []);
      assert.deepEqual(codesOn((await outsider.get('/actions')).body), []);
      assert.doesNotMatch((await outsider.get('/plans')).body, /Democratic Services/);
    });

    it("cannot change this council's actions or plans, even with its own valid token", async () => {
      await formAction();
      const { action } = await t.services.actions.detail(actor, actionId);
      assert.ok(outsider.csrfToken, 'the outsider has a token of their own');
      const edit = await outsider.post(`/actions/${actionId}`, { ...fullForm(), version: String(action.version), code: '18-DEM01', title: 'Hijacked' });
      assert.equal(edit.statusCode, 404);
      const before = await allActions();
      const add = await outsider.post(`/plans/${ids.plan}/actions`, { ...fullForm(), title: 'Planted' });
      assert.equal(add.statusCode, 404);
      const plan = await t.services.plans.get(actor, ids.plan);
      const planEdit = await outsider.post(`/plans/${ids.plan}`, { version: String(plan.version), orgUnitId: String(ids.dem), planYearId: String(ids.year), title: 'Hijacked plan', kind: 'action_plan' });
      assert.equal(planEdit.statusCode, 404);
      const unitEdit = await outsider.post(`/organisation/${ids.dem}`, { name: 'Hijacked unit', code: 'DEM', kind: 'directorate', parentId: '' });
      assert.equal(unitEdit.statusCode, 404);

      const after = await t.services.actions.detail(actor, actionId);
      assert.equal(after.action.title, action.title);
      assert.equal(after.action.version, action.version);
      assert.deepEqual(await allActions(), before);
      assert.equal((await t.services.plans.get(actor, ids.plan)).title, plan.title);
      assert.equal((await t.services.organisation.unit(actor, ids.dem)).name, 'Democratic Services');
    });
  });
});
