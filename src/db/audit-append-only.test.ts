import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { eachDialect } from '../../test/support/databases.ts';
import { makeStore } from './repositories/index.ts';

// The audit trail is append-only in the database itself (migration 005): rows go in through the
// repository, and nothing (not even raw SQL on the application's own connection) changes or removes them.

const refused = (err: unknown): boolean => {
  assert.match(err instanceof Error ? err.message : String(err), /append-only/);
  return true;
};

eachDialect('audit events are append-only', (ctx) => {
  let tenantId: number;

  const count = async () => Number((await ctx.kysely.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  test('the repository records events', async () => {
    tenantId = await ctx.services.councils.create({ slug: 'append', name: 'Append Council' });
    const before = await count();
    await makeStore(ctx.kysely).repos.audit.record({ tenantId, userId: null, entity: 'action', entityId: 1, event: 'update', before: { due_date: '2019-03-31' }, after: { dueDate: '2019-06-30' } });
    assert.equal(await count(), before + 1);
    const row = await ctx.kysely.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).where('entity', '=', 'action').executeTakeFirstOrThrow();
    assert.equal(row.event, 'update');
    assert.deepEqual(JSON.parse(row.after_json ?? 'null'), { dueDate: '2019-06-30' });
  });

  test('UPDATE is refused, through Kysely and in raw SQL', async () => {
    await assert.rejects(ctx.kysely.updateTable('audit_events').set({ event: 'tampered' }).where('tenant_id', '=', tenantId).execute(), refused);
    await assert.rejects(sql`update audit_events set after_json = '{}'`.execute(ctx.kysely), refused);
    const events = await ctx.kysely.selectFrom('audit_events').select('event').where('tenant_id', '=', tenantId).execute();
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.event !== 'tampered'));
  });

  test('DELETE is refused, and nothing is removed', async () => {
    const before = await count();
    await assert.rejects(sql`delete from audit_events`.execute(ctx.kysely), refused);
    await assert.rejects(ctx.kysely.deleteFrom('audit_events').where('tenant_id', '=', tenantId).execute(), refused);
    assert.equal(await count(), before);
  });

  // Issue 12: SQLite's INSERT OR REPLACE deletes the old row without firing the DELETE trigger, so
  // migration 012 refuses an insert that reuses an id; PostgreSQL's upsert runs the UPDATE trigger.
  test('an insert reusing an existing id (REPLACE or upsert) is refused, and the row is unchanged', async () => {
    const original = await ctx.kysely.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).orderBy('id').executeTakeFirstOrThrow();
    const before = await count();
    const rewrite =
      ctx.dialect === 'sqlite'
        ? sql`insert or replace into audit_events (id, tenant_id, user_id, at, entity, entity_id, event, before_json, after_json)
              values (${original.id}, ${tenantId}, null, '2000-01-01T00:00:00.000Z', 'action', 1, 'tampered', null, '{}')`
        : sql`insert into audit_events (id, tenant_id, user_id, at, entity, entity_id, event, before_json, after_json)
              values (${original.id}, ${tenantId}, null, '2000-01-01T00:00:00.000Z', 'action', 1, 'tampered', null, '{}')
              on conflict (id) do update set event = excluded.event, after_json = excluded.after_json`;
    await assert.rejects(rewrite.execute(ctx.kysely), refused);
    const after = await ctx.kysely.selectFrom('audit_events').selectAll().where('id', '=', original.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, original);
    assert.equal(await count(), before);
  });

  test('a council with audit events cannot be deleted out from under them', async () => {
    await assert.rejects(ctx.kysely.deleteFrom('tenants').where('id', '=', tenantId).execute(), refused);
  });

  if (ctx.dialect === 'postgres') {
    test('TRUNCATE is refused on PostgreSQL', async () => {
      const before = await count();
      await assert.rejects(sql`truncate audit_events`.execute(ctx.kysely), refused);
      assert.equal(await count(), before);
    });
  }

  test('inserts still work after refused changes, inside a transaction too', async () => {
    const before = await count();
    await makeStore(ctx.kysely).transaction(async (repos) => {
      await repos.audit.record({ tenantId, userId: null, entity: 'plan', entityId: 2, event: 'create', after: { title: 'A plan' } });
      await repos.audit.record({ tenantId, userId: null, entity: 'plan', entityId: 2, event: 'update', before: { title: 'A plan' }, after: { title: 'The plan' } });
    });
    assert.equal(await count(), before + 2);
  });
});
