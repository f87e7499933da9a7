import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type TestApp } from '../../../test/support/http.ts';

// Addresses that are no page at all answer 404 "Page not found" for everyone; real pages keep their
// guards (a signed-out visitor is sent to sign in, a role that may not use a page gets 403).

describe('unknown addresses', () => {
  let t: TestApp;
  let tenantId: number;

  before(async () => {
    t = await testApp();
    ({ tenantId } = await createCouncil(t.services, { slug: 'ambridge', name: 'Ambridge Borough Council', email: 'admin@ambridge.example.gov.uk' }));
    await t.services.auth.createUser(tenantId, { email: 'cllr@ambridge.example.gov.uk', name: 'Councillor Pargetter', role: 'viewer', password: TEST_PASSWORD });
    await t.services.auth.createUser(tenantId, { email: 'lead@ambridge.example.gov.uk', name: 'Lead Officer', role: 'lead_officer', password: TEST_PASSWORD });
  });
  after(() => t.close());

  // Hand-picked: a made-up top-level page, a made-up page under a real section, a real page with a
  // made-up suffix, and a real address with a method it does not take.
  const unknown: [string, string][] = [
    ['GET', '/no-such-page'],
    ['GET', '/plans/1/no-such-tab'],
    ['GET', '/settings/nothing-here'],
    ['POST', '/no-such-form'],
  ];

  for (const who of ['admin@ambridge.example.gov.uk', 'cllr@ambridge.example.gov.uk', 'lead@ambridge.example.gov.uk']) {
    it(`gives ${who.split('@')[0]} a 404 Page not found page, with their own header`, async () => {
      const client = await signedInClient(t.app, who);
      for (const [method, url] of unknown) {
        const res = method === 'GET' ? await client.get(url) : await client.post(url, { anything: 'x' });
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assert.match(res.body, /<title>Page not found – Ambridge Borough Council<\/title>/);
        assert.match(pageText(res.body), /Page not found If you typed the web address, check it is correct\./);
        assert.match(res.body, /href="\/sign-out"|action="\/sign-out"/, 'still signed in: the header has Sign out');
      }
    });
  }

  it('gives a signed-out visitor a 404 Page not found page too, not a trip to sign in', async () => {
    const client = anonymousClient(t.app);
    for (const [method, url] of unknown) {
      const res = method === 'GET' ? await client.get(url) : await client.post(url, { anything: 'x' });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.match(res.body, /<title>Page not found – Waymark<\/title>/);
      assert.doesNotMatch(res.body, /action="\/sign-out"/);
    }
  });

  it('still sends a signed-out visitor at a real page to sign in, and still refuses a role a real page is not for', async () => {
    const anon = anonymousClient(t.app);
    for (const url of ['/plans', '/plans/1', '/users', '/settings']) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
    }
    const cllr = await signedInClient(t.app, 'cllr@ambridge.example.gov.uk');
    // /users is for administrators only (src/web/route-rules.ts): a councillor is refused, not told it is missing.
    assert.equal((await cllr.get('/users')).statusCode, 403);
    // A real page whose record does not exist is still a 404 for a signed-in reader.
    assert.equal((await cllr.get('/plans/999999')).statusCode, 404);
  });
});
