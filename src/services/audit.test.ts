import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

// The audit trail read back as history: who changed what, when, in words, newest first, for one
// council only; and the whole trail as CSV for administrators.

const TODAY = new Date('2019-07-10T12:00:00Z');

const collect = async (chunks: AsyncIterable<string>): Promise<string> => {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
};

eachDialect(
  'audit service',
  (ctx) => {
    let system: Actor;
    let jane: Actor;
    let other: Actor;
    const ids = { plan: 0, goal: 0, objective: 0, objective2: 0, action: 0, update: 0, correction: 0, year: 0, q1: 0 };

    before(async () => {
      const s = ctx.services;
      const tenantId = await s.councils.create({ slug: 'audit', name: 'Audit Council' });
      system = systemActor(tenantId);
      const janeId = await s.auth.createUser(tenantId, { email: 'jane@audit.example.gov.uk', name: 'Jane Smith', role: 'admin', password: 'long-enough-password' });
      jane = { tenantId, userId: janeId, role: 'admin' };
      other = systemActor(await s.councils.create({ slug: 'other', name: 'Other Council' }));

      const dir = await s.organisation.createUnit(system, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(system, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      ids.year = await s.years.create(system, { label: '2019/20', scheme: 'quarters' });
      ids.q1 = (await s.years.get(system, ids.year)).periods[0]!.id;
      ids.plan = await s.plans.create(system, { orgUnitId: dem, planYearId: ids.year, title: 'DEM plan', kind: 'service_improvement_plan' });
      ids.goal = await s.plans.createGoal(jane, ids.plan, { number: '1', title: 'Open government' });
      ids.objective = await s.plans.createObjective(system, ids.plan, { number: '1.1', title: 'Open decision making' });
      ids.objective2 = await s.plans.createObjective(system, ids.plan, { number: '1.2', title: 'Better communication' });
      ids.action = await s.actions.create(system, ids.plan, { objectiveId: ids.objective, code: '19-DEM01', title: 'Webcast council meetings', kind: 'one_off', dueDate: '2020-03-31', leads: ['Jane Smith'] });
      const a = await s.actions.detail(system, ids.action);
      await s.actions.update(jane, ids.action, a.action.version, {
        objectiveId: ids.objective2,
        code: '19-DEM01',
        title: 'Webcast council meetings',
        kind: 'one_off',
        dueDate: '2020-06-30',
        leads: ['Jane Smith', 'Head of Press'],
      });
      ids.update = await s.progress.recordUpdate(jane, ids.action, { periodId: ids.q1, asAt: '2019-06-30', statusWord: 'IN PROGRESS', percentComplete: '40', narrative: 'Cameras bought.' });
      ids.correction = await s.progress.recordUpdate(jane, ids.action, { periodId: ids.q1, asAt: '2019-06-30', statusWord: 'IN PROGRESS', percentComplete: '45', narrative: 'Cameras bought and fitted.', correctsId: ids.update });
      const p = await s.plans.get(system, ids.plan);
      await s.plans.update(jane, ids.plan, p.version, { orgUnitId: dem, planYearId: ids.year, title: 'Democratic Services plan 2019/20', kind: 'business_plan' });
    });

    test("an action's history: its edits in words and its progress updates, newest first, with who made them", async () => {
      const h = await ctx.services.audit.history(jane, 'action', ids.action);
      assert.equal(h.title, '19-DEM01: Webcast council meetings');
      assert.equal(h.planId, ids.plan);
      assert.deepEqual(
        h.entries.map((e) => [e.entityLabel, e.eventLabel, e.who]),
        [
          ['Progress update', 'Progress update corrected', 'Jane Smith'],
          ['Progress update', 'Progress update recorded', 'Jane Smith'],
          ['Action', 'Updated', 'Jane Smith'],
          ['Action', 'Created', 'Waymark'],
        ],
      );
      const edit = h.entries[2]!;
      assert.equal(edit.about, null);
      assert.deepEqual(edit.changes, [
        { field: 'Objective', from: '1.1 Open decision making', to: '1.2 Better communication' },
        { field: 'Due date', from: '31 March 2020', to: '30 June 2020' },
        { field: 'Lead officers', from: 'Jane Smith', to: 'Jane Smith; Head of Press' },
      ]);
      const correction = h.entries[0]!;
      assert.equal(correction.about, 'as at 30 June 2019, IN PROGRESS');
      assert.equal(correction.heading, 'Progress update corrected (as at 30 June 2019, IN PROGRESS)');
      assert.equal(correction.isNew, true);
      assert.equal(edit.isNew, false);
      assert.equal(edit.heading, 'Updated');
      assert.ok(correction.changes.some((c) => c.field === 'Corrects' && c.to === 'the update as at 30 June 2019 (IN PROGRESS)'), JSON.stringify(correction.changes));
      assert.ok(correction.changes.some((c) => c.field === '% complete' && c.to === '45%'));
      assert.ok(correction.changes.some((c) => c.field === 'Reporting period' && c.to === 'Quarter 1 (April to June)'), JSON.stringify(correction.changes));
      const created = h.entries[3]!;
      assert.ok(created.changes.some((c) => c.field === 'Due date' && c.from === null && c.to === '31 March 2020'));
      assert.ok(created.changes.every((c) => !/id|version|created/i.test(c.field)), JSON.stringify(created.changes));
      assert.match(created.when, /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
      // Newest first.
      const times = h.entries.map((e) => e.at);
      assert.deepEqual(times, [...times].sort().reverse());
    });

    test("a plan's history includes its strategic goals; an objective's is its own", async () => {
      const plan = await ctx.services.audit.history(system, 'plan', ids.plan);
      assert.equal(plan.title, 'Democratic Services plan 2019/20');
      assert.deepEqual(
        plan.entries.map((e) => [e.entityLabel, e.eventLabel, e.who, e.about]),
        [
          ['Plan', 'Updated', 'Jane Smith', null],
          ['Strategic goal', 'Created', 'Jane Smith', '1. Open government'],
          ['Plan', 'Created', 'Waymark', null],
        ],
      );
      assert.deepEqual(plan.entries[0]!.changes, [
        { field: 'Title', from: 'DEM plan', to: 'Democratic Services plan 2019/20' },
        { field: 'Kind', from: 'Service improvement plan', to: 'Business plan' },
      ]);
      assert.equal(plan.entries[1]!.heading, 'Strategic goal created: 1. Open government');
      assert.deepEqual(plan.objectives.map((o) => o.title), ['1.1 Open decision making', '1.2 Better communication']);
      const created = plan.entries[2]!.changes;
      assert.ok(created.some((c) => c.field === 'Service' && c.to === 'Democratic Services'), JSON.stringify(created));
      assert.ok(created.some((c) => c.field === 'Plan year' && c.to === '2019/20'));

      const objective = await ctx.services.audit.history(system, 'objective', ids.objective);
      assert.equal(objective.title, '1.1 Open decision making');
      assert.deepEqual(objective.entries.map((e) => e.eventLabel), ['Created']);
    });

    test("a report's history shows it created and edited, with its meeting and plans by name", async () => {
      const s = ctx.services;
      const committee = await s.committees.createCommittee(system, { name: 'Cabinet' });
      const meetingId = await s.committees.createMeeting(system, { committeeId: committee, date: '2019-07-20' });
      const reportId = await s.reports.create(jane, { meetingId, template: 'half-year', title: 'Quarter 1 progress', asOf: '2019-06-30', planIds: [ids.plan], restricted: 'no' });
      const { report } = await s.reports.detail(jane, reportId);
      await s.reports.update(jane, reportId, report.version, { meetingId, template: 'half-year', title: 'Quarter 1 progress', asOf: '2019-06-30', planIds: [ids.plan], restricted: 'no', purpose: 'To note progress.', recommendations: ['Note the report'] });
      const h = await s.audit.history(jane, 'report', reportId);
      assert.equal(h.title, 'Quarter 1 progress');
      assert.deepEqual(h.entries.map((e) => e.eventLabel), ['Updated', 'Created']);
      assert.ok(h.entries[0]!.changes.some((c) => c.field === 'Purpose' && c.to === 'To note progress.'), JSON.stringify(h.entries[0]!.changes));
      assert.ok(h.entries[1]!.changes.some((c) => c.field === 'Meeting' && c.to === 'Cabinet, 20 July 2019'), JSON.stringify(h.entries[1]!.changes));
      assert.ok(h.entries[1]!.changes.some((c) => c.field === 'Plans' && c.to === 'Democratic Services plan 2019/20'));
    });

    test("another council's records are not found, and nor are unknown ids", async () => {
      for (const subject of ['plan', 'objective', 'action', 'report'] as const) {
        await assert.rejects(ctx.services.audit.history(other, subject, ids.plan), NotFoundError);
      }
      await assert.rejects(ctx.services.audit.history(other, 'action', ids.action), NotFoundError);
      await assert.rejects(ctx.services.audit.history(system, 'action', 999_999), NotFoundError);
      // A council's own history never shows another's events.
      const otherUnit = await ctx.services.organisation.createUnit(other, { name: 'Elsewhere', code: 'ELS', kind: 'directorate' });
      assert.ok(otherUnit > 0);
      const h = await ctx.services.audit.history(system, 'action', ids.action);
      assert.equal(h.entries.length, 4);
    });

    test('the CSV export: every event of the council, oldest first, for administrators only', async () => {
      const csv = await collect(await ctx.services.audit.csv(jane));
      assert.ok(csv.startsWith('\uFEFFat,user,entity,entity id,event,before,after\r\n'), csv.slice(0, 80));
      const lines = csv.trim().split('\r\n');
      assert.ok(lines.length > 10);
      assert.ok(lines.some((l) => /,Jane Smith,action,\d+,update,"\{/.test(l)), 'the action edit, with its JSON');
      assert.ok(lines.some((l) => /,Waymark,service_plan,\d+,create,,"\{/.test(l)), 'the plan created by the system');
      assert.ok(!csv.includes('Elsewhere'), "no other council's events");
      await assert.rejects(ctx.services.audit.csv({ ...jane, role: 'performance_officer' }), ForbiddenError);
      await assert.rejects(ctx.services.audit.csv({ ...jane, role: 'viewer' }), ForbiddenError);
    });
  },
  { clock: () => TODAY },
);
