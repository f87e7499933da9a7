import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { systemActor } from './context.ts';

// One clock (Deps.clock): with it fixed, every time Waymark writes or reasons with — an edit's audit
// event, the created and updated times the repositories stamp, a progress update's recorded time,
// and "today" — is the fixed time, on both dialects. Nothing reads the wall clock behind its back.

const FIXED = new Date('2018-10-20T12:34:56.789Z');
const ISO = FIXED.toISOString();

eachDialect(
  'one clock',
  (ctx) => {
    test('audit times, stamped times, recorded times and today all come from the fixed clock', async () => {
      const s = ctx.services;
      const tenantId = await s.councils.create({ slug: 'clock', name: 'Clock Council' });
      const actor = systemActor(tenantId);
      const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const unit = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
      const [, h2] = (await s.years.get(actor, year)).periods.map((p) => p.id) as [number, number];
      const plan = await s.plans.create(actor, { orgUnitId: unit, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
      const actionId = await s.actions.create(actor, plan, { objectiveId, title: 'Run committee meetings', kind: 'ongoing', dueDate: '2019-03-31' });

      // An edit: its audit event is at the clock's time, as is the action's updated time.
      const { action } = await s.actions.detail(actor, actionId);
      await s.actions.update(actor, actionId, action.version, { objectiveId, code: action.code, title: 'Run every committee meeting', kind: 'ongoing', dueDate: '2019-03-31' });
      const edits = await ctx.kysely.selectFrom('audit_events').selectAll().where('entity', '=', 'action').where('entity_id', '=', actionId).where('event', '=', 'update').execute();
      assert.equal(edits.length, 1);
      assert.equal(edits[0]!.at, ISO);
      const row = await ctx.kysely.selectFrom('actions').select(['created_at', 'updated_at']).where('id', '=', actionId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { created_at: ISO, updated_at: ISO });

      // A progress update, not backdated: recorded at the clock's time.
      const updateId = await s.progress.recordUpdate(actor, actionId, { periodId: h2, asAt: '2018-10-19', statusWord: 'ONGOING' });
      const update = await ctx.kysely.selectFrom('progress_updates').select('recorded_at').where('id', '=', updateId).executeTakeFirstOrThrow();
      assert.equal(update.recorded_at, ISO);

      // Today, in Europe/London, is the clock's date: for the rules and for the update form.
      assert.equal(s.progress.today(), '2018-10-20');
      assert.equal((await s.progress.periodsFor(actor, actionId)).today, '2018-10-20');

      // And every audit event and every stamp written so far is the clock's time.
      const events = await ctx.kysely.selectFrom('audit_events').select(['at', 'event', 'entity']).where('tenant_id', '=', tenantId).execute();
      assert.ok(events.length >= 6);
      for (const e of events) assert.equal(e.at, ISO, `${e.entity} ${e.event}`);
      for (const table of ['org_units', 'service_plans', 'objectives'] as const) {
        const stamps = await ctx.kysely.selectFrom(table).select(['created_at', 'updated_at']).where('tenant_id', '=', tenantId).execute();
        for (const r of stamps) assert.deepEqual(r, { created_at: ISO, updated_at: ISO }, table);
      }
      const tenant = await ctx.kysely.selectFrom('tenants').select('created_at').where('id', '=', tenantId).executeTakeFirstOrThrow();
      assert.equal(tenant.created_at, ISO);
    });
  },
  { clock: () => FIXED },
);
