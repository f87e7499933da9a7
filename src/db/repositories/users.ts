import { sql } from 'kysely';
import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type UserRow = Row<'users'>;
export type SessionRow = Row<'sessions'>;
export type SsoIdentityRow = Row<'sso_identities'>;

export class UserRepository extends Repository {
  byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  get(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(tenantId: number): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  create(u: { tenantId: number; email: string; name: string; role: string; passwordHash: string | null; personId?: number | null }): Promise<number> {
    return insertId(
      this.db.insertInto('users').values({
        tenant_id: u.tenantId,
        email: u.email.toLowerCase(),
        name: u.name,
        role: u.role,
        password_hash: u.passwordHash,
        person_id: u.personId ?? null,
        created_at: this.now(),
      }),
    );
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async setRole(id: number, role: string): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  /** Whether the user may see restricted items (admins always may, whatever this says). */
  async setRestrictedAccess(id: number, on: boolean): Promise<void> {
    await this.db.updateTable('users').set({ restricted_access: on ? 1 : 0 }).where('id', '=', id).execute();
  }

  /** Disables the account at `at`, or enables it again with null. */
  async setDisabled(id: number, at: string | null): Promise<void> {
    await this.db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
  }

  async recordSignIn(id: number, at: string): Promise<void> {
    await this.db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', id).execute();
  }

  /**
   * How many of the council's accounts are administrators and not disabled, locking those rows for
   * the rest of the transaction (an update that changes nothing): two administrators removing each
   * other at the same moment then run one after the other, and the second sees the first's change.
   */
  async lockActiveAdmins(tenantId: number): Promise<number> {
    const r = await this.db
      .updateTable('users')
      .set((eb) => ({ role: eb.ref('role') }))
      .where('tenant_id', '=', tenantId)
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Whether any council has an administrator account that is not disabled. */
  async anyActiveAdmin(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  // Single sign-on identities ------------------------------------------------------------------

  /** The account a provider's identity (issuer and subject) is linked to. */
  ssoIdentity(issuer: string, subject: string): Promise<SsoIdentityRow | undefined> {
    return this.db.selectFrom('sso_identities').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  }

  /** The identity at a provider that an account is linked to, if any. */
  ssoIdentityOf(userId: number, issuer: string): Promise<SsoIdentityRow | undefined> {
    return this.db.selectFrom('sso_identities').selectAll().where('user_id', '=', userId).where('issuer', '=', issuer).executeTakeFirst();
  }

  ssoIdentitiesOf(userId: number): Promise<SsoIdentityRow[]> {
    return this.db.selectFrom('sso_identities').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }

  linkSsoIdentity(l: { tenantId: number; userId: number; issuer: string; subject: string; at: string }): Promise<number> {
    return insertId(
      this.db.insertInto('sso_identities').values({ tenant_id: l.tenantId, user_id: l.userId, issuer: l.issuer, subject: l.subject, created_at: l.at, last_used_at: l.at }),
    );
  }

  async touchSsoIdentity(id: number, at: string): Promise<void> {
    await this.db.updateTable('sso_identities').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async unlinkSsoIdentities(userId: number): Promise<number> {
    const r = await this.db.deleteFrom('sso_identities').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // Sessions -----------------------------------------------------------------------------------

  async createSession(s: { id: string; tenantId: number; userId: number; csrfToken: string; expiresAt: string; at?: string }): Promise<void> {
    const t = s.at ?? this.now();
    await this.db
      .insertInto('sessions')
      .values({ id: s.id, tenant_id: s.tenantId, user_id: s.userId, csrf_token: s.csrfToken, created_at: t, last_seen_at: t, expires_at: s.expiresAt, revoked_at: null })
      .execute();
  }

  sessionWithUser(id: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('tenants', 'tenants.id', 'sessions.tenant_id')
      .select([
        'sessions.id as sessionId',
        'sessions.csrf_token as csrfToken',
        'sessions.last_seen_at as lastSeenAt',
        'sessions.expires_at as expiresAt',
        'sessions.revoked_at as revokedAt',
        'users.id as userId',
        'users.email as email',
        'users.name as name',
        'users.role as role',
        'users.disabled_at as disabledAt',
        'users.restricted_access as restrictedAccess',
        'tenants.id as tenantId',
        'tenants.name as tenantName',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async revokeSession(id: string, at: string = this.now()): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Revokes every session of a user that is not revoked yet (but `exceptId`, when given); returns how many. */
  async revokeUserSessions(userId: number, at: string, exceptId?: string): Promise<number> {
    let q = this.db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** A user's sessions that still work at `at`: not revoked, not expired, and seen since `seenSince`. */
  async countActiveSessions(userId: number, at: string, seenSince: string): Promise<number> {
    const r = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .where('last_seen_at', '>', seenSince)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // Sign-in throttling -------------------------------------------------------------------------

  async recordAttempt(email: string, ip: string, succeeded: boolean, at: string = this.now()): Promise<void> {
    await this.db.insertInto('sign_in_attempts').values({ email: email.toLowerCase(), ip, at, succeeded: succeeded ? 1 : 0 }).execute();
  }

  /**
   * Counts one more attempt for `key` and returns the new count, in one statement (an upsert with
   * RETURNING), so simultaneous attempts each get a different number and cannot all slip under a
   * limit. A window that began before `since`, or a count back at zero, starts again at 1 from `at`.
   */
  async countAttempt(key: string, at: string, since: string): Promise<number> {
    const restart = sql<boolean>`(throttle_counters.window_start < ${since} or throttle_counters.count <= 0)`;
    const row = await this.db
      .insertInto('throttle_counters')
      .values({ key, window_start: at, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when ${restart} then 1 else throttle_counters.count + 1 end`,
          window_start: sql<string>`case when ${restart} then excluded.window_start else throttle_counters.window_start end`,
        }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Takes back an attempt counted by countAttempt (it was not a failure after all). */
  async uncountAttempt(key: string): Promise<void> {
    await this.db.updateTable('throttle_counters').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
  }

  /** Forgets every attempt for `key` (a password reset ends a lock-out). */
  async clearAttempts(key: string): Promise<void> {
    await this.db.deleteFrom('throttle_counters').where('key', '=', key).execute();
  }

  /** Removes counters whose window began before `before`: they no longer count for anything. */
  async pruneAttempts(before: string): Promise<void> {
    await this.db.deleteFrom('throttle_counters').where('window_start', '<', before).execute();
  }
}
