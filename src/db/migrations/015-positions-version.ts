import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A council's positions version, and what each version changed. Every committed write that can
// change what an action's position is computed from (its progress updates; plan years, reporting
// periods, a plan's year, the council's thresholds) raises the version once and notes the actions it
// touched (no action: everything may have changed). The positions cache
// (src/services/position-cache.ts) keeps what it computed while the version is unchanged and, when
// it moves, recomputes only the noted actions — so a write by another process (the CLI, a second
// server) is seen too.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('positions_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('positions_changes')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action_id', 'integer')
    .execute();
  await db.schema.createIndex('positions_changes_tenant_version').on('positions_changes').columns(['tenant_id', 'version']).execute();
}
