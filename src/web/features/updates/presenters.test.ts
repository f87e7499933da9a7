import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { pendingPage } from './presenters.ts';

const row = {
  id: 61,
  tenant_id: 1,
  exempt_paragraph: null,
  action_id: 31,
  action_code: '26-DEM01',
  action_title: 'Webcast meetings',
  unit_id: 3,
  period_id: 5,
  period_label: 'Quarter 2',
  as_at: '2026-09-30',
  status_word: 'IN PROGRESS',
  percent_complete: 0,
  narrative: 'Cameras ordered',
  author_user_id: 9,
  author_name: 'Lee Officer',
  recorded_at: '2026-10-03T10:15:00.000Z',
  approval: 'pending',
  return_comment: null,
};

describe('sign-off presenter', () => {
  it('pendingPage: updates in camelCase with their dates written out, and the periods to chase', () => {
    const vm = pendingPage({
      pending: { toApprove: [row], mine: [{ ...row, id: 62, approval: 'returned', return_comment: 'Add the cost' }], canApprove: true },
      requireApproval: true,
      chaseable: [{ periodId: 5, label: 'Quarter 2', due: '2026-10-15', overdue: true, actionsWithoutUpdate: 4, leads: 2 }],
      bulk: { decision: 'approve', done: [{ id: 60, label: '26-DEM02 (Quarter 2)' }], failed: [] },
    });
    assert.deepEqual(vm, {
      title: 'Updates awaiting sign-off',
      section: 'updates',
      requireApproval: true,
      canApprove: true,
      toApprove: [
        {
          id: 61,
          actionId: 31,
          actionCode: '26-DEM01',
          actionTitle: 'Webcast meetings',
          periodLabel: 'Quarter 2',
          statusWord: 'IN PROGRESS',
          percentComplete: 0,
          asAt: '30 September 2026',
          narrative: 'Cameras ordered',
          authorName: 'Lee Officer',
          recordedAt: '3 October 2026',
          returned: false,
          returnComment: null,
        },
      ],
      mine: [
        {
          id: 62,
          actionId: 31,
          actionCode: '26-DEM01',
          actionTitle: 'Webcast meetings',
          periodLabel: 'Quarter 2',
          statusWord: 'IN PROGRESS',
          percentComplete: 0,
          asAt: '30 September 2026',
          narrative: 'Cameras ordered',
          authorName: 'Lee Officer',
          recordedAt: '3 October 2026',
          returned: true,
          returnComment: 'Add the cost',
        },
      ],
      chaseable: [{ periodId: 5, label: 'Quarter 2', due: '15 October 2026', overdue: true, actionsWithoutUpdate: 4, leads: 2 }],
      errors: undefined,
      comments: {},
      bulk: { decision: 'approve', done: [{ label: '26-DEM02 (Quarter 2)' }], failed: [] },
      selected: [],
      bulkComment: '',
      errorAnchors: { 'bulk-updates': 'bulk-select-61', 'bulk-decision': 'bulk-approve' },
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('pendingPage: nothing to approve and nobody to chase', () => {
    const vm = pendingPage({ pending: { toApprove: [], mine: [], canApprove: false }, requireApproval: false, chaseable: null });
    assert.deepEqual([vm.chaseable, vm.bulk, vm.errorAnchors['bulk-updates']], [null, null, 'bulk-updates']);
  });
});
