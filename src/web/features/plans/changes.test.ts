import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// "Change since last quarter" on the plan page (scorecard and Progress column) and the action page.
// Today is 15 November 2018; 2018/19 is in quarters, so the change is since the end of Quarter 2
// (30 September 2018). Worked by hand, with the default thresholds (green at 90% of expected, amber
// at 70%) and actions running all year (1 April 2018 to 31 March 2019, 365 days):
//   as at 30 September, 183 days have passed: expected 50.1%; as at 15 November, 229: expected 62.7%.
//   18-CHG01 ongoing, Q2 update 50%: 50/50.1 green then, 50/62.7 = 80% amber now → worsened.
//   18-CHG02 ongoing, Q2 update 60%: green then, 60/62.7 = 96% green now, same % → no change.
//   18-CHG03 starts 1 October 2018, no update: not started by 30 September → new; now not due yet
//            (no update, and its first deadline, for Quarter 3, has not passed).

const TODAY = new Date('2018-11-15T12:00:00Z');

describe('change since last quarter', () => {
  let t: TestApp;
  let client: HttpClient;
  let planId = 0;
  let worsened = 0;
  let fresh = 0;

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'changeton', name: 'Changeton District Council', email: 'admin@changeton.example.gov.uk' });
    const actor = systemActor(c.tenantId);
    const directorate = await s.organisation.createUnit(actor, { name: 'Resources', code: 'RES', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Customer Services', code: 'CUS', kind: 'service', parentId: directorate });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const q2 = (await s.years.get(actor, year)).periods[1]!;
    planId = await s.plans.create(actor, { orgUnitId: unit, planYearId: year, title: 'Customer Services Plan 2018/19', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(actor, planId, { number: '1.1', title: 'Answer people quickly' });
    const add = (code: string, more: Record<string, unknown> = {}) => s.actions.create(actor, planId, { objectiveId, code, title: `Action ${code}`, kind: 'ongoing', ...more });
    const update = (actionId: number, percentComplete: number) =>
      s.progress.recordUpdate(actor, actionId, { periodId: q2.id, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete, narrative: 'Update for the quarter.' }, { recordedAt: '2018-10-05T10:00:00.000Z' });
    worsened = await add('18-CHG01');
    await update(worsened, 50);
    await update(await add('18-CHG02'), 60);
    fresh = await add('18-CHG03', { startDate: '2018-10-01' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('counts the moves in the plan scorecard and says in the Progress column each one that moved', async () => {
    const res = await client.get(`/plans/${planId}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Change since the end of Quarter 2 \(July to September\) \(30 September 2018\) 1 worsened, 1 the same light, 1 new since then/);
    assert.match(text, /18-CHG01 .*Worsened since Quarter 2 \(July to September\): was Green \(50%\)/);
    // 18-CHG02 was Green (60%) then and now: its cell says nothing of a change.
    assert.match(text, /18-CHG02 Action 18-CHG02 Ongoing \(delivered at a constant rate\) – – – – – ✔ Green 60% complete 18-CHG03/);
    assert.match(text, /18-CHG03 .*New since Quarter 2/);
  });

  it('says on the action page how the light moved, with both lights in words', async () => {
    const text = pageText((await client.get(`/actions/${worsened}`)).body);
    assert.match(text, /Change since last period Worsened: Green \(50%\) → Amber \(50%\) since the end of Quarter 2 \(July to September\) \(30 September 2018\)\./);
    const newer = pageText((await client.get(`/actions/${fresh}`)).body);
    assert.match(newer, /Change since last period New since the end of Quarter 2 \(July to September\) \(30 September 2018\): it started on 1 October 2018\. Now Not due yet\./);
  });

  it('has nothing to compare with in the first quarter', async () => {
    const text = pageText((await client.get(`/actions/${worsened}?asOf-day=15&asOf-month=6&asOf-year=2018`)).body);
    assert.match(text, /Change since last period No earlier period in 2018\/19 to compare with/);
  });
});
