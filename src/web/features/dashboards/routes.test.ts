import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../../../services/context.ts';
import type { Services } from '../../../services/index.ts';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Dashboards over a small council with a fixed "today" (20 October 2018, in the first half's
// update window's aftermath): two directorates, four services and a team, one 2018/19 plan each,
// and progress updates recorded on 20 September 2018.

const TODAY = new Date('2018-10-20T12:00:00Z');
/** The service's clock: TODAY, except where a test moves it (and puts it back). */
let now = TODAY;

/** The text of each row of the table with this caption (a table beside a chart, say). */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`${caption}</caption>`);
  assert.ok(start >= 0, `a table captioned "${caption}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody'));
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => pageText(c[1] ?? '')));
}

/** The SVG of the chart with this id. */
function chartSvg(html: string, id: string): string {
  const at = html.indexOf(`aria-labelledby="${id}-title ${id}-desc"`);
  assert.ok(at >= 0, `a chart ${id}`);
  const start = html.lastIndexOf('<svg', at);
  return html.slice(start, html.indexOf('</svg>', at) + 6);
}

/** Segment values of each bar of a chart, by series, in row order. */
function chartBars(svg: string): Record<string, number>[] {
  return [...svg.matchAll(/<g class="row">([\s\S]*?)<\/g>/g)].map((g) =>
    Object.fromEntries([...(g[1] ?? '').matchAll(/data-series="([a-z_]+)" data-value="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])])),
  );
}

describe('dashboard pages', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let s: Services;
  let actor: Actor;
  let admin: HttpClient;
  let lead: HttpClient;
  const u = { crp: 0, plc: 0, dem: 0, ele: 0, com: 0, env: 0, otherUnit: 0 };
  const a = { publish: 0, webcast: 0, newsletter: 0, social: 0, induction: 0, canvass: 0, food: 0 };
  const corp = { priority: 0, pledge: 0, otherPriority: 0, otherPledge: 0 };

  before(async () => {
    t = await testApp({ clock: () => now });
    s = t.services;
    app = t.app;

    const c = await createCouncil(s, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const org = s.organisation;
    u.crp = await org.createUnit(actor, { name: 'Corporate Services', code: 'CRP', kind: 'directorate' });
    u.plc = await org.createUnit(actor, { name: 'Place', code: 'PLC', kind: 'directorate' });
    u.dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: u.crp });
    u.ele = await org.createUnit(actor, { name: 'Electoral Services', code: 'ELE', kind: 'team', parentId: u.dem });
    u.com = await org.createUnit(actor, { name: 'Communications', code: 'COM', kind: 'service', parentId: u.crp });
    u.env = await org.createUnit(actor, { name: 'Environmental Health', code: 'ENV', kind: 'service', parentId: u.plc });
    await org.createPerson(actor, { name: 'Jo Bloggs', jobTitle: 'Committee Services Manager', email: 'jo.bloggs@borsetshire.example.gov.uk', orgUnitId: u.dem });
    await s.auth.createUser(c.tenantId, { email: 'jo.bloggs@borsetshire.example.gov.uk', name: 'Jo Bloggs', role: 'lead_officer', password: c.password });

    await s.corporate.savePlan(actor, { title: 'Corporate Plan 2015–2020', values: [] });
    corp.priority = await s.corporate.createPriority(actor, { title: 'Strong local democracy', strapline: 'Everyone has a say' });
    corp.pledge = await s.corporate.createPledge(actor, { number: 7, text: 'We will webcast every council meeting', priorityId: corp.priority });

    const yearId = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const firstHalf = (await s.years.get(actor, yearId)).periods[0]!.id;
    const plan = (orgUnitId: number, title: string) => s.plans.create(actor, { orgUnitId, planYearId: yearId, title, kind: 'service_improvement_plan' });
    const dem = await plan(u.dem, 'Democratic Services Improvement Plan 2018/19');
    const ele = await plan(u.ele, 'Electoral Services Plan 2018/19');
    const com = await plan(u.com, 'Communications Plan 2018/19');
    const env = await plan(u.env, 'Environmental Health Plan 2018/19');
    const open = await s.plans.createObjective(actor, dem, { number: '1.1', title: 'Open decision making', priorityIds: [corp.priority] });
    const support = await s.plans.createObjective(actor, dem, { number: '1.2', title: 'Support councillors' });
    const register = await s.plans.createObjective(actor, ele, { number: '1.1', title: 'An accurate register' });
    const inform = await s.plans.createObjective(actor, com, { number: '1.1', title: 'Keep residents informed' });
    const safe = await s.plans.createObjective(actor, env, { number: '1.1', title: 'Safe food' });
    const action = (planId: number, objectiveId: number, code: string, title: string, more: Record<string, unknown> = {}) =>
      s.actions.create(actor, planId, { objectiveId, code, title, kind: 'ongoing', ...more });
    a.publish = await action(dem, open, '18-DEM01', 'Publish committee papers online', { leads: 'Jo Bloggs' });
    a.webcast = await action(dem, open, '18-DEM02', 'Webcast council meetings', { kind: 'one_off', startDate: '2018-07-01', dueDate: '2018-09-30', pledgeIds: [corp.pledge] });
    a.induction = await action(dem, support, '18-DEM03', 'Induct new councillors');
    a.canvass = await action(ele, register, '18-ELE01', 'Run the annual canvass');
    a.newsletter = await action(com, inform, '18-COM01', 'Launch a residents’ e-newsletter');
    a.social = await action(com, inform, '18-COM02', 'Write a social media strategy', { leads: 'Jo Bloggs' });
    a.food = await action(env, safe, '18-ENV01', 'Inspect food businesses');

    const update = (actionId: number, statusWord: string, percentComplete: number, narrative: string, nextSteps?: string) =>
      s.progress.recordUpdate(systemActor(c.tenantId), actionId, { periodId: firstHalf, asAt: '2018-09-20', statusWord, percentComplete, narrative, nextSteps }, { recordedAt: '2018-09-20T10:00:00.000Z' });
    await update(a.publish, 'IN PROGRESS', 60, 'All papers for September were published a week ahead.');
    await update(a.webcast, 'IN PROGRESS', 40, 'Procurement of the webcasting contract was delayed.', 'Award the contract in November.');
    await update(a.induction, 'COMPLETE', 100, 'Every new councillor has been inducted.');
    await update(a.canvass, 'IN PROGRESS', 60, 'Canvass forms returned on time.');
    await update(a.newsletter, 'IN PROGRESS', 20, 'Sign-ups are well below target.', 'Promote the sign-up page on every service page.');
    await update(a.food, 'IN PROGRESS', 70, 'Inspections on schedule.');

    // Another council, to show that its ids lead nowhere.
    const other = await createCouncil(s, { slug: 'barsetshire', name: 'Barsetshire Council', email: 'admin@barsetshire.example.gov.uk' });
    const otherActor = systemActor(other.tenantId);
    u.otherUnit = await s.organisation.createUnit(otherActor, { name: 'Barchester Services', code: 'BAR', kind: 'directorate' });
    await s.corporate.savePlan(otherActor, { title: 'Barsetshire Plan', values: [] });
    corp.otherPriority = await s.corporate.createPriority(otherActor, { title: 'Clean streets' });
    corp.otherPledge = await s.corporate.createPledge(otherActor, { number: 1, text: 'Sweep every street weekly' });

    admin = await signedInClient(app, c.email);
    lead = await signedInClient(app, 'jo.bloggs@borsetshire.example.gov.uk', c.password);
  });
  after(() => t.close());

  it('shows the council as at today: headline counts, RAG words, and a link in the main menu', async () => {
    const res = await admin.get('/dashboards');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(res.body, /<a class="govuk-service-navigation__link" href="\/dashboards" aria-current="page">/);
    assert.match(text, /2018\/19 · position as at 20 October 2018/);
    assert.match(text, /7 actions in 2018\/19 plans/);
    // Each count with its word and symbol: colour is never the only signal.
    assert.match(text, /3 ✔ Green/);
    assert.match(text, /0 ▲ Amber/);
    assert.match(text, /2 ✖ Red/);
    assert.match(text, /1 ★ Complete/);
    assert.match(text, /1 \? Not updated/);
    assert.match(res.body, /<strong class="waymark-rag waymark-rag--red"><span aria-hidden="true">✖<\/span> Red<\/strong>/);
    assert.match(text, /Mean % complete: 58\.3%/); // (60 + 40 + 100 + 60 + 20 + 70) / 6
    // The as-at form defaults to the service's date, today.
    assert.match(res.body, /<form method="get" action="\/dashboards"/);
    assert.match(res.body, /name="asOf-day" type="text" value="20"/);
    assert.match(res.body, /name="asOf-month" type="text" value="10"/);
    assert.match(res.body, /name="asOf-year" type="text" value="2018"/);
    assert.match(text, /Position as at A date inside a plan year, for example 30 9 2018/);
    // Links on to the other dashboards.
    assert.match(res.body, /href="\/dashboards\/exceptions">Exceptions<\/a>/);
    assert.match(res.body, /href="\/dashboards\/my-actions">My actions<\/a>/);
    assert.match(res.body, new RegExp(`href="/dashboards/priorities/${corp.priority}">Strong local democracy</a>`));
    assert.match(res.body, new RegExp(`href="/dashboards/pledges/${corp.pledge}">Pledge 7</a>`));
  });

  it('draws RAG charts by directorate and by service as accessible SVG, with the same numbers in a table beside each', async () => {
    const res = await admin.get('/dashboards');
    const svg = chartSvg(res.body, 'rag-by-directorate');
    assert.match(svg, /role="img"/);
    assert.match(svg, /<title id="rag-by-directorate-title">Actions by directorate<\/title>/);
    assert.match(svg, /<desc id="rag-by-directorate-desc">[^<]*one bar for each directorate, as at 20 October 2018/);
    assert.match(res.body, /<figure class="waymark-chart"><svg/);
    assert.match(res.body, /<h2 class="govuk-heading-m" id="rag-by-directorate-heading">Actions by directorate<\/h2>/);

    // Green, Amber, Red, Complete, Closed, Not updated, Not due yet, Total.
    assert.deepEqual(tableRows(res.body, 'Actions by directorate: the numbers'), [
      ['Corporate Services', '2', '0', '2', '1', '0', '1', '0', '6'],
      ['Place', '1', '0', '0', '0', '0', '0', '0', '1'],
    ]);
    assert.deepEqual(chartBars(svg), [{ green: 2, red: 2, complete: 1, not_updated: 1 }, { green: 1 }]);
    assert.match(res.body, /<th scope="col" class="govuk-table__header govuk-table__header--numeric">Not updated<\/th>/);
    assert.match(res.body, new RegExp(`<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/dashboards/units/${u.crp}">Corporate Services</a></th>`));

    const services = chartSvg(res.body, 'rag-by-service');
    assert.match(services, /<title id="rag-by-service-title">Actions by service<\/title>/);
    assert.deepEqual(tableRows(res.body, 'Actions by service: the numbers'), [
      ['Communications', '0', '0', '1', '0', '0', '1', '0', '2'],
      ['Democratic Services', '1', '0', '1', '1', '0', '0', '0', '3'],
      ['Electoral Services', '1', '0', '0', '0', '0', '0', '0', '1'],
      ['Environmental Health', '1', '0', '0', '0', '0', '0', '0', '1'],
    ]);
    assert.deepEqual(chartBars(services), [{ red: 1, not_updated: 1 }, { green: 1, red: 1, complete: 1 }, { green: 1 }, { green: 1 }]);

    const stages = chartSvg(res.body, 'stages-council');
    assert.match(stages, /<title id="stages-council-title">Actions by stage<\/title>/);
    // Not started, In progress, Ongoing, Complete, Carried over, Deferred, Cancelled, No update yet, Total.
    assert.deepEqual(tableRows(res.body, 'Actions by stage: the numbers'), [['All 2018/19 actions', '0', '5', '0', '1', '0', '0', '0', '1', '7']]);
  });

  it('shows the position as at an earlier date, from the updates reporting on it or before', async () => {
    const res = await admin.get('/dashboards?asOf=2018-06-01');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /position as at 1 June 2018/);
    // Every update reports on 20 September, and no reporting period had ended by 1 June, so no
    // update was due: all 7 are "not due yet" (the webcast because it starts in July).
    assert.match(text, /0 ✔ Green/);
    assert.match(text, /0 ✖ Red/);
    assert.match(text, /0 \? Not updated/);
    assert.match(text, /7 ○ Not due yet/);
    assert.match(text, /Mean % complete: no % recorded yet/);
    assert.match(res.body, /name="asOf-day" type="text" value="1"/);
    assert.match(res.body, /name="asOf-month" type="text" value="6"/);
    // The chosen date is carried on to the next dashboards.
    assert.match(res.body, new RegExp(`href="/dashboards/units/${u.crp}\\?asOf=2018-06-01"`));
    assert.match(res.body, /href="\/dashboards\/exceptions\?asOf=2018-06-01"/);
    // The GOV.UK date input gives the same page.
    const form = await admin.get('/dashboards?asOf-day=1&asOf-month=6&asOf-year=2018');
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /7 ○ Not due yet/);
  });

  it('shows what was known on an earlier date, and carries it to the next dashboards', async () => {
    // As at 19 October, as known on 19 October: the updates (recorded 20 September) were known, but
    // the first half's deadline (14 October plus 5 days' grace) had not passed, so the social media
    // strategy, with no update, was not yet "not updated".
    const res = await admin.get('/dashboards?asOf=2018-10-19&knownOn=2018-10-19');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /2018\/19 · position as at 19 October 2018, as known on 19 October 2018/);
    assert.match(text, /3 ✔ Green/);
    assert.match(text, /0 \? Not updated/);
    assert.match(text, /1 ○ Not due yet/);
    assert.match(res.body, /href="\/dashboards\/exceptions\?asOf=2018-10-19&amp;knownOn=2018-10-19"/);
    assert.match(res.body, /<details class="govuk-details govuk-!-margin-bottom-4" open>/);
    assert.match(res.body, /name="knownOn-day" type="text" value="19"/);
    // A known-on date before the as-at date, or after today, is refused with the form.
    const before = await admin.get('/dashboards?asOf=2018-10-20&knownOn=2018-10-01');
    assert.equal(before.statusCode, 400);
    assert.match(before.body, /href="#knownOn-day">As-known-on date 1 October 2018 is before the as-at date 20 October 2018: choose 20 October 2018 or later, or leave it blank for what is known now\.<\/a>/);
    const future = await admin.get('/dashboards?asOf=2018-10-20&knownOn-day=21&knownOn-month=10&knownOn-year=2018');
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /As-known-on date 21 October 2018 is in the future: choose 20 October 2018 or earlier/);
    assert.match(future.body, /name="knownOn-day" type="text" value="21"/);
  });

  it('refuses an as-at date outside every plan year, or not a real date, with the error summary and the form', async () => {
    const res = await admin.get('/dashboards?asOf=2030-01-01');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Council dashboard/);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#asOf-day">As-at date 1 January 2030 is outside every plan year: choose a date inside one of 2018\/19 \(1 April 2018 to 31 March 2019\)\.<\/a>/);
    assert.match(res.body, /id="asOf-error"/);
    assert.match(res.body, /name="asOf-year" type="text" value="2030"/);
    assert.doesNotMatch(res.body, /<svg/);

    const typed = await admin.get('/dashboards?asOf-day=31&asOf-month=2&asOf-year=2019');
    assert.equal(typed.statusCode, 400);
    assert.match(typed.body, /href="#asOf-day">Position as at must be a real date<\/a>/);
    assert.match(typed.body, /name="asOf-day" type="text" value="31"/);
    const partial = await admin.get('/dashboards?asOf-day=&asOf-month=2&asOf-year=2019');
    assert.equal(partial.statusCode, 400);
    assert.match(partial.body, /Position as at must include a day/);
    for (const url of [`/dashboards/units/${u.dem}?asOf=2030-01-01`, `/dashboards/priorities/${corp.priority}?asOf=nonsense`, '/dashboards/exceptions?asOf=2030-01-01', '/dashboards/my-actions?asOf=2018-02-30']) {
      const r = await admin.get(url);
      assert.equal(r.statusCode, 400, url);
      assert.match(r.body, /href="#asOf-day">As-at date/, url);
    }
  });

  it('shows a service with its team, its plans, each plan’s objectives rolled up, and its actions', async () => {
    const res = await admin.get(`/dashboards/units/${u.dem}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(res.body, /<h1 class="govuk-heading-l">Democratic Services<\/h1>/);
    assert.match(text, /Service · 2018\/19 · position as at 20 October 2018/);
    // Its own plan's 3 actions, its team's 1, and Communications' social media strategy, led by Jo
    // Bloggs, who works in Democratic Services (the unit-membership rule): 5 in all.
    assert.match(text, /5 actions in 2018\/19 plans/);
    assert.match(text, /2 ✔ Green/);
    assert.match(text, /1 ✖ Red/);
    assert.match(text, /1 \? Not updated/);
    assert.match(res.body, new RegExp(`<a class="govuk-breadcrumbs__link" href="/dashboards/units/${u.crp}">Corporate Services</a>`));

    assert.match(chartSvg(res.body, 'rag-by-unit'), /<title id="rag-by-unit-title">Actions by unit within Democratic Services<\/title>/);
    assert.deepEqual(tableRows(res.body, 'Actions by unit within Democratic Services: the numbers'), [['Electoral Services', '1', '0', '0', '0', '0', '0', '0', '1']]);
    assert.match(chartSvg(res.body, 'rag-by-plan'), /role="img"/);
    assert.deepEqual(tableRows(res.body, 'Actions by plan: the numbers'), [
      ['Communications Plan 2018/19', '0', '0', '0', '0', '0', '1', '0', '1'],
      ['Democratic Services Improvement Plan 2018/19', '1', '0', '1', '1', '0', '0', '0', '3'],
      ['Electoral Services Plan 2018/19', '1', '0', '0', '0', '0', '0', '0', '1'],
    ]);

    // Objective, Green, Amber, Red, Complete, Closed, Not updated, Not due yet, Total, Mean % complete.
    assert.deepEqual(tableRows(res.body, 'Objectives of Democratic Services Improvement Plan 2018/19'), [
      ['1.1 Open decision making', '1', '0', '1', '0', '0', '0', '0', '2', '50%'],
      ['1.2 Support councillors', '0', '0', '0', '1', '0', '0', '0', '1', '100%'],
    ]);
    assert.deepEqual(tableRows(res.body, 'Objectives of Electoral Services Plan 2018/19'), [['1.1 An accurate register', '1', '0', '0', '0', '0', '0', '0', '1', '60%']]);

    const actions = tableRows(res.body, '5 actions as at 20 October 2018');
    const webcast = actions.find((r) => r[0] === '18-DEM02');
    assert.ok(webcast, 'the webcast action is listed');
    assert.equal(webcast[2], 'Democratic Services');
    assert.match(webcast[3]!, /✖ Red Overdue/);
    assert.equal(webcast[4], '40%');
    assert.equal(webcast[6], '30 September 2018');
    assert.match(webcast[7]!, /\S/); // the one-line explanation
    const induction = actions.find((r) => r[0] === '18-DEM03');
    assert.match(induction![3]!, /★ Complete/);
    assert.equal(induction![5], '–'); // complete actions are not compared with expected progress
    assert.match(res.body, new RegExp(`href="/actions/${a.webcast}">18-DEM02</a>`));
  });

  it('shows a team with no units under it, with no chart by unit', async () => {
    const res = await admin.get(`/dashboards/units/${u.ele}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /rag-by-unit-title/);
    assert.match(res.body, /rag-by-plan-title/);
    assert.match(pageText(res.body), /1 actions? in 2018\/19 plans/);
  });

  it('shows a corporate priority and a pledge with their contributing actions by service', async () => {
    const res = await admin.get(`/dashboards/priorities/${corp.priority}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(res.body, /<h1 class="govuk-heading-l">Strong local democracy<\/h1>/);
    assert.match(text, /Everyone has a say/);
    assert.match(text, /2 actions contributing/);
    assert.match(chartSvg(res.body, 'rag-by-service'), /<title id="rag-by-service-title">Actions for Strong local democracy by service<\/title>/);
    assert.deepEqual(tableRows(res.body, 'Actions for Strong local democracy by service: the numbers'), [['Democratic Services', '1', '0', '1', '0', '0', '0', '0', '2']]);
    const actions = tableRows(res.body, '2 actions as at 20 October 2018').map((r) => r[0]);
    assert.deepEqual(actions.sort(), ['18-DEM01', '18-DEM02']);

    const pledge = await admin.get(`/dashboards/pledges/${corp.pledge}`);
    assert.equal(pledge.statusCode, 200);
    const ptext = pageText(pledge.body);
    assert.match(pledge.body, /<h1 class="govuk-heading-l">Pledge 7<\/h1>/);
    assert.match(ptext, /We will webcast every council meeting/);
    assert.match(ptext, /1 action contributing/);
    assert.match(ptext, /1 ✖ Red/);
    assert.deepEqual(tableRows(pledge.body, '1 action as at 20 October 2018').map((r) => r[0]), ['18-DEM02']);
  });

  it('lists the exceptions in a table, worst first, one row each with why in one sentence, and leaves out green and complete actions', async () => {
    const res = await admin.get('/dashboards/exceptions');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /3 actions need attention/);
    const codes = [...res.body.matchAll(/<tr class="govuk-table__row" id="exception-\d+">\s*<th scope="row" class="govuk-table__header waymark-nowrap"><a class="govuk-link" href="\/actions\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(codes, ['18-DEM02', '18-COM01', '18-COM02']);
    // One row: code, title, service, light with its word, due date, the explanation.
    assert.match(text, /18-DEM02 Webcast council meetings Democratic Services ✖ Red Overdue 30 September 2018 /);
    assert.match(text, /18-COM02 Write a social media strategy Communications \? Not updated .*Not updated: no progress update for First half \(April to September\), due by 14 October 2018; none recorded before\./);
    // The narratives stay on the action pages.
    assert.doesNotMatch(text, /Procurement of the webcasting contract was delayed\./);
    for (const green of ['18-DEM01', '18-ELE01', '18-ENV01', '18-DEM03']) assert.doesNotMatch(text, new RegExp(green));
    // The service filter is a select.
    assert.match(res.body, /<select class="govuk-select" id="service" name="service">/);
    assert.match(res.body, new RegExp(`<option value="${u.com}">– Communications</option>`));
  });

  it('filters the exceptions by service, as at a date', async () => {
    const res = await admin.get(`/dashboards/exceptions?service=${u.com}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /2 actions need attention in Communications/);
    assert.match(res.body, new RegExp(`<option value="${u.com}" selected>– Communications</option>`));
    assert.doesNotMatch(text, /18-DEM02/);
    assert.match(text, /18-COM01/);

    // As at 1 October (the directorate includes its services and their team): the webcast was due
    // on 30 September at 40% – overdue; the newsletter at 20% against 50% expected – red; and, as
    // known now (20 October), the first half (ended 30 September) is past its deadline, so the
    // social media strategy is not updated.
    const earlier = await admin.get(`/dashboards/exceptions?service=${u.crp}&asOf-day=1&asOf-month=10&asOf-year=2018`);
    assert.equal(earlier.statusCode, 200);
    const etext = pageText(earlier.body);
    assert.match(etext, /3 actions need attention in Corporate Services/);
    assert.match(etext, /18-DEM02 Webcast council meetings Democratic Services ✖ Red Overdue/);
    assert.match(etext, /18-COM01 Launch a residents’ e-newsletter Communications ✖ Red/);
    assert.match(etext, /18-COM02 Write a social media strategy Communications \? Not updated/);
    // As known on 1 October no deadline had passed (the half's updates were due by 14 October).
    const then = pageText((await admin.get(`/dashboards/exceptions?service=${u.crp}&asOf=2018-10-01&knownOn=2018-10-01`)).body);
    assert.match(then, /2 actions need attention in Corporate Services/);
    assert.doesNotMatch(then, /Not updated/);
    // In June nothing was due: no exceptions.
    const june = pageText((await admin.get(`/dashboards/exceptions?service=${u.crp}&asOf=2018-06-01`)).body);
    assert.match(june, /No action is red, overdue or short of an update in Corporate Services as at 1 June 2018\./);
  });

  it('shows a lead officer the actions that need an update for the open period, with its deadline', async () => {
    now = new Date('2018-10-05T12:00:00Z'); // the first half's window is open (17 September to 14 October)
    try {
      const res = await lead.get('/dashboards/my-actions');
      assert.equal(res.statusCode, 200);
      const text = pageText(res.body);
      assert.match(text, /led by Jo Bloggs \(Committee Services Manager\): 2 in all/);
      assert.match(res.body, /<h2 class="govuk-heading-m" id="needs-update-heading">Needs an update for First half \(April to September\), due by 14 October 2018<\/h2>/);
      const [needs, upToDate] = text.split('Up to date');
      // Before the deadline the social media strategy has no update but is not yet "not updated".
      assert.match(needs!, /18-COM02 Write a social media strategy Communications ○ Not due yet Not due yet: the first progress update is due by 14 October 2018/);
      assert.doesNotMatch(needs!, /18-DEM01/);
      assert.doesNotMatch(text, /Not updated: the deadline has passed/);
      assert.match(upToDate!, /18-DEM01 Publish committee papers online/);
      assert.match(upToDate!, /IN PROGRESS, 60%, as at 20 September 2018/);
      assert.match(res.body, new RegExp(`<a class="govuk-link" href="/actions/${a.social}/updates/new">Add a progress update<span class="govuk-visually-hidden"> for 18-COM02</span></a>`));
      assert.match(res.body, new RegExp(`href="/actions/${a.publish}/updates/new"`));
    } finally {
      now = TODAY;
    }
  });

  it('after the deadline, shows the missed update as not updated and asks for no locked period', async () => {
    // 20 October: the first half locked after 19 October; the second half's window opens in March.
    const res = await lead.get('/dashboards/my-actions');
    const text = pageText(res.body);
    assert.doesNotMatch(text, /Needs an update for/);
    assert.match(text, /No reporting period of 2018\/19 is taking updates: updates for Second half \(October to March\) open on 18 March 2019 and are due by 14 April 2019\./);
    const [missed, rest] = text.split('Your actions');
    assert.match(missed!, /Not updated: the deadline has passed/);
    assert.match(missed!, /18-COM02 Write a social media strategy Communications \? Not updated/);
    assert.match(rest!, /18-DEM01 Publish committee papers online/);
  });

  it('tells a user who is not linked to a person so, plainly', async () => {
    const res = await admin.get('/dashboards/my-actions');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Your account is not linked to a person in the council’s list of people/);
    assert.match(text, /admin@borsetshire\.example\.gov\.uk/);
    assert.doesNotMatch(text, /Needs an update/);
  });

  it('answers 404 for unknown units, priorities and pledges, and for another council’s', async () => {
    for (const url of [
      '/dashboards/units/99999',
      '/dashboards/units/abc',
      '/dashboards/priorities/99999',
      '/dashboards/pledges/99999',
      `/dashboards/units/${u.otherUnit}`,
      `/dashboards/priorities/${corp.otherPriority}`,
      `/dashboards/pledges/${corp.otherPledge}`,
    ]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 404, url);
    }
  });

  it('keeps the dashboards behind sign-in', async () => {
    const res = await app.inject({ method: 'GET', url: '/dashboards' });
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/sign-in\?next=/);
  });
});

describe('dashboards before any plan year', () => {
  it('says there is nothing to show yet instead of an error', async () => {
    const t = await testApp({ clock: () => TODAY });
    try {
      const c = await createCouncil(t.services, { slug: 'newtown', name: 'Newtown Council', email: 'admin@newtown.example.gov.uk' });
      const client = await signedInClient(t.app, c.email);
      for (const url of ['/dashboards', '/dashboards/exceptions', '/dashboards/my-actions']) {
        const res = await client.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.match(pageText(res.body), /There are no plan years yet/, url);
      }
    } finally {
      await t.close();
    }
  });
});
