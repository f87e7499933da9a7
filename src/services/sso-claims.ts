import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';

// What single sign-on can go wrong with (SsoError), and who the provider's claims say someone is
// (src/services/sso.ts runs the sign-in).

const NAME_MAX = 200;

export type SsoProblem =
  /** The person cancelled or the provider refused them (error=access_denied and the like). */
  | 'cancelled'
  /** The provider said something went wrong, or its answer did not check out. */
  | 'failed'
  /** The flow cookie is missing, altered or too old (a slow sign-in, another tab, a replay). */
  | 'expired'
  /** The provider could not be reached. */
  | 'unreachable'
  /** Waymark's SSO settings do not fit this database (no such council, several councils). */
  | 'misconfigured'
  /** The provider gave no email address Waymark can match. */
  | 'no_email'
  /** No account for that email in the council, and provisioning is off. */
  | 'not_set_up'
  /** The account with that email is already linked to another identity at the provider. */
  | 'linked_elsewhere'
  /** The account exists but has been switched off. */
  | 'disabled';

/** Why single sign-on did not sign someone in; the web shows a page for each problem. */
export class SsoError extends DomainError {
  override name = 'SsoError';
  constructor(
    readonly problem: SsoProblem,
    message: string,
    /** For the page: who the provider said they were, and which council we looked in. */
    readonly who: { email?: string; councilName?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const emailShape = z.email();
const asEmail = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  return emailShape.safeParse(s).success ? s : null;
};

/**
 * The email address a provider vouches for: `email` (unless the provider says it is unverified),
 * else Entra ID's `preferred_username` or `upn` when they hold an email address.
 */
export function emailFromClaims(claims: Record<string, unknown>): string | null {
  if (claims.email_verified !== false) {
    const email = asEmail(claims.email);
    if (email) return email;
  }
  return asEmail(claims.preferred_username) ?? asEmail(claims.upn);
}

export function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = str(claims.name) || [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ') || email.split('@')[0] || email;
  return name.slice(0, NAME_MAX);
}

/** http is allowed only for a provider on this machine (tests, a local development provider). */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
