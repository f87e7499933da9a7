import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { makeStore } from '../db/repositories/index.ts';
import type { ActionRow, Repos } from '../db/repositories/index.ts';
import { makeServices } from './index.ts';
import { makeDeps } from '../composition.ts';
import type { Actor } from './context.ts';
import { loadLargeDemo } from './demo-large.ts';
import { positionsOf, type Position, type PositionOptions } from './positions.ts';
import type { Reader } from './visibility.ts';

// The positions cache (src/services/position-cache.ts) must give exactly what the full computation
// (positionsOf) gives, for every reader and as-at date, before and after writes — including writes
// by another process, which has its own cache. Checked over the large demo council (3,416 actions,
// over 9,000 updates) on both databases, with updates awaiting sign-off, returned and restricted
// added so that the readers really differ.

const NOW = new Date('2026-12-05T12:00:00Z');
const clock = () => NOW;
const PASSWORD = 'cache-test-lantern-orchard';

/** What a position says, in a form deepEqual can compare. */
const said = (ps: Position[]) => ps.map((p) => ({ action: p.action.id, year: p.year.id, latest: p.latest?.id ?? null, due: p.due, result: p.result }));

eachDialect(
  'positions cache on the large demo',
  (ctx) => {
    let repos: Repos;
    let actions: ActionRow[];
    let dates: string[];
    let admin: Actor;
    let lead: Actor;
    let councillor: Actor;
    let ledByLead: number[];

    const actorOf = async (email: string): Promise<Actor> => {
      const u = await ctx.kysely.selectFrom('users').select(['id', 'tenant_id', 'role']).where('email', '=', email).executeTakeFirstOrThrow();
      return { tenantId: u.tenant_id, userId: u.id, role: u.role };
    };

    /** The readers compared: each role as itself, and a committee report's audiences. */
    const readers = (): { name: string; reader: Reader; actor: Actor; opts: { approvedOnly?: boolean; audience?: { clearance: boolean; personId: null; userId: null } } }[] => [
      { name: 'administrator', reader: admin, actor: admin, opts: {} },
      { name: 'lead officer', reader: lead, actor: lead, opts: {} },
      { name: 'councillor', reader: councillor, actor: councillor, opts: {} },
      { name: 'approved only', reader: admin, actor: admin, opts: { approvedOnly: true } },
      { name: 'public committee', reader: { audience: { clearance: false, personId: null, userId: null } }, actor: admin, opts: { audience: { clearance: false, personId: null, userId: null } } },
    ];

    /** Every reader at every date: the cached answer (through the service) against the full computation. */
    const compareAll = async (at: string[] = dates, services = ctx.services) => {
      const { thresholds, graceDays } = await services.progress.settings(admin);
      for (const { name, reader, actor, opts } of readers()) {
        for (const asOf of at) {
          const fast = await services.progress.positions(actor, actions, asOf, opts);
          const full = await positionsOf(repos, reader, admin.tenantId, actions, asOf, {
            thresholds,
            graceDays,
            approval: opts.approvedOnly ? 'approved' : opts.audience ? 'not-returned' : 'actionable',
            knownOn: null,
            today: '2026-12-05',
          } satisfies PositionOptions);
          assert.deepEqual(said(fast), said(full), `${name} as at ${asOf}`);
        }
      }
    };

    before(async () => {
      const { tenantId } = await loadLargeDemo(ctx.services, { password: PASSWORD });
      repos = makeStore(ctx.kysely, clock).repos;
      actions = await ctx.kysely.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      const accounts = await ctx.kysely.selectFrom('users').select(['email', 'role']).where('tenant_id', '=', tenantId).execute();
      admin = await actorOf(accounts.find((a) => a.role === 'admin')!.email);
      lead = await actorOf(accounts.find((a) => a.role === 'lead_officer')!.email);
      councillor = await actorOf(accounts.find((a) => a.role === 'viewer')!.email);
      // The lead officer's account is the person with the same email (src/services/context.ts, reachOf).
      const leadEmail = accounts.find((a) => a.role === 'lead_officer')!.email;
      const person = await ctx.kysely.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('email', '=', leadEmail).executeTakeFirstOrThrow();
      ledByLead = (await ctx.kysely.selectFrom('action_leads').select('action_id').where('person_id', '=', person.id).orderBy('action_id').execute()).map((r) => r.action_id);
      // The year's first day, each period's end and ten days after it (inside the grace of its
      // deadline or past it), and today.
      const periods = await ctx.kysely.selectFrom('reporting_periods').select(['start_date', 'end_date']).where('tenant_id', '=', tenantId).orderBy('position').execute();
      const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      dates = [...new Set([periods[0]!.start_date, periods[0]!.end_date, addDays(periods[1]!.end_date, 10), addDays(periods[2]!.end_date, 10), '2026-12-05'])];
    });

    /** Records an update in the period the form would propose (src/services/progress-updates.ts, periodsFor). */
    const record = async (services: typeof ctx.services, actor: Actor, actionId: number, fields: Record<string, unknown>): Promise<number> => {
      const form = await services.progress.updates.periodsFor(actor, actionId);
      assert.ok(form.suggestedPeriodId, `a period takes updates on ${form.today}`);
      return services.progress.recordUpdate(actor, actionId, { periodId: form.suggestedPeriodId, asAt: form.suggestedAsAt, ...fields });
    };

    test('the large demo holds 61 plans, 3,416 actions and over 9,000 updates over three quarters, with committees and a report per directorate', async () => {
      // (The large demo's own test, src/services/demo-large.test.ts, works out its shape; this counts a load of it.)
      const k = ctx.kysely;
      const count = async (table: 'service_plans' | 'actions' | 'progress_updates' | 'reports' | 'committees') => Number((await k.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('service_plans'), 61);
      assert.equal(await count('actions'), 3416);
      assert.ok((await count('progress_updates')) >= 9000);
      assert.equal(await count('committees'), 2);
      assert.equal(await count('reports'), 8);
      // Loaded on 5 December 2026: the year runs February 2026 to January 2027, and its first three quarters have updates.
      const periods = await k.selectFrom('progress_updates').innerJoin('reporting_periods', 'reporting_periods.id', 'progress_updates.period_id').select('reporting_periods.label').distinct().execute();
      assert.equal(periods.length, 3);
    });

    test('the demo gives the comparison something to compare', () => {
      // 61 services × 56 actions; the lead officer leads some; at least five dates inside the year.
      assert.equal(actions.length, 3416);
      assert.ok(ledByLead.length >= 3, `the lead officer leads ${ledByLead.length} actions`);
      assert.ok(dates.length >= 5, dates.join(', '));
    });

    test('every reader at every date gets the full computation’s answer, and asking again computes nothing', async () => {
      await compareAll();
      const cache = ctx.runtime.services.progress.cacheStats();
      assert.ok(cache, 'the runtime has a positions cache');
      const before = { ...cache };
      await ctx.services.progress.positions(admin, actions, '2026-12-05');
      const after = ctx.runtime.services.progress.cacheStats()!;
      // Today's position for all 3,416 actions, asked again: nothing computed, no action on the full path.
      assert.equal(after.computed - before.computed, 0);
      assert.equal(after.full - before.full, 0);
    });

    test('updates awaiting sign-off, returned and restricted change only what they should', async () => {
      await ctx.services.updateCycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: 7, reportsApprovedOnly: 'no' });
      const [a, b, c] = ledByLead;
      const pending = await record(ctx.services, lead, a!, { statusWord: 'IN PROGRESS', percentComplete: 95, narrative: 'Nearly there.' });
      const returned = await record(ctx.services, lead, b!, { statusWord: 'IN PROGRESS', percentComplete: 10, narrative: 'Slipped.' });
      await ctx.services.updateCycle.returnUpdate(admin, returned, { comment: 'Please say why it slipped.' });
      await record(ctx.services, admin, c!, { statusWord: 'IN PROGRESS', percentComplete: 50, narrative: 'Confidential detail.', restricted: 'yes', exemptParagraph: 3 });
      assert.ok(pending > 0);
      await compareAll(dates.slice(-2));
    });

    test('a write by another process (its own cache) is seen', async () => {
      const other = makeServices(makeDeps(ctx.kysely, { clock }));
      await other.updateCycle.saveSettings(admin, { requireApproval: 'no', reminderDaysBefore: 7, reportsApprovedOnly: 'no' });
      for (const id of actions.slice(0, 5).map((x) => x.id)) {
        await record(other, admin, id, { statusWord: 'COMPLETED', percentComplete: 100, narrative: 'Done.' });
      }
      await compareAll(dates.slice(-2));
      // And a change to everything: the council's thresholds.
      await other.progress.saveSettings(admin, { greenPercent: 80, amberPercent: 50, graceDays: 5 });
      await compareAll(dates.slice(-2));
    });
  },
  { clock },
);
