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
