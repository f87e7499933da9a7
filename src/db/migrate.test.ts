import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachDialect, freshDatabase, type TestDialect } from '../../test/support/databases.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Tables that are not owned by one council: councils themselves, sign-in throttling and its
// counters (by email and address, before anyone is known), and sessions and audit events, which
// carry a tenant_id of their own but are written for the deployment as well.
const NOT_TENANT_OWNED = new Set(['tenants', 'sessions', 'sign_in_attempts', 'throttle_counters', 'audit_events']);

eachDialect('migrations', (ctx) => {
  test('a new database gets every migration, and running them again does nothing', async () => {
    const fresh = await freshDatabase(ctx.dialect);
    const db = openDatabase(fresh.config);
    try {
      const applied = await migrateToLatest(db);
      assert.ok(applied.includes('001-planning-core'), `applied: ${applied.join(', ')}`);
      assert.deepEqual(applied, [...applied].sort(), 'migrations run in name order');
      const tables = await db.kysely.introspection.getTables();
      assert.deepEqual(await migrateToLatest(db), []);
      assert.deepEqual(await migrateToLatest(db), []);
      assert.deepEqual(await db.kysely.introspection.getTables(), tables);
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });

  test('migrating an up-to-date database (as every start does) is a no-op', async () => {
    // buildRuntime has already migrated this one.
    const before = await ctx.kysely.introspection.getTables();
    assert.ok(before.length > 0);
    assert.deepEqual(await migrateToLatest(ctx.runtime.db), []);
    assert.deepEqual(await ctx.kysely.introspection.getTables(), before);
  });

  test('every council-owned table has a NOT NULL tenant_id', async () => {
    const tables = await ctx.kysely.introspection.getTables();
    const names = tables.map((t) => t.name);
    assert.ok(!names.some((n) => n.startsWith('kysely_')), 'introspection leaves out the migration tables');
    for (const name of NOT_TENANT_OWNED) assert.ok(names.includes(name), `expected a ${name} table`);
    const missing: string[] = [];
    for (const t of tables) {
      if (NOT_TENANT_OWNED.has(t.name)) continue;
      const col = t.columns.find((c) => c.name === 'tenant_id');
      if (!col || col.isNullable) missing.push(t.name);
    }
    assert.deepEqual(missing, [], 'tables without a NOT NULL tenant_id');
  });
});

/** Table → sorted column names of a freshly migrated database of the dialect. */
async function schemaOf(dialect: TestDialect): Promise<Record<string, string[]>> {
  const fresh = await freshDatabase(dialect);
  const db = openDatabase(fresh.config);
  try {
    await migrateToLatest(db);
    const tables = await db.kysely.introspection.getTables();
    return Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
  } finally {
    await db.destroy();
    await fresh.drop();
  }
}

// Each dialect is migrated here, not read from the tests above, so that this test runs alone.
test('SQLite and PostgreSQL get the same tables and columns', async () => {
  const [sqlite, postgres] = await Promise.all([schemaOf('sqlite'), schemaOf('postgres')]);
  assert.deepEqual(sqlite, postgres);
});
