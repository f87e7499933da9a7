import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A connection or a transaction: repositories work on either. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** The one clock: every time a repository stamps (created, updated, recorded, audited) is read from it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * What a unit of work changed, per council, for the caches that read from it:
 * - `positions`: the actions whose position inputs changed (their updates), or everything
 *   (src/services/position-cache.ts); raises `positions_version` and notes the actions;
 * - `data`: anything at all (every audited write); raises `data_version`
 *   (src/services/listing-cache.ts). A change to positions is a change to data too.
 * In a transaction they are noted and each council's versions raised once, as its last statement
 * (so the row is locked only at the very end); outside one, at once.
 */
export class ChangeLog {
  private readonly pending = new Map<number, { actions: Set<number> | 'all' | null }>();
  constructor(
    private readonly db: Executor,
    private readonly deferred: boolean,
  ) {}

  /** Notes a change to one action's updates, or (no action) to what every position depends on. */
  async positions(tenantId: number, actionId?: number): Promise<void> {
    const seen = this.pending.get(tenantId)?.actions ?? null;
    const actions = actionId === undefined || seen === 'all' ? 'all' : (seen ?? new Set<number>()).add(actionId);
    this.pending.set(tenantId, { actions });
    if (!this.deferred) await this.flush();
  }

  /** Notes a change to the council's data that positions do not depend on. */
  async data(tenantId: number): Promise<void> {
    if (!this.pending.has(tenantId)) this.pending.set(tenantId, { actions: null });
    if (!this.deferred) await this.flush();
  }

  /** Raises the noted councils' versions and records what changed (a transaction's last statement). */
  async flush(): Promise<void> {
    const noted = [...this.pending].sort(([a], [b]) => a - b);
    this.pending.clear();
    for (const [tenantId, { actions }] of noted) {
      const row = await this.db
        .updateTable('tenants')
        .set((eb) => ({
          data_version: eb('data_version', '+', 1),
          ...(actions === null ? {} : { positions_version: eb('positions_version', '+', 1) }),
        }))
        .where('id', '=', tenantId)
        .returning('positions_version')
        .executeTakeFirst();
      if (!row || actions === null) continue;
      // Many actions at once (an import, a demo load): recomputing everything is as cheap.
      const ids = actions === 'all' || actions.size > MAX_NOTED_ACTIONS ? [null] : [...actions];
      await this.db
        .insertInto('positions_changes')
        .values(ids.map((actionId) => ({ tenant_id: tenantId, version: Number(row.positions_version), action_id: actionId })))
        .execute();
    }
  }
}

const MAX_NOTED_ACTIONS = 200;

/** What every repository is built from: where it reads and writes, the clock it stamps times from, and the change log. */
export abstract class Repository {
  constructor(
    protected readonly db: Executor,
    protected readonly clock: Clock,
    protected readonly changes: ChangeLog,
  ) {}

  /** Now, on the clock, as stored: an ISO timestamp. */
  protected now(): string {
    return this.clock().toISOString();
  }
}

/** Inserts and returns the new id on both dialects (RETURNING works on SQLite 3.35+ and PostgreSQL). */
export async function insertId<TB extends keyof Database>(query: InsertQueryBuilder<Database, TB, InsertResult>): Promise<number> {
  const row = await query.returning(sql<number>`id`.as('id')).executeTakeFirstOrThrow();
  return Number(row.id);
}
