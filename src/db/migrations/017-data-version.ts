import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A council's data version: raised once by every committed transaction that writes an audit event,
// and every change to a council's data is audited. Caches of what many pages read alike (the year's
// actions with their links: src/services/listing-cache.ts) keep their copy while it stands, so a
// write by another process (the CLI, a second server) is seen too.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
