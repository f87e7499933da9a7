import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allows, AUDIENCES, canApproveUpdate, canEditPlan, canRestrict, canSeeAction, canSeeReport, canSeeUpdate, canUpdateAction, hasClearance, reportAudience, ROUTE_RULES } from './permissions.ts';

describe('route rules', () => {
  test('each rule widens from admin to public', () => {
    const reach = (rule: (typeof ROUTE_RULES)[number]) => AUDIENCES.filter((a) => allows(rule, a)).length;
    assert.deepEqual(ROUTE_RULES.map(reach), [6, 5, 5, 4, 3, 2, 1]);
    assert.equal(allows('admin', 'performance_officer'), false);
    assert.equal(allows('read', 'anonymous'), false);
  });
});

describe('scoped rules', () => {
  const action = { unitId: 7, leadPersonIds: [21] };
  test('progress updates: council-wide roles anywhere, heads of service in their units, lead officers on their own actions', () => {
    assert.equal(canUpdateAction({ role: 'performance_officer', personId: null, unitIds: [] }, action), true);
    assert.equal(canUpdateAction({ role: 'head_of_service', personId: 3, unitIds: [5, 7] }, action), true);
    assert.equal(canUpdateAction({ role: 'head_of_service', personId: 3, unitIds: [5] }, action), false);
    assert.equal(canUpdateAction({ role: 'lead_officer', personId: 21, unitIds: [] }, action), true);
    assert.equal(canUpdateAction({ role: 'lead_officer', personId: 22, unitIds: [7] }, action), false);
    assert.equal(canUpdateAction({ role: 'viewer', personId: 21, unitIds: [7] }, action), false);
  });
  test('progress updates: the union of "leads this action" and "heads this unit", for every role that updates', () => {
    // Worked by hand. The action belongs to unit 7 and is led by person 21.
    const cases: [string, Parameters<typeof canUpdateAction>[0], boolean][] = [
      ['head of service leading an action outside their units', { role: 'head_of_service', personId: 21, unitIds: [5] }, true],
      ['head of service heading the unit, not leading', { role: 'head_of_service', personId: 3, unitIds: [7] }, true],
      ['head of service leading and heading', { role: 'head_of_service', personId: 21, unitIds: [7] }, true],
      ['head of service neither leading nor heading', { role: 'head_of_service', personId: 3, unitIds: [5] }, false],
      ['head of service without a person record, heading another unit', { role: 'head_of_service', personId: null, unitIds: [5] }, false],
      ['lead officer leading the action', { role: 'lead_officer', personId: 21, unitIds: [5] }, true],
      // A lead officer's role heads nothing: being in the unit is not enough.
      ['lead officer in the unit, not leading', { role: 'lead_officer', personId: 22, unitIds: [7] }, false],
      ['viewer named as the lead', { role: 'viewer', personId: 21, unitIds: [7] }, false],
      ['performance officer, unrelated', { role: 'performance_officer', personId: 3, unitIds: [] }, true],
      ['admin, unrelated', { role: 'admin', personId: null, unitIds: [] }, true],
    ];
    for (const [name, reach, expected] of cases) assert.equal(canUpdateAction(reach, action), expected, name);
  });
  test('approvals: never one’s own update', () => {
    assert.equal(canApproveUpdate({ role: 'admin', personId: null, unitIds: [], userId: 1 }, action, 1), false);
    assert.equal(canApproveUpdate({ role: 'admin', personId: null, unitIds: [], userId: 1 }, action, 2), true);
    assert.equal(canApproveUpdate({ role: 'head_of_service', personId: 3, unitIds: [7], userId: 4 }, action, 2), true);
    assert.equal(canApproveUpdate({ role: 'head_of_service', personId: 3, unitIds: [8], userId: 4 }, action, 2), false);
    assert.equal(canApproveUpdate({ role: 'lead_officer', personId: 21, unitIds: [7], userId: 5 }, action, 2), false);
  });
});

describe('restricted items', () => {
  const none = { clearance: false, personId: 4, userId: 9 };
  const cleared = { clearance: true, personId: null, userId: 1 };
  test('admins always have access; others when their account says so', () => {
    assert.equal(hasClearance('admin', false), true);
    assert.equal(hasClearance('performance_officer', false), false);
    assert.equal(hasClearance('viewer', true), true);
  });
  test('a restricted action: people with access and its own lead officers', () => {
    const secret = { exemptParagraph: 3, leadPersonIds: [4] };
    assert.equal(canSeeAction(cleared, secret), true);
    assert.equal(canSeeAction(none, secret), true);
    assert.equal(canSeeAction({ ...none, personId: 5 }, secret), false);
    assert.equal(canSeeAction({ ...none, personId: null }, { exemptParagraph: 3, leadPersonIds: [] }), false);
    assert.equal(canSeeAction({ ...none, personId: 5 }, { exemptParagraph: null, leadPersonIds: [] }), true);
  });
  test('a restricted update: people with access, its author and the action\'s lead officers', () => {
    const update = { exemptParagraph: 1, authorUserId: 9 };
    assert.equal(canSeeUpdate(none, update, { leadPersonIds: [] }), true); // the author
    assert.equal(canSeeUpdate({ ...none, userId: 8 }, update, { leadPersonIds: [4] }), true); // a lead officer
    assert.equal(canSeeUpdate({ ...none, userId: 8 }, update, { leadPersonIds: [7] }), false);
    assert.equal(canSeeUpdate({ clearance: true, personId: null, userId: 2 }, update, { leadPersonIds: [] }), true);
  });
  test('reports: restricted ones only with access; a report\'s audience is its own restriction', () => {
    assert.equal(canSeeReport(none, { restricted: true }), false);
    assert.equal(canSeeReport(none, { restricted: false }), true);
    assert.equal(canSeeReport(cleared, { restricted: true }), true);
    assert.deepEqual(reportAudience(false), { clearance: false, personId: null, userId: null });
    assert.equal(canSeeAction(reportAudience(false), { exemptParagraph: 3, leadPersonIds: [4] }), false);
    assert.equal(canSeeAction(reportAudience(true), { exemptParagraph: 3, leadPersonIds: [] }), true);
    assert.equal(canRestrict(none), false);
    assert.equal(canRestrict(cleared), true);
  });
});

describe('plan scope', () => {
  test('heads of service change only their units\' plans; lead officers and viewers none', () => {
    assert.equal(canEditPlan({ role: 'head_of_service', personId: 1, unitIds: [3, 4] }, 4), true);
    assert.equal(canEditPlan({ role: 'head_of_service', personId: 1, unitIds: [3] }, 4), false);
    assert.equal(canEditPlan({ role: 'performance_officer', personId: null, unitIds: [] }, 4), true);
    assert.equal(canEditPlan({ role: 'lead_officer', personId: 1, unitIds: [4] }, 4), false);
    assert.equal(canEditPlan({ role: 'viewer', personId: 1, unitIds: [4] }, 4), false);
  });
});
