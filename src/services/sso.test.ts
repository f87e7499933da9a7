import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import type { OidcConfig } from '../config.ts';
import { makeDeps } from '../composition.ts';
import { AuthenticationError } from '../domain/errors.ts';
import { eachDialect, testRuntime, type DialectContext } from '../../test/support/databases.ts';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../test/support/oidc-provider.ts';
import { emailFromClaims, SSO_FLOW_MINUTES, SsoError, SsoService, type SsoProblem } from './sso.ts';
import type { Services } from './index.ts';

// Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1): the whole
// authorization code flow with PKCE, state and nonce, through its development login form.

const REDIRECT = 'http://127.0.0.1:9/sso/callback';
const PASSWORD = 'plum-vexing-orbital-42';
const IP = '192.0.2.7';
/** The officer's identity at `provider`: linked to the officer's account at the first SSO sign-in. */
const OFFICER = 'Officer@EXAMPLE.gov.uk';

// The provider puts email and name only at userinfo (oidc-provider's default for a code flow);
// the second one puts them in the ID token too. Both know some Entra-like and awkward identities.
// The logins are the subjects (`sub`); `identities` is read at each sign-in, so a test can change
// what the provider says about someone.
const identities: Record<string, Record<string, unknown>> = {
  'entra-oid-1': { preferred_username: 'Officer@Example.gov.uk', name: 'Olive Officer' },
  'entra-oid-2': { preferred_username: 'Ida.Entra@Example.gov.uk', name: 'Ida Entra' },
  'entra-oid-3': { preferred_username: 'Pat.Pref@Example.gov.uk', name: 'Pat Pref' },
  'upn-only': { upn: 'uma.upn@example.gov.uk' },
  unverified: { email: 'officer@example.gov.uk', email_verified: false },
  'no-email': { name: 'Nobody In Particular' },
};
const provider = await startTestProvider({ redirectUris: [REDIRECT], identities });
const idTokenProvider = await startTestProvider({ redirectUris: [REDIRECT], identities, claimsInIdToken: true });
after(() => Promise.all([provider.close(), idTokenProvider.close()]));

function oidcConfig(p: TestProvider, over: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    redirectUrl: REDIRECT,
    provision: false,
    defaultRole: 'viewer',
    council: 'example',
    buttonText: 'Sign in with your organisation account',
    ...over,
  };
}

function ssoFor(services: Services, kysely: DialectContext['kysely'], over: Partial<OidcConfig> = {}, p = provider): SsoService {
  return new SsoService(makeDeps(kysely), oidcConfig(p, over), services.auth);
}

/** Starts the flow, signs in at the provider as `login`, and hands back what the callback would get. */
async function throughProvider(sso: SsoService, login: string, opts: { next?: string; cancel?: boolean } = {}) {
  const { url, flowCookie } = await sso.start(opts.next ?? '/');
  const back = await signInAtProvider(url, login, REDIRECT, { cancel: opts.cancel });
  const query = back.search.slice(1);
  return { url: new URL(url), query, flowCookie, finish: () => sso.finish(query, flowCookie, IP) };
}

async function problemOf(promise: Promise<unknown>): Promise<SsoError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SsoError, `expected an SsoError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the sign-in to be refused');
}

const expectProblem = async (promise: Promise<unknown>, problem: SsoProblem) => assert.equal((await problemOf(promise)).problem, problem);

describe('emailFromClaims', () => {
  test('takes the email claim, in lower case, unless the provider says it is unverified', () => {
    assert.equal(emailFromClaims({ email: ' Jo.Bloggs@Example.GOV.UK ' }), 'jo.bloggs@example.gov.uk');
    assert.equal(emailFromClaims({ email: 'jo@example.gov.uk', email_verified: true }), 'jo@example.gov.uk');
    assert.equal(emailFromClaims({ email: 'jo@example.gov.uk', email_verified: false }), null);
  });

  test("falls back to Entra ID's preferred_username or upn when they hold an email address", () => {
    assert.equal(emailFromClaims({ preferred_username: 'Jo@Example.gov.uk' }), 'jo@example.gov.uk');
    assert.equal(emailFromClaims({ upn: 'jo@example.gov.uk' }), 'jo@example.gov.uk');
    assert.equal(emailFromClaims({ email: 'not an email', preferred_username: 'jo@example.gov.uk' }), 'jo@example.gov.uk');
    assert.equal(emailFromClaims({ preferred_username: '+447700900123' }), null);
    assert.equal(emailFromClaims({ email: 42, sub: 'x' }), null);
  });
});

eachDialect('single sign-on', (ctx) => {
  let tenantId: number;
  let officerId: number;
  const sso = (over: Partial<OidcConfig> = {}, p = provider) => ssoFor(ctx.services, ctx.kysely, over, p);
  const userByEmail = (email: string) => ctx.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const lastAudit = async (event: string) => {
    const row = await ctx.kysely.selectFrom('audit_events').selectAll().where('event', '=', event).orderBy('id', 'desc').executeTakeFirst();
    return row ? { ...row, after: JSON.parse(row.after_json ?? 'null') as Record<string, unknown> } : undefined;
  };

  before(async () => {
    tenantId = await ctx.services.councils.create({ slug: 'example', name: 'Example Council' });
    officerId = await ctx.services.auth.createUser(tenantId, { email: 'officer@example.gov.uk', name: 'Olive Officer', role: 'performance_officer', password: PASSWORD });
    const other = await ctx.services.councils.create({ slug: 'other', name: 'Other Council' });
    await ctx.services.auth.createUser(other, { email: 'elsewhere@example.gov.uk', name: 'Elsie Where', role: 'admin', password: PASSWORD });
  });

  test('sends the browser to the provider with PKCE (S256), state, nonce and the redirect URL', async () => {
    const { url: href, flowCookie } = await sso().start('/plans');
    const url = new URL(href);
    assert.equal(url.origin, provider.issuer);
    const p = url.searchParams;
    assert.equal(p.get('client_id'), provider.clientId);
    assert.equal(p.get('redirect_uri'), REDIRECT);
    assert.equal(p.get('response_type'), 'code');
    assert.equal(p.get('scope'), 'openid email profile');
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.match(p.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((p.get('state') ?? '').length >= 32 && (p.get('nonce') ?? '').length >= 32);
    // The cookie is sealed: none of the secrets can be read from it.
    assert.ok(!flowCookie.includes(p.get('state') ?? '?') && !Buffer.from(flowCookie, 'base64url').toString('latin1').includes('plans'));
  });

  test('signs in the account whose email the provider vouches for, whatever its case, with an ordinary session', async () => {
    const flow = await throughProvider(sso(), OFFICER, { next: '/plans?year=2' });
    const result = await flow.finish();
    assert.equal(result.user.userId, officerId);
    assert.equal(result.user.role, 'performance_officer');
    assert.equal(result.next, '/plans?year=2');
    assert.equal(result.created, false);
    const session = await ctx.services.auth.session(result.token);
    assert.equal(session?.userId, officerId);
    assert.equal(session?.tenantName, 'Example Council');
    // Only the token's hash is stored.
    const stored = await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', officerId).execute();
    assert.ok(stored.length >= 1 && stored.every((s) => s.id !== result.token));
    const audit = await lastAudit('sign_in');
    assert.equal(audit?.user_id, officerId);
    assert.equal(audit?.tenant_id, tenantId);
    assert.equal(audit?.after.method, 'oidc');
    assert.equal(audit?.after.ip, IP);
    assert.equal(audit?.after.issuer, provider.issuer);
    assert.equal(audit?.after.subject, OFFICER);
  });

  test('links the account to the provider\'s issuer and subject at that first sign-in, audited', async () => {
    const links = await ctx.kysely.selectFrom('sso_identities').select(['tenant_id', 'user_id', 'issuer', 'subject']).where('user_id', '=', officerId).execute();
    assert.deepEqual(links, [{ tenant_id: tenantId, user_id: officerId, issuer: provider.issuer, subject: OFFICER }]);
    const linked = await lastAudit('sso_link');
    assert.equal(linked?.entity, 'user');
    assert.equal(linked?.entity_id, officerId);
    assert.equal(linked?.tenant_id, tenantId);
    assert.deepEqual(linked?.after, { issuer: provider.issuer, subject: OFFICER, matchedEmail: 'officer@example.gov.uk' });
  });

  test('afterwards matches on issuer and subject only: a changed email at the provider still signs the same person in, and takes over no one', async () => {
    const mover = await ctx.services.auth.createUser(tenantId, { email: 'mo.mover@example.gov.uk', name: 'Mo Mover', role: 'lead_officer', password: PASSWORD });
    const target = await ctx.services.auth.createUser(tenantId, { email: 'tara.target@example.gov.uk', name: 'Tara Target', role: 'admin', password: PASSWORD });
    identities['mover-sub'] = { email: 'mo.mover@example.gov.uk', email_verified: true, name: 'Mo Mover' };
    try {
      assert.equal((await (await throughProvider(sso(), 'mover-sub')).finish()).user.userId, mover);
      // The provider now gives Mo the administrator's email address (renamed, or a mistake at the provider) …
      identities['mover-sub'] = { email: 'tara.target@example.gov.uk', email_verified: true, name: 'Mo Mover' };
      const again = await (await throughProvider(sso(), 'mover-sub')).finish();
      // … and Mo is still Mo, a lead officer; the administrator's account gets no session and no link.
      assert.equal(again.user.userId, mover);
      assert.equal(again.user.role, 'lead_officer');
      assert.deepEqual(await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', target).execute(), []);
      assert.deepEqual(await ctx.kysely.selectFrom('sso_identities').select('id').where('user_id', '=', target).execute(), []);
      // Even with no email at all, the link says who it is.
      identities['mover-sub'] = { name: 'Mo Mover' };
      assert.equal((await (await throughProvider(sso(), 'mover-sub')).finish()).user.userId, mover);
      // The account's own email is not changed by what the provider says.
      assert.equal((await ctx.kysely.selectFrom('users').select('email').where('id', '=', mover).executeTakeFirst())?.email, 'mo.mover@example.gov.uk');
      // Switched off, the linked account is refused like any other.
      await ctx.kysely.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', mover).execute();
      await expectProblem((await throughProvider(sso(), 'mover-sub')).finish(), 'disabled');
    } finally {
      delete identities['mover-sub'];
    }
  });

  test('refuses another identity whose email matches an account already linked to someone else at the provider, audited, with no session', async () => {
    const sessions = async () => (await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', officerId).execute()).length;
    const before = await sessions();
    // A different subject at the same provider, giving the officer's (verified) email address.
    const err = await problemOf((await throughProvider(sso({ provision: true }), 'officer@example.gov.uk')).finish());
    assert.equal(err.problem, 'linked_elsewhere');
    assert.deepEqual(err.who, { email: 'officer@example.gov.uk', councilName: 'Example Council' });
    assert.equal(await sessions(), before);
    const refused = await lastAudit('sign_in_failed');
    assert.equal(refused?.user_id, officerId);
    assert.equal(refused?.after.subject, 'officer@example.gov.uk');
    assert.equal(refused?.after.issuer, provider.issuer);
    assert.match(String(refused?.after.reason), /linked to another identity/);
    // The officer's own identity still works; at another provider (another issuer) the officer links afresh.
    assert.equal((await (await throughProvider(sso(), OFFICER)).finish()).user.userId, officerId);
    assert.equal((await (await throughProvider(sso({}, idTokenProvider), 'entra-oid-1')).finish()).user.userId, officerId);
    const issuers = await ctx.kysely.selectFrom('sso_identities').select('issuer').where('user_id', '=', officerId).orderBy('id').execute();
    assert.deepEqual(issuers.map((i) => i.issuer), [provider.issuer, idTokenProvider.issuer]);
  });

  test("reads the claims from the ID token when they are there, and Entra ID's preferred_username or upn when there is no email", async () => {
    // Each a first sign-in, so each is matched by the email it gives (one account each: a linked account takes no second identity).
    for (const [login, p, email] of [
      ['ivy.token@example.gov.uk', idTokenProvider, 'ivy.token@example.gov.uk'],
      ['entra-oid-2', idTokenProvider, 'ida.entra@example.gov.uk'],
      ['entra-oid-3', provider, 'pat.pref@example.gov.uk'],
      ['upn-only', provider, 'uma.upn@example.gov.uk'],
    ] as const) {
      const id = (await userByEmail(email))?.id ?? (await ctx.services.auth.createUser(tenantId, { email, name: 'Someone Else', role: 'viewer', password: PASSWORD }));
      const result = await (await throughProvider(sso({}, p), login)).finish();
      assert.equal(result.user.userId, id, `${login} at ${p === provider ? 'userinfo' : 'the ID token'}`);
    }
  });

  test('does not trust an email the provider marks unverified, and says so when there is no email at all', async () => {
    await expectProblem((await throughProvider(sso(), 'unverified')).finish(), 'no_email');
    await expectProblem((await throughProvider(sso({ provision: true }), 'no-email')).finish(), 'no_email');
  });

  test('says the account is not set up when there is none and provisioning is off', async () => {
    const err = await problemOf((await throughProvider(sso(), 'stranger@example.gov.uk')).finish());
    assert.equal(err.problem, 'not_set_up');
    assert.deepEqual(err.who, { email: 'stranger@example.gov.uk', councilName: 'Example Council' });
    assert.equal(await userByEmail('stranger@example.gov.uk'), undefined);
    const audit = await lastAudit('sign_in_failed');
    assert.equal(audit?.tenant_id, tenantId);
    assert.equal(audit?.after.email, 'stranger@example.gov.uk');
    assert.equal(audit?.after.method, 'oidc');
  });

  test('creates an account with the default role, the name from the provider and no password when provisioning is on', async () => {
    const result = await (await throughProvider(sso({ provision: true }), 'new.starter@example.gov.uk')).finish();
    assert.equal(result.created, true);
    assert.equal(result.user.role, 'viewer');
    assert.equal(result.user.name, 'New Starter');
    assert.equal(result.user.tenantId, tenantId);
    const row = await userByEmail('new.starter@example.gov.uk');
    assert.equal(row?.password_hash, null);
    assert.equal(row?.role, 'viewer');
    const created = await lastAudit('create');
    assert.equal(created?.entity_id, row?.id);
    assert.equal(created?.after.provisionedBy, 'oidc');
    assert.equal(created?.after.role, 'viewer');
    // No password, so no password sign-in; SSO again finds the same account.
    await assert.rejects(ctx.services.auth.signIn('new.starter@example.gov.uk', PASSWORD, IP), AuthenticationError);
    const again = await (await throughProvider(sso({ provision: true }), 'new.starter@example.gov.uk')).finish();
    assert.equal(again.created, false);
    assert.equal(again.user.userId, row?.id);
    // Another default role.
    const lead = await (await throughProvider(sso({ provision: true, defaultRole: 'lead_officer' }), 'lead.person@example.gov.uk')).finish();
    assert.equal(lead.user.role, 'lead_officer');
  });

  test("does not match or create an account that belongs to another council", async () => {
    for (const provision of [false, true]) {
      const err = await problemOf((await throughProvider(sso({ provision }), 'elsewhere@example.gov.uk')).finish());
      assert.equal(err.problem, 'not_set_up');
    }
    const rows = await ctx.kysely.selectFrom('users').select('tenant_id').where('email', '=', 'elsewhere@example.gov.uk').execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]?.tenant_id, tenantId);
  });

  test('refuses a disabled account, and opens no session for it', async () => {
    const id = await ctx.services.auth.createUser(tenantId, { email: 'gone@example.gov.uk', name: 'Gwen Gone', role: 'lead_officer', password: PASSWORD });
    await ctx.kysely.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', id).execute();
    const err = await problemOf((await throughProvider(sso({ provision: true }), 'gone@example.gov.uk')).finish());
    assert.equal(err.problem, 'disabled');
    const sessions = await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    assert.equal(sessions.length, 0);
  });

  test('refuses a callback without its flow cookie, with an altered or old one, or with another flow’s', async () => {
    const s = sso();
    const flow = await throughProvider(s, OFFICER);
    await expectProblem(s.finish(flow.query, undefined, IP), 'expired');
    const altered = flow.flowCookie.slice(0, 20) + (flow.flowCookie[20] === 'A' ? 'B' : 'A') + flow.flowCookie.slice(21);
    await expectProblem(s.finish(flow.query, altered, IP), 'expired');
    await expectProblem(s.finish(flow.query, 'not-a-cookie', IP), 'expired');
    // Another Waymark with another client secret cannot open it either.
    await expectProblem(sso({ clientSecret: 'another-secret' }).finish(flow.query, flow.flowCookie, IP), 'expired');
    // The state in the answer must be the one in the cookie.
    const other = await s.start('/');
    await expectProblem(s.finish(flow.query, other.flowCookie, IP), 'failed');
    // Too old: started more than SSO_FLOW_MINUTES ago.
    mock.timers.enable({ apis: ['Date'], now: Date.now() - (SSO_FLOW_MINUTES + 1) * 60_000 });
    let old: Awaited<ReturnType<SsoService['start']>>;
    try {
      old = await s.start('/');
    } finally {
      mock.timers.reset();
    }
    const back = await signInAtProvider(old.url, OFFICER, REDIRECT);
    await expectProblem(s.finish(back.search.slice(1), old.flowCookie, IP), 'expired');
    // The untouched flow still works once, and only once (the code is single-use).
    assert.equal((await flow.finish()).user.userId, officerId);
    await expectProblem(flow.finish(), 'failed');
  });

  test('treats cancelling at the provider as cancelled, and other errors from it as failures', async () => {
    const s = sso();
    const cancelled = await throughProvider(s, 'officer@example.gov.uk', { cancel: true });
    assert.equal(new URLSearchParams(cancelled.query).get('error'), 'access_denied');
    await expectProblem(cancelled.finish(), 'cancelled');
    const { flowCookie } = await s.start('/');
    await expectProblem(s.finish('error=server_error&error_description=Something+broke', flowCookie, IP), 'failed');
    await expectProblem(s.finish('code=made-up&state=made-up', flowCookie, IP), 'failed');
  });

  test('needs its council: the one OIDC_COUNCIL names, or else the only one', async () => {
    await expectProblem((await throughProvider(sso({ council: 'no-such-council' }), 'officer@example.gov.uk')).finish(), 'misconfigured');
    // This database has two councils, so one must be named.
    await expectProblem((await throughProvider(sso({ council: null }), 'officer@example.gov.uk')).finish(), 'misconfigured');
  });
});

describe('OIDC configuration', () => {
  const required = { OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 'secret' };

  test('is off without OIDC_ISSUER, and fills in its defaults when on', async () => {
    const { loadConfig } = await import('../config.ts');
    assert.equal(loadConfig({}).oidc, undefined);
    assert.equal(loadConfig({ OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '' }).oidc, undefined);
    assert.deepEqual(loadConfig({ ...required, PORT: '8080' }).oidc, {
      issuer: required.OIDC_ISSUER,
      clientId: 'client',
      clientSecret: 'secret',
      redirectUrl: 'http://localhost:8080/sso/callback',
      provision: false,
      defaultRole: 'viewer',
      council: null,
      buttonText: 'Sign in with your organisation account',
    });
    const full = loadConfig({
      ...required,
      PUBLIC_URL: 'https://waymark.example.gov.uk/',
      OIDC_PROVISION: 'true',
      OIDC_DEFAULT_ROLE: 'lead_officer',
      OIDC_COUNCIL: 'borsetshire',
      OIDC_BUTTON_TEXT: 'Sign in with Microsoft',
    }).oidc;
    assert.equal(full?.redirectUrl, 'https://waymark.example.gov.uk/sso/callback');
    assert.equal(full?.provision, true);
    assert.equal(full?.defaultRole, 'lead_officer');
    assert.equal(full?.council, 'borsetshire');
    assert.equal(full?.buttonText, 'Sign in with Microsoft');
    assert.equal(loadConfig({ ...required, OIDC_REDIRECT_URL: 'https://w.example/sso/callback' }).oidc?.redirectUrl, 'https://w.example/sso/callback');
  });

  test('fails at startup naming what is missing or wrong', async () => {
    const { ConfigError, loadConfig } = await import('../config.ts');
    const fails = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && pattern.test(err.message),
      );
    fails({ OIDC_ISSUER: required.OIDC_ISSUER }, /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing/);
    fails({ OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 'secret' }, /OIDC_ISSUER is missing/);
    fails({ ...required, OIDC_ISSUER: 'login.microsoftonline.com' }, /OIDC_ISSUER: must be an http\(s\) URL/);
    fails({ ...required, OIDC_DEFAULT_ROLE: 'overlord' }, /OIDC_DEFAULT_ROLE: must be one of admin, /);
    fails({ ...required, OIDC_PROVISION: 'yes' }, /OIDC_PROVISION/);
    fails({ ...required, OIDC_COUNCIL: 'Not A Slug' }, /OIDC_COUNCIL/);
  });
});

describe('single sign-on, beyond one database', () => {
  test('uses the only council when OIDC_COUNCIL is not set', async () => {
    const t = await testRuntime('sqlite');
    try {
      const tenantId = await t.services.councils.create({ slug: 'solo', name: 'Solo Council' });
      await t.services.auth.createUser(tenantId, { email: 'solo@example.gov.uk', name: 'Sol Solo', role: 'admin', password: PASSWORD });
      const s = ssoFor(t.services, t.runtime.db.kysely, { council: null });
      const result = await (await throughProvider(s, 'solo@example.gov.uk')).finish();
      assert.equal(result.user.tenantName, 'Solo Council');
    } finally {
      await t.close();
    }
  });

  test('says the provider is unreachable when nothing answers at the issuer, and tries again next time', async () => {
    const t = await testRuntime('sqlite');
    try {
      const down = { ...provider, issuer: 'http://127.0.0.1:9' };
      const s = ssoFor(t.services, t.runtime.db.kysely, {}, down);
      await expectProblem(s.start('/'), 'unreachable');
      await expectProblem(s.start('/'), 'unreachable');
    } finally {
      await t.close();
    }
  });

  test('is built by the composition root from config.oidc, and absent without it', async () => {
    const { buildRuntime } = await import('../composition.ts');
    const { loadConfig } = await import('../config.ts');
    const config = loadConfig({ DATABASE_URL: ':memory:', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_BUTTON_TEXT: 'Use Entra' });
    const withSso = await buildRuntime(config);
    const without = await buildRuntime(loadConfig({ DATABASE_URL: ':memory:' }));
    try {
      assert.equal(withSso.services.sso?.buttonText, 'Use Entra');
      assert.equal(without.services.sso, null);
    } finally {
      await withSso.close();
      await without.close();
    }
  });
});
