import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupsOnPage, onPage, pageLinks, pageOf } from './pagination.ts';

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

test('groupsOnPage: groups cut at page ends, each shown once, empty groups where the next item falls', () => {
  // [sizes, perPage, page] → [index, start, end, continued] per group shown, worked out by hand.
  const cases: [number[], number, number, [number, number, number, boolean][]][] = [
    // Everything fits: every group whole, empty ones too.
    [[2, 0, 3], 50, 1, [[0, 0, 2, false], [1, 0, 0, false], [2, 0, 3, false]]],
    // 5 items, 2 a page. Page 1: items 0–1 (all of group 0); the empty group sits at item 2 → page 2.
    [[2, 0, 3], 2, 1, [[0, 0, 2, false]]],
    [[2, 0, 3], 2, 2, [[1, 0, 0, false], [2, 0, 2, false]]],
    // Page 3: item 4, the last of group 2, whose first two were on page 2.
    [[2, 0, 3], 2, 3, [[2, 2, 3, true]]],
    // One group larger than a page runs over three pages.
    [[7], 3, 2, [[0, 3, 6, true]]],
    [[7], 3, 3, [[0, 6, 7, true]]],
    // A trailing empty group comes after the last item: on the last page only.
    [[2, 2, 0], 2, 1, [[0, 0, 2, false]]],
    [[2, 2, 0], 2, 2, [[1, 0, 2, false], [2, 0, 0, false]]],
    // No items at all: the one page shows every (empty) group.
    [[0, 0], 50, 1, [[0, 0, 0, false], [1, 0, 0, false]]],
    // A page asked past the end is the last (pageOf's rule).
    [[1, 1, 1], 1, 9, [[2, 0, 1, false]]],
  ];
  for (const [sizes, perPage, page, want] of cases) {
    const total = sizes.reduce((a, b) => a + b, 0);
    const got = groupsOnPage(sizes, pageOf(total, page, perPage)).map((g) => [g.index, g.start, g.end, g.continued]);
    assert.deepEqual(got, want, `${JSON.stringify(sizes)} per ${perPage}, page ${page}`);
  }
});
