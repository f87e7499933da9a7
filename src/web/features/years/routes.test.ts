import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor } from '../../../services/index.ts';

describe('plan year pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let tenantId: number;

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'c1', name: 'Test Council', email: 'admin@c1.example.gov.uk' });
    tenantId = c.tenantId;
    await t.services.years.create(systemActor(tenantId), { label: '2017/18', scheme: 'halves' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  const years = () => t.services.years.list(systemActor(tenantId));

  it('lists plan years with their dates', async () => {
    const res = await client.get('/years');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Plan years<\/h1>/);
    assert.match(pageText(res.body), /2017\/18 1 April 2017 31 March 2018/);
    assert.match(res.body, /<caption class="govuk-table__caption/);
  });

  it('shows the add form with a hint and the two schemes', async () => {
    const res = await client.get('/years/new');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /For example, 2018\/19/);
    assert.match(res.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Reporting periods/);
    assert.match(res.body, /id="scheme" name="scheme" type="radio" value="quarters" checked/);
    assert.match(res.body, /id="scheme-2" name="scheme" type="radio" value="halves"/);
  });

  it('creates a year with quarters, shows its periods, then changes to halves', async () => {
    const res = await client.post('/years', { label: '2018/19', scheme: 'quarters' });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, /^\/years\/\d+$/);

    const view = await client.get(location);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Plan year 2018\/19 saved/);
    assert.match(view.body, /<h1 class="govuk-heading-l">Plan year 2018\/19<\/h1>/);
    assert.match(text, /Starts 1 April 2018/);
    assert.match(text, /Ends 31 March 2019/);
    assert.match(text, /Quarter 1 \(April to June\) 1 April 2018 30 June 2018/);
    assert.match(text, /Quarter 4 \(January to March\) 1 January 2019 31 March 2019/);
    assert.match(view.body, /<th scope="row" class="govuk-table__header">Quarter 1/);
    assert.match(view.body, /value="quarters" checked/);
    assert.match(text, /No plans in this year yet/);

    const changed = await client.post(`${location}/periods`, { scheme: 'halves' });
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, location);
    const after = await client.get(location);
    const afterText = pageText(after.body);
    assert.match(afterText, /Reporting periods saved/);
    assert.match(afterText, /First half \(April to September\) 1 April 2018 30 September 2018/);
    assert.match(afterText, /Second half \(October to March\) 1 October 2018 31 March 2019/);
    assert.doesNotMatch(afterText, /Quarter 1/);
    assert.match(after.body, /value="halves" checked/);
  });

  it('takes custom periods, one per line, and explains a bad line', async () => {
    await t.services.years.create(systemActor(tenantId), { label: '2016/17', scheme: 'halves' });
    const y = (await years()).find((x) => x.label === '2016/17')!;
    const bad = await client.post(`/years/${y.id}/periods`, { scheme: 'custom', customPeriods: 'Spring, 2016-04-01, 2016-07-31\nRest, 2016-07-31, 2017-03-31' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#customPeriods">Line 2: periods must be in order and must not overlap/);
    assert.match(bad.body, /Rest, 2016-07-31, 2017-03-31<\/textarea>/, 'what was typed is kept');
    assert.equal((await t.services.years.get(systemActor(tenantId), y.id)).periods.length, 2, 'nothing changed');
    const ok = await client.post(`/years/${y.id}/periods`, { scheme: 'custom', customPeriods: 'Spring, 2016-04-01, 2016-07-31\nSummer, 1/8/2016, 30/11/2016\nWinter, 2016-12-01, 2017-03-31' });
    assert.equal(ok.statusCode, 303);
    const periods = (await t.services.years.get(systemActor(tenantId), y.id)).periods;
    assert.deepEqual(periods.map((p) => [p.label, p.start_date, p.end_date]), [
      ['Spring', '2016-04-01', '2016-07-31'],
      ['Summer', '2016-08-01', '2016-11-30'],
      ['Winter', '2016-12-01', '2017-03-31'],
    ]);
    assert.equal(periods[0]!.due_on, '2016-08-14');
  });

  it('lists the plans of the year with links', async () => {
    const actor = systemActor(tenantId);
    const unitId = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'directorate' });
    const year = (await years()).find((y) => y.label === '2017/18')!;
    const planId = await t.services.plans.create(actor, { orgUnitId: unitId, planYearId: year.id, title: 'Democratic Services Business Plan 2017/18', kind: 'business_plan' });
    const res = await client.get(`/years/${year.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<a class="govuk-link" href="/plans/${planId}">Democratic Services Business Plan 2017/18</a>`));
  });

  it('re-renders the form with errors and saves nothing', async () => {
    const count = (await years()).length;
    const res = await client.post('/years', { label: '2018-2020' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#label">Plan year must be like 2018\/19<\/a>/);
    assert.match(res.body, /href="#scheme">Select how the year is split into reporting periods<\/a>/);
    assert.match(res.body, /value="2018-2020"/);
    const dup = await client.post('/years', { label: '2017/18', scheme: 'quarters' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Plan year 2017\/18 already exists/);
    const blank = await client.post('/years', { label: '', scheme: 'quarters' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the plan year/);
    assert.match(blank.body, /value="quarters" checked/, 'the chosen scheme is kept');
    assert.equal((await years()).length, count);
  });

  it('rejects an unknown scheme on the view page and keeps the periods', async () => {
    const year = (await years()).find((y) => y.label === '2017/18')!;
    const res = await client.post(`/years/${year.id}/periods`, { scheme: 'months' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#scheme">Select how the year is split into reporting periods<\/a>/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Plan year 2017\/18<\/h1>/);
    assert.equal((await t.services.years.get(systemActor(tenantId), year.id)).periods.length, 2);
  });

  it('gives the not-found page for unknown ids', async () => {
    for (const url of ['/years/99999', '/years/x']) assert.equal((await client.get(url)).statusCode, 404, url);
    assert.equal((await client.post('/years/99999/periods', { scheme: 'halves' })).statusCode, 404);
    assert.equal((await client.post('/years/99999/periods', { scheme: 'nonsense' })).statusCode, 404);
  });

  it('refuses a form sent without the CSRF token', async () => {
    const count = (await years()).length;
    const res = await client.post('/years', { label: '2030/31', scheme: 'quarters' }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await years()).length, count);
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await anonymousClient(t.app).get('/years');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/sign-in/);
  });

  it("does not show one council's years to another council", async () => {
    const other = await createCouncil(t.services, { slug: 'c2', name: 'Other Council', email: 'admin@c2.example.gov.uk' });
    const theirs = await signedInClient(t.app, other.email);
    const year = (await years())[0]!;
    assert.equal((await theirs.get(`/years/${year.id}`)).statusCode, 404);
    assert.equal((await theirs.post(`/years/${year.id}/periods`, { scheme: 'quarters' })).statusCode, 404);
    assert.doesNotMatch((await theirs.get('/years')).body, /2017\/18/);
  });

  describe("a reporting period's update window", () => {
    const year1718 = async () => (await years()).find((y) => y.label === '2017/18')!;
    const periodsOf = async (id: number) => (await t.services.years.get(systemActor(tenantId), id)).periods;
    const window = { 'opensOn-day': '1', 'opensOn-month': '9', 'opensOn-year': '2017', 'dueOn-day': '31', 'dueOn-month': '10', 'dueOn-year': '2017', graceDays: '10' };

    it('shows when updates open, when they are due and when the period locks', async () => {
      const year = await year1718();
      const first = (await periodsOf(year.id))[0]!;
      const res = await client.get(`/years/${year.id}`);
      const headers = [...res.body.matchAll(/<th scope="col" class="govuk-table__header">([^<]+)<\/th>/g)].map((m) => m[1]);
      assert.deepEqual(headers, ['Period', 'From', 'To', 'Updates open', 'Updates due', 'Locks after']);
      assert.match(
        pageText(res.body),
        /First half \(April to September\) 1 April 2017 30 September 2017 17 September 2017 14 October 2017 19 October 2017 5 days' grace \(council default\) Edit the update window for First half \(April to September\)/,
      );
      assert.match(res.body, new RegExp(`href="/years/${year.id}/periods/${first.id}/edit"`));
    });

    it('offers the window in a form, with the council default for grace days', async () => {
      const year = await year1718();
      const first = (await periodsOf(year.id))[0]!;
      const res = await client.get(`/years/${year.id}/periods/${first.id}/edit`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1 class="govuk-heading-l">First half \(April to September\): update window<\/h1>/);
      assert.match(res.body, /name="opensOn-day" type="text" value="17"/);
      assert.match(res.body, /name="dueOn-month" type="text" value="10"/);
      assert.match(pageText(res.body), /Leave blank to use the council's default of 5 days\./);
    });

    it('saves a new window and shows when the period now locks', async () => {
      const year = await year1718();
      const first = (await periodsOf(year.id))[0]!;
      const res = await client.post(`/years/${year.id}/periods/${first.id}/edit`, window);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, `/years/${year.id}`);
      const saved = (await periodsOf(year.id))[0]!;
      assert.deepEqual([saved.opens_on, saved.due_on, saved.grace_days], ['2017-09-01', '2017-10-31', 10]);
      assert.deepEqual([saved.start_date, saved.end_date, saved.label], [first.start_date, first.end_date, first.label], 'the period itself is unchanged');
      const text = pageText((await client.get(`/years/${year.id}`)).body);
      assert.match(text, /First half \(April to September\) saved/);
      assert.match(text, /1 September 2017 31 October 2017 10 November 2017 10 days' grace Edit/);
      // A blank grace goes back to the council's default.
      assert.equal((await client.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, graceDays: '' })).statusCode, 303);
      assert.equal((await periodsOf(year.id))[0]!.grace_days, null);
      assert.equal((await client.post(`/years/${year.id}/periods/${first.id}/edit`, window)).statusCode, 303);
    });

    it('refuses a window that makes no sense and saves nothing', async () => {
      const year = await year1718();
      const first = (await periodsOf(year.id))[0]!;
      const before = await periodsOf(year.id);
      const backwards = await client.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, 'dueOn-month': '8' });
      assert.equal(backwards.statusCode, 400);
      assert.match(backwards.body, /href="#dueOn-day">The date updates are due must be the same as or after the date they open<\/a>/);
      assert.match(backwards.body, /name="dueOn-month" type="text" value="8"/, 'what was typed is kept');
      const unreal = await client.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, 'opensOn-day': '31', 'opensOn-month': '2', graceDays: '61' });
      assert.equal(unreal.statusCode, 400);
      assert.match(unreal.body, /href="#opensOn-day">The date updates open must be a real date<\/a>/);
      assert.match(unreal.body, /href="#graceDays">Grace days must be a whole number from 0 to 60, or blank to use the council default<\/a>/);
      const blank = await client.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /href="#dueOn-day">Enter the date updates are due<\/a>/);
      assert.deepEqual(await periodsOf(year.id), before);
    });

    it("gives the not-found page for a period of another year, or another council's", async () => {
      const year = await year1718();
      const other = (await years()).find((y) => y.label === '2018/19')!;
      const foreign = (await periodsOf(other.id))[0]!;
      assert.equal((await client.get(`/years/${year.id}/periods/${foreign.id}/edit`)).statusCode, 404);
      assert.equal((await client.post(`/years/${year.id}/periods/${foreign.id}/edit`, window)).statusCode, 404);
      assert.equal((await client.get(`/years/${year.id}/periods/x/edit`)).statusCode, 404);
      const outsider = await signedInClient(t.app, (await createCouncil(t.services, { slug: 'c3', name: 'Third Council', email: 'admin@c3.example.gov.uk' })).email);
      const first = (await periodsOf(year.id))[0]!;
      assert.equal((await outsider.get(`/years/${year.id}/periods/${first.id}/edit`)).statusCode, 404);
      assert.equal((await outsider.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, graceDays: '0' })).statusCode, 404);
      assert.equal((await periodsOf(year.id))[0]!.grace_days, 10);
    });

    it('lets only administrators and performance officers change a window', async () => {
      await t.services.auth.createUser(tenantId, { email: 'lead@c1.example.gov.uk', name: 'Lee Lead', role: 'lead_officer', password: TEST_PASSWORD });
      const lead = await signedInClient(t.app, 'lead@c1.example.gov.uk');
      const year = await year1718();
      const first = (await periodsOf(year.id))[0]!;
      const view = await lead.get(`/years/${year.id}`);
      assert.match(pageText(view.body), /Locks after/);
      assert.doesNotMatch(view.body, /\/edit"/);
      assert.equal((await lead.get(`/years/${year.id}/periods/${first.id}/edit`)).statusCode, 403);
      assert.equal((await lead.post(`/years/${year.id}/periods/${first.id}/edit`, { ...window, graceDays: '0' })).statusCode, 403);
      assert.equal((await periodsOf(year.id))[0]!.grace_days, 10);
    });
  });

  it('refuses to replace the reporting periods once progress updates have been filed against them', async () => {
    const actor = systemActor(tenantId);
    const year = (await years()).find((y) => y.label === '2017/18')!;
    const unitId = await t.services.organisation.createUnit(actor, { name: 'Finance', code: 'FIN', kind: 'directorate' });
    const planId = await t.services.plans.create(actor, { orgUnitId: unitId, planYearId: year.id, title: 'Finance Plan 2017/18', kind: 'business_plan' });
    const objectiveId = await t.services.plans.createObjective(actor, planId, { title: 'Sound finances' });
    const actionId = await t.services.actions.create(actor, planId, { objectiveId, title: 'Close the accounts on time', kind: 'one_off', dueDate: '2018-03-31' });
    const before = (await t.services.years.get(actor, year.id)).periods;
    const second = before[1]!;
    await t.services.progress.recordUpdate(actor, actionId, { periodId: second.id, asAt: '2018-03-31', statusWord: 'ON TRACK', percentComplete: 90 }, { recordedAt: '2018-04-01T09:00:00.000Z' });

    const view = await client.get(`/years/${year.id}`);
    assert.match(pageText(view.body), /Progress updates have been filed against these periods, so they cannot be replaced/);
    const res = await client.post(`/years/${year.id}/periods`, { scheme: 'quarters' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#scheme">The reporting periods of 2017\/18 cannot be replaced: 1 progress update has been filed against them\. Change a period&#39;s dates instead\.<\/a>/);
    assert.deepEqual((await t.services.years.get(actor, year.id)).periods, before, 'the periods and their ids are kept');
    // The service refuses too, whoever calls it.
    await assert.rejects(t.services.years.setScheme(actor, year.id, 'halves'), (err: Error & { fields?: Record<string, string> }) => Boolean(err.fields?.scheme));
  });
});
