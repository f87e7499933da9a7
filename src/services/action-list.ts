import { z } from 'zod';
import { SORT_DIRECTIONS, SORT_KEYS, sortActions, type SortDirection, type SortKey } from '../domain/action-order.ts';
import { onPage, pageOf, type Page } from '../domain/pagination.ts';
import { RAGS, type RagResult } from '../domain/rag.ts';
import { STAGES } from '../domain/stages.ts';
import type { ActionFilterValues, ActionService, ActionWithLinks } from './actions.ts';
import type { Actor } from './context.ts';
import type { ProgressService } from './progress.ts';
import { validate, type Loose } from './validation.ts';

// The action list page: the actions a filter finds (actions.ts), narrowed by what their positions
// say as at a date (traffic light, stage) and sorted. Lights and stages are worked out, not stored,
// so narrowing or sorting by them reads every matching action's position before the page is cut.

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v);
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.preprocess(blankToNull, z.enum(values, { error: message }).nullable().default(null));

const viewSchema = z.object({
  light: optionalChoice(RAGS, 'Select a traffic light from the list'),
  stage: optionalChoice(STAGES, 'Select a stage from the list'),
  sort: optionalChoice(SORT_KEYS, 'Sort by code, action, due date, traffic light or lead officer'),
  order: optionalChoice(SORT_DIRECTIONS, 'Sort in ascending or descending order'),
});
export type ActionListViewInput = Loose<z.input<typeof viewSchema>>;
export interface ActionListView {
  light: (typeof RAGS)[number] | null;
  stage: (typeof STAGES)[number] | null;
  sort: SortKey | null;
  order: SortDirection;
}

export interface ActionListPage {
  /** The actions on the page asked for. */
  actions: ActionWithLinks[];
  /** Each listed action's position as at the date (none without a date). */
  results: Map<number, RagResult>;
  /** Which page of how many, and how many actions match in all. */
  page: Page;
}

export class ActionListService {
  constructor(
    private readonly actions: ActionService,
    private readonly progress: ProgressService,
  ) {}

  parseView(input: ActionListViewInput): ActionListView {
    const v = validate(viewSchema, input);
    return { light: v.light, stage: v.stage, sort: v.sort, order: v.order ?? 'asc' };
  }

  /**
   * One page of the matching actions (`page` from 1; past the last, the last). Every matching action
   * is read, so the count is of them all. `when.asOf` null (no plan year yet): no positions, so
   * nothing has a light or a stage.
   */
  async page(actor: Actor, filter: ActionFilterValues, view: ActionListView, when: { asOf: string | null; knownOn: string | null }, at: { page: number; perPage: number }): Promise<ActionListPage> {
    const byPosition = view.light !== null || view.stage !== null || view.sort !== null;
    let rows = await this.actions.list(actor, filter);
    // Without a sort or a filter on positions, only the page's actions need theirs.
    const counted = byPosition ? rows : onPage(rows, pageOf(rows.length, at.page, at.perPage));
    const positions = when.asOf ? await this.progress.positions(actor, counted, when.asOf, { knownOn: when.knownOn }) : [];
    const results = new Map(positions.map((p) => [p.action.id, p.result]));
    if (view.light) rows = rows.filter((a) => results.get(a.id)?.rag === view.light);
    if (view.stage) rows = rows.filter((a) => results.get(a.id)?.stage === view.stage);
    if (view.sort) {
      rows = sortActions(rows, view.sort, view.order, (a) => ({
        code: a.code,
        title: a.title,
        dueDate: a.revised_due_date ?? a.due_date,
        light: results.get(a.id)?.rag ?? null,
        lead: a.leads[0]?.name ?? null,
      }));
    }
    const page = pageOf(rows.length, at.page, at.perPage);
    return { actions: onPage(rows, page), results, page };
  }
}
