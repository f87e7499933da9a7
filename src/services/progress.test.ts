import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

// "Today" is 20 October 2018: the first half's window (opens 17 September, due 14 October) has
// closed, with five days' grace, and the second half's has not opened.
const TODAY = new Date('2018-10-20T12:00:00Z');

eachDialect(
  'progress service',
  (ctx) => {
    let actor: Actor;
    let ids: { plan: number; ongoing: number; oneOff: number; late: number; h1: number; h2: number; year: number };
    const update = (actionId: number, fields: Record<string, unknown>, recordedAt?: string) =>
      ctx.services.progress.recordUpdate(actor, actionId, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', ...fields }, recordedAt ? { recordedAt } : {});

    before(async () => {
      const s = ctx.services;
      const tenantId = await s.councils.create({ slug: 'p1', name: 'Progress Council' });
      actor = systemActor(tenantId);
      const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
      const [h1, h2] = (await s.years.get(actor, year)).periods.map((p) => p.id) as [number, number];
      const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
      const ongoing = await s.actions.create(actor, plan, { objectiveId, title: 'Run committee meetings', kind: 'ongoing', dueDate: '2019-03-31' });
      const oneOff = await s.actions.create(actor, plan, { objectiveId, title: 'Review the constitution', kind: 'one_off', dueDate: '2019-03-31' });
      const late = await s.actions.create(actor, plan, { objectiveId, title: 'Publish the forward plan', kind: 'one_off', dueDate: '2018-09-30' });
      ids = { plan, ongoing, oneOff, late, h1, h2, year };
    });

    test('records updates in the first half and assesses them as at the end of the period', async () => {
      await update(ids.ongoing, { periodId: ids.h1, asAt: '2018-09-30', statusWord: 'ongoing', percentComplete: '' }, '2018-10-02T09:00:00.000Z');
      await update(ids.oneOff, { periodId: ids.h1, asAt: '2018-09-30', statusWord: 'In Progress', percentComplete: '30', narrative: 'Drafting.' }, '2018-10-02T09:00:00.000Z');
      const actions = (await ctx.services.actions.forPlanYear(actor, 'DEM', '2018/19')).actions;
      const positions = await ctx.services.progress.positions(actor, actions, '2018-10-05');
      const byTitle = new Map(positions.map((p) => [p.action.title, p.result]));
      assert.equal(byTitle.get('Run committee meetings')!.rag, 'green');
      const review = byTitle.get('Review the constitution')!;
      assert.equal(review.rag, 'red'); // 30% against 51% expected (one-off over the whole year)
      assert.equal(review.expectedPercent, 51);
      assert.match(review.explanation, /^Red: 30% complete against 51% expected by 5 October 2018 \(due 31 March 2019\)\.$/);
      const late = byTitle.get('Publish the forward plan')!;
      assert.equal(late.rag, 'red');
      assert.equal(late.overdue, true);
      // As at 1 October the updates had not been written, so nothing shows.
      const before = await ctx.services.progress.positions(actor, actions, '2018-10-01');
      assert.equal(before.find((p) => p.action.id === ids.oneOff)!.latest, null);
    });

    test('refuses % outside 0–100, unknown status words and locked periods, writing nothing', async () => {
      const count = async () => (await ctx.services.progress.history(actor, ids.oneOff)).length;
      const n = await count();
      assert.equal(await fieldError(update(ids.oneOff, { percentComplete: 101 }), 'percentComplete'), '% complete must be a whole number from 0 to 100');
      assert.equal(await fieldError(update(ids.oneOff, { percentComplete: '-1' }), 'percentComplete'), '% complete must be a whole number from 0 to 100');
      assert.match(await fieldError(update(ids.oneOff, { statusWord: 'NEARLY THERE' }), 'statusWord'), /NEARLY THERE is not one of the council's status words. Choose one of: COMPLETE, COMPLETED/);
      // The first half was due 14 October; with 5 days' grace it locked after 19 October.
      assert.match(await fieldError(update(ids.oneOff, { periodId: ids.h1, asAt: '2018-09-30' }), 'periodId'), /First half .* is locked: updates were due by 14 October 2018/);
      assert.match(await fieldError(update(ids.oneOff, { asAt: '2018-10-25' }), 'asAt'), /future/);
      assert.match(await fieldError(update(ids.oneOff, { ragOverride: 'green' }), 'overrideReason'), /reason/);
      assert.equal(await count(), n);
    });

    test('keeps every version: a correction is a new update that names the one it corrects', async () => {
      const first = await update(ids.oneOff, { percentComplete: 40, narrative: 'Forty.' });
      const second = await update(ids.oneOff, { percentComplete: 45, narrative: 'Forty-five, corrected.', correctsId: first });
      const history = await ctx.services.progress.history(actor, ids.oneOff);
      assert.equal(history[0]!.id, second);
      assert.equal(history[0]!.corrects_id, first);
      assert.equal(history.find((u) => u.id === first)!.correctedBy, second);
      assert.equal(history.find((u) => u.id === first)!.percent_complete, 40);
      const [p] = await ctx.services.progress.positions(actor, [(await ctx.services.actions.forPlanYear(actor, 'DEM', '2018/19')).actions.find((a) => a.id === ids.oneOff)!], '2018-10-20');
      assert.equal(p!.result.percentComplete, 45);
      const audit = await ctx.kysely.selectFrom('audit_events').select(['event']).where('entity', '=', 'progress_update').where('entity_id', '=', second).execute();
      assert.deepEqual(audit.map((a) => a.event), ['correct']);
    });

    test('shows an override beside the computed traffic light', async () => {
      await update(ids.ongoing, { statusWord: 'ONGOING', ragOverride: 'amber', overrideReason: 'Two meetings were cancelled.' });
      const action = (await ctx.services.actions.forPlanYear(actor, 'DEM', '2018/19')).actions.find((a) => a.id === ids.ongoing)!;
      const [p] = await ctx.services.progress.positions(actor, [action], '2018-10-20');
      assert.equal(p!.result.rag, 'amber');
      assert.equal(p!.result.computed, 'green');
      assert.match(p!.result.explanation, /Two meetings were cancelled/);
    });

    test('uses the council\'s own status words and thresholds', async () => {
      await ctx.services.progress.saveVocabulary(actor, { words: [{ word: 'on target', stage: 'in_progress' }, { word: 'Done', stage: 'complete' }] });
      assert.deepEqual((await ctx.services.progress.vocabulary(actor)).map((w) => w.word), ['ON TARGET', 'DONE']);
      await fieldError(update(ids.oneOff, { statusWord: 'IN PROGRESS' }), 'statusWord');
      await update(ids.oneOff, { statusWord: 'done' });
      const history = await ctx.services.progress.history(actor, ids.oneOff);
      assert.equal(history[0]!.stage, 'complete');
      assert.equal(history[0]!.percent_complete, 100);
      await ctx.services.progress.saveSettings(actor, { greenPercent: '95', amberPercent: '80', graceDays: '0' });
      assert.deepEqual((await ctx.services.progress.settings(actor)).thresholds, { green: 0.95, amber: 0.8 });
      await fieldError(ctx.services.progress.saveSettings(actor, { greenPercent: '70', amberPercent: '80', graceDays: '0' }), 'amberPercent');
    });

    test('checks as-at dates and who may change settings', async () => {
      assert.equal(await ctx.services.progress.checkAsOf(actor, '2018-06-30'), '2018-06-30');
      assert.match(await fieldError(ctx.services.progress.checkAsOf(actor, '2030-01-01'), 'asOf'), /outside every plan year \(2018\/19\)/);
      await fieldError(ctx.services.progress.checkAsOf(actor, '2018-02-30'), 'asOf');
      const viewer = { ...actor, role: 'viewer' };
      await assert.rejects(ctx.services.progress.recordUpdate(viewer, ids.oneOff, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'DONE' }), ForbiddenError);
      await assert.rejects(ctx.services.progress.saveSettings({ ...actor, role: 'lead_officer' }, { greenPercent: 90, amberPercent: 70, graceDays: 5 }), ForbiddenError);
    });

    test('rolls up a plan and lists exceptions as at a date', async () => {
      const scope = await ctx.services.dashboards.scope(actor, '2018-10-20');
      assert.equal(scope.rollup.total, 3);
      assert.equal(Object.values(scope.rollup.byRag).reduce((a, b) => a + b, 0), 3);
      const ex = await ctx.services.dashboards.exceptions(actor, '2018-10-20');
      assert.ok(ex.exceptions.some((p) => p.action.id === ids.late && p.result.overdue));
      assert.ok(!ex.exceptions.some((p) => p.result.rag === 'complete'));
      const status = await ctx.services.dashboards.status(actor, 'DEM', '2018/19', '2018-10-20');
      assert.equal(status.actions.length, 3);
      assert.equal(status.summary.byRag.red! + status.summary.byRag.amber! + status.summary.byRag.green! + status.summary.byRag.complete!, 3);
    });
  },
  { clock: () => TODAY },
);
