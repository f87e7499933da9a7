// Long lists (all actions, exceptions, a directorate's actions) are shown a page at a time, with
// counts that describe the whole list. Pages are numbered from 1; a page past the last shows the
// last, and an empty list has one (empty) page.

export interface Page {
  /** The page shown, 1 … pages. */
  page: number;
  pages: number;
  perPage: number;
  /** Items in the whole list. */
  total: number;
  /** The first and last item shown, counted from 1 (both 0 for an empty list). */
  from: number;
  to: number;
}

export function pageOf(total: number, requested: number | undefined, perPage: number): Page {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(pages, Math.max(1, Math.floor(requested ?? 1)));
  const from = total === 0 ? 0 : (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return { page, pages, perPage, total, from, to };
}

/** The items on the page. */
export function onPage<T>(items: readonly T[], p: Page): T[] {
  return items.slice(p.from === 0 ? 0 : p.from - 1, p.to);
}

/**
 * The page numbers to link, with null for a gap: always the first and the last, and the pages
 * either side of the one shown (the GOV.UK pagination pattern). A gap of one page is shown as the page.
 */
export function pageLinks(p: Page): (number | null)[] {
  const wanted = new Set([1, p.pages, p.page - 1, p.page, p.page + 1].filter((n) => n >= 1 && n <= p.pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (typeof last === 'number' && n - last === 2) out.push(last + 1);
    else if (typeof last === 'number' && n - last > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/** What a page shows of one group (an objective's actions): items `start` to `end` (end exclusive). */
export interface GroupSlice {
  /** The group's place in the list given. */
  index: number;
  start: number;
  end: number;
  /** Some of its items were on an earlier page (its heading says "continued"). */
  continued: boolean;
}

/**
 * Groups of items (objectives of a plan, with their actions) a page at a time, the items counted
 * across groups in order: each group shown on a page with the part of its items that fall on it.
 * A group with no items is shown on the page where the next item falls (after the last item: on the
 * last page), so that each group appears exactly once in the whole.
 */
export function groupsOnPage(sizes: readonly number[], p: Page): GroupSlice[] {
  const first = (p.page - 1) * p.perPage;
  const last = p.page * p.perPage;
  const out: GroupSlice[] = [];
  let offset = 0;
  for (const [index, size] of sizes.entries()) {
    if (size === 0) {
      if ((offset >= first && offset < last) || (offset >= p.total && p.page === p.pages)) out.push({ index, start: 0, end: 0, continued: false });
    } else {
      const start = Math.max(0, first - offset);
      const end = Math.min(size, last - offset);
      if (start < end) out.push({ index, start, end, continued: start > 0 });
    }
    offset += size;
  }
  return out;
}
