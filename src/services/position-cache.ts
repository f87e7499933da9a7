import type { TimelineUpdate } from '../domain/update-timeline.ts';
import type { ActionRow, PlanYearRow, ProgressUpdateRow, ReportingPeriodRow, Repos } from '../db/repositories/index.ts';
import { positionOf, positionsOf, timeline, timelinePeriods, type Position, type PositionOptions } from './positions.ts';
import type { TimelinePeriod } from '../domain/update-timeline.ts';
import type { Reader } from './visibility.ts';

// Positions computed once, not per page view (docs/architecture.md, "Positions").
//
// An action's position is a pure function of its own fields, its plan year and periods, the
// council's thresholds and grace, the updates that count for the reader, the as-at date and the day
// deadlines are judged on (positionOf). For an action whose updates are all approved and none
// restricted, the updates that count are the same for every reader, so its position is too: this
// cache keeps those, per council, for the as-at dates asked for recently, and computes the rest (an
// update awaiting sign-off or returned, a restricted update, "as known on" an earlier day) by the
// full path, positionsOf, every time.
//
// It is kept true by the council's positions version (migration 015): every committed write that
// can change a position's inputs raises it and notes which actions' updates changed (or that
// everything may have). Each call reads the version (one small query); when it has moved, the noted
// actions' updates are read again and their positions dropped — or, for a change to everything
// (plan years, periods, a plan's year, thresholds) or a gap in the notes, all is read again. Writes
// by another process (the CLI, a second server) move the same version, so they are seen too.

type TimelineRow = ProgressUpdateRow & TimelineUpdate;

interface Cached {
  /** The action fields its position depends on, as when it was computed. */
  fingerprint: string;
  position: Omit<Position, 'action'>;
}

interface Inputs {
  version: number;
  years: Map<number, PlanYearRow>;
  periods: ReportingPeriodRow[];
  /** Plan id → plan year id, filled in as plans are asked about. */
  yearOfPlan: Map<number, number>;
  /** Every update of each action, oldest recorded first (as positionsOf reads them). */
  updates: Map<number, TimelineRow[]>;
  /** Actions whose position can differ by reader: an update not (yet) approved, or restricted. */
  perReader: Set<number>;
  /** Positions by as-at date, judging day, thresholds and grace; the most recently used last. */
  computed: Map<string, Map<number, Cached>>;
}

/** How many (as-at date, judging day, settings) sets of positions each council keeps. */
const KEPT_DATES = 12;

const fingerprint = (a: ActionRow, yearId: number): string => `${yearId}|${a.kind}|${a.start_date ?? ''}|${a.due_date ?? ''}|${a.revised_due_date ?? ''}`;

const readerIndependent = (u: ProgressUpdateRow): boolean => u.approval === 'approved' && u.exempt_paragraph === null;

export class PositionCache {
  private readonly councils = new Map<number, Inputs>();
  private readonly loading = new Map<number, Promise<Inputs>>();
  /** What the cache did: positions computed, actions sent to the full path, full loads and partial refreshes. */
  readonly stats = { computed: 0, full: 0, loads: 0, refreshes: 0 };

  /**
   * The position of each action as at `asOf`, exactly as positionsOf gives it: from the cache where
   * it does not depend on the reader, by the full computation where it does.
   */
  async positions(r: Repos, reader: Reader, tenantId: number, actions: ActionRow[], asOf: string, opts: PositionOptions): Promise<Position[]> {
    if (!actions.length) return [];
    // "As known on" an earlier day filters updates by when they were recorded: the full path.
    if (opts.knownOn !== null) {
      this.stats.full += actions.length;
      return positionsOf(r, reader, tenantId, actions, asOf, opts);
    }
    const inputs = await this.current(r, tenantId);
    const missingPlans = [...new Set(actions.map((a) => a.plan_id))].filter((id) => !inputs.yearOfPlan.has(id));
    if (missingPlans.length) for (const p of await r.plans.yearIds(tenantId, missingPlans)) inputs.yearOfPlan.set(p.id, p.plan_year_id);

    const key = `${asOf}|${opts.today}|${opts.thresholds.green}|${opts.thresholds.amber}|${opts.graceDays}`;
    let computed = inputs.computed.get(key);
    if (computed) inputs.computed.delete(key);
    else computed = new Map();
    inputs.computed.set(key, computed);
    while (inputs.computed.size > KEPT_DATES) inputs.computed.delete(inputs.computed.keys().next().value!);

    const out: (Position | null)[] = [];
    const slow: ActionRow[] = [];
    const periodsOfYear = new Map<number, TimelinePeriod[]>();
    for (const action of actions) {
      const yearId = inputs.yearOfPlan.get(action.plan_id);
      const year = yearId === undefined ? undefined : inputs.years.get(yearId);
      if (!year || inputs.perReader.has(action.id)) {
        slow.push(action);
        out.push(null);
        continue;
      }
      const print = fingerprint(action, year.id);
      const hit = computed.get(action.id);
      if (hit && hit.fingerprint === print) {
        out.push({ action, ...hit.position });
        continue;
      }
      let periods = periodsOfYear.get(year.id);
      if (!periods) periodsOfYear.set(year.id, (periods = timelinePeriods(year, inputs.periods, opts.graceDays)));
      const { action: _, ...position } = positionOf(action, year, periods, inputs.updates.get(action.id) ?? [], { asOf, judgedOn: opts.today, thresholds: opts.thresholds });
      computed.set(action.id, { fingerprint: print, position });
      this.stats.computed += 1;
      out.push({ action, ...position });
    }
    if (!slow.length) return out as Position[];
    this.stats.full += slow.length;
    const full = new Map((await positionsOf(r, reader, tenantId, slow, asOf, opts)).map((p) => [p.action.id, p]));
    return out.map((p, i) => p ?? full.get(actions[i]!.id)!);
  }

  /** The council's inputs at (at least) its current positions version. */
  private async current(r: Repos, tenantId: number): Promise<Inputs> {
    const version = await r.tenants.positionsVersion(tenantId);
    for (;;) {
      const have = this.councils.get(tenantId);
      if (have && have.version >= version) return have;
      const running = this.loading.get(tenantId);
      if (running) {
        await running.catch(() => undefined);
        continue;
      }
      const load = this.refresh(r, tenantId, version, have).finally(() => this.loading.delete(tenantId));
      this.loading.set(tenantId, load);
      const got = await load;
      this.councils.set(tenantId, got);
      return got;
    }
  }

  /** Brings `have` up to `version`: only the noted actions when it can, otherwise everything. */
  private async refresh(r: Repos, tenantId: number, version: number, have: Inputs | undefined): Promise<Inputs> {
    if (have) {
      const changes = await r.tenants.positionsChanges(tenantId, have.version);
      const versions = new Set(changes.map((c) => c.version));
      const newest = Math.max(version, ...versions);
      // Every version since ours noted, and none changed everything: read just those actions again.
      if (versions.size === newest - have.version && changes.every((c) => c.action_id !== null)) {
        const ids = new Set(changes.map((c) => c.action_id!));
        const rows = await r.progress.forActions(tenantId, [...ids]);
        const updates = new Map(have.updates);
        const perReader = new Set(have.perReader);
        for (const id of ids) {
          updates.delete(id);
          perReader.delete(id);
        }
        group(rows, updates, perReader);
        this.stats.refreshes += 1;
        const computed = new Map([...have.computed].map(([key, byAction]) => [key, new Map([...byAction].filter(([id]) => !ids.has(id)))]));
        return { ...have, version: newest, updates, perReader, computed };
      }
    }
    // The version is read before the rows, so the rows are at least as new as it says.
    this.stats.loads += 1;
    const [years, periods, rows] = await Promise.all([r.planYears.list(tenantId), r.planYears.allPeriods(tenantId), r.progress.forTenant(tenantId)]);
    const updates = new Map<number, TimelineRow[]>();
    const perReader = new Set<number>();
    group(rows, updates, perReader);
    return { version, years: new Map(years.map((y) => [y.id, y])), periods, yearOfPlan: new Map(), updates, perReader, computed: new Map() };
  }
}

/** Adds update rows (oldest recorded first) to their actions' lists, noting actions whose position depends on the reader. */
function group(rows: readonly ProgressUpdateRow[], updates: Map<number, TimelineRow[]>, perReader: Set<number>): void {
  for (const u of rows) {
    const list = updates.get(u.action_id);
    if (list) list.push(timeline(u));
    else updates.set(u.action_id, [timeline(u)]);
    if (!readerIndependent(u)) perReader.add(u.action_id);
  }
}
