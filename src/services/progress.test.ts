import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { council } from '../../test/support/factories.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';
import { ProgressConflictError } from './progress.ts';

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
      // As at 1 October the updates (reporting on 30 September) count, though they were recorded on 2 October…
      const now = await ctx.services.progress.positions(actor, actions, '2018-10-01');
      assert.equal(now.find((p) => p.action.id === ids.oneOff)!.latest?.percent_complete, 30);
      // …but as known on 1 October, before they were recorded, nothing shows.
      const then = await ctx.services.progress.positions(actor, actions, '2018-10-01', { knownOn: '2018-10-01' });
      assert.equal(then.find((p) => p.action.id === ids.oneOff)!.latest, null);
      // As at 29 September (before the date they report on) nothing shows either.
      const earlier = await ctx.services.progress.positions(actor, actions, '2018-09-29');
      assert.equal(earlier.find((p) => p.action.id === ids.oneOff)!.latest, null);
    });

    test('scoped: a lead officer updates only the actions they lead, a head of service only their units’', async () => {
      const s = ctx.services;
      const person = await s.organisation.createPerson(actor, { name: 'Lola Lead', email: 'lola@progress.gov.uk' });
      const d = await s.actions.detail(actor, ids.ongoing);
      await s.actions.update(actor, ids.ongoing, d.action.version, { objectiveId: d.action.objective_id, code: d.action.code, title: d.action.title, kind: d.action.kind, dueDate: d.action.due_date, leadPersonIds: [person] });
      const lola = { tenantId: actor.tenantId, userId: await s.auth.createUser(actor.tenantId, { email: 'lola@progress.gov.uk', name: 'Lola Lead', role: 'lead_officer', password: 'long-enough-password' }), role: 'lead_officer' };
      const other = { tenantId: actor.tenantId, userId: await s.auth.createUser(actor.tenantId, { email: 'olly@progress.gov.uk', name: 'Olly Other', role: 'lead_officer', password: 'long-enough-password' }), role: 'lead_officer' };
      const unitsByCode = new Map((await s.organisation.units(actor)).map((u) => [u.code, u.id]));
      await s.organisation.createPerson(actor, { name: 'Hal Head', email: 'hal@progress.gov.uk', orgUnitId: unitsByCode.get('CEX') });
      const hal = { tenantId: actor.tenantId, userId: await s.auth.createUser(actor.tenantId, { email: 'hal@progress.gov.uk', name: 'Hal Head', role: 'head_of_service', password: 'long-enough-password' }), role: 'head_of_service' };
      const nobody = { tenantId: actor.tenantId, userId: await s.auth.createUser(actor.tenantId, { email: 'nat@progress.gov.uk', name: 'Nat Head', role: 'head_of_service', password: 'long-enough-password' }), role: 'head_of_service' };
      const input = { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'ONGOING' };
      await assert.rejects(s.progress.recordUpdate(other, ids.ongoing, input), (e: unknown) => e instanceof ForbiddenError && /actions you lead/.test(e.message));
      await assert.rejects(s.progress.recordUpdate(nobody, ids.ongoing, input), (e: unknown) => e instanceof ForbiddenError && /actions of the services you head/.test(e.message));
      assert.ok(await s.progress.recordUpdate(lola, ids.ongoing, input));
      // DEM sits under CEX, so the head of the directorate reaches it.
      assert.ok(await s.progress.recordUpdate(hal, ids.ongoing, input));
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
      // A council of its own: its words and thresholds would change what every other test here records.
      const c = await council(ctx.services);
      const year = await c.year({ label: '2018/19', scheme: 'halves' });
      const oneOff = await c.action(await c.plan({ yearId: year.id }), { kind: 'one_off', dueDate: '2019-03-31' });
      const record = (statusWord: string) => ctx.services.progress.recordUpdate(c.system, oneOff, { periodId: year.periods[1]!.id, asAt: '2018-10-19', statusWord });
      await ctx.services.progress.saveVocabulary(c.system, { words: [{ word: 'on target', stage: 'in_progress' }, { word: 'Done', stage: 'complete' }] });
      assert.deepEqual((await ctx.services.progress.vocabulary(c.system)).map((w) => w.word), ['ON TARGET', 'DONE']);
      await fieldError(record('IN PROGRESS'), 'statusWord');
      await record('done');
      const history = await ctx.services.progress.history(c.system, oneOff);
      assert.equal(history[0]!.stage, 'complete');
      assert.equal(history[0]!.percent_complete, 100);
      await ctx.services.progress.saveSettings(c.system, { greenPercent: '95', amberPercent: '80', graceDays: '0' });
      assert.deepEqual((await ctx.services.progress.settings(c.system)).thresholds, { green: 0.95, amber: 0.8 });
      await fieldError(ctx.services.progress.saveSettings(c.system, { greenPercent: '70', amberPercent: '80', graceDays: '0' }), 'amberPercent');
      // The other council keeps the default words.
      assert.ok((await ctx.services.progress.vocabulary(actor)).some((w) => w.word === 'IN PROGRESS'));
    });

    test('checks as-at dates and who may change settings', async () => {
      assert.equal(await ctx.services.progress.checkAsOf(actor, '2018-06-30'), '2018-06-30');
      assert.equal(
        await fieldError(ctx.services.progress.checkAsOf(actor, '2030-01-01'), 'asOf'),
        'As-at date 1 January 2030 is outside every plan year: choose a date inside one of 2018/19 (1 April 2018 to 31 March 2019).',
      );
      // The day after the year ends is outside it, though its last updates are still due then.
      await fieldError(ctx.services.progress.checkAsOf(actor, '2019-04-01'), 'asOf');
      await fieldError(ctx.services.progress.checkAsOf(actor, '2018-02-30'), 'asOf');
      // "As known on": blank is now; otherwise a real date from the as-at date to today (20 October 2018).
      assert.equal(ctx.services.progress.checkKnownOn('2018-09-30', ''), null);
      assert.equal(ctx.services.progress.checkKnownOn('2018-09-30', '2018-09-30'), '2018-09-30');
      assert.equal(ctx.services.progress.checkKnownOn('2018-09-30', '2018-10-20'), '2018-10-20');
      assert.throws(() => ctx.services.progress.checkKnownOn('2018-09-30', '2018-09-29'), (e: unknown) => e instanceof ValidationError && /is before the as-at date 30 September 2018/.test(e.fields.knownOn ?? ''));
      assert.throws(() => ctx.services.progress.checkKnownOn('2018-09-30', '2018-10-21'), (e: unknown) => e instanceof ValidationError && /is in the future: choose 20 October 2018 or earlier/.test(e.fields.knownOn ?? ''));
      assert.throws(() => ctx.services.progress.checkKnownOn('2018-09-30', '2018-10-32'), (e: unknown) => e instanceof ValidationError && /must be a real date/.test(e.fields.knownOn ?? ''));
      const viewer = { ...actor, role: 'viewer' };
      await assert.rejects(ctx.services.progress.recordUpdate(viewer, ids.oneOff, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'COMPLETE' }), ForbiddenError);
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

    /** Asserts the promise is refused as a progress conflict for `reason`, and returns the error. */
    const conflict = async (promise: Promise<unknown>, reason: ProgressConflictError['reason']): Promise<ProgressConflictError> => {
      let found: ProgressConflictError | undefined;
      await assert.rejects(promise, (err: unknown) => {
        assert.ok(err instanceof ProgressConflictError, `expected a ProgressConflictError, got ${String(err)}`);
        assert.ok(err instanceof ConflictError, 'it is a conflict (409) wherever it is not handled');
        assert.equal(err.reason, reason);
        found = err;
        return true;
      });
      return found!;
    };

    test('refuses to correct an update someone has already corrected, naming the latest version (no second branch)', async () => {
      const actionId = await ctx.services.actions.create(actor, ids.plan, { objectiveId: (await ctx.services.actions.detail(actor, ids.oneOff)).action.objective_id, title: 'Webcast meetings', kind: 'one_off', dueDate: '2019-03-31' });
      const history = () => ctx.services.progress.history(actor, actionId);
      const update = (id: number, fields: Record<string, unknown>) => ctx.services.progress.recordUpdate(actor, id, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', ...fields });
      const original = await update(actionId, { percentComplete: 10, narrative: 'Ten.' });
      const theirs = await update(actionId, { percentComplete: 20, narrative: 'Twenty, their correction.', correctsId: original });
      const err = await conflict(update(actionId, { percentComplete: 30, narrative: 'Thirty, my correction.', correctsId: original }), 'already-corrected');
      assert.equal(err.theirs.id, theirs);
      assert.equal(err.theirs.narrative, 'Twenty, their correction.');
      assert.equal(err.yours.narrative, 'Thirty, my correction.', 'both versions travel with the refusal');
      assert.match(err.message, /corrected this update before you did\. Your correction has not been saved\./);
      assert.equal((await history()).length, 2, 'nothing was saved');

      // Correcting the latest version is fine; correcting the original again names the newest.
      const mine = await update(actionId, { percentComplete: 30, narrative: 'Thirty, my correction.', correctsId: theirs });
      assert.equal((await conflict(update(actionId, { percentComplete: 40, correctsId: original }), 'already-corrected')).theirs.id, mine);
      assert.equal((await conflict(update(actionId, { percentComplete: 40, correctsId: theirs }), 'already-corrected')).theirs.id, mine);
      const versions = await history();
      assert.equal(versions.length, 3);
      const corrections = versions.map((u) => u.corrects_id).filter((x) => x !== null);
      assert.deepEqual(corrections.sort(), [original, theirs].sort(), 'each version corrected once: one line of versions');
      // An update that is not of this action is still a validation error, not a conflict.
      assert.equal(await fieldError(update(ids.ongoing, { correctsId: mine }), 'correctsId'), 'Select an update of this action to correct');
    });

    test('asks before adding an update for a period someone else updated after the form was opened', async () => {
      const actionId = await ctx.services.actions.create(actor, ids.plan, { objectiveId: (await ctx.services.actions.detail(actor, ids.oneOff)).action.objective_id, title: 'Publish decisions', kind: 'one_off', dueDate: '2019-03-31' });
      const history = () => ctx.services.progress.history(actor, actionId);
      const record = (fields: Record<string, unknown>, seenLatestId?: number) =>
        ctx.services.progress.recordUpdate(actor, actionId, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', ...fields }, seenLatestId === undefined ? {} : { seenLatestId });
      // Nothing recorded yet, nothing seen: no question.
      const first = await record({ percentComplete: 10 }, 0);
      // Someone opens the form (seeing `first`); someone else records an update for the period.
      const theirs = await record({ percentComplete: 20, narrative: 'Their update.' }, first);
      const err = await conflict(record({ percentComplete: 30, narrative: 'My update.' }, first), 'newer-update');
      assert.equal(err.theirs.id, theirs);
      assert.equal(err.yours.narrative, 'My update.');
      assert.match(err.message, /recorded an update for this period after you opened the form\. Your update has not been saved\./);
      assert.equal((await history()).length, 2);
      // Seen theirs, they record theirs as well.
      const mine = await record({ percentComplete: 30, narrative: 'My update.' }, theirs);
      assert.equal((await history())[0]!.id, mine);
      // Without a latest-seen id (imports, the command line) there is no question.
      await record({ percentComplete: 35 });
      assert.equal((await history()).length, 4);
    });
  },
  { clock: () => TODAY },
);
