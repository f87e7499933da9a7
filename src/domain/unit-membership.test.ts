import assert from 'node:assert/strict';
import { test } from 'node:test';
import { belongsToUnit, leadUnitIds, unitScope } from './unit-membership.ts';

// A council (1) with a department (2) holding two services (3, 4); a team (5) under service 3; and a
// second department (6).
const UNITS = [
  { id: 1, parent_id: null },
  { id: 2, parent_id: 1 },
  { id: 3, parent_id: 2 },
  { id: 4, parent_id: 2 },
  { id: 5, parent_id: 3 },
  { id: 6, parent_id: 1 },
];

test('an action belongs to a unit through its plan or through a lead officer, at or under the unit', () => {
  const cases: [string, number, { planUnitId: number; leadUnitIds: (number | null)[] }, boolean][] = [
    ['the plan is the unit’s', 3, { planUnitId: 3, leadUnitIds: [] }, true],
    ['the plan is a team’s under the unit', 3, { planUnitId: 5, leadUnitIds: [] }, true],
    ['a department plan led by an officer of the service', 3, { planUnitId: 2, leadUnitIds: [3] }, true],
    ['a department plan led by an officer of a team under the service', 3, { planUnitId: 2, leadUnitIds: [5] }, true],
    ['a department plan led by an officer of the other service', 3, { planUnitId: 2, leadUnitIds: [4] }, false],
    ['a joint action: one of its leads is enough', 4, { planUnitId: 2, leadUnitIds: [3, 4] }, true],
    ['a lead with no unit', 3, { planUnitId: 2, leadUnitIds: [null] }, false],
    ['another department’s plan led by the service’s officer', 3, { planUnitId: 6, leadUnitIds: [3] }, true],
    ['the department takes in its services’ officers', 2, { planUnitId: 6, leadUnitIds: [5] }, true],
    ['a service does not take in its department’s plan by itself', 3, { planUnitId: 2, leadUnitIds: [] }, false],
  ];
  for (const [name, unit, action, expected] of cases) assert.equal(belongsToUnit(unitScope(UNITS, unit), action), expected, name);
});

test('lead units come from the people among the leads', () => {
  const unitOfPerson = new Map<number, number | null>([
    [10, 3],
    [11, null],
  ]);
  // A name with no person is left out; a person with no unit, or unknown, gives null.
  assert.deepEqual(leadUnitIds([{ id: 10 }, { id: null }, { id: 11 }, { id: 99 }], unitOfPerson), [3, null, null]);
});
