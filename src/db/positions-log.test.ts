import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { council } from '../../test/support/factories.ts';

// The positions version (migration 015, PositionsLog in src/db/repositories/executor.ts): every
// committed write that can change a position raises the council's version once and notes what it
// changed — an action, or (null) everything. The positions cache trusts nothing else, so each kind
// of write is checked here, and that a rolled-back write leaves no trace.

eachDialect('positions version', (ctx) => {
  const versionOf = async (tenantId: number) =>
    Number((await ctx.kysely.selectFrom('tenants').select('positions_version').where('id', '=', tenantId).executeTakeFirstOrThrow()).positions_version);
  const changesAfter = async (tenantId: number, after: number) =>
    (await ctx.kysely.selectFrom('positions_changes').select(['version', 'action_id']).where('tenant_id', '=', tenantId).where('version', '>', after).orderBy('version').orderBy('action_id').execute()).map((r) => [Number(r.version), r.action_id]);

  test('a progress update raises the version once and notes its action; another council’s is untouched', async () => {
    const c = await council(ctx.services);
    const other = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    const action = await c.action(plan);
    const v = await versionOf(c.tenantId);
    const otherV = await versionOf(other.tenantId);
    await c.update(action, { percentComplete: 30 });
    assert.equal(await versionOf(c.tenantId), v + 1);
    assert.deepEqual(await changesAfter(c.tenantId, v), [[v + 1, action]]);
    assert.equal(await versionOf(other.tenantId), otherV);
  });

  test('one transaction with two actions’ updates raises it once, noting both', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    const a = await c.action(plan);
    const b = await c.action(plan);
    const v = await versionOf(c.tenantId);
    await ctx.services.atomically(async (s) => {
      for (const id of [a, b]) await s.progress.recordUpdate(c.system, id, { periodId: year.periods[0]!.id, asAt: year.periods[0]!.end_date, statusWord: 'IN PROGRESS' }, { recordedAt: `${year.periods[0]!.end_date}T12:00:00.000Z` });
    });
    assert.equal(await versionOf(c.tenantId), v + 1);
    assert.deepEqual(await changesAfter(c.tenantId, v), [
      [v + 1, a],
      [v + 1, b],
    ]);
  });

  test('a change to what every position depends on is noted as everything', async () => {
    const c = await council(ctx.services);
    const v = await versionOf(c.tenantId);
    // The thresholds: one write, everything.
    await ctx.services.progress.saveSettings(c.system, { greenPercent: 85, amberPercent: 60, graceDays: 3 });
    assert.deepEqual(await changesAfter(c.tenantId, v), [[v + 1, null]]);
    // A plan year with its periods (one transaction): once, everything.
    await c.year({ label: '2019/20' });
    const after = await versionOf(c.tenantId);
    assert.ok(after > v + 1);
    assert.ok((await changesAfter(c.tenantId, v + 1)).every(([, id]) => id === null));
  });

  test('a write that is rolled back raises nothing', async () => {
    const c = await council(ctx.services);
    const year = await c.year();
    const plan = await c.plan({ yearId: year.id });
    const action = await c.action(plan);
    const v = await versionOf(c.tenantId);
    await assert.rejects(
      ctx.services.atomically(async (s) => {
        await s.progress.recordUpdate(c.system, action, { periodId: year.periods[0]!.id, asAt: year.periods[0]!.end_date, statusWord: 'IN PROGRESS' }, { recordedAt: `${year.periods[0]!.end_date}T12:00:00.000Z` });
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await versionOf(c.tenantId), v);
    assert.deepEqual(await changesAfter(c.tenantId, v), []);
  });
});
