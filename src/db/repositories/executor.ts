import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** A connection or a transaction: repositories work on either. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const now = (): string => new Date().toISOString();

/** Inserts and returns the new id on both dialects (RETURNING works on SQLite 3.35+ and PostgreSQL). */
export async function insertId<TB extends keyof Database>(query: InsertQueryBuilder<Database, TB, InsertResult>): Promise<number> {
  const row = await query.returning(sql<number>`id`.as('id')).executeTakeFirstOrThrow();
  return Number(row.id);
}
