import { type Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.ts';

// Account recovery and atomic throttling.
//
// throttle_counters: one row per thing being throttled (`email:…`, `ip:…`, `reset:…`), holding how
// many attempts fell in the current window and when that window began. Sign-in adds one with a
// single upsert that returns the new count, so simultaneous attempts cannot all read "4 so far" and
// all be let through; the lock is decided on that returned count before any password is checked.
//
// password_resets: single-use links sent by email for a forgotten password. Only the sha256 of the
// token is kept; a link is used up by setting used_at, and stops working at expires_at.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('throttle_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', stamp, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('throttle_counters_window_start').on('throttle_counters').columns(['window_start']).execute();

  const table = db.schema.createTable('password_resets');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('expires_at', stamp, (c) => c.notNull())
    .addColumn('used_at', stamp)
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id']).execute();
}
