import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
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
});
