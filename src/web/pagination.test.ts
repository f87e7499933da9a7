import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageOf } from '../domain/pagination.ts';
import { pager } from './pagination.ts';

const actions = { one: 'action', many: 'actions' };

test('one page: the count alone, no links', () => {
  assert.deepEqual(pager(pageOf(1, 1, 50), '/actions', {}, actions), { summary: '1 action', govuk: null });
  assert.deepEqual(pager(pageOf(0, 1, 50), '/actions', {}, actions), { summary: '0 actions', govuk: null });
});

test('a middle page links either way and keeps the query, page 1 without ?page', () => {
  // 3,416 actions, 50 a page: page 2 shows 51 to 100 of 69 pages.
  const v = pager(pageOf(3416, 2, 50), '/actions', { service: '7', light: 'red', page: '2', search: '' }, actions);
  assert.equal(v.summary, 'Showing 51 to 100 of 3,416 actions');
  assert.deepEqual(v.govuk, {
    previous: { href: '/actions?service=7&light=red' },
    next: { href: '/actions?service=7&light=red&page=3' },
    items: [
      { number: 1, href: '/actions?service=7&light=red', current: false },
      { number: 2, href: '/actions?service=7&light=red&page=2', current: true },
      { number: 3, href: '/actions?service=7&light=red&page=3', current: false },
      { ellipsis: true },
      { number: 69, href: '/actions?service=7&light=red&page=69', current: false },
    ],
    landmarkLabel: 'Pages of actions',
  });
});

test('the last page has no next link', () => {
  const v = pager(pageOf(120, 3, 50), '/dashboards/exceptions', {}, actions);
  assert.equal(v.summary, 'Showing 101 to 120 of 120 actions');
  assert.equal(v.govuk?.next, undefined);
  assert.deepEqual(v.govuk?.previous, { href: '/dashboards/exceptions?page=2' });
});
