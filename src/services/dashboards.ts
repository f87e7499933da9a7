import { NotFoundError } from '../domain/errors.ts';
import { rollup, type Rollup } from '../domain/rag.ts';
import { STAGES } from '../domain/stages.ts';
import { descendantIds } from '../domain/trees.ts';
import type { OrgUnitRow, PersonRow, PlanYearRow, ReportingPeriodRow } from '../db/repositories/index.ts';
import type { ActionService, ActionWithLinks } from './actions.ts';
import type { Actor, ServiceDeps } from './context.ts';
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

export interface Scope {
  asOf: string;
  year: PlanYearRow;
  positions: PositionRow[];
  rollup: Rollup;
}

export interface StatusReport {
  asOf: string;
  actions: {
    code: string;
    title: string;
    stage: string;
    percentComplete: number | null;
    expectedPercent: number | null;
    rag: string;
    overdue: boolean;
    override: { rag: string; reason: string } | null;
    explanation: string;
  }[];
  summary: { byStage: Record<string, number>; byRag: Record<string, number> };
}

export const toRollup = (positions: Position[]): Rollup =>
  rollup(positions.map((p) => ({ stage: p.latest ? p.result.stage : null, rag: p.result.rag, percentComplete: p.result.percentComplete, weight: p.action.weight })));

/** The things a dashboard shows next to each other: rows of roll-ups for child scopes. */
function groupBy<K>(positions: PositionRow[], key: (p: PositionRow) => K[]): Map<K, PositionRow[]> {
  const out = new Map<K, PositionRow[]>();
  for (const p of positions) for (const k of key(p)) out.set(k, [...(out.get(k) ?? []), p]);
  return out;
}

export class DashboardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly actions: ActionService,
    private readonly progress: ProgressService,
  ) {}

  /** Positions of the actions in the plan year containing `asOf`, narrowed by an action filter. */
  async scope(actor: Actor, asOfInput: string | undefined, filter: { service?: number; priority?: number; pledge?: number; objective?: number; plan?: number } = {}): Promise<Scope> {
    const { asOf, year } = await this.progress.resolveAsOf(actor, asOfInput);
    let rows = await this.actions.list(actor, {
      year: year.id,
      service: filter.service ?? null,
      priority: filter.priority ?? null,
      pledge: filter.pledge ?? null,
      objective: filter.objective ?? null,
      person: null,
      lead: null,
      dueFrom: null,
      dueTo: null,
    });
    if (filter.plan) rows = rows.filter((a) => a.plan_id === filter.plan);
    const positions = (await this.progress.positions(actor, rows, asOf)) as PositionRow[];
    return { asOf, year, positions, rollup: toRollup(positions) };
  }

  /** The council at a glance: one row per directorate and per service. */
  async council(actor: Actor, asOf: string | undefined): Promise<Scope & { directorates: RollupRow[]; services: RollupRow[] }> {
    const s = await this.scope(actor, asOf);
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    return { ...s, directorates: this.byTopUnit(s.positions, units), services: this.byUnit(s.positions, units) };
  }

  /** Any filtered scope (a corporate priority, a pledge) with one row per service. */
  async byService(actor: Actor, asOf: string | undefined, filter: { priority?: number; pledge?: number }): Promise<Scope & { services: RollupRow[] }> {
    const s = await this.scope(actor, asOf, filter);
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    return { ...s, services: this.byUnit(s.positions, units) };
  }

  /** A directorate, service or team with the units under it. */
  async unit(actor: Actor, unitId: number, asOf: string | undefined): Promise<Scope & { unit: OrgUnitRow; children: RollupRow[]; plans: RollupRow[] }> {
    const units = await this.deps.store.repos.orgUnits.list(actor.tenantId);
    const unit = units.find((u) => u.id === unitId);
    if (!unit) throw new NotFoundError('Unit');
    const s = await this.scope(actor, asOf, { service: unitId });
    const childIds = units.filter((u) => u.parent_id === unitId);
    const children: RollupRow[] = childIds
      .map((c) => {
        const ids = new Set(descendantIds(units, c.id));
        const mine = s.positions.filter((p) => ids.has(p.action.orgUnitId));
        return { id: c.id, label: c.name, href: `/dashboards/units/${c.id}`, rollup: toRollup(mine) };
      })
      .filter((r) => r.rollup.total > 0);
    const plans = [...groupBy(s.positions, (p) => [p.action.plan_id]).entries()].map(([id, ps]) => ({ id, label: ps[0]!.action.planTitle, href: `/plans/${id}`, rollup: toRollup(ps) }));
    return { ...s, unit, children, plans };
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
  async exceptions(actor: Actor, asOf: string | undefined, filter: { service?: number } = {}): Promise<Scope & { exceptions: PositionRow[] }> {
    const s = await this.scope(actor, asOf, filter);
    const order = { red: 0, not_updated: 1 } as Record<string, number>;
    const exceptions = s.positions
      .filter((p) => p.result.rag === 'red' || p.result.overdue || p.result.rag === 'not_updated' || p.result.computed === 'red')
      .sort((a, b) => (order[a.result.rag] ?? 2) - (order[b.result.rag] ?? 2) || Number(b.result.overdue) - Number(a.result.overdue) || a.action.code.localeCompare(b.action.code));
    return { ...s, exceptions };
  }

  /** A lead officer's actions in the year, and which of them need an update this period (with the deadline). */
  async myActions(actor: Actor, asOf: string | undefined): Promise<Scope & { person: PersonRow | null; period: ReportingPeriodRow | null; needsUpdate: PositionRow[]; upToDate: PositionRow[] }> {
    const r = this.deps.store.repos;
    const user = actor.userId ? await r.users.get(actor.userId) : undefined;
    const people = await r.people.list(actor.tenantId);
    const person = (user?.person_id ? people.find((p) => p.id === user.person_id) : undefined) ?? people.find((p) => p.email && user && p.email.toLowerCase() === user.email.toLowerCase()) ?? null;
    const s = await this.scope(actor, asOf);
    const mine = person ? s.positions.filter((p) => p.action.leads.some((l) => l.id === person.id)) : [];
    const periods = await r.planYears.periods(actor.tenantId, s.year.id);
    const period = periods.filter((p) => (p.opens_on ?? p.end_date) <= s.asOf).at(-1) ?? null;
    const closed = (p: PositionRow) => ['complete', 'closed'].includes(p.result.rag);
    // Up to date: an update (not since corrected) for this period, as the traffic light's "not updated"
    // rule counts it; an update for a later period alone does not make the latest one the period's.
    const recorded = period && mine.length ? await r.progress.forActions(actor.tenantId, mine.map((p) => p.action.id), `${s.asOf}T23:59:59.999Z`) : [];
    const corrected = new Set(recorded.map((u) => u.corrects_id));
    const updated = new Set(recorded.filter((u) => !corrected.has(u.id) && u.period_id === period?.id).map((u) => u.action_id));
    const needsUpdate = period ? mine.filter((p) => !closed(p) && !updated.has(p.action.id)) : [];
    return { ...s, positions: mine, rollup: toRollup(mine), person, period, needsUpdate, upToDate: mine.filter((p) => !needsUpdate.includes(p)) };
  }

  /** `waymark status`: one plan's actions as at a date, in the documented JSON shape. */
  async status(actor: Actor, orgCode: string, yearLabel: string, asOfInput: string | undefined): Promise<StatusReport> {
    const asOf = await this.progress.checkAsOf(actor, asOfInput);
    const { actions } = await this.actions.forPlanYear(actor, orgCode, yearLabel);
    const positions = await this.progress.positions(actor, actions, asOf);
    const r = toRollup(positions);
    // Stages as the actions report them (an action with no update counts as not started).
    const byStage = Object.fromEntries(STAGES.map((st) => [st, positions.filter((p) => p.result.stage === st).length]));
    return {
      asOf,
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
    const top = (id: number): OrgUnitRow | undefined => {
      let u = units.find((x) => x.id === id);
      for (let i = 0; u && u.parent_id !== null && i < 20; i++) {
        const parent = units.find((x) => x.id === u!.parent_id);
        if (!parent || parent.kind === 'council') break;
        u = parent;
      }
      return u;
    };
    return [...groupBy(positions, (p) => [top(p.action.orgUnitId)?.id ?? p.action.orgUnitId]).entries()]
      .map(([id, ps]) => ({ id, label: units.find((u) => u.id === id)?.name ?? '', href: `/dashboards/units/${id}`, rollup: toRollup(ps) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
}

