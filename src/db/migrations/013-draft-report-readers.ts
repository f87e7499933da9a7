import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Whether councillors (the viewer role) may read committee reports that have not been issued yet,
// and the current draft of those that have. Off by default: a draft is the officers' working copy.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('councillors_read_drafts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
