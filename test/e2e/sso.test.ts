import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { OidcConfig } from '../../src/config.ts';
import { startTestProvider, type TestProvider } from '../support/oidc-provider.ts';
import { launchBrowser, Session, startServer, type TestServer, type Visitor, heading } from './support.ts';

// Signing in with an organisation account (OpenID Connect) in a real browser: Waymark's sign-in
// page → the provider's (oidc-provider's development) login and consent forms → back to Waymark.
// Every Waymark page is checked with axe; the provider's pages are not Waymark's, and are not.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

let provider: TestProvider;
let browser: Browser;
/** Provisioning off: only the demo council's own accounts sign in. */
let server: TestServer;
/** Provisioning on: anyone the provider vouches for becomes a viewer. */
let provisioning: TestServer;

const BUTTON = 'Sign in with your organisation account';

/**
 * A fresh browser (own cookies) for one journey. Waymark pages are checked with axe as they load
 * (`waymark`); at the end every Waymark page loaded must have been checked.
 */
async function journey(target: TestServer, label: string, body: (v: Visitor, waymark: () => Promise<void>) => Promise<void>): Promise<void> {
  const session = await Session.open(browser, target.baseUrl, label);
  const v = session.visitor;
  const loads: string[] = [];
  const checked = new Set<number>();
  v.page.on('load', () => loads.push(v.page.url()));
  // The development login page imports a web font; there is no network here.
  await v.page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
  const waymark = async () => {
    await v.page.waitForLoadState('load');
    assert.ok(v.page.url().startsWith(target.baseUrl), `expected a Waymark page, at ${v.page.url()}`);
    await v.expectAccessible();
    checked.add(loads.length - 1);
  };
  try {
    await body(v, waymark);
    const unchecked = loads.filter((url, i) => url.startsWith(target.baseUrl) && !checked.has(i));
    assert.deepEqual(unchecked, [], `${label}: Waymark pages loaded without an accessibility check`);
  } finally {
    await session.close();
  }
}

/** On Waymark's sign-in page: the organisation-account button, then the provider's login and consent forms. */
async function signInWithOrganisation(v: Visitor, login: string, opts: { cancel?: boolean } = {}): Promise<void> {
  const { page } = v;
  await page.getByRole('button', { name: BUTTON }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  assert.equal(await heading(page), 'Sign-in');
  if (opts.cancel) {
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    return;
  }
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password at all');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer) && url.pathname.startsWith('/interaction/'));
  assert.equal(await heading(page), 'Authorize');
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Signs in at the provider, then waits to be back at Waymark past the callback; checks the page and returns the callback's status. */
async function throughToWaymark(v: Visitor, target: TestServer, login: string, waymark: () => Promise<void>): Promise<number> {
  const callback = v.page.waitForResponse((r) => r.url().startsWith(`${target.baseUrl}/sso/callback`));
  await signInWithOrganisation(v, login);
  const status = (await callback).status();
  await v.page.waitForURL((url) => url.href.startsWith(target.baseUrl) && !url.pathname.startsWith('/sso/'));
  await waymark();
  return status;
}

describe('signing in with an organisation account, in a browser (axe on every Waymark page)', () => {
  before(async () => {
    const ports = [await freePort(), await freePort()];
    const redirects = ports.map((p) => `http://127.0.0.1:${p}/sso/callback`);
    provider = await startTestProvider({ redirectUris: redirects });
    const oidc = (redirectUrl: string, provision: boolean): OidcConfig => ({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl,
      provision,
      defaultRole: 'viewer',
      council: null,
      buttonText: BUTTON,
    });
    server = await startServer({ port: ports[0], oidc: oidc(redirects[0]!, false) });
    provisioning = await startServer({ port: ports[1], oidc: oidc(redirects[1]!, true) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await provisioning?.close();
    await provider?.close();
  });

  test('the performance officer signs in with their organisation account and lands where they were going', async () => {
    const officer = server.accounts.find((a) => a.role === 'performance_officer');
    assert.ok(officer, 'the demo council has a performance officer');
    await journey(server, 'SSO sign in', async (v, waymark) => {
      await v.page.goto(`${server.baseUrl}/plans`);
      await waymark();
      assert.equal(v.path, `/sign-in?next=${encodeURIComponent('/plans')}`);
      assert.equal(await heading(v.page), 'Sign in to Waymark');
      // The provider may give the address in another case.
      assert.equal(await throughToWaymark(v, server, officer.email.toUpperCase(), waymark), 303);
      assert.equal(v.path, '/plans');
      assert.equal(await heading(v.page), 'Service plans');
      assert.equal((await v.page.locator('.waymark-signout__name').innerText()).trim(), officer.name);
      // A performance officer can change plans: the same role as with a password.
      assert.ok(await v.page.getByRole('button', { name: 'Create a service plan' }).isVisible());
    });
  });

  test('an unknown email with provisioning off is told the account is not set up, and is not signed in', async () => {
    await journey(server, 'SSO not set up', async (v, waymark) => {
      await v.page.goto(`${server.baseUrl}/sign-in`);
      await waymark();
      const callback = v.page.waitForResponse((r) => r.url().startsWith(`${server.baseUrl}/sso/callback`));
      await signInWithOrganisation(v, 'stranger@example.gov.uk');
      assert.equal((await callback).status(), 403);
      await v.page.waitForURL((url) => url.href.startsWith(`${server.baseUrl}/sso/callback`));
      await waymark();
      assert.equal(await heading(v.page), 'Your account is not set up in Waymark');
      assert.match(await v.page.locator('main').innerText(), /You signed in to your organisation as stranger@example\.gov\.uk/);
      // Still signed out: the link goes to the sign-in page, and so does anything else.
      await v.page.getByRole('link', { name: 'Go to the sign-in page' }).click();
      await v.page.waitForURL(`${server.baseUrl}/sign-in`);
      await waymark();
      assert.equal(v.path, '/sign-in');
      assert.equal(await server.runtime.db.kysely.selectFrom('users').select('id').where('email', '=', 'stranger@example.gov.uk').executeTakeFirst(), undefined);
    });
  });

  test('an unknown email with provisioning on becomes a viewer, who can read but not change plans', async () => {
    await journey(provisioning, 'SSO provisioning', async (v, waymark) => {
      await v.page.goto(`${provisioning.baseUrl}/sign-in`);
      await waymark();
      assert.equal(await throughToWaymark(v, provisioning, 'new.councillor@example.gov.uk', waymark), 303);
      assert.equal(v.path, '/');
      assert.equal((await v.page.locator('.waymark-signout__name').innerText()).trim(), 'New Councillor');
      const user = await provisioning.runtime.db.kysely
        .selectFrom('users')
        .select(['role', 'tenant_id', 'password_hash'])
        .where('email', '=', 'new.councillor@example.gov.uk')
        .executeTakeFirst();
      assert.deepEqual(user, { role: 'viewer', tenant_id: provisioning.tenantId, password_hash: null });
      await v.page.goto(`${provisioning.baseUrl}/plans`);
      await waymark();
      assert.equal(await heading(v.page), 'Service plans');
      assert.equal(await v.page.getByRole('button', { name: 'Create a service plan' }).count(), 0);
    });
  });

  test('cancelling at the provider comes back to a page that says so', async () => {
    await journey(server, 'SSO cancelled', async (v, waymark) => {
      await v.page.goto(`${server.baseUrl}/sign-in`);
      await waymark();
      const callback = v.page.waitForResponse((r) => r.url().startsWith(`${server.baseUrl}/sso/callback`));
      await signInWithOrganisation(v, '', { cancel: true });
      assert.equal((await callback).status(), 401);
      await v.page.waitForURL((url) => url.href.startsWith(`${server.baseUrl}/sso/callback`));
      await waymark();
      assert.equal(await heading(v.page), 'You have not been signed in');
    });
  });
});
