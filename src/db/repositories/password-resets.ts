import { insertId, Repository } from './executor.ts';

// Forgotten-password links. Only the sha256 of a link's token is stored; a link is used up by
// setting used_at, in one conditional update, so two uses of the same link cannot both succeed.

export interface PasswordResetLink {
  id: number;
  tenantId: number;
  userId: number;
  expiresAt: string;
  usedAt: string | null;
  email: string;
  name: string;
  disabledAt: string | null;
}

export class PasswordResetRepository extends Repository {
  create(r: { tenantId: number; userId: number; tokenHash: string; createdAt: string; expiresAt: string }): Promise<number> {
    return insertId(
      this.db.insertInto('password_resets').values({ tenant_id: r.tenantId, user_id: r.userId, token_hash: r.tokenHash, created_at: r.createdAt, expires_at: r.expiresAt, used_at: null }),
    );
  }

  /** The link with this token hash and its account, whatever state it is in. */
  byTokenHash(tokenHash: string): Promise<PasswordResetLink | undefined> {
    return this.db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select([
        'password_resets.id as id',
        'password_resets.tenant_id as tenantId',
        'password_resets.user_id as userId',
        'password_resets.expires_at as expiresAt',
        'password_resets.used_at as usedAt',
        'users.email as email',
        'users.name as name',
        'users.disabled_at as disabledAt',
      ])
      .where('password_resets.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Uses the link up if it is still unused and not expired at `at`; false when it was not (any more). */
  async use(id: number, at: string): Promise<boolean> {
    const r = await this.db.updateTable('password_resets').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', at).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Cancels every unused link of the user; returns how many. */
  async cancelForUser(userId: number, at: string): Promise<number> {
    const r = await this.db.updateTable('password_resets').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
