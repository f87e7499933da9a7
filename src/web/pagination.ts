import { pageLinks, type Page } from '../domain/pagination.ts';

// The view model of a paginated list's navigation (views/partials/pagination.njk): the GOV.UK
// pagination component's parameters and the sentence that counts the whole list. Links keep the
// rest of the query string, so the filter, date and sort stay as chosen.

export interface PagerView {
  /** "Showing 51 to 100 of 3,416 actions". */
  summary: string;
  /** govukPagination's parameters; null when everything fits on one page. */
  govuk: {
    previous?: { href: string };
    next?: { href: string };
    items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
    landmarkLabel: string;
  } | null;
}

/** Rows a page of a long list of actions shows (the action list, the exceptions, a unit's actions). */
export const ACTIONS_PER_PAGE = 50;
export const ACTIONS_NOUN = { one: 'action', many: 'actions' };

const count = (n: number) => n.toLocaleString('en-GB');

/** `path` is the page's path; `query` its query string as given (its `page` is replaced). */
export function pager(p: Page, path: string, query: Record<string, unknown>, noun: { one: string; many: string }): PagerView {
  const keep = Object.entries(query).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v !== '') as [string, string][];
  const href = (page: number) => {
    const qs = new URLSearchParams(page === 1 ? keep : [...keep, ['page', String(page)]]).toString();
    return qs ? `${path}?${qs}` : path;
  };
  const what = p.total === 1 ? noun.one : noun.many;
  const summary = p.pages === 1 ? `${count(p.total)} ${what}` : `Showing ${count(p.from)} to ${count(p.to)} of ${count(p.total)} ${what}`;
  if (p.pages === 1) return { summary, govuk: null };
  return {
    summary,
    govuk: {
      ...(p.page > 1 ? { previous: { href: href(p.page - 1) } } : {}),
      ...(p.page < p.pages ? { next: { href: href(p.page + 1) } } : {}),
      items: pageLinks(p).map((n) => (n === null ? { ellipsis: true as const } : { number: n, href: href(n), current: n === p.page })),
      landmarkLabel: `Pages of ${noun.many}`,
    },
  };
}
