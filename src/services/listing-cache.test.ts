import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { council } from '../../test/support/factories.ts';
import { makeDeps } from '../composition.ts';
import type { Actor } from './context.ts';
import { makeServices } from './index.ts';

// The listing cache (src/services/listing-cache.ts) keeps a plan year's actions while the council's
// data version (migration 017) stands. These tests check that every kind of change is seen at once
// (here, by this process's writes, another process's writes and a rolled-back write), that what a
// reader may see is still decided per reader, and that the shared values cannot be changed.

eachDialect('listing cache', (ctx) => {
  const dataVersion = async (tenantId: number) => Number((await ctx.kysely.selectFrom('tenants').select('data_version').where('id', '=', tenantId).executeTakeFirstOrThrow()).data_version);
  const list = (actor: Actor, s = ctx.services) => s.actions.list(actor, s.actions.parseFilter({}));
  const codes = async (actor: Actor, s = ctx.services) => (await list(actor, s)).map((a) => a.code).sort();

  test('a year’s actions are read once, and again after any audited change, by this process or another', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    await c.action(plan, { code: 'LC01', title: 'First' });
    const stats = ctx.services.actions.listingStats()!;
    const before = { ...stats };
    assert.deepEqual(await codes(c.system), ['LC01']);
    assert.deepEqual(await codes(c.system), ['LC01']);
    // One read from the database, then one from the cache.
    assert.deepEqual([stats.loads - before.loads, stats.hits - before.hits], [1, 1]);

    // A change here: seen on the next read.
    await c.action(plan, { code: 'LC02', title: 'Second' });
    assert.deepEqual(await codes(c.system), ['LC01', 'LC02']);

    // A change by another process, with its own caches: seen too.
    const other = makeServices(makeDeps(ctx.kysely));
    const objectiveId = (await list(c.system))[0]!.objective_id;
    await other.actions.create(c.system, plan, { code: 'LC03', title: 'Third', kind: 'ongoing', objectiveId });
    assert.deepEqual(await codes(c.system), ['LC01', 'LC02', 'LC03']);
  });

  test('signing in moves nothing; a rolled-back change moves nothing; a committed one moves the version once', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    const objectiveId = await c.objective(plan);
    const v = await dataVersion(c.tenantId);
    await ctx.services.auth.signIn(c.admin.email, c.admin.password, '127.0.0.1');
    assert.equal(await dataVersion(c.tenantId), v);
    await assert.rejects(
      ctx.services.atomically(async (s) => {
        await s.actions.create(c.system, plan, { code: 'RB01', title: 'Rolled back', kind: 'ongoing', objectiveId });
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await dataVersion(c.tenantId), v);
    await c.action(plan, { code: 'CM01', objectiveId });
    assert.equal(await dataVersion(c.tenantId), v + 1);
  });

  test('what a reader may see is decided per reader, from the one cached listing', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    await c.action(plan, { code: 'OPEN1' });
    await c.action(plan, { code: 'SECRET1', restricted: 'yes', exemptParagraph: '3' } as never);
    const viewer = await c.user('viewer');
    // The administrator sees both; a viewer without access to restricted items, only the open one.
    assert.deepEqual(await codes(c.system), ['OPEN1', 'SECRET1']);
    assert.deepEqual(await codes(viewer.actor), ['OPEN1']);
    assert.deepEqual(await codes(c.system), ['OPEN1', 'SECRET1']);
  });

  test('the shared rows cannot be changed by one caller for the next', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    await c.action(plan, { code: 'FZ01', title: 'Frozen' });
    const [row] = await ctx.services.actions.list(c.system, ctx.services.actions.parseFilter({}));
    assert.throws(() => {
      (row as { title: string }).title = 'Changed';
    }, TypeError);
    assert.throws(() => (row!.leads as unknown[]).push({ name: 'X', id: null }), TypeError);
    const [again] = await ctx.services.actions.list(c.system, ctx.services.actions.parseFilter({}));
    assert.equal(again!.title, 'Frozen');
  });
});
