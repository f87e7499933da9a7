import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { systemActor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type TestApp } from '../../../../test/support/http.ts';

// The update form never proposes a period that is not taking updates without saying so (issue 12).
// Plan year 2018/19 in quarters. Each quarter opens 13 days before it ends and is due 14 days after,
// plus the council's 5 days' grace (the defaults), so:
//   Q1 Apr–Jun: opens 18 Jun, due 14 Jul, locked after 19 Jul
//   Q2 Jul–Sep: opens 17 Sep, due 14 Oct, locked after 19 Oct
//   Q3 Oct–Dec: opens 18 Dec, due 14 Jan 2019, locked after 19 Jan
//   Q4 Jan–Mar: opens 18 Mar 2019, due 14 Apr 2019, locked after 19 Apr 2019

async function formOn(today: string): Promise<{ t: TestApp; body: string; text: string }> {
  const t = await testApp({ clock: () => new Date(`${today}T12:00:00Z`) });
  const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk', userName: 'Alex Admin' });
  const actor = systemActor(c.tenantId);
  const cex = await t.services.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
  const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
  const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
  const planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'Democratic Services Plan 2018/19', kind: 'service_improvement_plan' });
  const objective = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decision making' });
  const actionId = await t.services.actions.create(actor, planId, { objectiveId: objective, title: 'Webcast council meetings', kind: 'one_off', dueDate: '2019-03-31' });
  const client = await signedInClient(t.app, c.email);
  const res = await client.get(`/actions/${actionId}/updates/new`);
  assert.equal(res.statusCode, 200);
  return { t, body: res.body, text: pageText(res.body) };
}

/** The selected options of the reporting period select. */
const selected = (body: string) => [...(/<select[^>]*name="periodId"[^>]*>([\s\S]*?)<\/select>/.exec(body)?.[1] ?? '').matchAll(/<option value="([^"]*)" selected>([^<]*)<\/option>/g)].map((m) => m[2]);

describe('the update form and periods not taking updates', () => {
  const apps: TestApp[] = [];
  after(() => Promise.all(apps.map((t) => t.close())));

  it('20 November 2018, between windows: Q2 locked, Q3 not open until 18 December; Q3 is proposed and the form says it is not open yet', async () => {
    const { t, body, text } = await formOn('2018-11-20');
    apps.push(t);
    // Q3 is proposed (the next to open), and, unlike before the fix, the form says it is not open yet.
    assert.deepEqual(selected(body), ['Quarter 3 (October to December), opens for updates on 18 December 2018, due by 14 January 2019 (not open yet)']);
    assert.match(text, /No reporting period of 2018\/19 is taking updates today \(20 November 2018\)\. Quarter 3 \(October to December\) is proposed, but it opens for updates only on 18 December 2018/);
    assert.match(body, />Quarter 3 \(October to December\), opens for updates on 18 December 2018, due by 14 January 2019 \(not open yet\)<\/option>/);
    assert.match(body, />Quarter 2 \(July to September\) \(locked\)<\/option>/);
    // The as-at date proposed is today: no period's end is proposed.
    assert.match(body, /name="asAt-day" type="text" value="20"/);
    assert.match(body, /name="asAt-month" type="text" value="11"/);
  });

  it('1 May 2019, after the year: every period locked; nothing is proposed and the form says so', async () => {
    const { t, body, text } = await formOn('2019-05-01');
    apps.push(t);
    assert.deepEqual(selected(body), ['Select a reporting period']);
    assert.match(text, /Every reporting period of 2018\/19 is locked: their deadlines have passed\./);
    // The as-at date proposed is the year's last day (today is after it).
    assert.match(body, /name="asAt-day" type="text" value="31"/);
    assert.match(body, /name="asAt-month" type="text" value="3"/);
  });

  it('20 December 2018, in Q3 window: Q3 proposed, no notice', async () => {
    const { t, body, text } = await formOn('2018-12-20');
    apps.push(t);
    assert.deepEqual(selected(body), ['Quarter 3 (October to December), due by 14 January 2019']);
    assert.doesNotMatch(text, /is taking updates today|is locked: their deadlines/);
  });
});
