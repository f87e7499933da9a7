import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import type { ReportModel } from '../reports/model.ts';
import { systemActor, type Actor } from './context.ts';

// Which update is an action's position, for whom: updates awaiting sign-off or returned stand only
// for the people who can act on them (its lead officer, the head of its service, performance officers
// and admins); councillors, other officers and committee reports read the latest approved update.

let now = new Date('2018-07-02T09:00:00Z');
const at = (iso: string) => {
  now = new Date(iso);
};

eachDialect(
  'positions and sign-off',
  (ctx) => {
    let admin: Actor;
    let lead: Actor; // leads ELE01
    let otherLead: Actor; // leads nothing here
    let head: Actor; // heads Electoral Services
    let councillor: Actor;
    let tenantId: number;
    const ids = { action: 0, q1: 0, q2: 0, q1Update: 0, q2Update: 0 };

    before(async () => {
      const s = ctx.services;
      tenantId = await s.councils.create({ slug: `pos-${ctx.dialect}`, name: 'Position Council' });
      admin = systemActor(tenantId);
      const dir = await s.organisation.createUnit(admin, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const ele = await s.organisation.createUnit(admin, { name: 'Electoral Services', code: 'ELE', kind: 'service', parentId: dir });
      const year = await s.years.create(admin, { label: '2018/19', scheme: 'quarters' });
      const periods = (await s.years.get(admin, year)).periods;
      ids.q1 = periods[0]!.id;
      ids.q2 = periods[1]!.id;
      const leadPerson = await s.organisation.createPerson(admin, { name: 'Lee Lead', email: 'lee@pos.gov.uk' });
      await s.organisation.createPerson(admin, { name: 'Olu Other', email: 'olu@pos.gov.uk' });
      await s.organisation.createPerson(admin, { name: 'Hana Head', email: 'hana@pos.gov.uk', orgUnitId: ele });
      const plan = await s.plans.create(admin, { orgUnitId: ele, planYearId: year, title: 'Electoral plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(admin, plan, { number: '1.1', title: 'Registers' });
      ids.action = await s.actions.create(admin, plan, { objectiveId, code: 'ELE01', title: 'Annual canvass', kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds: [leadPerson] });
      const user = (email: string, name: string, role: string) => s.auth.createUser(tenantId, { email, name, role, password: 'long-enough-password' });
      lead = { tenantId, userId: await user('lee@pos.gov.uk', 'Lee Lead', 'lead_officer'), role: 'lead_officer' };
      otherLead = { tenantId, userId: await user('olu@pos.gov.uk', 'Olu Other', 'lead_officer'), role: 'lead_officer' };
      head = { tenantId, userId: await user('hana@pos.gov.uk', 'Hana Head', 'head_of_service'), role: 'head_of_service' };
      councillor = { tenantId, userId: await user('cllr@pos.gov.uk', 'Cllr Grundy', 'viewer'), role: 'viewer' };
      await s.updateCycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' });

      // Q1 (to 30 June): recorded by the lead officer, approved by the head of service.
      at('2018-07-02T09:00:00Z');
      ids.q1Update = await s.progress.recordUpdate(lead, ids.action, { periodId: ids.q1, asAt: '2018-06-30', statusWord: 'IN PROGRESS', percentComplete: 25, narrative: 'Q1: canvass forms printed.' });
      await s.updateCycle.approve(head, ids.q1Update);
      // Q2 (to 30 September): recorded, then returned by the head of service.
      at('2018-10-02T09:00:00Z');
      ids.q2Update = await s.progress.recordUpdate(lead, ids.action, { periodId: ids.q2, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 90, narrative: 'Q2: nearly done (returned).' });
      await s.updateCycle.returnUpdate(head, ids.q2Update, { comment: 'Ninety per cent is not right.' });
    });

    const positionFor = async (who: Actor) => {
      const action = (await ctx.services.actions.forPlanYear(admin, 'ELE', '2018/19')).actions.find((a) => a.id === ids.action)!;
      return (await ctx.services.progress.positions(who, [action], '2018-10-02'))[0]!;
    };

    test('a councillor, and an officer who cannot act on the action, see the approved Q1 update, not the returned Q2 one', async () => {
      for (const who of [councillor, otherLead]) {
        const p = await positionFor(who);
        assert.equal(p.latest?.id, ids.q1Update, who.role);
        // Q1's 25% as at 30 June: the position reports on 30 June with its own narrative.
        assert.equal(p.latest?.percent_complete, 25);
        assert.equal(p.latest?.as_at, '2018-06-30');
      }
    });

    test('the lead officer, the head of service and a performance officer still see the returned update (labelled by its approval)', async () => {
      for (const who of [lead, head, admin]) {
        const p = await positionFor(who);
        assert.equal(p.latest?.id, ids.q2Update, who.role);
        assert.equal(p.latest?.approval, 'returned');
      }
    });

    test('an update awaiting sign-off is not the councillor’s position either', async () => {
      at('2018-10-03T09:00:00Z');
      const fixed = await ctx.services.progress.recordUpdate(lead, ids.action, { periodId: ids.q2, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 45, narrative: 'Q2 corrected.', correctsId: ids.q2Update });
      assert.equal((await positionFor(councillor)).latest?.id, ids.q1Update);
      assert.equal((await positionFor(lead)).latest?.id, fixed);
      // Once approved, it is everyone's position.
      await ctx.services.updateCycle.approve(head, fixed);
      assert.equal((await positionFor(councillor)).latest?.id, fixed);
    });

    test('a committee report never stands on a returned update, even when the council lets reports use updates not yet signed off', async () => {
      // A Q2 update approved (45%), then a later one returned (95%).
      at('2018-10-04T09:00:00Z');
      const s = ctx.services;
      const approved = await s.progress.recordUpdate(lead, ids.action, { periodId: ids.q2, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 45, narrative: 'Q2 approved.' }, { seenLatestId: Number.MAX_SAFE_INTEGER });
      await s.updateCycle.approve(head, approved);
      at('2018-10-05T09:00:00Z');
      const again = await s.progress.recordUpdate(lead, ids.action, { periodId: ids.q2, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 95, narrative: 'Q2 third go (returned).' }, { seenLatestId: Number.MAX_SAFE_INTEGER });
      await s.updateCycle.returnUpdate(head, again, { comment: 'No.' });
      assert.equal((await positionFor(councillor)).latest?.id, approved);
      await s.updateCycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'no' });
      const model = await ctx.services.reports.adHoc(admin, { year: '2018/19', orgCodes: ['ELE'], asOf: '2018-10-05', template: 'half-year' });
      const row = (m: ReportModel) => m.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows) : [])).find((r) => r.code === 'ELE01');
      // The approved Q2 update stands; the returned one after it does not.
      assert.equal(row(model)?.narrative, 'Q2 approved.');
    });
  },
  { clock: () => now },
);
