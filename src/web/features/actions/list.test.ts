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
});
