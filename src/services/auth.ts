import crypto from 'node:crypto';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import { AuthenticationError, NotFoundError, TooManyAttemptsError, ValidationError } from '../domain/errors.ts';
import { USER_ROLES } from '../domain/vocabulary.ts';
import type { ServiceDeps } from './context.ts';
import { oneOf, requiredText, validate, type Loose } from './validation.ts';

// Local accounts: argon2id password hashes, server-side sessions (revocable, idle and absolute
// timeouts) and throttled sign-in attempts.

export const SESSION_IDLE_MINUTES = 60;
export const SESSION_ABSOLUTE_HOURS = 12;
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: number;
  email: string;
  name: string;
  role: string;
  tenantId: number;
  tenantName: string;
}

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.email('Enter an email address in the correct format, like name@example.gov.uk'),
);

const newUserSchema = z.object({
  email,
  name: requiredText('the name', 200),
  role: oneOf(USER_ROLES, 'a role'),
  password: z.string({ error: 'Enter a password' }).min(12, 'Password must be 12 characters or more').max(256, 'Password must be 256 characters or fewer'),
});
export type NewUserInput = Loose<z.input<typeof newUserSchema>>;

const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export class AuthService {
  constructor(private readonly deps: ServiceDeps) {}

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON);
  }

  async createUser(tenantId: number, input: NewUserInput): Promise<number> {
    const v = validate(newUserSchema, input);
    const passwordHash = await this.hashPassword(v.password);
    return this.deps.store.transaction(async (r) => {
      if (!(await r.tenants.get(tenantId))) throw new NotFoundError('Council');
      if (await r.users.byEmail(v.email)) throw new ValidationError({ email: `An account for ${v.email} already exists` });
      const id = await r.users.create({ tenantId, email: v.email, name: v.name, role: v.role, passwordHash });
      await r.audit.record({ tenantId, userId: null, entity: 'user', entityId: id, event: 'create', after: { email: v.email, name: v.name, role: v.role } });
      return id;
    });
  }

  /** Checks the password and opens a session; returns the cookie token (only its hash is stored). */
  async signIn(emailInput: string, password: string, ip: string): Promise<{ token: string; user: SessionUser }> {
    const errors: Record<string, string> = {};
    const addr = (emailInput ?? '').trim().toLowerCase();
    if (!addr) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const r = this.deps.store.repos;
    const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
    const failures = await r.users.failuresSince(addr, ip, since);
    if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) throw new TooManyAttemptsError(THROTTLE_WINDOW_MINUTES * 60);
    const user = await r.users.byEmail(addr);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const ok = user?.password_hash ? await verify(user.password_hash, password).catch(() => false) : (await verify(await this.dummyHash(), password).catch(() => false), false);
    if (!user || !ok || user.disabled_at) {
      await r.users.recordAttempt(addr, ip, false);
      await r.audit.record({ tenantId: user?.tenant_id ?? null, userId: user?.id ?? null, entity: 'user', entityId: user?.id ?? null, event: 'sign_in_failed', after: { email: addr, ip } });
      throw new AuthenticationError('Enter a correct email address and password');
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString();
    await this.deps.store.transaction(async (t) => {
      await t.users.createSession({ id: sha256(token), tenantId: user.tenant_id, userId: user.id, csrfToken, expiresAt });
      await t.users.recordAttempt(addr, ip, true);
      await t.audit.record({ tenantId: user.tenant_id, userId: user.id, entity: 'user', entityId: user.id, event: 'sign_in', after: { ip } });
    });
    const session = await this.session(token);
    if (!session) throw new AuthenticationError('Could not start a session');
    return { token, user: session };
  }

  private dummy: Promise<string> | null = null;
  private dummyHash(): Promise<string> {
    return (this.dummy ??= this.hashPassword(crypto.randomBytes(16).toString('hex')));
  }

  /** The signed-in user for a cookie token, or null when the session is unknown, revoked, expired or idle too long. */
  async session(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const id = sha256(token);
    const s = await this.deps.store.repos.users.sessionWithUser(id);
    if (!s || s.revokedAt || s.disabledAt) return null;
    const now = Date.now();
    if (Date.parse(s.expiresAt) <= now) return null;
    if (Date.parse(s.lastSeenAt) + SESSION_IDLE_MINUTES * 60_000 <= now) return null;
    // Record activity at most once a minute to keep reads cheap.
    if (now - Date.parse(s.lastSeenAt) > 60_000) await this.deps.store.repos.users.touchSession(id, new Date(now).toISOString());
    return { sessionId: id, csrfToken: s.csrfToken, userId: s.userId, email: s.email, name: s.name, role: s.role, tenantId: s.tenantId, tenantName: s.tenantName };
  }

  async signOut(user: SessionUser): Promise<void> {
    await this.deps.store.repos.users.revokeSession(user.sessionId);
    await this.deps.store.repos.audit.record({ tenantId: user.tenantId, userId: user.userId, entity: 'user', entityId: user.userId, event: 'sign_out' });
  }
}
