import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Restricted items: an action or a progress update may rely on a paragraph of Schedule 12A to the
// Local Government Act 1972 (exempt information), held as the paragraph number (null: not
// restricted), as reports already do. A user's account says whether they may see restricted items.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('actions').addColumn('exempt_paragraph', 'integer').execute();
  await db.schema.alterTable('progress_updates').addColumn('exempt_paragraph', 'integer').execute();
  await db.schema
    .alterTable('users')
    .addColumn('restricted_access', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
