import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allows, AUDIENCES, canApproveUpdate, canUpdateAction, ROUTE_RULES } from './permissions.ts';

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
  test('approvals: never one’s own update', () => {
    assert.equal(canApproveUpdate({ role: 'admin', personId: null, unitIds: [], userId: 1 }, action, 1), false);
    assert.equal(canApproveUpdate({ role: 'admin', personId: null, unitIds: [], userId: 1 }, action, 2), true);
    assert.equal(canApproveUpdate({ role: 'head_of_service', personId: 3, unitIds: [7], userId: 4 }, action, 2), true);
    assert.equal(canApproveUpdate({ role: 'head_of_service', personId: 3, unitIds: [8], userId: 4 }, action, 2), false);
    assert.equal(canApproveUpdate({ role: 'lead_officer', personId: 21, unitIds: [7], userId: 5 }, action, 2), false);
  });
});
