import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffPlans, fieldLabel, showValue, type PlanSnapshot } from './plan-diff.ts';

const v1: PlanSnapshot = {
  plan: { title: 'Communications plan', vision: null },
  goals: [{ id: 1, label: 'Goal 1', fields: { number: '1', title: 'Open council' } }],
  objectives: [
    { id: 10, label: '1.1 Webcast', fields: { number: '1.1', title: 'Webcast', why: null } },
    { id: 11, label: '1.2 Old', fields: { number: '1.2', title: 'Old', why: null } },
  ],
  actions: [{ id: 100, label: 'A1 Buy cameras', fields: { code: 'A1', title: 'Buy cameras', due_date: '2026-06-30', leads: ['Ann'] } }],
};

describe('plan diff', () => {
  it('finds nothing between a snapshot and itself', () => {
    const d = diffPlans(v1, structuredClone(v1));
    assert.equal(d.same, true);
    assert.deepEqual(d.actions, { added: [], removed: [], changed: [] });
  });

  it('lists added, removed and changed items field by field', () => {
    const v2: PlanSnapshot = {
      plan: { title: 'Communications plan', vision: 'Clear information' },
      goals: v1.goals,
      objectives: [v1.objectives[0]!, { id: 12, label: '1.3 New', fields: { number: '1.3', title: 'New', why: 'Because' } }],
      actions: [
        { id: 100, label: 'A1 Buy cameras', fields: { code: 'A1', title: 'Buy cameras', due_date: '2026-09-30', leads: ['Ann', 'Bob'] } },
        { id: 101, label: 'A2 Train staff', fields: { code: 'A2', title: 'Train staff', due_date: null, leads: [] } },
      ],
    };
    const d = diffPlans(v1, v2);
    assert.equal(d.same, false);
    assert.deepEqual(d.plan, [{ field: 'vision', before: null, after: 'Clear information' }]);
    assert.deepEqual(d.objectives.added.map((o) => o.id), [12]);
    assert.deepEqual(d.objectives.removed.map((o) => o.id), [11]);
    assert.deepEqual(d.objectives.changed, []);
    assert.deepEqual(d.actions.added.map((a) => a.label), ['A2 Train staff']);
    assert.deepEqual(d.actions.changed, [
      {
        id: 100,
        label: 'A1 Buy cameras',
        changes: [
          { field: 'due_date', before: '2026-06-30', after: '2026-09-30' },
          { field: 'leads', before: ['Ann'], after: ['Ann', 'Bob'] },
        ],
      },
    ]);
  });

  it('treats a field missing on one side as blank', () => {
    const d = diffPlans(v1, { ...v1, plan: { title: 'Communications plan' } });
    assert.equal(d.same, true);
  });

  it('names fields and values for people', () => {
    assert.equal(fieldLabel('due_date'), 'Due date');
    assert.equal(fieldLabel('priorityIds'), 'Priority ids');
    assert.equal(showValue(null), '(none)');
    assert.equal(showValue([]), '(none)');
    assert.equal(showValue(['Ann', 'Bob']), 'Ann; Bob');
    assert.equal(showValue(3), '3');
  });
});
