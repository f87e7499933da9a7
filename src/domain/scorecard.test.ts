import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lightSummary, scorecard } from './scorecard.ts';

test('counts the lights worst first, and the overdue and not updated', () => {
  // Two red (one overdue), one not updated, three green, one complete.
  const card = scorecard([
    { rag: 'green', overdue: false },
    { rag: 'red', overdue: true },
    { rag: 'complete', overdue: false },
    { rag: 'green', overdue: false },
    { rag: 'not_updated', overdue: false },
    { rag: 'red', overdue: false },
    { rag: 'green', overdue: false },
  ]);
  assert.equal(card.total, 7);
  assert.deepEqual(card.byLight, [
    { rag: 'red', count: 2 },
    { rag: 'not_updated', count: 1 },
    { rag: 'amber', count: 0 },
    { rag: 'green', count: 3 },
    { rag: 'not_due', count: 0 },
    { rag: 'complete', count: 1 },
    { rag: 'closed', count: 0 },
  ]);
  assert.equal(card.overdue, 1);
  assert.equal(card.notUpdated, 1);
  assert.equal(lightSummary(card), '2 red, 1 not updated, 3 green, 1 complete');
});

test('an empty plan has no actions to count', () => {
  const card = scorecard([]);
  assert.equal(card.total, 0);
  assert.equal(card.overdue, 0);
  assert.equal(lightSummary(card), 'No actions');
});
