import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { makeStore } from '../db/repositories/index.ts';
import { systemActor, type Actor } from './context.ts';
import { ProgressConflictError } from './progress.ts';

// Issue 12: progress updates that race. Ten updates of one action fired at once from the same
// starting point (the same newest update seen, or the same update corrected) must give exactly one
// saved and nine conflicts, on both databases: never two saved, never a crash.

const TODAY = new Date('2018-10-20T12:00:00Z');
const N = 10;

eachDialect(
  'progress updates that race',
  (ctx) => {
    let actor: Actor;
    let h2 = 0;
    let fresh: () => Promise<number>;

    before(async () => {
      const s = ctx.services;
      actor = systemActor(await s.councils.create({ slug: 'race', name: 'Race Council' }));
      const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
      h2 = (await s.years.get(actor, year)).periods[1]!.id;
      const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
      let n = 0;
      fresh = () => s.actions.create(actor, plan, { objectiveId, title: `Action ${++n}`, kind: 'one_off', dueDate: '2019-03-31' });
    });

    const input = (i: number, extra: Record<string, unknown> = {}) => ({ periodId: h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', percentComplete: String(10 + i), narrative: `Attempt ${i}`, ...extra });

    /** Fulfilled ids and rejection reasons of promises run together. */
    async function outcomes(runs: Promise<number>[]) {
      const settled = await Promise.allSettled(runs);
      const saved = settled.filter((r) => r.status === 'fulfilled');
      const refused = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      return { saved, refused };
    }

    test(`${N} new updates from the same starting point: exactly one is saved, the rest conflict`, async () => {
      const actionId = await fresh();
      const { saved, refused } = await outcomes(Array.from({ length: N }, (_, i) => ctx.services.progress.recordUpdate(actor, actionId, input(i), { seenLatestId: 0 })));
      assert.equal(saved.length, 1, `saved ${saved.length}; refused: ${refused.map(String).join(' | ')}`);
      assert.equal(refused.length, N - 1);
      for (const e of refused) assert.ok(e instanceof ProgressConflictError && e.reason === 'newer-update', String(e));
      assert.equal((await ctx.services.progress.history(actor, actionId)).length, 1);
    });

    test(`${N} corrections of the same update: exactly one is saved, the rest conflict`, async () => {
      const actionId = await fresh();
      const first = await ctx.services.progress.recordUpdate(actor, actionId, input(0));
      const { saved, refused } = await outcomes(Array.from({ length: N }, (_, i) => ctx.services.progress.recordUpdate(actor, actionId, input(i + 1, { correctsId: String(first) }))));
      assert.equal(saved.length, 1, `saved ${saved.length}; refused: ${refused.map(String).join(' | ')}`);
      assert.equal(refused.length, N - 1);
      for (const e of refused) assert.ok(e instanceof ProgressConflictError && e.reason === 'already-corrected', String(e));
      // The original and its one correction.
      assert.equal((await ctx.services.progress.history(actor, actionId)).length, 2);
    });

    test('the database’s refusal of a second correction is recognised as a unique violation (and another refusal is not)', async () => {
      const actionId = await fresh();
      const first = await ctx.services.progress.recordUpdate(actor, actionId, input(0));
      const repos = makeStore(ctx.kysely).repos;
      const row = { actionId, periodId: h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', stage: 'in_progress', percentComplete: 20, narrative: null, nextSteps: null, ragOverride: null, overrideReason: null, authorUserId: null, authorName: 'Waymark', recordedAt: TODAY.toISOString(), correctsId: first };
      await repos.progress.create(actor.tenantId, row);
      let err: unknown;
      await assert.rejects(repos.progress.create(actor.tenantId, row).catch((e: unknown) => Promise.reject((err = e))));
      assert.equal(isUniqueViolation(err), true, String(err));
      // A foreign key refusal (no such action) is something else.
      let other: unknown;
      await assert.rejects(repos.progress.create(actor.tenantId, { ...row, actionId: 999999, correctsId: null }).catch((e: unknown) => Promise.reject((other = e))));
      assert.equal(isUniqueViolation(other), false, String(other));
    });
  },
  { clock: () => TODAY },
);
