import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A connection or a transaction: repositories work on either. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** The one clock: every time a repository stamps (created, updated, recorded, audited) is read from it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** What every repository is built from: where it reads and writes, and the clock it stamps times from. */
export abstract class Repository {
  constructor(
    protected readonly db: Executor,
    protected readonly clock: Clock,
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
