import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../test/support/http.ts';

// The typed edge (src/web/plugins/edge.ts, src/web/schemas.ts): a request that does not fit its
// route's schema is answered at the edge — an id that is not a number is "Page not found", any other
// misfit a 400 page naming the field — and never reaches a service, never a 500, never JSON.

describe('the typed edge', () => {
  let t: TestApp;
  let client: HttpClient;

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'ambridge', name: 'Ambridge Borough Council', email: 'admin@ambridge.example.gov.uk' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  /** A JSON body (Fastify parses JSON as well as forms), for values a form cannot send: numbers, null, objects. */
  const postJson = (url: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, cookies: client.cookies, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ _csrf: client.csrfToken, ...body }) });

  // Hand-worked: each request, what is wrong with it, and what the page must say.
  const cases: { what: string; send: () => ReturnType<HttpClient['get']>; status: number; says: RegExp }[] = [
    { what: 'an id that is not a number', send: () => client.get('/plans/abc'), status: 404, says: /Page not found/ },
    { what: 'an id with a sign', send: () => client.get('/people/-1'), status: 404, says: /Page not found/ },
    { what: 'a second id that is not a number', send: () => client.get('/years/1/periods/first/edit'), status: 404, says: /Page not found/ },
    { what: 'an id too long to be one', send: () => client.get('/organisation/12345678901'), status: 404, says: /Page not found/ },
    { what: 'a malformed id on a form post', send: () => client.post('/users/x/role', { role: 'viewer' }), status: 404, says: /Page not found/ },
    { what: 'a query value sent twice', send: () => client.get('/actions?search=a&search=b'), status: 400, says: /“search” was sent more than once\./ },
    { what: 'a form field sent twice', send: () => client.post('/organisation', { name: ['One', 'Two'], code: 'ONE', kind: 'service' }), status: 400, says: /“name” was sent more than once\./ },
    { what: 'an unknown answer to the new-version question', send: () => client.get('/plans/1/edit?newVersion=maybe'), status: 400, says: /“newVersion” is not one of the values this page offers\./ },
    { what: 'a number where text is expected', send: () => postJson('/people', { name: 42 }), status: 400, says: /“name” is not text\./ },
    { what: 'null where text is expected', send: () => postJson('/corporate-plan/pledges', { number: null }), status: 400, says: /“number” is not text\./ },
    { what: 'an object where a list is expected', send: () => postJson('/updates/bulk', { updates: { id: 1 } }), status: 400, says: /“updates” is not one of the values this page offers\./ },
    // The services' own checks, as before: the page with the form and its field-level error summary.
    { what: 'an unknown sort key', send: () => client.get('/actions?sort=colour'), status: 400, says: /Sort by code, action, due date, traffic light or lead officer/ },
    { what: 'an unknown sort order', send: () => client.get('/actions?sort=code&order=sideways'), status: 400, says: /Sort in ascending or descending order/ },
    { what: 'a missing required field', send: () => client.post('/organisation', { name: 'Parks', kind: 'service' }), status: 400, says: /Enter the short code/ },
  ];

  for (const c of cases) {
    it(`answers ${c.what} with ${c.status}, as a page`, async () => {
      const res = await c.send();
      assert.equal(res.statusCode, c.status, res.body.slice(0, 300));
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(pageText(res.body), c.says);
      assert.match(res.body, /action="\/sign-out"/, 'the page has the signed-in header');
    });
  }

  it('lets a well-formed request through to the service', async () => {
    const res = await client.post('/organisation', { name: 'Parks', code: 'PRK', kind: 'directorate' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/organisation\/\d+$/);
    const list = await client.get('/actions?search=parks&sort=due&order=desc');
    assert.equal(list.statusCode, 200);
  });

  it('checks the CSRF token and the route rule before the shape of the request', async () => {
    // A forged form is refused as forged, however malformed.
    const forged = await client.post('/organisation', { name: ['One', 'Two'] }, { csrf: false });
    assert.equal(forged.statusCode, 403);
  });
});
