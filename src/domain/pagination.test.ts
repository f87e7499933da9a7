import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onPage, pageLinks, pageOf } from './pagination.ts';

test('pageOf: which page, and which items, worked out by hand', () => {
  // [total, requested, perPage] → [page, pages, from, to]
  const cases: [number, number | undefined, number, [number, number, number, number]][] = [
    [0, undefined, 50, [1, 1, 0, 0]], // an empty list has one empty page
    [1, undefined, 50, [1, 1, 1, 1]],
    [50, 1, 50, [1, 1, 1, 50]], // exactly one full page
    [51, 2, 50, [2, 2, 51, 51]], // the 51st item alone on page 2
    [3416, 1, 50, [1, 69, 1, 50]], // 3416 = 68×50 + 16, so 69 pages
    [3416, 69, 50, [69, 69, 3401, 3416]],
    [3416, 70, 50, [69, 69, 3401, 3416]], // past the last: the last
    [3416, 0, 50, [1, 69, 1, 50]], // before the first: the first
    [120, 2.7, 50, [2, 3, 51, 100]], // a fraction counts down
  ];
  for (const [total, requested, perPage, [page, pages, from, to]] of cases) {
    assert.deepEqual(pageOf(total, requested, perPage), { page, pages, perPage, total, from, to }, `${total} items, page ${requested}`);
  }
});

test('onPage takes the page’s items', () => {
  const items = Array.from({ length: 7 }, (_, i) => i + 1);
  assert.deepEqual(onPage(items, pageOf(7, 2, 3)), [4, 5, 6]);
  assert.deepEqual(onPage(items, pageOf(7, 3, 3)), [7]);
  assert.deepEqual(onPage([], pageOf(0, 1, 3)), []);
});

test('pageLinks: first, last and either side of the current page, gaps as null', () => {
  // [page, pages] → links
  const cases: [number, number, (number | null)[]][] = [
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [1, 5, [1, 2, null, 5]],
    [3, 5, [1, 2, 3, 4, 5]], // 1 and 5 are each next to a neighbour of 3
    [4, 7, [1, 2, 3, 4, 5, 6, 7]], // a gap of one page (2, 6) is shown as that page
    [10, 40, [1, null, 9, 10, 11, null, 40]],
    [40, 40, [1, null, 39, 40]],
  ];
  for (const [page, pages, links] of cases) assert.deepEqual(pageLinks(pageOf(pages * 10, page, 10)), links, `page ${page} of ${pages}`);
});
