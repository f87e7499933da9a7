import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// The action list: search, filters by traffic light, stage, service and lead, and sorting; over a
// small council with a fixed "today", 15 August 2018 (before the first half-year ends, so no action
// is yet "not updated").
//
//   Chief Executive's Department (CEX) ── Electoral Services (ELE), Democratic Services (DEM)
//   Resources (RES) ── Finance (FIN)
//   People: Ellen Evans (ELE), Dan Davies (DEM)
//
// The 2018/19 year runs 1 April 2018 to 31 March 2019, so on 15 August an ongoing action that runs
// all year is expected to be about 37% complete (137 of 365 days): green from 90% of that (about
// 33%), amber from 70% (about 26%), red below. Updates report on 31 July 2018.
//
//   code      title                     leads (unit)              kind, due         update          light      stage
//   18-CEX01  Run the annual canvass    Ellen Evans (ELE)         ongoing           IN PROGRESS 80  green      in progress
//   18-CEX02  Publish the register      Ellen Evans (ELE)         one-off, 30/06/18 none            red (overdue) not started
//   18-CEX03  Webcast council meetings  Dan Davies (DEM)          ongoing           IN PROGRESS 30  amber      in progress
//   18-CEX04  Train new councillors     Member Services Officer   ongoing           COMPLETE 100    complete   complete
//   18-CEX05  Review polling districts  Ellen Evans (ELE)         ongoing           IN PROGRESS 5   red        in progress
//   18-FIN01  Set the budget            Chief Accountant          ongoing           ONGOING 50      green      ongoing
//   18-FIN02  Close the accounts        Ellen Evans (ELE)         one-off, 31/03/19 none            not due    not started
//
// CEX01's target is "95% response"; CEX02's outcome "An accurate register of electors"; FIN01's
// target "100% of savings_identified" (a % and an _ to be taken literally).

const TODAY = new Date('2018-08-15T12:00:00Z');

/** The action codes listed on a page, in order (links to an action's own page). */
const codesOn = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/actions\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
/** The value of the input with this name, or undefined when there is no such input. */
const inputValue = (html: string, name: string) => /value="([^"]*)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')?.[1];

describe('the action list: search, filters and sorting', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  const u = { cex: 0, ele: 0, dem: 0, res: 0, fin: 0 };
  const people = { ellen: 0, dan: 0 };

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'filterton', name: 'Filterton Borough Council', email: 'admin@filterton.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const org = s.organisation;
    u.cex = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    u.ele = await org.createUnit(actor, { name: 'Electoral Services', code: 'ELE', kind: 'service', parentId: u.cex });
    u.dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: u.cex });
    u.res = await org.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    u.fin = await org.createUnit(actor, { name: 'Finance', code: 'FIN', kind: 'service', parentId: u.res });
    people.ellen = await org.createPerson(actor, { name: 'Ellen Evans', jobTitle: 'Electoral Services Manager', orgUnitId: u.ele });
    people.dan = await org.createPerson(actor, { name: 'Dan Davies', jobTitle: 'Democratic Services Manager', orgUnitId: u.dem });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const firstHalf = (await s.years.get(actor, year)).periods[0]!.id;
    const plan = async (orgUnitId: number, title: string) => {
      const id = await s.plans.create(actor, { orgUnitId, planYearId: year, title, kind: 'business_plan' });
      return { id, objective: await s.plans.createObjective(actor, id, { number: '1.1', title: 'Do the job well' }) };
    };
    const cex = await plan(u.cex, "Chief Executive's Department Plan 2018/19");
    const fin = await plan(u.fin, 'Finance Plan 2018/19');
    const add = (p: { id: number; objective: number }, code: string, title: string, more: Record<string, unknown>) =>
      s.actions.create(actor, p.id, { objectiveId: p.objective, code, title, kind: 'ongoing', ...more });
    const update = (actionId: number, statusWord: string, percentComplete: number) =>
      s.progress.recordUpdate(actor, actionId, { periodId: firstHalf, asAt: '2018-07-31', statusWord, percentComplete, narrative: 'Progress as planned.' }, { recordedAt: '2018-07-31T10:00:00.000Z' });
    await update(await add(cex, '18-CEX01', 'Run the annual canvass', { leadPersonIds: [people.ellen], target: '95% response' }), 'IN PROGRESS', 80);
    await add(cex, '18-CEX02', 'Publish the register', { leadPersonIds: [people.ellen], kind: 'one_off', dueDate: '2018-06-30', outcome: 'An accurate register of electors' });
    await update(await add(cex, '18-CEX03', 'Webcast council meetings', { leadPersonIds: [people.dan] }), 'IN PROGRESS', 30);
    await update(await add(cex, '18-CEX04', 'Train new councillors', { leads: ['Member Services Officer'] }), 'COMPLETE', 100);
    await update(await add(cex, '18-CEX05', 'Review polling districts', { leadPersonIds: [people.ellen] }), 'IN PROGRESS', 5);
    await update(await add(fin, '18-FIN01', 'Set the budget', { leads: ['Chief Accountant'], target: '100% of savings_identified' }), 'ONGOING', 50);
    await add(fin, '18-FIN02', 'Close the accounts', { leadPersonIds: [people.ellen], kind: 'one_off', dueDate: '2019-03-31' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  const list = async (query: string, status = 200) => {
    const res = await client.get(`/actions${query}`);
    assert.equal(res.statusCode, status, query);
    return res;
  };
  const expectCodes = async (query: string, codes: string[]) => {
    const res = await list(query);
    assert.deepEqual([...codesOn(res.body)].sort(), [...codes].sort(), query);
    return res;
  };

  describe('search', () => {
    it('finds words in the code, title, target, outcome and lead officer, ignoring case', async () => {
      const cases: [string, string[], string][] = [
        ['canvass', ['18-CEX01'], 'title'],
        ['CANVASS', ['18-CEX01'], 'title, in capitals'],
        ['18-fin', ['18-FIN01', '18-FIN02'], 'code, in small letters'],
        ['response', ['18-CEX01'], 'target'],
        ['ELECTORS', ['18-CEX02'], 'outcome'],
        ['register', ['18-CEX02'], 'title and outcome, once'],
        ['ellen', ['18-CEX01', '18-CEX02', '18-CEX05', '18-FIN02'], 'a linked lead officer'],
        ['chief accountant', ['18-FIN01'], 'a lead officer written as a job title'],
        ['nothing matches this', [], 'no match'],
      ];
      for (const [words, codes, why] of cases) {
        const res = await expectCodes(`?search=${encodeURIComponent(words)}`, codes);
        assert.match(res.body, new RegExp(`${codes.length} actions?</caption>`), why);
      }
    });

    it('takes % and _ literally', async () => {
      // Only CEX01 and FIN01 have a % in them, only FIN01 an _: a wildcard would match all 7.
      await expectCodes('?search=%25', ['18-CEX01', '18-FIN01']);
      await expectCodes('?search=95%25', ['18-CEX01']);
      await expectCodes('?search=_', ['18-FIN01']);
      await expectCodes('?search=s_i', ['18-FIN01']);
    });

    it('keeps the words in the form and combines with the filters', async () => {
      // Ellen leads CEX01, CEX02, CEX05 and FIN02; of those only FIN02 is in Finance's plan.
      const res = await expectCodes(`?search=Ellen&service=${u.fin}`, ['18-FIN02']);
      assert.equal(inputValue(res.body, 'search'), 'Ellen');
      assert.match(res.body, /<form method="get" action="\/actions"/);
      assert.match(res.body, /Clear filters/);
    });

    it('refuses search words that are too long, with a message', async () => {
      const res = await list(`?search=${'a'.repeat(201)}`, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /<a href="#search">Search must be 200 characters or fewer<\/a>/);
      assert.match(pageText(res.body), /0 actions/);
    });
  });

  describe('filters', () => {
    it('filters by traffic light as at the date, each with its count', async () => {
      // From the table at the top: the light each action shows on 15 August 2018.
      const cases: [string, string[]][] = [
        ['red', ['18-CEX02', '18-CEX05']],
        ['amber', ['18-CEX03']],
        ['green', ['18-CEX01', '18-FIN01']],
        ['complete', ['18-CEX04']],
        ['not_due', ['18-FIN02']],
        ['not_updated', []],
        ['closed', []],
      ];
      for (const [light, codes] of cases) {
        const res = await expectCodes(`?light=${light}`, codes);
        assert.match(res.body, new RegExp(`>${codes.length} actions?</caption>`), light);
      }
      const none = await list('?light=not_updated');
      assert.match(pageText(none.body), /No actions match these filters/);
    });

    it('judges the light as at the chosen date', async () => {
      // On 1 June 2018 the updates (reporting on 31 July) had not happened and CEX02 was not yet past
      // its 30 June due date: nothing is red, and all 7 have no update with none yet due.
      await expectCodes('?light=red&asOf=2018-06-01', []);
      await expectCodes('?light=not_due&asOf=2018-06-01', ['18-CEX01', '18-CEX02', '18-CEX03', '18-CEX04', '18-CEX05', '18-FIN01', '18-FIN02']);
    });

    it('filters by stage (no update counts as not started)', async () => {
      const cases: [string, string[]][] = [
        ['in_progress', ['18-CEX01', '18-CEX03', '18-CEX05']],
        ['not_started', ['18-CEX02', '18-FIN02']],
        ['ongoing', ['18-FIN01']],
        ['complete', ['18-CEX04']],
        ['cancelled', []],
      ];
      for (const [stage, codes] of cases) await expectCodes(`?stage=${stage}`, codes);
    });

    it('filters by service by the unit-membership rule: its plans, or its officers leading', async () => {
      // Electoral Services has no plan of its own; Ellen, who works there, leads CEX01, CEX02, CEX05 and FIN02.
      const ele = await expectCodes(`?service=${u.ele}`, ['18-CEX01', '18-CEX02', '18-CEX05', '18-FIN02']);
      assert.match(ele.body, />4 actions<\/caption>/);
      await expectCodes(`?service=${u.dem}`, ['18-CEX03']);
      await expectCodes(`?service=${u.fin}`, ['18-FIN01', '18-FIN02']);
      await expectCodes(`?service=${u.cex}`, ['18-CEX01', '18-CEX02', '18-CEX03', '18-CEX04', '18-CEX05', '18-FIN02']);
    });

    it('filters by lead officer, chosen from a list of people', async () => {
      const res = await expectCodes(`?person=${people.ellen}`, ['18-CEX01', '18-CEX02', '18-CEX05', '18-FIN02']);
      assert.match(res.body, new RegExp(`<option value="${people.ellen}" selected>Ellen Evans \\(Electoral Services Manager\\)</option>`));
      await expectCodes(`?person=${people.dan}`, ['18-CEX03']);
    });

    it('combines the filters with each other and with search, and keeps every choice in the form', async () => {
      await expectCodes(`?service=${u.ele}&light=red`, ['18-CEX02', '18-CEX05']);
      await expectCodes(`?service=${u.ele}&light=red&stage=not_started`, ['18-CEX02']);
      await expectCodes(`?service=${u.ele}&stage=in_progress&light=green`, ['18-CEX01']);
      const res = await expectCodes(`?person=${people.ellen}&light=red&search=register`, ['18-CEX02']);
      assert.match(res.body, />1 action<\/caption>/);
      assert.match(res.body, /<option value="red" selected>Red<\/option>/);
      assert.equal(inputValue(res.body, 'search'), 'register');
      const more = await list(`?service=${u.ele}&stage=in_progress&light=green`);
      assert.match(more.body, new RegExp(`<option value="${u.ele}" selected>– Electoral Services</option>`));
      assert.match(more.body, /<option value="in_progress" selected>In progress<\/option>/);
      assert.match(more.body, /<option value="green" selected>Green<\/option>/);
      // The downloads keep every filter.
      assert.match(more.body, new RegExp(`href="/actions/export.csv\\?service=${u.ele}&amp;stage=in_progress&amp;light=green"`));
    });

    it('downloads what the light and stage filters find, as at the date', async () => {
      const csv = await client.get('/actions/export.csv?light=red');
      assert.equal(csv.statusCode, 200);
      // Red on 15 August: CEX02 and CEX05, and no other.
      assert.deepEqual([...csv.body.matchAll(/18-[A-Z]{3}\d{2}/g)].map((m) => m[0]).sort(), ['18-CEX02', '18-CEX05']);
      const stage = await client.get(`/actions/export.csv?stage=not_started&service=${u.fin}`);
      assert.deepEqual([...stage.body.matchAll(/18-[A-Z]{3}\d{2}/g)].map((m) => m[0]), ['18-FIN02']);
      // On 1 June nothing was red.
      const early = await client.get('/actions/export.csv?light=red&asOf=2018-06-01');
      assert.deepEqual([...early.body.matchAll(/18-[A-Z]{3}\d{2}/g)].map((m) => m[0]), []);
      const bad = await client.get('/actions/export.csv?light=purple');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Select a traffic light from the list/);
    });

    it('refuses a filter value it does not know with a message for the field, never an error page', async () => {
      const cases: [string, string, string][] = [
        ['?light=purple', 'light', 'Select a traffic light from the list'],
        ['?stage=finished', 'stage', 'Select a stage from the list'],
        ['?person=ellen', 'person', 'Select a valid person'],
        ['?service=-1', 'service', 'Select a valid service'],
        ['?sort=colour', 'sort', 'Sort by code, action, due date, traffic light or lead officer'],
        ['?sort=code&order=sideways', 'sort', 'Sort in ascending or descending order'],
      ];
      for (const [query, anchor, message] of cases) {
        const res = await list(query, 400);
        assert.match(res.body, /There is a problem/, query);
        assert.match(res.body, new RegExp(`<a href="#${anchor}">${message}</a>`), query);
        assert.deepEqual(codesOn(res.body), [], query);
      }
    });
  });

  describe('unit membership on the dashboards', () => {
    // Electoral Services has no plan; Ellen, who works there, leads CEX01 (green), CEX02 (red,
    // overdue), CEX05 (red) and FIN02 (not due yet).
    it('counts them on the service’s dashboard', async () => {
      const res = await client.get(`/dashboards/units/${u.ele}`);
      assert.equal(res.statusCode, 200);
      const text = pageText(res.body);
      assert.match(text, /4 actions in 2018\/19 plans/);
      assert.match(text, /1 ✔ Green/);
      assert.match(text, /0 ▲ Amber/);
      assert.match(text, /2 ✖ Red/);
      assert.match(text, /1 ○ Not due yet/);
    });

    it('counts them on the exceptions page', async () => {
      const res = await client.get(`/dashboards/exceptions?service=${u.ele}`);
      assert.equal(res.statusCode, 200);
      assert.match(pageText(res.body), /2 actions need attention in Electoral Services/);
      assert.match(res.body, /18-CEX02/);
      assert.match(res.body, /18-CEX05/);
      // Democratic Services: Dan's CEX03 is amber, so none.
      assert.match(pageText((await client.get(`/dashboards/exceptions?service=${u.dem}`)).body), /0 actions need attention in Democratic Services/);
    });
  });

  describe('sorting', () => {
    // The list's own order: CEX01–CEX05 (Chief Executive's Department), then FIN01, FIN02 (Finance).
    const sorted = async (query: string) => codesOn((await list(query)).body);

    it('sorts by each column, both ways, ties keeping the list’s own order', async () => {
      const cases: [string, string[], string][] = [
        ['?sort=code&order=desc', ['18-FIN02', '18-FIN01', '18-CEX05', '18-CEX04', '18-CEX03', '18-CEX02', '18-CEX01'], 'codes, descending'],
        ['?sort=code', ['18-CEX01', '18-CEX02', '18-CEX03', '18-CEX04', '18-CEX05', '18-FIN01', '18-FIN02'], 'ascending without an order'],
        // Close, Publish, Review, Run, Set, Train, Webcast.
        ['?sort=title&order=asc', ['18-FIN02', '18-CEX02', '18-CEX05', '18-CEX01', '18-FIN01', '18-CEX04', '18-CEX03'], 'titles'],
        // Red (CEX02, CEX05), amber (CEX03), green (CEX01, FIN01), not due (FIN02), complete (CEX04): worst first, not alphabetical.
        ['?sort=light&order=asc', ['18-CEX02', '18-CEX05', '18-CEX03', '18-CEX01', '18-FIN01', '18-FIN02', '18-CEX04'], 'lights'],
        ['?sort=light&order=desc', ['18-CEX04', '18-FIN02', '18-CEX01', '18-FIN01', '18-CEX03', '18-CEX02', '18-CEX05'], 'lights, best first'],
        // 30 June 2018 (CEX02), 31 March 2019 (FIN02); the five with no due date last, in list order.
        ['?sort=due&order=asc', ['18-CEX02', '18-FIN02', '18-CEX01', '18-CEX03', '18-CEX04', '18-CEX05', '18-FIN01'], 'due dates'],
        ['?sort=due&order=desc', ['18-FIN02', '18-CEX02', '18-CEX01', '18-CEX03', '18-CEX04', '18-CEX05', '18-FIN01'], 'due dates, descending, none still last'],
        // Chief Accountant, Dan Davies, Ellen Evans (four, in list order), Member Services Officer.
        ['?sort=lead&order=asc', ['18-FIN01', '18-CEX03', '18-CEX01', '18-CEX02', '18-CEX05', '18-FIN02', '18-CEX04'], 'lead officers'],
      ];
      for (const [query, codes, why] of cases) {
        assert.deepEqual(await sorted(query), codes, why);
        // The same every time.
        assert.deepEqual(await sorted(query), codes, `${why}, again`);
      }
    });

    it('sorts what the filters and search find', async () => {
      // Ellen's four by due date, latest first: FIN02 (31 March 2019), CEX02 (30 June 2018), then CEX01 and CEX05 with none.
      assert.deepEqual(await sorted(`?search=ellen&sort=due&order=desc`), ['18-FIN02', '18-CEX02', '18-CEX01', '18-CEX05']);
      assert.deepEqual(await sorted(`?service=${u.ele}&light=red&sort=code&order=desc`), ['18-CEX05', '18-CEX02']);
    });

    it('links each sortable heading, marks the sorted column with aria-sort, and keeps the filters', async () => {
      const res = await list(`?light=red&sort=code&order=asc`);
      const headings = [...res.body.matchAll(/<th scope="col"[^>]*>[\s\S]*?<\/th>/g)].map((m) => m[0]);
      const sortedHeadings = headings.filter((h) => h.includes('aria-sort'));
      assert.equal(sortedHeadings.length, 1);
      // The sorted column says so, and its link turns the order round.
      assert.match(sortedHeadings[0]!, /aria-sort="ascending"><a class="govuk-link waymark-sort-link" href="\/actions\?light=red&amp;sort=code&amp;order=desc">Code/);
      // Another column's link sorts by it, ascending, keeping the light filter.
      assert.match(res.body, /<th scope="col" class="govuk-table__header waymark-nowrap"><a class="govuk-link waymark-sort-link" href="\/actions\?light=red&amp;sort=due&amp;order=asc">Due date<\/a><\/th>/);
      // Filtering again keeps the order.
      assert.match(res.body, /<input type="hidden" name="sort" value="code"><input type="hidden" name="order" value="asc">/);
      const desc = await list(`?sort=light&order=desc`);
      assert.match(desc.body, /aria-sort="descending"><a class="govuk-link waymark-sort-link" href="\/actions\?sort=light&amp;order=asc">Traffic light/);
      // Without a sort, no column claims one.
      assert.doesNotMatch((await list('')).body, /aria-sort/);
    });
  });
});
