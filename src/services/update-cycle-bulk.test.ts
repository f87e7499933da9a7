import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';
import type { MailMessage, Mailer } from './mailer.ts';

// Signing off several updates at once, and chasing lead officers, at the service on both dialects.

const outbox: MailMessage[] = [];
const mailer: Mailer = { send: async (m) => void outbox.push(m), close: () => undefined };
let now = new Date('2018-10-01T09:00:00Z');

eachDialect(
  'bulk sign-off and chasing',
  (ctx) => {
    let admin: Actor;
    let head: Actor;
    let lead: Actor;
    let periodId = 0;
    const updates: number[] = [];

    before(async () => {
      const s = ctx.services;
      const tenantId = await s.councils.create({ slug: `bulk-${ctx.dialect}`, name: 'Bulk Council' });
      admin = systemActor(tenantId);
      const dir = await s.organisation.createUnit(admin, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(admin, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(admin, { label: '2018/19', scheme: 'halves' });
      periodId = (await s.years.get(admin, year)).periods[0]!.id;
      const plan = await s.plans.create(admin, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(admin, plan, { number: '1.1', title: 'Good governance' });
      const amy = await s.organisation.createPerson(admin, { name: 'Amy Lead', email: 'amy@bulk.gov.uk', orgUnitId: dem });
      const amyUser = await s.auth.createUser(tenantId, { email: 'amy@bulk.gov.uk', name: 'Amy Lead', role: 'lead_officer', password: 'long-enough-password' });
      const headUser = await s.auth.createUser(tenantId, { email: 'head@bulk.gov.uk', name: 'Hana Head', role: 'head_of_service', password: 'long-enough-password' });
      await s.organisation.createPerson(admin, { name: 'Hana Head', email: 'head@bulk.gov.uk', orgUnitId: dem });
      lead = { tenantId, userId: amyUser, role: 'lead_officer' };
      head = { tenantId, userId: headUser, role: 'head_of_service' };
      await s.updateCycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' });
      for (const code of ['DEM01', 'DEM02', 'DEM03']) {
        const actionId = await s.actions.create(admin, plan, { objectiveId, code, title: `Action ${code}`, kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds: [amy] });
        if (code !== 'DEM03') updates.push(await s.progress.recordUpdate(lead, actionId, { periodId, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 50 }));
      }
    });

    const approval = async (id: number) => (await ctx.kysely.selectFrom('progress_updates').select('approval').where('id', '=', id).executeTakeFirstOrThrow()).approval;

    test('checks the choice before deciding anything', async () => {
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [{ ids: [], decision: 'approve' }, { updates: 'Select the updates to approve or return' }],
        [{ ids: ['1x'], decision: 'approve' }, { updates: 'Select the updates from the list' }],
        [{ ids: [String(updates[0])], decision: 'maybe' }, { decision: 'Choose whether to approve or return the selected updates' }],
        [{ ids: [String(updates[0])], decision: 'return', comment: '' }, { comment: 'Enter what needs to change' }],
      ];
      for (const [input, fields] of cases) {
        await assert.rejects(ctx.services.updateCycle.decideMany(head, input as { ids: unknown; decision: unknown }), (err: unknown) => {
          assert.ok(err instanceof ValidationError);
          assert.deepEqual(err.fields, fields, JSON.stringify(input));
          return true;
        });
      }
      await assert.rejects(ctx.services.updateCycle.decideMany(lead, { ids: [String(updates[0])], decision: 'approve' }), ForbiddenError);
      assert.deepEqual(await Promise.all(updates.map(approval)), ['submitted', 'submitted']);
    });

    test('two approvers at once: each update is approved once, and the loser is told which ones were already decided', async () => {
      const [a, b] = await Promise.all([
        ctx.services.updateCycle.decideMany(head, { ids: updates.map(String), decision: 'approve' }),
        ctx.services.updateCycle.decideMany(admin, { ids: updates.map(String), decision: 'approve' }),
      ]);
      // 2 updates, 2 approvers: every update approved exactly once between them, the other told it was already approved.
      assert.equal(a.done.length + b.done.length, 2);
      assert.equal(a.failed.length + b.failed.length, 2);
      for (const f of [...a.failed, ...b.failed]) assert.equal(f.reason, 'This update has already been approved.');
      assert.deepEqual(await Promise.all(updates.map(approval)), ['approved', 'approved']);
      const audit = await ctx.kysely.selectFrom('audit_events').select('entity_id').where('entity', '=', 'progress_update').where('event', '=', 'approve').execute();
      assert.deepEqual(audit.map((r) => r.entity_id).sort(), [...updates].sort(), 'one approve entry per update');
    });

    test('chasing emails the lead officer the action without an update, once in 10 minutes', async () => {
      // DEM01 and DEM02 have updates for the first half; DEM03 has none, so Amy is chased for DEM03 only.
      const [period] = await ctx.services.updateCycle.chaseable(admin);
      assert.deepEqual(period && [period.periodId, period.actionsWithoutUpdate, period.leads, period.overdue], [periodId, 1, 1, false]);
      outbox.length = 0;
      assert.deepEqual(await ctx.services.updateCycle.chase(admin, periodId), { label: period!.label, sent: 1, failed: 0 });
      assert.deepEqual(
        outbox.map((m) => m.to),
        ['amy@bulk.gov.uk'],
      );
      assert.match(outbox[0]!.text, /DEM03 Action DEM03/);
      assert.doesNotMatch(outbox[0]!.text, /DEM01|DEM02/);
      await assert.rejects(ctx.services.updateCycle.chase(admin, periodId), ConflictError);
      now = new Date(now.getTime() + 11 * 60_000);
      assert.equal((await ctx.services.updateCycle.chase(admin, periodId)).sent, 1);
      await assert.rejects(ctx.services.updateCycle.chase(head, periodId), ForbiddenError);
    });
  },
  { clock: () => now, mailer },
);
