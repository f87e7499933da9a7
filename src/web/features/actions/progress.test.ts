import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, eachHttpDialect, pageText, signedInClient, testApp, TEST_PASSWORD, type Fields, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Progress updates through the web: the form, the timeline, corrections, and the traffic light on
// the action page, the plan page and the action list. "Today" is fixed at 1 October 2018: the
// second quarter's window is open, the first quarter is locked (due 14 July, 5 days' grace).

const TODAY = new Date('2018-10-01T12:00:00Z');
/** The value of the input with this name, or undefined when there is no such input. */
const inputValue = (html: string, name: string) => /value="([^"]*)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')?.[1];

// On both dialects: the form, the timeline and the lights read and write the same on each.
eachHttpDialect('progress updates', (dialect) => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let planId = 0;
  let objective = 0;
  let q1 = 0;
  let q2 = 0;

  // Each test makes the actions it works on (and records the updates it starts from), so that each
  // runs alone and none sees another's updates.
  /** A one-off project, 1 April 2018 to 31 March 2019: 50% expected on 1 October. */
  const newAction = (title = 'Webcast council meetings') => t.services.actions.create(actor, planId, { objectiveId: objective, title, kind: 'one_off', dueDate: '2019-03-31' });
  const history = (id: number) => t.services.progress.history(actor, id);
  /** A complete, valid update for the second quarter, as the form sends it. */
  const form = (extra: Fields = {}): Fields => ({
    periodId: String(q2),
    'asAt-day': '30',
    'asAt-month': '9',
    'asAt-year': '2018',
    statusWord: 'ON TRACK',
    percentComplete: '60',
    narrative: 'Cameras are installed in the council chamber.',
    nextSteps: 'Train the clerks to run the webcasts',
    ragOverride: '',
    overrideReason: '',
    ...extra,
  });

  before(async () => {
    t = await testApp({ clock: () => TODAY, dialect });
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk', userName: 'Alex Admin' });
    actor = systemActor(c.tenantId);
    const cex = await t.services.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const periods = (await t.services.years.get(actor, year)).periods;
    q1 = periods[0]!.id;
    q2 = periods[1]!.id;
    planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'Democratic Services Plan 2018/19', kind: 'service_improvement_plan' });
    objective = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decision making' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());
  /** An update recorded through the form by Alex Admin (60% unless `extra` says otherwise). */
  const recorded = async (actionId: number, extra: Fields = {}) => {
    const res = await client.post(`/actions/${actionId}/updates`, form(extra));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  };

  it('offers the form: the open period chosen, the locked one labelled, the end of the period as the as-at date, the status words with their stages', async () => {
    const actionId = await newAction();
    const res = await client.get(`/actions/${actionId}/updates/new`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Record a progress update<\/h1>/);
    assert.match(res.body, new RegExp(`<option value="${q2}" selected>Quarter 2 \\(July to September\\), due by 14 October 2018</option>`));
    assert.match(res.body, new RegExp(`<option value="${q1}">Quarter 1 \\(April to June\\) \\(locked\\)</option>`));
    // The update reports on the end of the quarter it is for (30 September), today being later.
    assert.match(res.body, /name="asAt-day" type="text" value="30"/);
    assert.match(res.body, /name="asAt-month" type="text" value="9"/);
    assert.match(res.body, /name="asAt-year" type="text" value="2018"/);
    assert.match(res.body, /name="statusWord" type="radio" value="ON TRACK"/);
    assert.match(pageText(res.body), /ON TRACK Means: in progress/);
    assert.match(res.body, /class="govuk-input__suffix" aria-hidden="true">%<\/div>/);
    assert.match(res.body, /Override the traffic light/);
    assert.match(res.body, /name="ragOverride" type="radio" value="" checked/);
  });

  it('records an update and shows it in the timeline and as the traffic light, with its explanation', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form());
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `/actions/${actionId}`);
    const page = await client.get(`/actions/${actionId}`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /Progress update saved/);
    assert.match(text, /Position as at 1 October 2018/);
    assert.match(page.body, /<strong class="waymark-rag waymark-rag--green"><span aria-hidden="true">✔<\/span> Green<\/strong>/);
    assert.match(text, /Green: 60% complete against 50% expected by 1 October 2018 \(due 31 March 2019\)\./);
    assert.match(text, /Status ON TRACK \(in progress\)/);
    assert.match(text, /% complete 60%/);
    assert.match(text, /Expected % complete 50%/);
    assert.match(text, /Progress Cameras are installed in the council chamber\./);
    assert.match(text, /Key actions remaining Train the clerks to run the webcasts/);
    // It reports on 30 September, so it is the second quarter's update; the third quarter's is next.
    assert.match(text, /Next update Update due by 14 January 2019, for Quarter 3 \(October to December\)/);
    // The timeline.
    assert.match(text, /Progress updates Quarter 2 \(July to September\): ON TRACK, 60% complete As at 30 September 2018\. Recorded by Alex Admin on 1 October 2018\./);
    assert.match(page.body, new RegExp(`href="/actions/${actionId}/updates/new\\?corrects=\\d+">Correct this update`));
    assert.equal((await history(actionId)).length, 1);
  });

  it('refuses a % complete over 100 and saves nothing', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ percentComplete: '101' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#percentComplete">% complete must be a whole number from 0 to 100<\/a>/);
    assert.match(res.body, /id="percentComplete-error"/);
    assert.equal(inputValue(res.body, 'percentComplete'), '101', 'what was typed is kept');
    assert.match(res.body, />Cameras are installed in the council chamber\.<\/textarea>/);
    assert.equal((await history(actionId)).length, 0);
  });

  it("refuses a status word the council does not use, listing the council's words", async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ statusWord: 'nearly there' }));
    assert.equal(res.statusCode, 400);
    const text = pageText(res.body);
    assert.match(text, /NEARLY THERE is not one of the council's status words\. Choose one of: COMPLETE, COMPLETED, IN PROGRESS, ON TRACK, ONGOING/);
    assert.match(res.body, /href="#statusWord">/);
    assert.equal((await history(actionId)).length, 0);
  });

  it('refuses an update for a locked period, saying why', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ periodId: String(q1), 'asAt-day': '30', 'asAt-month': '6' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#periodId">/);
    assert.match(pageText(res.body), /Quarter 1 \(April to June\) is locked: updates were due by 14 July 2018 \(with 5 days' grace\)\. Choose a later period, or ask a performance officer to extend this one\./);
    assert.equal((await history(actionId)).length, 0);
  });

  it('refuses an as-at date in the future, linking to the day box', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ 'asAt-day': '2', 'asAt-month': '10' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#asAt-day">As-at date cannot be in the future: enter the date the update reports on, 1 October 2018 or earlier<\/a>/);
    assert.match(res.body, /name="asAt-day" type="text" value="2"/);
    assert.equal((await history(actionId)).length, 0);
  });

  it('needs a reason to override the traffic light', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ ragOverride: 'red' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#overrideReason">Enter the reason for overriding the traffic light<\/a>/);
    assert.match(res.body, /<details class="govuk-details" open>/, 'the override section stays open');
    assert.match(res.body, /name="ragOverride" type="radio" value="red" checked/);
    assert.equal((await history(actionId)).length, 0);
  });

  it('corrects an update by adding a new version; the old one is kept and marked as corrected', async () => {
    const actionId = await newAction();
    await recorded(actionId);
    const [original] = await history(actionId);
    const formPage = await client.get(`/actions/${actionId}/updates/new?corrects=${original!.id}`);
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /<h1 class="govuk-heading-l">Correct a progress update<\/h1>/);
    assert.match(pageText(formPage.body), /You are correcting the update for Quarter 2 \(July to September\), recorded 1 October 2018 by Alex Admin/);
    assert.match(formPage.body, new RegExp(`name="correctsId" value="${original!.id}"`));
    assert.equal(inputValue(formPage.body, 'percentComplete'), '60');
    assert.match(formPage.body, /name="statusWord" type="radio" value="ON TRACK" checked/);
    assert.match(formPage.body, /name="asAt-day" type="text" value="30"/);
    assert.match(formPage.body, />Cameras are installed in the council chamber\.<\/textarea>/);

    const res = await client.post(`/actions/${actionId}/updates`, form({ percentComplete: '40', correctsId: String(original!.id) }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const versions = await history(actionId);
    assert.equal(versions.length, 2);
    assert.equal(versions[0]!.corrects_id, original!.id);
    assert.equal(versions[1]!.id, original!.id);
    assert.equal(versions[1]!.percent_complete, 60, 'the original is untouched');
    assert.equal(versions[1]!.correctedBy, versions[0]!.id);

    const page = await client.get(`/actions/${actionId}`);
    const text = pageText(page.body);
    assert.match(text, /ON TRACK, 40% complete As at 30 September 2018\. Recorded by Alex Admin on 1 October 2018\. Corrects the update of 1 October 2018 by Alex Admin\./);
    assert.match(text, /ON TRACK, 60% complete As at 30 September 2018\. Recorded by Alex Admin on 1 October 2018\. Corrected by a later update/);
    assert.doesNotMatch(page.body, new RegExp(`corrects=${original!.id}"`), 'a corrected update offers no second correction');
    // The position uses the correction: 40% against 50% expected is amber.
    assert.match(text, /Amber: 40% complete against 50% expected by 1 October 2018/);
  });

  it('records an override with its reason and shows both traffic lights', async () => {
    const actionId = await newAction();
    const res = await client.post(`/actions/${actionId}/updates`, form({ percentComplete: '45', ragOverride: 'red', overrideReason: 'The supplier has gone into administration' }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const page = await client.get(`/actions/${actionId}`);
    const text = pageText(page.body);
    assert.match(page.body, /waymark-rag--red/);
    assert.match(text, /✖ Red \(computed: Green\)/);
    assert.match(text, /Red \(overridden from Green\): The supplier has gone into administration\. Green: 45% complete against 50% expected/);
    assert.match(text, /Traffic light overridden to ✖ Red \. Reason: The supplier has gone into administration/);
  });

  it('refuses to correct an update of another action', async () => {
    const actionId = await newAction();
    const otherActionId = await newAction('Publish every decision');
    await recorded(actionId);
    const [mine] = await history(actionId);
    assert.equal((await client.get(`/actions/${otherActionId}/updates/new?corrects=${mine!.id}`)).statusCode, 404);
    const res = await client.post(`/actions/${otherActionId}/updates`, form({ correctsId: String(mine!.id) }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Select an update of this action to correct/);
    assert.equal((await history(otherActionId)).length, 0);
  });

  it('shows the position as it stood on an earlier date, leaving out updates recorded later', async () => {
    const otherActionId = await newAction('Publish every decision');
    await t.services.progress.recordUpdate(
      actor,
      otherActionId,
      { periodId: q2, asAt: '2018-09-20', statusWord: 'IN PROGRESS', percentComplete: 48, narrative: 'Decision notices drafted' },
      { recordedAt: '2018-09-20T09:00:00.000Z' },
    );
    const before = await client.get(`/actions/${otherActionId}?asOf=2018-09-19`);
    assert.equal(before.statusCode, 200);
    const beforeText = pageText(before.body);
    assert.match(beforeText, /Position as at 19 September 2018/);
    assert.doesNotMatch(beforeText, /Decision notices drafted/);
    assert.match(beforeText, /No progress updates reporting on 19 September 2018 or earlier/);
    assert.match(beforeText, /1 later update, reporting on a date after 19 September 2018, is not shown/);
    // As at 19 September, the first quarter's deadline (14 July, plus 5 days' grace) had passed with no update.
    assert.match(beforeText, /Not updated: no progress update for Quarter 1 \(April to June\), due by 14 July 2018; none recorded before\./);
    assert.match(before.body, /name="asOf-day" type="text" value="19"/);

    const on = pageText((await client.get(`/actions/${otherActionId}?asOf-day=20&asOf-month=9&asOf-year=2018`)).body);
    assert.match(on, /Position as at 20 September 2018/);
    assert.match(on, /Decision notices drafted/);
    assert.match(on, /Recorded by Waymark on 20 September 2018/);
    // As known on 20 September (it was recorded that morning) it counts; the page says which view it is.
    const known = pageText((await client.get(`/actions/${otherActionId}?asOf=2018-09-20&knownOn=2018-09-20`)).body);
    assert.match(known, /Position as at 20 September 2018, as known on 20 September 2018/);
    assert.match(known, /Decision notices drafted/);
  });

  it('says when the as-at date is not usable', async () => {
    const actionId = await newAction();
    const outside = await client.get(`/actions/${actionId}?asOf=2030-01-01`);
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /There is a problem/);
    assert.match(outside.body, /href="#asOf-day">As-at date 1 January 2030 is outside every plan year: choose a date inside one of 2018\/19 \(1 April 2018 to 31 March 2019\)\.<\/a>/);
    assert.match(outside.body, /id="asOf-error"/);
    const unreal = await client.get(`/actions/${actionId}?asOf-day=31&asOf-month=2&asOf-year=2019`);
    assert.equal(unreal.statusCode, 400);
    assert.match(unreal.body, /href="#asOf-day">As-at date must be a real date<\/a>/);
    assert.match(unreal.body, /name="asOf-day" type="text" value="31"/);
    // The plan page and the action list say the same.
    const plan = await client.get(`/plans/${planId}?asOf=2030-01-01`);
    assert.equal(plan.statusCode, 400);
    assert.match(plan.body, /href="#asOf-day">As-at date 1 January 2030 is outside every plan year/);
    const list = await client.get('/actions?asOf=2030-01-01');
    assert.equal(list.statusCode, 400);
    assert.match(list.body, /href="#asOf-day">As-at date 1 January 2030 is outside every plan year/);
  });

  it('shows the traffic light and % complete on the plan page and the action list, as at a chosen date', async () => {
    // Titles of their own, so that the rows below are these actions' whatever other tests made.
    const actionId = await newAction('Stream the planning committee');
    const otherActionId = await newAction('Publish planning decisions');
    // 45% against 50% expected is green (90% of expected or more), overridden to red.
    await recorded(actionId, { percentComplete: '45', ragOverride: 'red', overrideReason: 'The supplier has gone into administration' });
    await t.services.progress.recordUpdate(actor, otherActionId, { periodId: q2, asAt: '2018-09-20', statusWord: 'IN PROGRESS', percentComplete: 48 }, { recordedAt: '2018-09-20T09:00:00.000Z' });
    const plan = await client.get(`/plans/${planId}`);
    assert.equal(plan.statusCode, 200);
    const row = (html: string, id: number) => pageText(new RegExp(`<tr class="govuk-table__row" id="action-${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '');
    assert.match(row(plan.body, actionId), /✖ Red \(computed: Green\) 45% complete$/);
    assert.match(row(plan.body, otherActionId), /✔ Green 48% complete$/);
    assert.match(pageText(plan.body), /The Progress column shows each action's traffic light as at 1 October 2018/);
    const earlier = await client.get(`/plans/${planId}?asOf=2018-09-19`);
    assert.match(row(earlier.body, otherActionId), /\? Not updated$/);

    const list = await client.get('/actions');
    assert.equal(list.statusCode, 200);
    // Column headings are plain text or sort links; the last one is the light.
    const headers = [...list.body.matchAll(/<th scope="col" class="govuk-table__header[^"]*"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => pageText(m[1]!));
    assert.equal(headers.at(-1), 'Traffic light');
    assert.match(pageText(list.body), /Traffic lights show each action's position as at 1 October 2018/);
    assert.match(pageText(list.body), /Stream the planning committee Democratic Services 2018\/19 1 Open decision making – 31 March 2019 ✖ Red \(computed: Green\) 45% complete/);
    const listEarlier = pageText((await client.get('/actions?asOf-day=19&asOf-month=9&asOf-year=2018')).body);
    assert.match(listEarlier, /Publish planning decisions Democratic Services 2018\/19 1 Open decision making – 31 March 2019 \? Not updated/);
  });

  describe('a viewer', () => {
    let viewer: HttpClient;
    before(async () => {
      await t.services.auth.createUser(actor.tenantId, { email: 'viewer@borsetshire.example.gov.uk', name: 'Vera Viewer', role: 'viewer', password: TEST_PASSWORD });
      viewer = await signedInClient(t.app, 'viewer@borsetshire.example.gov.uk');
    });

    it('reads the position and the timeline but cannot record or correct an update', async () => {
      const actionId = await newAction();
      await recorded(actionId);
      const page = await viewer.get(`/actions/${actionId}`);
      assert.equal(page.statusCode, 200);
      assert.match(pageText(page.body), /Progress updates/);
      assert.doesNotMatch(page.body, /Correct this update/);
      assert.doesNotMatch(page.body, /Record a progress update/);
      assert.equal((await viewer.get(`/actions/${actionId}/updates/new`)).statusCode, 403);
      const [latest] = await history(actionId);
      assert.equal((await viewer.get(`/actions/${actionId}/updates/new?corrects=${latest!.id}`)).statusCode, 403);
      const res = await viewer.post(`/actions/${actionId}/updates`, form());
      assert.equal(res.statusCode, 403);
      assert.equal((await history(actionId)).length, 1);
    });
  });

  it("does not show one council's actions or updates to another", async () => {
    const actionId = await newAction();
    const other = await createCouncil(t.services, { slug: 'wessex', name: 'Wessex District Council', email: 'admin@wessex.example.gov.uk' });
    const outsider = await signedInClient(t.app, other.email);
    assert.equal((await outsider.get(`/actions/${actionId}/updates/new`)).statusCode, 404);
    assert.equal((await outsider.post(`/actions/${actionId}/updates`, form())).statusCode, 404);
    assert.equal((await history(actionId)).length, 0);
  });
});
