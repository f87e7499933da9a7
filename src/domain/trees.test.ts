import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { descendantIds, wouldCycle } from './trees.ts';

const rows = [
  { id: 1, parent_id: null },
  { id: 2, parent_id: 1 },
  { id: 3, parent_id: 2 },
  { id: 4, parent_id: 1 },
  { id: 5, parent_id: null },
];

describe('trees', () => {
  it('collects a node and everything below it', () => {
    assert.deepEqual(descendantIds(rows, 1).sort(), [1, 2, 3, 4]);
    assert.deepEqual(descendantIds(rows, 3), [3]);
    assert.deepEqual(descendantIds(rows, 99), [99]);
  });

  it('detects a move under one of its own descendants', () => {
    assert.equal(wouldCycle(rows, 1, 3), true);
    assert.equal(wouldCycle(rows, 2, 2), true);
    assert.equal(wouldCycle(rows, 3, 4), false);
  });

  it('survives a cycle already in the data', () => {
    assert.deepEqual(descendantIds([{ id: 1, parent_id: 2 }, { id: 2, parent_id: 1 }], 1).sort(), [1, 2]);
  });
});
