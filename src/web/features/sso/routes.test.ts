import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { buildRuntime, type Runtime } from '../../../composition.ts';
import type { OidcConfig } from '../../../config.ts';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, type TestApp } from '../../../../test/support/http.ts';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../../../test/support/oidc-provider.ts';

// The SSO pages through Fastify's inject, against a real OpenID Connect provider on 127.0.0.1.

const REDIRECT = 'http://127.0.0.1:9/sso/callback';
type Cookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number };
const cookieNamed = (res: { cookies: unknown[] }, name: string) => (res.cookies as Cookie[]).find((c) => c.name === name);

describe('single sign-on pages', () => {
  let provider: TestProvider;
  let runtime: Runtime;
  let app: FastifyInstance;
  let plain: TestApp;

  const build = async (over: Partial<OidcConfig> = {}) => {
    const config: OidcConfig = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: REDIRECT,
      provision: false,
      defaultRole: 'viewer',
      council: null,
      buttonText: 'Sign in with your organisation account',
      ...over,
    };
    const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { sso: config });
    const a = await buildApp({ services: rt.services, logLevel: 'silent' });
    await a.ready();
    return { rt, a };
  };

  /** From the sign-in page's button to the callback, as a browser would; returns the callback's answer. */
  const ssoSignIn = async (client: ReturnType<typeof anonymousClient>, login: string, startPath = '/sso/start') => {
    const start = await client.get(startPath);
    assert.equal(start.statusCode, 302, start.body.slice(0, 300));
    const back = await signInAtProvider(String(start.headers.location), login, REDIRECT);
    lastCallback = back.pathname + back.search;
    return client.get(lastCallback);
  };
  let lastCallback = '';

  before(async () => {
    provider = await startTestProvider({ redirectUris: [REDIRECT] });
    ({ rt: runtime, a: app } = await build());
    await createCouncil(runtime.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'officer@borsetshire.example.gov.uk', role: 'performance_officer' });
    plain = await testApp();
  });
  after(async () => {
    await app.close();
    await runtime.close();
    await plain.close();
    await provider.close();
  });

  it('offers the organisation account on the sign-in page only when SSO is configured, keeping where they were going', async () => {
    const page = await app.inject({ method: 'GET', url: '/sign-in?next=%2Fplans%3Fyear%3D2' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/sso\/start\?next=%2Fplans%3Fyear%3D2" role="button" draggable="false" class="govuk-button govuk-button--secondary" data-module="govuk-button">Sign in with your organisation account<\/a>/);
    // The form still works, and shows the button again after a mistake.
    const client = anonymousClient(app);
    await client.get('/sign-in');
    const wrong = await client.post('/sign-in', { email: 'officer@borsetshire.example.gov.uk', password: 'not-the-password' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /href="\/sso\/start"/);
    const off = await plain.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(off.statusCode, 200);
    assert.doesNotMatch(off.body, /sso\/start|organisation account/);
    // Without SSO there are no SSO routes: an unknown address is "Page not found", signed in or not.
    const start = await plain.app.inject({ method: 'GET', url: '/sso/start' });
    assert.equal(start.statusCode, 404);
    assert.match(start.body, /Page not found/);
  });

  it('sends a signed-out visitor to the provider with a sealed, HttpOnly flow cookie scoped to /sso/', async () => {
    const res = await app.inject({ method: 'GET', url: '/sso/start?next=%2Fplans' });
    assert.equal(res.statusCode, 302);
    const to = new URL(String(res.headers.location));
    assert.equal(to.origin, provider.issuer);
    assert.equal(to.searchParams.get('redirect_uri'), REDIRECT);
    const cookie = cookieNamed(res, 'waymark_sso');
    assert.ok(cookie && cookie.value.length > 40);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/sso/');
    assert.equal(cookie.maxAge, 600);
  });

  it('signs in the matching account with the same session cookie as a password, and goes where they were going', async () => {
    const client = anonymousClient(app);
    const back = await ssoSignIn(client, 'Officer@Borsetshire.example.gov.uk', '/sso/start?next=%2Fplans');
    assert.equal(back.statusCode, 303, back.body.slice(0, 300));
    assert.equal(back.headers.location, '/plans');
    const session = cookieNamed(back, 'waymark_session');
    assert.ok(session && session.value.length >= 32);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.path, '/');
    assert.equal(client.cookies.waymark_sso, undefined, 'the flow cookie is used up');
    const home = await client.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(pageText(home.body), /Test User/);
    // Going back to the callback (a reload, the back button, a copied URL) signs no one in.
    const replay = await anonymousClient(app).get(lastCallback);
    assert.equal(replay.statusCode, 400);
    assert.equal(cookieNamed(replay, 'waymark_session'), undefined);
  });

  it('only ever goes on to a local path', async () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', '/sso/callback']) {
      const client = anonymousClient(app);
      // The same organisation account as above (at the test provider the login is the subject).
      const back = await ssoSignIn(client, 'Officer@Borsetshire.example.gov.uk', `/sso/start?next=${encodeURIComponent(next)}`);
      assert.equal(back.statusCode, 303);
      assert.equal(back.headers.location, '/', next);
    }
  });

  it('shows "Your account is not set up in Waymark" (403) for an unknown email when provisioning is off', async () => {
    const client = anonymousClient(app);
    const res = await ssoSignIn(client, 'stranger@borsetshire.example.gov.uk');
    assert.equal(res.statusCode, 403);
    const text = pageText(res.body);
    assert.match(text, /Your account is not set up in Waymark/);
    assert.match(text, /You signed in to your organisation as stranger@borsetshire\.example\.gov\.uk ?, but Borsetshire County Council has no Waymark account for that email address/);
    assert.match(text, /Ask an administrator/);
    assert.equal(client.cookies.waymark_session, undefined);
  });

  it('shows "Your Waymark account uses a different organisation account" (403) when another identity at the provider has the linked account\'s email', async () => {
    // The officer's account was linked at the first sign-in above (subject Officer@Borsetshire…);
    // this is another identity at the provider (another subject) giving the same email address.
    const client = anonymousClient(app);
    const res = await ssoSignIn(client, 'OFFICER@borsetshire.example.gov.uk');
    assert.equal(res.statusCode, 403);
    const text = pageText(res.body);
    assert.match(text, /Your Waymark account uses a different organisation account/);
    assert.match(text, /You signed in to your organisation as officer@borsetshire\.example\.gov\.uk ?\./);
    assert.match(text, /ask a Waymark administrator to unlink the old one/);
    assert.equal(client.cookies.waymark_session, undefined);
  });

  it('creates a viewer when provisioning is on', async () => {
    const { rt, a } = await build({ provision: true });
    try {
      await createCouncil(rt.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'officer@borsetshire.example.gov.uk' });
      const client = anonymousClient(a);
      const res = await ssoSignIn(client, 'new.starter@borsetshire.example.gov.uk');
      assert.equal(res.statusCode, 303);
      const home = await client.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(pageText(home.body), /New Starter/);
      const user = await rt.db.kysely.selectFrom('users').select(['role', 'password_hash']).where('email', '=', 'new.starter@borsetshire.example.gov.uk').executeTakeFirst();
      assert.deepEqual(user, { role: 'viewer', password_hash: null });
    } finally {
      await a.close();
      await rt.close();
    }
  });

  it('shows a friendly page when the person cancels at the provider, or the provider reports an error', async () => {
    const client = anonymousClient(app);
    const start = await client.get('/sso/start');
    const back = await signInAtProvider(String(start.headers.location), 'x', REDIRECT, { cancel: true });
    const cancelled = await client.get(back.pathname + back.search);
    assert.equal(cancelled.statusCode, 401);
    assert.match(pageText(cancelled.body), /You have not been signed in Signing in with your organisation account was cancelled or refused\./);
    assert.match(cancelled.body, /<a class="govuk-link" href="\/sign-in">Go to the sign-in page<\/a>/);
    await client.get('/sso/start');
    const broken = await client.get('/sso/callback?error=temporarily_unavailable&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(broken.statusCode, 502);
    assert.match(pageText(broken.body), /Sorry, there is a problem signing you in/);
    assert.doesNotMatch(broken.body, /<script>alert/);
  });

  it('says the sign-in has timed out when the flow cookie is missing', async () => {
    const res = await app.inject({ method: 'GET', url: '/sso/callback?code=abc&state=def' });
    assert.equal(res.statusCode, 400);
    assert.match(pageText(res.body), /Your sign-in has timed out/);
  });

  // Signed-in people reach these routes only once src/web/route-rules.ts lists them (as public).

  it('sends someone already signed in straight on from /sso/start', async () => {
    const client = await signedInClient(app, 'officer@borsetshire.example.gov.uk');
    const again = await client.get('/sso/start?next=%2Fplans');
    assert.equal(again.statusCode, 302);
    assert.equal(again.headers.location, '/plans');
  });

  it('a password user signed in already is signed out of that session when SSO signs them in again', async () => {
    const client = await signedInClient(app, 'officer@borsetshire.example.gov.uk');
    const before = client.cookies.waymark_session!;
    const start = await app.inject({ method: 'GET', url: '/sso/start' }); // (signed in, /sso/start would go home)
    const back = await signInAtProvider(String(start.headers.location), 'Officer@Borsetshire.example.gov.uk', REDIRECT);
    const res = await app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { waymark_session: before, waymark_sso: cookieNamed(start, 'waymark_sso')!.value } });
    assert.equal(res.statusCode, 303);
    assert.notEqual(cookieNamed(res, 'waymark_session')?.value, before);
    assert.equal(await runtime.services.auth.session(before), null);
  });
});
