import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ImportError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

// Issue 12: PostgreSQL refuses a NUL byte in text (a 500 before), so text with a control character
// is refused by the services with a field error before the database is asked, on both dialects.

const TODAY = new Date('2018-10-20T12:00:00Z');

eachDialect(
  'control characters in text',
  (ctx) => {
    let actor: Actor;
    let h2 = 0;
    let actionId = 0;

    before(async () => {
      const s = ctx.services;
      actor = systemActor(await s.councils.create({ slug: 'ctl', name: 'Control Council' }));
      const dir = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
      h2 = (await s.years.get(actor, year)).periods[1]!.id;
      const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(actor, plan, { number: '1.1', title: 'Good governance' });
      actionId = await s.actions.create(actor, plan, { objectiveId, title: 'Run meetings', kind: 'one_off', dueDate: '2019-03-31' });
    });

    const input = (extra: Record<string, unknown>) => ({ periodId: h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', percentComplete: '20', ...extra });

    test('a progress update with a NUL byte or a BEL is a field error, and nothing is written', async () => {
      const record = (extra: Record<string, unknown>) => ctx.services.progress.recordUpdate(actor, actionId, input(extra));
      assert.equal(await fieldError(record({ narrative: 'Cameras\u0000 installed' }), 'narrative'), 'Progress update must not contain control characters');
      assert.equal(await fieldError(record({ nextSteps: 'Ring the \u0007bell' }), 'nextSteps'), 'Key actions remaining must not contain control characters');
      assert.equal(await fieldError(record({ statusWord: 'IN\u0000PROGRESS' }), 'statusWord'), 'The status must not contain control characters');
      assert.deepEqual(await ctx.services.progress.history(actor, actionId), []);
    });

    test('an action title with a NUL byte is a field error', async () => {
      const d = await ctx.services.actions.detail(actor, actionId);
      const update = ctx.services.actions.update(actor, actionId, d.action.version, { objectiveId: d.action.objective_id, title: 'Run\u0000 meetings', kind: 'one_off', dueDate: '2019-03-31' });
      assert.match(await fieldError(update, 'title'), /must not contain control characters$/);
      assert.equal((await ctx.services.actions.detail(actor, actionId)).action.title, 'Run meetings');
    });

    test('an import whose file name or sheet name holds a NUL byte is refused with a message, and no draft is kept', async () => {
      const userId = await ctx.services.auth.createUser(actor.tenantId, { email: 'imp@ctl.example.gov.uk', name: 'Ida Importer', role: 'admin', password: 'long-enough-password' });
      const admin: Actor = { tenantId: actor.tenantId, userId, role: 'admin' };
      const content = Buffer.from('Action,Due date\nRun meetings,31/03/2019\n');
      await assert.rejects(ctx.services.imports.saveDraft(admin, { content, filename: 'plan\u0000.csv' }), (e: unknown) => e instanceof ImportError && /file name must not contain control characters/.test(e.message));
      await assert.rejects(ctx.services.imports.preview(admin, { content, filename: 'plan.csv', sheet: 'Sheet\u00001' }), (e: unknown) => e instanceof ImportError && /sheet name must not contain control characters/.test(e.message));
      assert.equal((await ctx.kysely.selectFrom('import_drafts').select('id').execute()).length, 0);
    });

    test('signing in with a NUL byte in the email address is a field error, not a database error', async () => {
      assert.equal(await fieldError(ctx.services.auth.signIn('a\u0000@example.gov.uk', 'long-enough-password', '127.0.0.1'), 'email'), 'Enter an email address in the correct format, like name@example.gov.uk');
    });
  },
  { clock: () => TODAY },
);
