import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// The scorecard at the top of a plan page and the traffic lights column of the plans list, with a
// fixed "today", 15 August 2018 (before the first half-year's update deadline).
//
// The 2018/19 year runs 1 April 2018 to 31 March 2019, so on 15 August an action running all year is
// expected to be about 37% complete: green from about 33%, amber from about 26%, red below.
// Updates report on 31 July 2018.
//
//   Chief Executive's Department Plan 2018/19
//     18-CEX01 ongoing, IN PROGRESS 80%           green
//     18-CEX02 one-off due 30 June 2018, no update red, overdue
//     18-CEX03 ongoing, IN PROGRESS 30%           amber
//     18-CEX04 ongoing, COMPLETE 100%             complete
//     18-CEX05 ongoing, IN PROGRESS 5%            red
//   Finance Plan 2018/19
//     18-FIN01 ongoing, ONGOING 50%               green
//     18-FIN02 one-off due 31 March 2019, none    not due yet (its first update is not due until October)
//   Democratic Services Plan 2018/19: no actions
//   Finance Plan 2017/18
//     17-FIN01 ongoing, no update at all: as at its year's last reporting date, 31 March 2018, with
//     both half-years' deadlines long past, it is not updated.

const TODAY = new Date('2018-08-15T12:00:00Z');

/** The scorecard's rows as [key, value] text pairs. */
function scorecardRows(html: string): [string, string][] {
  const start = html.indexOf('class="govuk-summary-list waymark-scorecard"');
  assert.ok(start >= 0, 'a scorecard');
  const list = html.slice(start, html.indexOf('</dl>', start));
  return [...list.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => [pageText(m[1]!), pageText(m[2]!)]);
}

describe('plan scorecards', () => {
  let t: TestApp;
  let client: HttpClient;
  const plans = { cex: 0, fin: 0, dem: 0, fin17: 0 };

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'scoreton', name: 'Scoreton Borough Council', email: 'admin@scoreton.example.gov.uk' });
    const actor = systemActor(c.tenantId);
    const org = s.organisation;
    const cexUnit = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const demUnit = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cexUnit });
    const resUnit = await org.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    const finUnit = await org.createUnit(actor, { name: 'Finance', code: 'FIN', kind: 'service', parentId: resUnit });
    const y17 = await s.years.create(actor, { label: '2017/18', scheme: 'halves' });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const firstHalf = (await s.years.get(actor, year)).periods[0]!.id;
    const plan = async (orgUnitId: number, title: string, planYearId = year) => {
      const id = await s.plans.create(actor, { orgUnitId, planYearId, title, kind: 'business_plan' });
      return { id, objective: await s.plans.createObjective(actor, id, { number: '1.1', title: 'Do the job well' }) };
    };
    const cex = await plan(cexUnit, "Chief Executive's Department Plan 2018/19");
    const fin = await plan(finUnit, 'Finance Plan 2018/19');
    const fin17 = await plan(finUnit, 'Finance Plan 2017/18', y17);
    plans.cex = cex.id;
    plans.fin = fin.id;
    plans.fin17 = fin17.id;
    plans.dem = (await plan(demUnit, 'Democratic Services Plan 2018/19')).id;
    const add = (p: { id: number; objective: number }, code: string, more: Record<string, unknown> = {}) =>
      s.actions.create(actor, p.id, { objectiveId: p.objective, code, title: `Action ${code}`, kind: 'ongoing', ...more });
    const update = (actionId: number, statusWord: string, percentComplete: number) =>
      s.progress.recordUpdate(actor, actionId, { periodId: firstHalf, asAt: '2018-07-31', statusWord, percentComplete, narrative: 'Progress as planned.' }, { recordedAt: '2018-07-31T10:00:00.000Z' });
    await update(await add(cex, '18-CEX01'), 'IN PROGRESS', 80);
    await add(cex, '18-CEX02', { kind: 'one_off', dueDate: '2018-06-30' });
    await update(await add(cex, '18-CEX03'), 'IN PROGRESS', 30);
    await update(await add(cex, '18-CEX04'), 'COMPLETE', 100);
    await update(await add(cex, '18-CEX05'), 'IN PROGRESS', 5);
    await update(await add(fin, '18-FIN01'), 'ONGOING', 50);
    await add(fin, '18-FIN02', { kind: 'one_off', dueDate: '2019-03-31' });
    await add(fin17, '17-FIN01');
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('shows a scorecard at the top of a plan: every light with its word, the overdue and the total', async () => {
    const res = await client.get(`/plans/${plans.cex}`);
    assert.equal(res.statusCode, 200);
    assert.match(pageText(res.body), /Scorecard as at 15 August 2018/);
    // Worst first; the symbol is part of each light's word, so colour is never the only signal.
    assert.deepEqual(scorecardRows(res.body), [
      ['✖ Red', '2 actions'],
      ['? Not updated', '0 actions'],
      ['▲ Amber', '1 action'],
      ['✔ Green', '1 action'],
      ['○ Not due yet', '0 actions'],
      ['★ Complete', '1 action'],
      ['■ Closed', '0 actions'],
      ['Overdue', '1 action (counted as red too)'],
      ['All actions', '5'],
    ]);
    // The scorecard comes before the plan's objectives.
    assert.ok(res.body.indexOf('waymark-scorecard') < res.body.indexOf('id="objective-'));
  });

  it('counts as at the date chosen', async () => {
    // On 1 June 2018 nothing had been reported and nothing was due: all five are not due yet.
    const res = await client.get(`/plans/${plans.cex}?asOf=2018-06-01`);
    assert.equal(res.statusCode, 200);
    assert.match(pageText(res.body), /Scorecard as at 1 June 2018/);
    const rows = scorecardRows(res.body);
    assert.deepEqual(rows.find((r) => r[0] === '○ Not due yet'), ['○ Not due yet', '5 actions']);
    assert.deepEqual(rows.find((r) => r[0] === 'Overdue'), ['Overdue', '0 actions']);
  });

  it('shows no scorecard for a plan with no actions', async () => {
    const res = await client.get(`/plans/${plans.dem}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /waymark-scorecard/);
  });

  it('gives each plan in the list its lights in words, as at its year’s date', async () => {
    const res = await client.get('/plans');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Chief Executive's Department Plan 2018\/19 .*? 2 red, 1 amber, 1 green, 1 complete as at 15 August 2018/);
    assert.match(text, /Finance Plan 2018\/19 .*? 1 green, 1 not due yet as at 15 August 2018/);
    assert.match(text, /Democratic Services Plan 2018\/19 .*? No actions as at 15 August 2018/);
    assert.match(text, /Finance Plan 2017\/18 .*? 1 not updated as at 31 March 2018/);
  });
});
