import crypto from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../config.ts';
import type { UserRow } from '../db/repositories/users.ts';
import type { AuthService, SessionUser } from './auth.ts';
import { recordChange, systemActor, type Deps } from './context.ts';
import { isLoopbackHttp, emailFromClaims, nameFromClaims, SsoError, type SsoProblem } from './sso-claims.ts';

export { emailFromClaims, SsoError, type SsoProblem } from './sso-claims.ts';

// Single sign-on with an OpenID Connect provider (Microsoft Entra ID, or any other): the
// authorization code flow with PKCE, state and nonce. Between /sso/start and /sso/callback the
// flow's secrets (state, nonce, PKCE code verifier, where to go next) travel in a short-lived
// cookie sealed with AES-256-GCM under a key derived from the client secret: the browser can
// neither read nor alter it, any Waymark server sharing the configuration can open it, and no
// table is needed. At someone's first SSO sign-in the provider vouches for an email address:
// Waymark matches it to an account in the council (or, when provisioning is on, creates one) and
// links that account to the provider's issuer and subject (`iss`, `sub`). From then on only that
// link says who it is: an email address changed at the provider still reaches the same account,
// and an identity whose email now matches another account cannot take that account over.

/** How long someone has between leaving for the provider and coming back. */
export const SSO_FLOW_MINUTES = 10;

const SCOPE = 'openid email profile';

const flowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  next: z.string(),
  expires: z.number(),
});
type Flow = z.infer<typeof flowSchema>;

/** Errors (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) that mean "this person did not, or may not, sign in here". */
const CANCELLED = new Set(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required']);

export interface SsoSignIn {
  token: string;
  user: SessionUser;
  /** The local path to go to now. */
  next: string;
  /** True when this sign-in created the account (provisioning). */
  created: boolean;
}

export class SsoService {
  private discovered: Promise<oidc.Configuration> | null = null;
  private sealKey: Buffer | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly config: OidcConfig,
    private readonly auth: AuthService,
  ) {}

  /** The words on the sign-in page's button. */
  get buttonText(): string {
    return this.config.buttonText;
  }

  /** Where to send the browser, and the sealed flow cookie to set on the way. `next` must already be a safe local path. */
  async start(next: string): Promise<{ url: string; flowCookie: string }> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, next, expires: this.deps.clock().getTime() + SSO_FLOW_MINUTES * 60_000 };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUrl,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flowCookie: this.seal(flow) };
  }

  /**
   * Finishes the flow: `query` is the callback's query string, `flowCookie` what start() sealed.
   * Checks the provider's answer (state, PKCE, the ID token's signature, issuer, audience and
   * nonce), finds or creates the account and opens a session. Throws SsoError otherwise.
   */
  async finish(query: string, flowCookie: string | undefined, ip: string): Promise<SsoSignIn> {
    const params = new URLSearchParams(query);
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description') ?? '';
      if (CANCELLED.has(error)) throw new SsoError('cancelled', `The provider answered ${error}: ${description}`);
      throw new SsoError('failed', `The provider answered ${error}: ${description}`);
    }
    const flow = flowCookie ? this.unseal(flowCookie) : null;
    if (!flow) throw new SsoError('expired', flowCookie ? 'The sign-in cookie is altered or too old' : 'There is no sign-in cookie');

    const config = await this.configuration();
    const currentUrl = new URL(this.config.redirectUrl);
    currentUrl.search = params.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new SsoError('failed', 'The provider sent no ID token');
      claims = { ...idClaims };
      // Some providers put only `sub` in the ID token of a code flow and the rest at userinfo.
      if (!emailFromClaims(claims) && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
      }
    } catch (err) {
      throw this.problemFrom(err);
    }

    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (!subject) throw new SsoError('failed', 'The provider sent no subject (sub)');
    // openid-client has checked the ID token's iss against the issuer's metadata.
    const issuer = typeof claims.iss === 'string' ? claims.iss : this.config.issuer;
    const tenant = await this.council();
    const r = this.deps.store.repos;
    const refuse = async (problem: 'not_set_up' | 'disabled' | 'linked_elsewhere', reason: string, user: { id: number } | undefined, email: string | null) => {
      await r.audit.record({
        tenantId: tenant.id,
        userId: user?.id ?? null,
        entity: 'user',
        entityId: user?.id ?? null,
        event: 'sign_in_failed',
        after: { email, ip, method: 'oidc', issuer, subject, reason },
      });
      return new SsoError(problem, reason, { ...(email ? { email } : {}), councilName: tenant.name });
    };

    let user: UserRow | undefined;
    let created = false;
    const link = await r.users.ssoIdentity(issuer, subject);
    if (link) {
      // Linked at an earlier sign-in: the link alone says who this is, whatever email the provider gives now.
      user = await r.users.get(link.user_id);
      if (!user || user.tenant_id !== tenant.id) throw await refuse('not_set_up', 'this identity is linked to an account in another council', undefined, emailFromClaims(claims));
    } else {
      // The first sign-in with this identity: match (or provision) by the email the provider vouches for, then link.
      const email = emailFromClaims(claims);
      if (!email) throw new SsoError('no_email', 'The provider gave no email address (email, preferred_username or upn)');
      user = await r.users.byEmail(email);
      if (user && user.tenant_id !== tenant.id) user = undefined; // an account in another council is not this council's
      if (!user) {
        if (!this.config.provision || (await r.users.byEmail(email))) throw await refuse('not_set_up', 'no account for this email address in the council', undefined, email);
        user = await r.users.get(await this.provision(tenant.id, email, nameFromClaims(claims, email), issuer, subject));
        created = true;
      } else {
        if (user.disabled_at) throw await refuse('disabled', 'the account is disabled', user, email);
        const other = await r.users.ssoIdentityOf(user.id, issuer);
        if (other) throw await refuse('linked_elsewhere', 'the account with this email address is linked to another identity at this provider', user, email);
        await this.link(user, issuer, subject, email);
      }
    }
    if (!user) throw new SsoError('failed', 'The account could not be read back');
    if (user.disabled_at) throw await refuse('disabled', 'the account is disabled', user, user.email);
    if (link) await r.users.touchSsoIdentity(link.id, this.deps.clock().toISOString());
    const { token, user: session } = await this.auth.openSession(user.id, { ip, method: 'oidc', issuer, subject });
    return { token, user: session, next: flow.next, created };
  }

  /** Links an existing account to the identity it has just signed in with, audited. */
  private async link(user: UserRow, issuer: string, subject: string, email: string): Promise<void> {
    try {
      await this.deps.store.transaction(async (t) => {
        await t.users.linkSsoIdentity({ tenantId: user.tenant_id, userId: user.id, issuer, subject, at: this.deps.clock().toISOString() });
        await recordChange(t, systemActor(user.tenant_id), 'user', user.id, 'sso_link', { after: { issuer, subject, matchedEmail: email } });
      });
    } catch (err) {
      // Two first sign-ins at once: the other one linked it. Fine if it linked this identity to this account.
      const now = await this.deps.store.repos.users.ssoIdentity(issuer, subject);
      if (now?.user_id !== user.id) throw new SsoError('failed', 'The account could not be linked to this identity', {}, { cause: err });
    }
  }

  // The provider ---------------------------------------------------------------------------------

  /** The provider's metadata, discovered once (and again after a failure). */
  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      const options = isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
      this.discovered = oidc.discovery(issuer, this.config.clientId, this.config.clientSecret, undefined, options).catch((err: unknown) => {
        this.discovered = null;
        throw this.problemFrom(err, 'unreachable');
      });
    }
    return this.discovered;
  }

  private problemFrom(err: unknown, otherwise: SsoProblem = 'failed'): SsoError {
    if (err instanceof SsoError) return err;
    if (err instanceof oidc.AuthorizationResponseError) {
      return new SsoError(CANCELLED.has(err.error) ? 'cancelled' : 'failed', `The provider answered ${err.error}: ${err.error_description ?? ''}`, {}, { cause: err });
    }
    const message = err instanceof Error ? err.message : String(err);
    // fetch() fails with a TypeError when nothing answers (refused, not found, timed out).
    const network = err instanceof TypeError || (err instanceof Error && err.cause instanceof TypeError) || (err instanceof DOMException && err.name === 'TimeoutError');
    return new SsoError(network ? 'unreachable' : otherwise, message, {}, { cause: err });
  }

  // Accounts -------------------------------------------------------------------------------------

  /** The council SSO users belong to: the configured one, or the only one there is. */
  private async council(): Promise<{ id: number; name: string }> {
    const r = this.deps.store.repos;
    if (this.config.council) {
      const t = await r.tenants.bySlug(this.config.council);
      if (!t) throw new SsoError('misconfigured', `OIDC_COUNCIL names ${this.config.council}, and there is no council with that slug`);
      return t;
    }
    const all = await r.tenants.list();
    const only = all.length === 1 ? all[0] : undefined;
    if (!only) throw new SsoError('misconfigured', `OIDC_COUNCIL is not set, and there are ${all.length} councils: set it to the slug of the council SSO users belong to`);
    return only;
  }

  /** Creates an account with the default role and no password, linked to the identity: it can only be used through SSO. */
  private provision(tenantId: number, email: string, name: string, issuer: string, subject: string): Promise<number> {
    const role = this.config.defaultRole;
    return this.deps.store.transaction(async (r) => {
      const id = await r.users.create({ tenantId, email, name, role, passwordHash: null });
      await recordChange(r, systemActor(tenantId), 'user', id, 'create', { after: { email, name, role, provisionedBy: 'oidc', issuer, subject } });
      await r.users.linkSsoIdentity({ tenantId, userId: id, issuer, subject, at: this.deps.clock().toISOString() });
      await recordChange(r, systemActor(tenantId), 'user', id, 'sso_link', { after: { issuer, subject, matchedEmail: email } });
      return id;
    });
  }

  // The flow cookie ------------------------------------------------------------------------------

  private key(): Buffer {
    return (this.sealKey ??= Buffer.from(crypto.hkdfSync('sha256', this.config.clientSecret, `waymark-sso ${this.config.issuer} ${this.config.clientId}`, 'sso flow cookie v1', 32)));
  }

  /** AES-256-GCM: iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext, base64url. */
  private seal(flow: Flow): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key(), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The flow, or null when the cookie is not one we sealed, or is too old. */
  private unseal(cookie: string): Flow | null {
    try {
      const raw = Buffer.from(cookie, 'base64url');
      if (raw.length < 29) return null;
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const flow = flowSchema.safeParse(JSON.parse(text));
      return flow.success && flow.data.expires > this.deps.clock().getTime() ? flow.data : null;
    } catch {
      return null;
    }
  }
}
