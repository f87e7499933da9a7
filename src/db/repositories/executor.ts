import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A connection or a transaction: repositories work on either. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** The one clock: every time a repository stamps (created, updated, recorded, audited) is read from it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * What a unit of work changed that positions are computed from (src/services/position-cache.ts):
 * per council, the actions whose updates changed, or everything. In a transaction they are noted
 * and the council's `positions_version` raised once, with the changes, as its last statement (so
 * the row is locked only at the very end); outside one, at once.
 */
export class PositionsLog {
  private readonly pending = new Map<number, Set<number> | 'all'>();
  constructor(
    private readonly db: Executor,
    private readonly deferred: boolean,
  ) {}

  /** Notes a change to one action's updates, or (no action) to what every position depends on. */
  async changed(tenantId: number, actionId?: number): Promise<void> {
    const seen = this.pending.get(tenantId);
    if (actionId === undefined || seen === 'all') this.pending.set(tenantId, 'all');
    else this.pending.set(tenantId, (seen ?? new Set()).add(actionId));
    if (!this.deferred) await this.flush();
  }

  /** Raises the noted councils' versions and records what changed (a transaction's last statement). */
  async flush(): Promise<void> {
    const noted = [...this.pending].sort(([a], [b]) => a - b);
    this.pending.clear();
    for (const [tenantId, actions] of noted) {
      const row = await this.db
        .updateTable('tenants')
        .set((eb) => ({ positions_version: eb('positions_version', '+', 1) }))
        .where('id', '=', tenantId)
        .returning('positions_version')
        .executeTakeFirst();
      if (!row) continue;
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

/** What every repository is built from: where it reads and writes, the clock it stamps times from, and the positions log. */
export abstract class Repository {
  constructor(
    protected readonly db: Executor,
    protected readonly clock: Clock,
    protected readonly positions: PositionsLog,
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
