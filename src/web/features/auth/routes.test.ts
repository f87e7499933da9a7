import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../../app.ts';
import { buildRuntime } from '../../../composition.ts';
import { anonymousClient, createCouncil, csrfFrom, formBody, pageText, signedInClient, testApp, type TestApp, type TestCouncil } from '../../../../test/support/http.ts';

type Cookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number };
const cookieNamed = (res: { cookies: unknown[] }, name: string) => (res.cookies as Cookie[]).find((c) => c.name === name);

describe('sign-in, sign-out and the pages around them', () => {
  let t: TestApp;
  let council: TestCouncil;

  before(async () => {
    t = await testApp();
    council = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'officer@borsetshire.example.gov.uk' });
  });
  after(() => t.close());

  it('shows the sign-in form with a CSRF token held in a cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const token = csrfFrom(res.body);
    assert.ok(token.length >= 16, `a _csrf hidden input, got ${JSON.stringify(token)}`);
    assert.match(res.body, /<input type="hidden" name="_csrf" value="[^"]+">/);
    const cookie = cookieNamed(res, 'waymark_csrf');
    assert.ok(cookie, 'a waymark_csrf cookie');
    assert.equal(cookie.value, token);
    assert.equal(cookie.httpOnly, true);
    assert.match(pageText(res.body), /Sign in to Waymark/);
  });

  it('refuses a sign-in without the CSRF token, or with one that does not match the cookie', async () => {
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    const none = await client.post('/sign-in', { email: council.email, password: council.password }, { csrf: false });
    assert.equal(none.statusCode, 403);
    assert.equal(cookieNamed(none, 'waymark_session'), undefined);
    const wrong = await client.post('/sign-in', { _csrf: 'not-the-token-in-the-cookie', email: council.email, password: council.password });
    assert.equal(wrong.statusCode, 403);
    assert.equal(client.cookies.waymark_session, undefined);
    // No cookie at all (a cross-site form post): refused even with a token.
    const bare = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: client.csrfToken, email: council.email, password: council.password }),
    });
    assert.equal(bare.statusCode, 403);
  });

  it('says "Enter a correct email address and password" for a wrong password, and keeps the email', async () => {
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: council.email, password: 'not-the-password' });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#email">Enter a correct email address and password<\/a>/);
    assert.match(res.body, /value="officer@borsetshire\.example\.gov\.uk"/);
    assert.equal(client.cookies.waymark_session, undefined);
    // An unknown account gets the same answer, so it does not reveal who has one.
    const unknown = await client.post('/sign-in', { email: 'nobody@example.gov.uk', password: 'whatever-password' });
    assert.equal(unknown.statusCode, 401);
    assert.match(unknown.body, /Enter a correct email address and password/);
  });

  it('names both fields when they are left blank', async () => {
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: '  ', password: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#email">Enter your email address<\/a>/);
    assert.match(res.body, /href="#password">Enter your password<\/a>/);
    assert.match(res.body, /<title>Error: Sign in/);
  });

  it('signs in with the right password: 303 home and a HttpOnly, SameSite=Lax session cookie', async () => {
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: council.email.toUpperCase(), password: council.password });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    const session = cookieNamed(res, 'waymark_session');
    assert.ok(session && session.value.length >= 32, 'a waymark_session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('waymark_session='));
    assert.match(String(raw), /HttpOnly/);
    assert.match(String(raw), /SameSite=Lax/);
    // The anonymous CSRF cookie is no longer needed.
    assert.equal(client.cookies.waymark_csrf, undefined);
    const home = await client.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(pageText(home.body), /Test User Your account Sign out/);
    // Signed in, the sign-in page sends you home.
    const again = await client.get('/sign-in');
    assert.equal(again.statusCode, 302);
    assert.equal(again.headers.location, '/');
  });

  it('goes on to a safe next path after signing in, and only to a local one', async () => {
    const cases: [string, string][] = [
      ['/plans', '/plans'],
      ['/actions?year=1&service=2', '/actions?year=1&service=2'],
      ['//evil.example', '/'],
      ['https://evil.example', '/'],
      ['/\\evil.example', '/'],
      ['/sign-out', '/'],
      ['', '/'],
      // Issue 12: a control character, or one a Location header cannot hold, is no path to go on to (it was a 500).
      ['/plans\u0007', '/'],
      ['/plans\u0000', '/'],
      ['/plans\u007f', '/'],
      ['/plans\t', '/'],
      ['/plans€', '/'],
      ['/plans%07', '/plans%07'],
    ];
    for (const [next, expected] of cases) {
      const client = anonymousClient(t.app);
      const form = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`name="next" value="${expected.replace(/[?&]/g, (c) => (c === '&' ? '&amp;' : '\\?'))}"`), `the form keeps ${expected} for next=${next}`);
      const res = await client.post('/sign-in', { email: council.email, password: council.password, next });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, expected, `next=${next}`);
    }
  });

  it('a flash cookie that is not validly encoded shows no message, not a 500 (issue 12)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { cookie: 'waymark_flash=%E0%A4%A' } });
    assert.equal(res.statusCode, 200);
  });

  it('throttles: after 5 failures for one email even the right password gets 429 with Retry-After', async () => {
    const victim = await createCouncil(t.services, { slug: 'throttled', name: 'Throttled Council', email: 'throttled@example.gov.uk' });
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    for (let i = 0; i < 5; i++) {
      const res = await client.post('/sign-in', { email: victim.email, password: `wrong-password-${i}` });
      assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
    }
    const blocked = await client.post('/sign-in', { email: victim.email, password: victim.password });
    assert.equal(blocked.statusCode, 429);
    const retry = Number(blocked.headers['retry-after']);
    assert.ok(Number.isInteger(retry) && retry > 0, `Retry-After: ${String(blocked.headers['retry-after'])}`);
    assert.match(pageText(blocked.body), /Too many sign-in attempts/);
    assert.equal(client.cookies.waymark_session, undefined);
    // Only that email is throttled: another user still signs in.
    const other = await signedInClient(t.app, council.email);
    assert.ok(other.cookies.waymark_session);
  });

  it('audits sign-ins and failed sign-ins through the form with the email tried and the address, never the password', async () => {
    const kysely = t.runtime.db.kysely;
    const from = (await kysely.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
    const client = anonymousClient(t.app);
    await client.get('/sign-in');
    await client.post('/sign-in', { email: council.email, password: 'a-mistyped-password' });
    await client.post('/sign-in', { email: council.email, password: council.password });
    const rows = await kysely.selectFrom('audit_events').selectAll().where('id', '>', Number(from)).where('event', 'like', 'sign_in%').orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.event, r.user_id, JSON.parse(r.after_json ?? '{}')]),
      [
        ['sign_in_failed', council.userId, { email: council.email, ip: '127.0.0.1', reason: 'wrong_password' }],
        ['sign_in', council.userId, { email: council.email, ip: '127.0.0.1' }],
      ],
    );
    assert.ok(rows.every((r) => !`${r.after_json}`.includes(council.password) && !`${r.after_json}`.includes('mistyped')));
  });

  it('signs out by revoking the session on the server', async () => {
    const client = await signedInClient(t.app, council.email);
    const oldCookie = client.cookies.waymark_session!;
    assert.ok(oldCookie);
    // The session's token is needed to sign out.
    const forged = await client.post('/sign-out', { _csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/', cookies: { waymark_session: oldCookie } })).statusCode, 200);

    const res = await client.post('/sign-out');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in');
    assert.equal(client.cookies.waymark_session, undefined, 'the cookie is cleared');
    // A copy of the old cookie no longer works: the session is gone server-side, not just the cookie.
    const reused = await t.app.inject({ method: 'GET', url: '/plans', cookies: { waymark_session: oldCookie } });
    assert.equal(reused.statusCode, 302);
    assert.equal(reused.headers.location, '/sign-in?next=%2Fplans');
    assert.equal(await t.services.auth.session(oldCookie), null);
  });

  it('sends anonymous visitors to sign in, remembering where they were going', async () => {
    // Real pages only: an address that is no page at all is "Page not found" (src/web/plugins/errors.test.ts).
    for (const url of ['/', '/plans', '/actions/1', '/plans?year=2']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 302, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
    }
    // A made-up session cookie is no better than none.
    const bogus = await t.app.inject({ method: 'GET', url: '/plans', cookies: { waymark_session: 'made-up' } });
    assert.equal(bogus.statusCode, 302);
    assert.equal(bogus.headers.location, '/sign-in?next=%2Fplans');
    // And a form posted anonymously is not processed.
    const post = await t.app.inject({ method: 'POST', url: '/plans', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x' });
    assert.equal(post.statusCode, 302);
    assert.match(String(post.headers.location), /^\/sign-in\?next=/);
    assert.equal((await t.services.plans.list({ tenantId: council.tenantId, userId: null, role: 'admin' })).length, 0);
  });

  it('reports health as 200 {"status":"ok"} without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('reports health as 503 {"status":"unavailable"} when the database is gone', async () => {
    const runtime = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' });
    const app = await buildApp({ services: runtime.services, logLevel: 'silent' });
    await app.ready();
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
      await runtime.close();
      const res = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(res.json(), { status: 'unavailable' });
    } finally {
      await app.close();
    }
  });

  it('sends security headers: a CSP without inline script, nosniff, no framing', async () => {
    const client = await signedInClient(t.app, council.email);
    for (const res of [await client.get('/'), await t.app.inject({ method: 'GET', url: '/sign-in' })]) {
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /(^|;)\s*script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.doesNotMatch(csp, /unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['cache-control'], 'no-store');
    }
  });

  it('has no inline script on its pages', async () => {
    const client = await signedInClient(t.app, council.email);
    const pages = { home: (await client.get('/')).body, signIn: (await t.app.inject({ method: 'GET', url: '/sign-in' })).body };
    for (const [name, html] of Object.entries(pages)) {
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      assert.ok(scripts.length >= 1, `${name} loads its script`);
      for (const tag of scripts) assert.match(tag, /\ssrc="\/[^"]+"/, `${name}: ${tag} has a src`);
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, `${name} has a script without src`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=\s*"/i, `${name} has an inline event handler`);
    }
  });

  it("shows the council's own name, not GOV.UK branding, and serves the CSS without GDS Transport", async () => {
    const client = await signedInClient(t.app, council.email);
    const home = await client.get('/');
    assert.match(home.body, /class="govuk-service-navigation__service-name">\s*<a href="\/" class="govuk-service-navigation__link">\s*Borsetshire County Council\s*<\/a>/);
    assert.match(home.body, /<title>Home – Borsetshire County Council<\/title>/);
    for (const html of [home.body, (await t.app.inject({ method: 'GET', url: '/sign-in' })).body]) {
      assert.doesNotMatch(html, /GOV\.UK/);
      assert.doesNotMatch(html, /govuk-header__logotype/);
      assert.doesNotMatch(html, /<svg[^>]*crown/i);
      assert.doesNotMatch(html, /govuk-logo/);
      const header = /<header[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
      assert.ok(header.length > 0, 'the page has a header');
      assert.doesNotMatch(header, /<svg/);
    }
    const css = await t.app.inject({ method: 'GET', url: '/assets/govuk-frontend.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.ok(css.body.length > 10_000, 'the real stylesheet');
    assert.match(css.body, /\.govuk-button/);
    assert.doesNotMatch(css.body, /GDS Transport/);
    assert.doesNotMatch(css.body, /@font-face/);
  });
});
