import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { NotFoundError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

// Restricted items (docs/permissions.md): an action or update marked restricted, with its Schedule
// 12A paragraph, is seen by people with access to restricted items (admins always), by the action's
// lead officers and by the update's author; nobody else sees it anywhere. Committee reports to the
// public leave restricted items out; a restricted report includes them and is itself hidden.

const TODAY = new Date('2018-10-20T12:00:00Z');

eachDialect(
  'restricted items',
  (ctx) => {
    let admin: Actor;
    let cleared: Actor; // performance officer with access to restricted items
    let officer: Actor; // performance officer without it
    let viewer: Actor;
    let lead: Actor; // leads the restricted action
    let other: Actor; // a lead officer of something else
    let ids: { plan: number; open: number; secret: number; h1: number; h2: number; meeting: number };

    const user = async (email: string, role: string, clearance = false): Promise<Actor> => ({
      tenantId: admin.tenantId,
      userId: await ctx.services.auth.createUser(admin.tenantId, { email, name: email.split('@')[0]!, role, password: 'long-enough-password' }),
      role,
      clearance,
    });

    before(async () => {
      const s = ctx.services;
      admin = systemActor(await s.councils.create({ slug: 'r1', name: 'Restricted Council' }));
      cleared = await user('cleo@restricted.gov.uk', 'performance_officer', true);
      officer = await user('otto@restricted.gov.uk', 'performance_officer');
      viewer = await user('cllr@restricted.gov.uk', 'viewer');
      lead = await user('lena@restricted.gov.uk', 'lead_officer');
      other = await user('oscar@restricted.gov.uk', 'lead_officer');
      const dir = await s.organisation.createUnit(admin, { name: 'Resources', code: 'RES', kind: 'directorate' });
      const dem = await s.organisation.createUnit(admin, { name: 'Property Services', code: 'PRO', kind: 'service', parentId: dir });
      const lena = await s.organisation.createPerson(admin, { name: 'Lena Lease', email: 'lena@restricted.gov.uk', orgUnitId: dem });
      const year = await s.years.create(admin, { label: '2018/19', scheme: 'halves' });
      const [h1, h2] = (await s.years.get(admin, year)).periods.map((p) => p.id) as [number, number];
      const plan = await s.plans.create(admin, { orgUnitId: dem, planYearId: year, title: 'Property plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(admin, plan, { number: '1.1', title: 'Make the most of our assets' });
      const open = await s.actions.create(admin, plan, { objectiveId, code: 'PRO01', title: 'Publish the asset register', kind: 'one_off', dueDate: '2019-03-31' });
      const secret = await s.actions.create(cleared, plan, {
        objectiveId,
        code: 'PRO02',
        title: 'Negotiate the sale of the depot site',
        kind: 'one_off',
        dueDate: '2019-03-31',
        leadPersonIds: [lena],
        restricted: 'yes',
        exemptParagraph: '3',
      });
      const committee = await s.committees.createCommittee(admin, { name: 'Cabinet' });
      const meeting = await s.committees.createMeeting(admin, { committeeId: committee, date: '2018-11-15' });
      ids = { plan, open, secret, h1, h2, meeting };
      await s.progress.recordUpdate(admin, open, { periodId: h1, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 40, narrative: 'Register drafted.' }, { recordedAt: '2018-10-01T09:00:00.000Z' });
    });

    test('only someone with access to restricted items may restrict an action, and must name the category', async () => {
      const s = ctx.services;
      const input = { objectiveId: (await s.plans.objectives(admin, ids.plan))[0]!.id, title: 'Another', kind: 'one_off' };
      await fieldError(s.actions.create(officer, ids.plan, { ...input, restricted: 'yes', exemptParagraph: '3' }), 'restricted');
      await fieldError(s.actions.create(cleared, ids.plan, { ...input, restricted: 'yes' }), 'exemptParagraph');
      await fieldError(s.actions.create(cleared, ids.plan, { ...input, restricted: 'yes', exemptParagraph: '9' }), 'exemptParagraph');
      assert.equal((await s.actions.detail(admin, ids.secret)).action.exempt_paragraph, 3);
    });

    test('readers without access do not see a restricted action anywhere; its address is not found', async () => {
      const s = ctx.services;
      for (const who of [viewer, officer, other]) {
        assert.deepEqual((await s.actions.list(who, s.actions.parseFilter({}))).map((a) => a.code), ['PRO01']);
        const plan = await s.plans.detail(who, ids.plan);
        assert.deepEqual(plan.objectives.flatMap((o) => o.actions).map((a) => a.code), ['PRO01']);
        assert.equal(plan.actionCount, 1);
        await assert.rejects(s.actions.detail(who, ids.secret), NotFoundError);
        await assert.rejects(s.progress.history(who, ids.secret), NotFoundError);
        await assert.rejects(s.audit.history(who, 'action', ids.secret), NotFoundError);
        const csv = (await s.exports.plan(who, ids.plan, 'csv')).body.toString('utf8');
        assert.match(csv, /PRO01/);
        assert.doesNotMatch(csv, /PRO02|depot/);
        const scope = await s.dashboards.scope(who, '2018-10-20');
        assert.equal(scope.positions.length, 1);
      }
      // A clashing code does not give away the restricted action's title.
      const objectiveId = (await s.plans.objectives(admin, ids.plan))[0]!.id;
      const clash = await s.actions.create(officer, ids.plan, { objectiveId, code: 'PRO02', title: 'Clash', kind: 'one_off' }).catch((e: unknown) => e);
      assert.deepEqual((clash as { fields?: Record<string, string> }).fields, { code: 'Action code PRO02 is already used in this plan' });
      // Editing it is refused as if it did not exist.
      await assert.rejects(s.actions.update(officer, ids.secret, 1, { objectiveId: 1, title: 'x', kind: 'one_off' }), NotFoundError);
    });

    test('people with access, admins and the action\'s own lead officer see it', async () => {
      const s = ctx.services;
      for (const who of [admin, cleared, lead]) {
        assert.deepEqual((await s.actions.list(who, s.actions.parseFilter({}))).map((a) => a.code).sort(), ['PRO01', 'PRO02'], String(who.userId));
        assert.equal((await s.actions.detail(who, ids.secret)).action.title, 'Negotiate the sale of the depot site');
      }
      // The lead officer records progress on it, as on any action they lead.
      assert.ok(await s.progress.recordUpdate(lead, ids.secret, { periodId: ids.h2, asAt: '2018-10-15', statusWord: 'IN PROGRESS', percentComplete: 50, narrative: 'Heads of terms agreed.' }));
    });

    test('a restricted update is hidden from those without access, who see the action as the earlier updates left it', async () => {
      const s = ctx.services;
      await s.progress.recordUpdate(lead, ids.secret, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', percentComplete: 80, narrative: 'Price agreed at £2.1m.', restricted: 'yes', exemptParagraph: '3' });
      // The restricted update is on an action the cleared officer and the lead see.
      const seen = async (who: Actor) => (await s.progress.history(who, ids.secret)).map((u) => u.narrative);
      assert.deepEqual(await seen(cleared), ['Price agreed at £2.1m.', 'Heads of terms agreed.']);
      assert.deepEqual(await seen(lead), ['Price agreed at £2.1m.', 'Heads of terms agreed.']);
      // On an open action, a restricted update hides from a reader without access.
      await s.progress.recordUpdate(admin, ids.open, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', percentComplete: 90, narrative: 'Valuations attached.', restricted: 'yes', exemptParagraph: '3' });
      const open = (await s.actions.detail(admin, ids.open)).action;
      const latest = async (who: Actor) => (await s.progress.positions(who, [open], '2018-10-20'))[0]!.latest?.narrative;
      assert.equal(await latest(viewer), 'Register drafted.');
      assert.equal(await latest(cleared), 'Valuations attached.');
      assert.deepEqual((await s.progress.history(viewer, ids.open)).map((u) => u.narrative), ['Register drafted.']);
      // A correction keeps the restriction of the update it corrects unless it says otherwise.
      const restrictedId = (await s.progress.history(admin, ids.open))[0]!.id;
      await fieldError(s.progress.recordUpdate(officer, ids.open, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', correctsId: restrictedId }), 'correctsId');
      const corrected = await s.progress.recordUpdate(admin, ids.open, { periodId: ids.h2, asAt: '2018-10-19', statusWord: 'IN PROGRESS', percentComplete: 92, correctsId: restrictedId });
      const row = await ctx.kysely.selectFrom('progress_updates').select('exempt_paragraph').where('id', '=', corrected).executeTakeFirstOrThrow();
      assert.equal(row.exempt_paragraph, 3);
    });

    test('a report to the public leaves restricted items out; a restricted report includes them and is itself hidden', async () => {
      const s = ctx.services;
      const base = { meetingId: ids.meeting, template: 'half-year', asOf: '2018-10-20', planIds: [ids.plan] };
      const open = await s.reports.create(cleared, { ...base, title: 'Property progress', restricted: 'no' });
      const openModel = JSON.stringify(await s.reports.model(cleared, open));
      assert.match(openModel, /PRO01/);
      assert.doesNotMatch(openModel, /PRO02|depot|Valuations attached/);
      assert.match(openModel, /Register drafted\./);
      const closed = await s.reports.create(cleared, { ...base, title: 'Depot disposal', restricted: 'yes', exemptParagraph: '3' });
      const closedModel = JSON.stringify(await s.reports.model(cleared, closed));
      assert.match(closedModel, /PRO02/);
      assert.match(closedModel, /Price agreed at £2\.1m\./);
      // Hidden from readers without access: not listed, not found, not even its history. (Neither
      // report is issued: the council lets councillors read drafts here, so only restriction hides.)
      const council = await s.organisation.council(admin);
      await s.organisation.updateSettings(admin, { name: council.name, yearStartMonth: String(council.year_start_month), actionRoles: council.roles.join('\n'), councillorsReadDrafts: 'yes' });
      assert.deepEqual((await s.reports.list(viewer)).map((r) => r.id), [open]);
      assert.deepEqual((await s.reports.list(cleared)).map((r) => r.id).sort(), [open, closed].sort());
      await assert.rejects(s.reports.detail(officer, closed), NotFoundError);
      await assert.rejects(s.audit.history(viewer, 'report', closed), NotFoundError);
      // Nobody hides a report from themselves.
      await fieldError(s.reports.create(officer, { ...base, title: 'Nope', restricted: 'yes', exemptParagraph: '3' }), 'restricted');
    });

    test('the history of an open action names a restricted one it points at only as that', async () => {
      const s = ctx.services;
      const objectiveId = (await s.plans.objectives(admin, ids.plan))[0]!.id;
      const next = await s.actions.create(admin, ids.plan, { objectiveId, code: 'PRO09', title: 'Follow-on works', kind: 'one_off', carriedFromId: ids.secret });
      const seen = JSON.stringify(await s.audit.history(viewer, 'action', next));
      assert.match(seen, /a restricted action/);
      assert.doesNotMatch(seen, /depot|PRO02/);
      assert.match(JSON.stringify(await s.audit.history(cleared, 'action', next)), /PRO02/);
      const d = await s.actions.detail(viewer, next);
      assert.deepEqual([d.carriedFrom, d.carriedFromHidden], [null, true]);
      assert.equal((await s.actions.detail(cleared, next)).carriedFrom?.code, 'PRO02');
    });

    test('an edit that does not mention the restriction keeps it (imports, older forms)', async () => {
      const s = ctx.services;
      const d = (await s.actions.detail(admin, ids.secret)).action;
      await s.actions.update(cleared, ids.secret, d.version, { objectiveId: d.objective_id, code: d.code, title: 'Sell the depot site', kind: d.kind, dueDate: d.due_date, leadPersonIds: [d.leads[0]!.id!] });
      assert.equal((await s.actions.detail(admin, ids.secret)).action.exempt_paragraph, 3);
      const after = (await s.actions.detail(admin, ids.secret)).action;
      await s.actions.update(cleared, ids.secret, after.version, { objectiveId: d.objective_id, code: d.code, title: 'Sell the depot site', kind: d.kind, dueDate: d.due_date, leadPersonIds: [d.leads[0]!.id!], restricted: 'no' });
      assert.equal((await s.actions.detail(viewer, ids.secret)).action.exempt_paragraph, null);
    });
  },
  { clock: () => TODAY },
);
