import crypto from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import { AuthenticationError, NotFoundError, TooManyAttemptsError, ValidationError } from '../domain/errors.ts';
import { checkPassword } from '../domain/passwords.ts';
import { hasClearance } from '../domain/permissions.ts';
import { USER_ROLES } from '../domain/vocabulary.ts';
import type { UserRow } from '../db/repositories/index.ts';
import type { AccountSummary, PasswordChange, SessionUser } from './auth-types.ts';
import type { Actor, Deps } from './context.ts';
import { hasControlCharacter, oneOf, requiredText, validate, type Loose } from './validation.ts';

// Local accounts: argon2id password hashes checked against the password policy
// (domain/passwords.ts), server-side sessions (revocable, idle and absolute timeouts) and
// throttled sign-in attempts (at most 5 failures an email address and 30 an address in a window of
// 15 minutes that begins with the first of them; each attempt is counted atomically in the database
// before its password is checked, so simultaneous guesses cannot all get through). Every sign-in,
// failed sign-in, sign-out and password change is written to the audit trail (the email tried and
// the address it came from; never a password).

export type { AccountSummary, PasswordChange, SessionUser } from './auth-types.ts';

export const SESSION_IDLE_MINUTES = 60;
export const SESSION_ABSOLUTE_HOURS = 12;
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

/** Why a sign-in failed, for the audit trail only: the person signing in is always told the same thing. */
type FailureReason = 'unknown_account' | 'wrong_password' | 'account_disabled' | 'too_many_attempts';

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.email('Enter an email address in the correct format, like name@example.gov.uk'),
);

const newUserSchema = z.object({
  email,
  name: requiredText('the name', 200),
  role: oneOf(USER_ROLES, 'a role'),
  password: z.string({ error: 'Enter a password' }),
});
export type NewUserInput = Loose<z.input<typeof newUserSchema>>;

const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class AuthService {
  constructor(private readonly deps: Deps) {}

  private nowMs(): number {
    return this.deps.clock().getTime();
  }

  private iso(ms: number = this.nowMs()): string {
    return new Date(ms).toISOString();
  }

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON);
  }

  /**
   * Creates an account. The password must meet the policy (12 to 256 characters, not a common
   * password, not containing the name or email address). `actor` is who is creating it (an
   * administrator, through the users pages); without one, the system (the CLI, the demo).
   */
  async createUser(tenantId: number, input: NewUserInput, actor?: Actor): Promise<number> {
    let fields: Record<string, string> = {};
    let v: z.output<typeof newUserSchema> | null = null;
    try {
      v = validate(newUserSchema, input);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      fields = { ...err.fields };
    }
    if (typeof input.password === 'string' || input.password === undefined) {
      const problem = checkPassword(str(input.password), { email: str(input.email), name: str(input.name) });
      if (problem) fields.password = problem;
      else delete fields.password;
    }
    if (Object.keys(fields).length || !v) throw new ValidationError(fields);
    const ok = v;
    const passwordHash = await this.hashPassword(ok.password);
    return this.deps.store.transaction(async (r) => {
      if (!(await r.tenants.get(tenantId))) throw new NotFoundError('Council');
      if (await r.users.byEmail(ok.email)) throw new ValidationError({ email: `An account for ${ok.email} already exists` });
      const id = await r.users.create({ tenantId, email: ok.email, name: ok.name, role: ok.role, passwordHash });
      await r.audit.record({ tenantId, userId: actor?.userId ?? null, entity: 'user', entityId: id, event: 'create', after: { email: ok.email, name: ok.name, role: ok.role } });
      return id;
    });
  }

  /** Checks the password and opens a session; returns the cookie token (only its hash is stored). */
  async signIn(emailInput: string, password: string, ip: string): Promise<{ token: string; user: SessionUser }> {
    const errors: Record<string, string> = {};
    const addr = (emailInput ?? '').trim().toLowerCase();
    if (!addr) errors.email = 'Enter your email address';
    // PostgreSQL refuses a NUL byte in a query's text: no such address can exist, so say so first.
    else if (hasControlCharacter(addr)) errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const r = this.deps.store.repos;
    const now = this.nowMs();
    const user = await r.users.byEmail(addr);
    const failed = async (reason: FailureReason) => {
      await r.users.recordAttempt(addr, ip, false, this.iso(now));
      await r.audit.record({ tenantId: user?.tenant_id ?? null, userId: user?.id ?? null, entity: 'user', entityId: user?.id ?? null, event: 'sign_in_failed', after: { email: addr, ip, reason } });
    };
    // Count this attempt before checking the password: the count comes back from the database
    // atomically, so of many simultaneous guesses only the first five get as far as the password.
    const attempt = await this.countAttempt(addr, ip);
    if (!attempt) {
      await r.audit.record({ tenantId: user?.tenant_id ?? null, userId: user?.id ?? null, entity: 'user', entityId: user?.id ?? null, event: 'sign_in_failed', after: { email: addr, ip, reason: 'too_many_attempts' } });
      throw new TooManyAttemptsError(THROTTLE_WINDOW_MINUTES * 60);
    }
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const ok = user?.password_hash ? await verify(user.password_hash, password).catch(() => false) : (await verify(await this.dummyHash(), password).catch(() => false), false);
    if (!user || !ok || user.disabled_at) {
      await failed(!user ? 'unknown_account' : !ok ? 'wrong_password' : 'account_disabled');
      throw new AuthenticationError('Enter a correct email address and password');
    }
    await attempt.release();
    return this.startSession(user, { ip }, addr);
  }

  private async startSession(user: UserRow, details: { ip: string } & Record<string, unknown>, attemptEmail?: string): Promise<{ token: string; user: SessionUser }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const now = this.nowMs();
    const at = this.iso(now);
    const expiresAt = this.iso(now + SESSION_ABSOLUTE_HOURS * 3_600_000);
    await this.deps.store.transaction(async (t) => {
      await t.users.createSession({ id: sha256(token), tenantId: user.tenant_id, userId: user.id, csrfToken, expiresAt, at });
      if (attemptEmail !== undefined) await t.users.recordAttempt(attemptEmail, details.ip, true, at);
      await t.users.recordSignIn(user.id, at);
      await t.audit.record({ tenantId: user.tenant_id, userId: user.id, entity: 'user', entityId: user.id, event: 'sign_in', after: { email: user.email, ...details } });
    });
    const session = await this.session(token);
    if (!session) throw new AuthenticationError('Could not start a session');
    return { token, user: session };
  }

  /**
   * Counts an attempt for the email address and for the address it came from, each in one atomic
   * statement. Null when either is over its limit for the window (the attempt is then taken back:
   * refused attempts do not extend the lock); otherwise a handle to take the attempt back when it
   * turns out not to be a failure.
   */
  private async countAttempt(addr: string, ip: string): Promise<{ release(): Promise<void> } | null> {
    const users = this.deps.store.repos.users;
    const now = this.nowMs();
    const at = this.iso(now);
    const since = this.iso(now - THROTTLE_WINDOW_MINUTES * 60_000);
    const keys = [`email:${addr}`, `ip:${ip}`];
    // Tidy away counters whose windows are long over: a day is longer than any window that uses
    // the table (sign-in 15 minutes, reset requests an hour, chasing 10 minutes).
    await users.pruneAttempts(this.iso(now - 24 * 3_600_000));
    const byEmail = await users.countAttempt(keys[0]!, at, since);
    const byIp = await users.countAttempt(keys[1]!, at, since);
    const release = async () => {
      for (const key of keys) await users.uncountAttempt(key);
    };
    if (byEmail > MAX_FAILURES_PER_EMAIL || byIp > MAX_FAILURES_PER_IP) {
      await release();
      return null;
    }
    return { release };
  }

  private dummy: Promise<string> | null = null;
  private dummyHash(): Promise<string> {
    return (this.dummy ??= this.hashPassword(crypto.randomBytes(16).toString('hex')));
  }

  /**
   * The signed-in user for a cookie token, or null when the session is unknown, revoked, expired
   * (12 hours after sign-in), idle too long (an hour since the last request) or its account is disabled.
   */
  async session(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const id = sha256(token);
    const s = await this.deps.store.repos.users.sessionWithUser(id);
    if (!s || s.revokedAt || s.disabledAt) return null;
    const now = this.nowMs();
    if (Date.parse(s.expiresAt) <= now) return null;
    if (Date.parse(s.lastSeenAt) + SESSION_IDLE_MINUTES * 60_000 <= now) return null;
    // Record activity at most once a minute to keep reads cheap.
    if (now - Date.parse(s.lastSeenAt) > 60_000) await this.deps.store.repos.users.touchSession(id, this.iso(now));
    return { sessionId: id, csrfToken: s.csrfToken, userId: s.userId, email: s.email, name: s.name, role: s.role, restrictedAccess: hasClearance(s.role, s.restrictedAccess === 1), tenantId: s.tenantId, tenantName: s.tenantName };
  }

  async signOut(user: SessionUser): Promise<void> {
    await this.deps.store.transaction(async (r) => {
      await r.users.revokeSession(user.sessionId, this.iso());
      await r.audit.record({ tenantId: user.tenantId, userId: user.userId, entity: 'user', entityId: user.userId, event: 'sign_out' });
    });
  }

  /** Ends every session of the user, on every device, this one included. Returns how many were ended. */
  async signOutEverywhere(user: SessionUser): Promise<number> {
    return this.deps.store.transaction(async (r) => {
      const sessions = await r.users.revokeUserSessions(user.userId, this.iso());
      await r.audit.record({ tenantId: user.tenantId, userId: user.userId, entity: 'user', entityId: user.userId, event: 'sign_out_everywhere', after: { sessions } });
      return sessions;
    });
  }

  /** The signed-in user's own account, for "Your account". */
  async account(user: SessionUser): Promise<AccountSummary> {
    const r = this.deps.store.repos;
    const row = await r.users.get(user.userId);
    if (!row || row.tenant_id !== user.tenantId) throw new NotFoundError('Account');
    const now = this.nowMs();
    const activeSessions = await r.users.countActiveSessions(user.userId, this.iso(now), this.iso(now - SESSION_IDLE_MINUTES * 60_000));
    return { name: row.name, email: row.email, role: row.role, activeSessions, lastSignInAt: row.last_sign_in_at };
  }

  /**
   * Changes the signed-in user's password: the current one must be right (wrong guesses count
   * towards the sign-in throttle) and the new one must meet the policy and be typed twice. Every
   * other session of the user ends; this one carries on.
   */
  async changePassword(user: SessionUser, input: PasswordChange, ip: string): Promise<void> {
    const current = str(input.currentPassword);
    const next = str(input.newPassword);
    const confirm = str(input.confirmPassword);
    const r = this.deps.store.repos;
    const row = await r.users.get(user.userId);
    if (!row || row.tenant_id !== user.tenantId || row.disabled_at) throw new AuthenticationError('Sign in again to change your password');
    const errors: Record<string, string> = {};
    if (!current) errors.currentPassword = 'Enter your current password';
    const policy = checkPassword(next, { email: row.email, name: row.name }, 'New password');
    if (policy) errors.newPassword = policy;
    if (!confirm) errors.confirmPassword = 'Confirm your new password';
    else if (!policy && confirm !== next) errors.confirmPassword = 'Enter the same new password twice';
    if (current) {
      const now = this.nowMs();
      const attempt = await this.countAttempt(row.email, ip);
      if (!attempt) throw new TooManyAttemptsError(THROTTLE_WINDOW_MINUTES * 60);
      const ok = row.password_hash ? await verify(row.password_hash, current).catch(() => false) : false;
      if (ok) await attempt.release();
      if (!ok) {
        await r.users.recordAttempt(row.email, ip, false, this.iso(now));
        await r.audit.record({ tenantId: user.tenantId, userId: user.userId, entity: 'user', entityId: user.userId, event: 'password_change_failed', after: { ip, reason: 'wrong_password' } });
        errors.currentPassword = 'Your current password is not right';
      } else if (!errors.newPassword && next === current) {
        errors.newPassword = 'New password must be different from your current password';
      }
    }
    // Field order, as on the page.
    const ordered = Object.fromEntries(['currentPassword', 'newPassword', 'confirmPassword'].filter((k) => errors[k]).map((k) => [k, errors[k]!]));
    if (Object.keys(ordered).length) throw new ValidationError(ordered);
    const passwordHash = await this.hashPassword(next);
    await this.deps.store.transaction(async (t) => {
      await t.users.setPasswordHash(user.userId, passwordHash);
      const otherSessions = await t.users.revokeUserSessions(user.userId, this.iso(), user.sessionId);
      await t.audit.record({ tenantId: user.tenantId, userId: user.userId, entity: 'user', entityId: user.userId, event: 'password_change', after: { ip, otherSessionsEnded: otherSessions } });
    });
  }

  /**
   * Opens a session for a user whom someone else has authenticated (single sign-on), as signIn
   * does: same token, same cookie, only its hash stored. Audited as 'sign_in' with `details`.
   */
  async openSession(userId: number, details: Record<string, unknown>): Promise<{ token: string; user: SessionUser }> {
    const user = await this.deps.store.repos.users.get(userId);
    if (!user || user.disabled_at) throw new AuthenticationError('This account cannot sign in');
    const now = this.nowMs();
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const at = this.iso(now);
    const expiresAt = this.iso(now + SESSION_ABSOLUTE_HOURS * 3_600_000);
    await this.deps.store.transaction(async (t) => {
      await t.users.createSession({ id: sha256(token), tenantId: user.tenant_id, userId: user.id, csrfToken, expiresAt, at });
      await t.users.recordSignIn(user.id, at);
      await t.audit.record({ tenantId: user.tenant_id, userId: user.id, entity: 'user', entityId: user.id, event: 'sign_in', after: { email: user.email, ...details } });
    });
    const session = await this.session(token);
    if (!session) throw new AuthenticationError('Could not start a session');
    return { token, user: session };
  }
}
