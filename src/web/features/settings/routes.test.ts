import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor } from '../../../services/index.ts';

describe('settings page', () => {
  let t: TestApp;
  let client: HttpClient;
  let tenantId: number;
  const council = () => t.services.organisation.council(systemActor(tenantId));

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'c1', name: 'Test Council', email: 'admin@c1.example.gov.uk' });
    tenantId = c.tenantId;
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('shows the council name, start month and action roles', async () => {
    const res = await client.get('/settings');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Settings – Test Council<\/title>/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Settings<\/h1>/);
    assert.match(res.body, /id="name" name="name" type="text" value="Test Council"/);
    assert.match(res.body, /<option value="4" selected>April<\/option>/);
    assert.equal((res.body.match(/<option value="\d+"/g) ?? []).length, 12);
    assert.match(res.body, />Community Leadership\nService Provider \/ Commissioner \/ Manager\nEnabler<\/textarea>/);
  });

  it('saves the settings and shows them', async () => {
    const res = await client.post('/settings', { name: 'Newry, Mourne and Down District Council', yearStartMonth: '1', actionRoles: 'Leader\r\n\r\n  Enabler  \r\n' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/settings');
    const page = await client.get('/settings');
    assert.match(page.body, /Settings saved/);
    assert.match(page.body, /<option value="1" selected>January<\/option>/);
    // The header carries the council's new name.
    assert.match(page.body, /<title>Settings – Newry, Mourne and Down District Council<\/title>/);
    const c = await council();
    assert.equal(c.name, 'Newry, Mourne and Down District Council');
    assert.equal(c.year_start_month, 1);
    assert.deepEqual(c.roles, ['Leader', 'Enabler']);
  });

  it('re-renders with errors and saves nothing when the input is wrong', async () => {
    const res = await client.post('/settings', { name: '', yearStartMonth: '13', actionRoles: '\n \n' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#name">Enter the council name<\/a>/);
    assert.match(res.body, /href="#yearStartMonth">Select the month the plan year starts<\/a>/);
    assert.match(res.body, /href="#actionRoles">Enter at least one role<\/a>/);
    assert.match(res.body, /id="yearStartMonth-error"/);
    const c = await council();
    assert.equal(c.name, 'Newry, Mourne and Down District Council');
    assert.equal(c.year_start_month, 1);
  });

  it('refuses a form sent without the CSRF token', async () => {
    const res = await client.post('/settings', { name: 'Forged', yearStartMonth: '4', actionRoles: 'x' }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await council()).name, 'Newry, Mourne and Down District Council');
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await anonymousClient(t.app).get('/settings');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/sign-in/);
  });

  it("changes only the signed-in user's own council", async () => {
    const other = await createCouncil(t.services, { slug: 'c2', name: 'Other Council', email: 'admin@c2.example.gov.uk' });
    const theirs = await signedInClient(t.app, other.email);
    assert.match((await theirs.get('/settings')).body, /value="Other Council"/);
    assert.equal((await theirs.post('/settings', { name: 'Other Council Renamed', yearStartMonth: '4', actionRoles: 'Enabler' })).statusCode, 303);
    assert.equal((await council()).name, 'Newry, Mourne and Down District Council');
  });
});
