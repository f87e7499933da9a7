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
