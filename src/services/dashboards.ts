import { formatUkDate } from '../domain/dates.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { periodLocked } from '../domain/plan-years.ts';
import { rollup, type Rollup } from '../domain/rag.ts';
import { scorecard, type Scorecard } from '../domain/scorecard.ts';
import { STAGES } from '../domain/stages.ts';
import { belongsToUnit, leadUnitIds, unitScope } from '../domain/unit-membership.ts';
import type { OrgUnitRow, PersonRow, PlanYearRow, ReportingPeriodRow } from '../db/repositories/index.ts';
import type { ActionFilterValues, ActionService, ActionWithLinks } from './actions.ts';
import type { Actor, Deps } from './context.ts';
import type { Position, ProgressService } from './progress.ts';

// Roll-ups, dashboards and exceptions: the whole council's position at a glance, as at any date.

export interface PositionRow extends Position {
  action: ActionWithLinks;
}

export interface RollupRow {
  id: number;
  label: string;
  href: string;
  rollup: Rollup;
}

/** The date a position is shown at: `asOf` (default today, or a past year's last reporting date) and, optionally, what was known on `knownOn`. */
export type When = string | undefined | { asOf?: string | undefined; knownOn?: string | undefined };

const whenOf = (w: When): { asOf: string | undefined; knownOn: string | undefined } => (typeof w === 'object' ? { asOf: w.asOf, knownOn: w.knownOn } : { asOf: w, knownOn: undefined });

export interface Scope {
  asOf: string;
  /** Only updates recorded by the end of this day count; null for what is known now. */
  knownOn: string | null;
  year: PlanYearRow;
  positions: PositionRow[];
  rollup: Rollup;
}

export interface StatusReport {
  asOf: string;
  /** What was known on this date; left out for what is known now. */
  knownOn?: string;
  actions: {
    code: string;
    title: string;
    stage: string;
    percentComplete: number | null;
    expectedPercent: number | null;
    rag: string;
    overdue: boolean;
    /** The latest update's override: applied when `rag` equals it; told beside overdue and not updated, which it never hides. */
    override: { rag: string; reason: string } | null;
    explanation: string;
  }[];
  summary: { byStage: Record<string, number>; byRag: Record<string, number> };
}

/** An action filter that narrows nothing. */
const NO_FILTER: ActionFilterValues = { service: null, year: null, objective: null, priority: null, pledge: null, person: null, lead: null, search: null, dueFrom: null, dueTo: null };

export const toRollup = (positions: Position[]): Rollup =>
  rollup(positions.map((p) => ({ stage: p.latest ? p.result.stage : null, rag: p.result.rag, percentComplete: p.result.percentComplete, weight: p.action.weight })));

/** The things a dashboard shows next to each other: rows of roll-ups for child scopes. */
function groupBy<K>(positions: PositionRow[], key: (p: PositionRow) => K[]): Map<K, PositionRow[]> {
  const out = new Map<K, PositionRow[]>();
  for (const p of positions) {
    for (const k of key(p)) {
      const list = out.get(k);
      if (list) list.push(p);
      else out.set(k, [p]);
    }
  }
  return out;
}

export class DashboardService {
  constructor(
    private readonly deps: Deps,
    private readonly actions: ActionService,
    private readonly progress: ProgressService,
  ) {}

  /** Positions of the actions in the plan year containing `asOf`, narrowed by an action filter. */
  async scope(actor: Actor, when: When, filter: { service?: number; priority?: number; pledge?: number; objective?: number; plan?: number } = {}): Promise<Scope> {
    const input = whenOf(when);
    const { asOf, year } = await this.progress.resolveAsOf(actor, input.asOf);
    const knownOn = this.progress.checkKnownOn(asOf, input.knownOn);
    let rows = await this.actions.list(actor, {
      ...NO_FILTER,
      year: year.id,
      service: filter.service ?? null,
      priority: filter.priority ?? null,
      pledge: filter.pledge ?? null,
      objective: filter.objective ?? null,
    });
    if (filter.plan) rows = rows.filter((a) => a.plan_id === filter.plan);
    const positions = (await this.progress.positions(actor, rows, asOf, { knownOn })) as PositionRow[];
    return { asOf, knownOn, year, positions, rollup: toRollup(positions) };
  }

  /** The council at a glance: one row per directorate and per service. */
  async council(actor: Actor, asOf: When): Promise<Scope & { directorates: RollupRow[]; services: RollupRow[] }> {
    const s = await this.scope(actor, asOf);
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    return { ...s, directorates: this.byTopUnit(s.positions, units), services: this.byUnit(s.positions, units) };
  }

  /** Any filtered scope (a corporate priority, a pledge) with one row per service. */
  async byService(actor: Actor, asOf: When, filter: { priority?: number; pledge?: number }): Promise<Scope & { services: RollupRow[] }> {
    const s = await this.scope(actor, asOf, filter);
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    return { ...s, services: this.byUnit(s.positions, units) };
  }

  /** A directorate, service or team with the units under it. */
  async unit(actor: Actor, unitId: number, asOf: When): Promise<Scope & { unit: OrgUnitRow; children: RollupRow[]; plans: RollupRow[] }> {
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    const unit = units.find((u) => u.id === unitId);
    if (!unit) throw new NotFoundError('Unit');
    const s = await this.scope(actor, asOf, { service: unitId });
    // A child's row counts its actions by the same rule as the unit's own (domain/unit-membership.ts):
    // a department plan's action led by an officer of one of its services is in that service's row.
    const people = await this.deps.store.repos.people.list(actor.tenantId);
    const unitOfPerson = new Map(people.map((p) => [p.id, p.org_unit_id]));
    const facts = (a: ActionWithLinks) => ({ planUnitId: a.orgUnitId, leadUnitIds: leadUnitIds(a.leads, unitOfPerson) });
    const childIds = units.filter((u) => u.parent_id === unitId);
    const children: RollupRow[] = childIds
      .map((c) => {
        const scope = unitScope(units, c.id);
        const mine = s.positions.filter((p) => belongsToUnit(scope, facts(p.action)));
        return { id: c.id, label: c.name, href: `/dashboards/units/${c.id}`, rollup: toRollup(mine) };
      })
      .filter((r) => r.rollup.total > 0);
    const plans = [...groupBy(s.positions, (p) => [p.action.plan_id]).entries()].map(([id, ps]) => ({ id, label: ps[0]!.action.planTitle, href: `/plans/${id}`, rollup: toRollup(ps) }));
    return { ...s, unit, children, plans };
  }

  /**
   * Each plan's scorecard for the plans list: its actions by light as at its year's default date
   * (today, or the year's last reporting date once it is over, or its first day before it starts).
   * One read of actions and positions per plan year shown.
   */
  async planScorecards(actor: Actor, plans: readonly { id: number; planYearId: number }[]): Promise<Map<number, { asOf: string; card: Scorecard }>> {
    const out = new Map<number, { asOf: string; card: Scorecard }>();
    const wanted = new Set(plans.map((p) => p.id));
    for (const yearId of new Set(plans.map((p) => p.planYearId))) {
      const { asOf } = await this.progress.resolveAsOf(actor, undefined, yearId);
      const rows = (await this.actions.list(actor, { ...NO_FILTER, year: yearId })).filter((a) => wanted.has(a.plan_id));
      const positions = await this.progress.positions(actor, rows, asOf);
      for (const p of plans.filter((x) => x.planYearId === yearId)) {
        out.set(p.id, { asOf, card: scorecard(positions.filter((x) => x.action.plan_id === p.id).map((x) => x.result)) });
      }
    }
    return out;
  }

  /** Objectives of one plan, each rolled up. */
  async objectives(positions: PositionRow[]): Promise<RollupRow[]> {
    return [...groupBy(positions, (p) => [p.action.objective_id]).entries()].map(([id, ps]) => ({
      id,
      label: `${ps[0]!.action.objectiveNumber ? `${ps[0]!.action.objectiveNumber} ` : ''}${ps[0]!.action.objectiveTitle}`,
      href: `/plans/${ps[0]!.action.plan_id}#objective-${id}`,
      rollup: toRollup(ps),
    }));
  }

  /** Red, overdue and not-updated actions, worst first, with their latest narratives. */
  async exceptions(actor: Actor, asOf: When, filter: { service?: number } = {}): Promise<Scope & { exceptions: PositionRow[] }> {
    const s = await this.scope(actor, asOf, filter);
    const order = { red: 0, not_updated: 1 } as Record<string, number>;
    const exceptions = s.positions
      .filter((p) => p.result.rag === 'red' || p.result.overdue || p.result.rag === 'not_updated' || p.result.computed === 'red')
      .sort((a, b) => (order[a.result.rag] ?? 2) - (order[b.result.rag] ?? 2) || Number(b.result.overdue) - Number(a.result.overdue) || a.action.code.localeCompare(b.action.code));
    return { ...s, exceptions };
  }

  /**
   * A lead officer's actions in the year, and which of them owe an update for the period collecting
   * updates (its window has opened and it is not locked), with its deadline; or, when none is open,
   * the next period and when its window opens.
   */
  async myActions(
    actor: Actor,
    when: When,
  ): Promise<Scope & { person: PersonRow | null; period: ReportingPeriodRow | null; upcoming: ReportingPeriodRow | null; missed: PositionRow[]; needsUpdate: PositionRow[]; upToDate: PositionRow[] }> {
    const r = this.deps.store.repos;
    const user = actor.userId ? await r.users.get(actor.userId) : undefined;
    const people = await r.people.list(actor.tenantId);
    const person = (user?.person_id ? people.find((p) => p.id === user.person_id) : undefined) ?? people.find((p) => p.email && user && p.email.toLowerCase() === user.email.toLowerCase()) ?? null;
    const s = await this.scope(actor, when);
    const mine = person ? s.positions.filter((p) => p.action.leads.some((l) => l.id === person.id)) : [];
    const [periods, { graceDays }] = await Promise.all([r.planYears.periods(actor.tenantId, s.year.id), this.progress.settings(actor)]);
    const today = this.progress.today();
    const opened = (p: ReportingPeriodRow) => (p.opens_on ?? p.end_date) <= s.asOf;
    const period = periods.filter((p) => opened(p) && !periodLocked(p.due_on, p.grace_days ?? graceDays, today)).at(-1) ?? null;
    const upcoming = period ? null : (periods.find((p) => !opened(p)) ?? null);
    // An action owes the open period's update when it is the one it missed or the next it owes
    // (positions.ts): one that reported for it already, or starts after it, does not.
    const owes = (p: PositionRow) => period !== null && (p.due.next?.id === period.id || p.due.missed?.id === period.id);
    const closed = (p: PositionRow) => ['complete', 'closed'].includes(p.result.rag);
    const needsUpdate = mine.filter((p) => !closed(p) && owes(p));
    // Updates whose deadline passed without one (the period is locked): "not updated" until the next.
    const missed = mine.filter((p) => p.result.rag === 'not_updated' && !needsUpdate.includes(p));
    const upToDate = mine.filter((p) => !needsUpdate.includes(p) && !missed.includes(p));
    return { ...s, positions: mine, rollup: toRollup(mine), person, period, upcoming, missed, needsUpdate, upToDate };
  }

  /** `waymark status`: one plan's actions as at a date, in the documented JSON shape. */
  async status(actor: Actor, orgCode: string, yearLabel: string, when: When): Promise<StatusReport> {
    const input = whenOf(when);
    const { actions, plan } = await this.actions.forPlanYear(actor, orgCode, yearLabel);
    // Without a date: today, or the year's last reporting date when the year is over.
    const { asOf, year } = await this.progress.resolveAsOf(actor, input.asOf, plan.plan_year_id);
    if (year.id !== plan.plan_year_id) {
      throw new ValidationError({ asOf: `As-at date ${formatUkDate(asOf)} falls in ${year.label}, not ${yearLabel}: choose a date in ${yearLabel}, or leave it out for the year's latest position.` });
    }
    const knownOn = this.progress.checkKnownOn(asOf, input.knownOn);
    const positions = await this.progress.positions(actor, actions, asOf, { knownOn });
    const r = toRollup(positions);
    // Stages as the actions report them (an action with no update counts as not started).
    const byStage = Object.fromEntries(STAGES.map((st) => [st, positions.filter((p) => p.result.stage === st).length]));
    return {
      asOf,
      // Only when asked for: without --known-on the JSON keeps the shape it has always had.
      ...(knownOn ? { knownOn } : {}),
      actions: positions.map((p) => ({
        code: p.action.code,
        title: p.action.title,
        stage: p.result.stage,
        percentComplete: p.result.percentComplete,
        expectedPercent: p.result.expectedPercent,
        rag: p.result.rag,
        overdue: p.result.overdue,
        override: p.result.override ? { rag: p.result.override.rag, reason: p.result.override.reason } : null,
        explanation: p.result.explanation,
      })),
      summary: { byStage, byRag: r.byRag },
    };
  }

  private byUnit(positions: PositionRow[], units: OrgUnitRow[]): RollupRow[] {
    return [...groupBy(positions, (p) => [p.action.orgUnitId]).entries()]
      .map(([id, ps]) => ({ id, label: units.find((u) => u.id === id)?.name ?? ps[0]!.action.orgName, href: `/dashboards/units/${id}`, rollup: toRollup(ps) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  private byTopUnit(positions: PositionRow[], units: OrgUnitRow[]): RollupRow[] {
    const byId = new Map(units.map((u) => [u.id, u]));
    const tops = new Map<number, number>();
    const top = (id: number): number => {
      const known = tops.get(id);
      if (known !== undefined) return known;
      let u = byId.get(id);
      for (let i = 0; u && u.parent_id !== null && i < 20; i++) {
        const parent = byId.get(u.parent_id);
        if (!parent || parent.kind === 'council') break;
        u = parent;
      }
      tops.set(id, u?.id ?? id);
      return u?.id ?? id;
    };
    return [...groupBy(positions, (p) => [top(p.action.orgUnitId)]).entries()]
      .map(([id, ps]) => ({ id, label: units.find((u) => u.id === id)?.name ?? '', href: `/dashboards/units/${id}`, rollup: toRollup(ps) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
}

