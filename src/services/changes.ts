import { compareLights, previousPeriod, summariseChanges, type ChangeSummary, type LightChange } from '../domain/light-change.ts';
import type { ActionRow } from '../db/repositories/index.ts';
import type { Actor, Deps } from './context.ts';
import { timelinePeriods, type Position } from './positions.ts';
import type { ProgressService } from './progress.ts';

// "Change since last quarter" for the plan and action pages: each action's light now against its
// light at the end of the previous reporting period of its year (src/domain/light-change.ts), read
// the same way as now (same viewer, same "as known on").

export interface Changes {
  summary: ChangeSummary;
  byAction: Map<number, LightChange>;
}

export class ChangeService {
  constructor(
    private readonly deps: Deps,
    private readonly progress: ProgressService,
  ) {}

  /**
   * How the actions of one plan year moved since the end of the period before `asOf`, given their
   * positions as at asOf. Null when there is no earlier period in the year (the first quarter).
   */
  async since(actor: Actor, now: readonly Position[], asOf: string, opts: { knownOn?: string | null } = {}): Promise<Changes | null> {
    const year = now[0]?.year;
    if (!year) return null;
    const { graceDays } = await this.progress.settings(actor);
    const periods = timelinePeriods(year, await this.deps.store.repos.planYears.periods(actor.tenantId, year.id), graceDays);
    const period = previousPeriod(periods, asOf);
    if (!period) return null;
    const since = { label: period.label, endDate: period.endDate };
    const actions: ActionRow[] = now.map((p) => p.action);
    const then = new Map((await this.progress.positions(actor, actions, period.endDate, { knownOn: opts.knownOn ?? null })).map((p) => [p.action.id, p.result]));
    const byAction = new Map<number, LightChange>();
    for (const p of now) {
      const before = then.get(p.action.id);
      if (!before) continue;
      byAction.set(
        p.action.id,
        compareLights({
          then: { rag: before.rag, percentComplete: before.percentComplete },
          now: { rag: p.result.rag, percentComplete: p.result.percentComplete },
          since,
          startDate: p.action.start_date ?? year.start_date,
          asOf,
        }),
      );
    }
    return { summary: summariseChanges(since, [...byAction.values()]), byAction };
  }
}
