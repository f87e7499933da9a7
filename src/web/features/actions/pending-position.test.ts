import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type TestApp } from '../../../../test/support/http.ts';

// The action page's position: a councillor reads the last approved update; the lead officer whose
// update was returned sees theirs, labelled as returned.

describe('action position and sign-off', () => {
  let t: TestApp;
  let actionId: number;
  let now = new Date('2018-07-02T09:00:00Z');

  before(async () => {
    t = await testApp({ clock: () => now });
    const s = t.services;
    const c = await createCouncil(s, { slug: 'loxley', name: 'Loxley Barrett Council', email: 'admin@loxley.example.gov.uk' });
    const admin = systemActor(c.tenantId);
    const dir = await s.organisation.createUnit(admin, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const unit = await s.organisation.createUnit(admin, { name: 'Marketing', code: 'MKT', kind: 'service', parentId: dir });
    const year = await s.years.create(admin, { label: '2018/19', scheme: 'quarters' });
    const [q1, q2] = (await s.years.get(admin, year)).periods;
    const leadPerson = await s.organisation.createPerson(admin, { name: 'Lily Lead', email: 'lily@loxley.example.gov.uk' });
    const plan = await s.plans.create(admin, { orgUnitId: unit, planYearId: year, title: 'Marketing plan', kind: 'service_improvement_plan' });
    const objectiveId = await s.plans.createObjective(admin, plan, { number: '1.1', title: 'Reach' });
    actionId = await s.actions.create(admin, plan, { objectiveId, code: 'MKT01', title: 'E-newsletter', kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds: [leadPerson] });
    const leadId = await s.auth.createUser(c.tenantId, { email: 'lily@loxley.example.gov.uk', name: 'Lily Lead', role: 'lead_officer', password: TEST_PASSWORD });
    await s.auth.createUser(c.tenantId, { email: 'cllr@loxley.example.gov.uk', name: 'Cllr Snell', role: 'viewer', password: TEST_PASSWORD });
    await s.updateCycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' });
    const lead = { tenantId: c.tenantId, userId: leadId, role: 'lead_officer' };
    const first = await s.progress.recordUpdate(lead, actionId, { periodId: q1!.id, asAt: '2018-06-30', statusWord: 'ONGOING', percentComplete: 20, narrative: 'Engagement at 45%.' });
    await s.updateCycle.approve(admin, first);
    now = new Date('2018-10-02T09:00:00Z');
    const second = await s.progress.recordUpdate(lead, actionId, { periodId: q2!.id, asAt: '2018-09-30', statusWord: 'ONGOING', percentComplete: 80, narrative: 'Engagement at 90%.' });
    await s.updateCycle.returnUpdate(admin, second, { comment: 'Check the figure.' });
  });
  after(() => t.close());

  it('shows a councillor the approved Q1 update as the position', async () => {
    const cllr = await signedInClient(t.app, 'cllr@loxley.example.gov.uk');
    const text = pageText((await cllr.get(`/actions/${actionId}?asOf=2018-10-02`)).body);
    // Q1's as-at date is 30 June 2018 and its narrative the approved one.
    assert.match(text, /% complete 20% .*Latest update As at 30 June 2018, Quarter 1 \(April to June\) Progress Engagement at 45%\./);
    assert.doesNotMatch(text, /% complete 80%/);
    assert.doesNotMatch(text, /returned: others see/);
  });

  it('shows the lead officer their returned update, labelled', async () => {
    const lily = await signedInClient(t.app, 'lily@loxley.example.gov.uk');
    const text = pageText((await lily.get(`/actions/${actionId}?asOf=2018-10-02`)).body);
    assert.match(text, /% complete 80% .*Latest update As at 30 September 2018, Quarter 2 \(July to September\) \(returned: others see the last approved update\) Progress Engagement at 90%\./);
  });
});
