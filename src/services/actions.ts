import { z } from 'zod';
import { suggestActionCode } from '../domain/action-codes.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { parseYearLabel } from '../domain/plan-years.ts';
import { actionDateValues, actionTextValues } from '../domain/fields/action-fields.ts';
import { descendantIds } from '../domain/trees.ts';
import { belongsToUnit, leadUnitIds, unitScope } from '../domain/unit-membership.ts';
import type { ActionFilter, NamedLink, Repos, ServicePlanRow } from '../db/repositories/index.ts';
import { actionSchema, filterSchema, type ActionDetail, type ActionFilterInput, type ActionFilterValues, type ActionFormOptions, type ActionInput, type ActionWithLinks } from './action-input.ts';
import { audited } from './audited.ts';
import { assertCanChangePlans, assertCanEditPlanOf, mayEditPlanOf, type Actor, type Deps } from './context.ts';
import type { ListingCache } from './listing-cache.ts';
import { PlanLifecycleService } from './plan-lifecycle.ts';
import { checkCorporateLinks } from './plans.ts';
import { exemptParagraphOf } from './restriction.ts';
import { assertSeesAction, viewerOf, visibleActions } from './visibility.ts';
import { validate, version } from './validation.ts';

export type { ActionDetail, ActionFilterInput, ActionFilterValues, ActionFormOptions, ActionInput, ActionWithLinks } from './action-input.ts';

export class ActionService {
  constructor(
    private readonly deps: Deps,
    private readonly lifecycle: PlanLifecycleService = new PlanLifecycleService(deps),
  ) {}

  private get repos() {
    return this.deps.store.repos;
  }

  parseFilter(input: ActionFilterInput): ActionFilterValues {
    return validate(filterSchema, input);
  }

  /** What the listing cache did (null without one), for tests and the benchmark. */
  listingStats(): ListingCache['stats'] | null {
    return this.deps.listings?.stats ?? null;
  }

  async list(actor: Actor, f: ActionFilterValues, limit?: number): Promise<ActionWithLinks[]> {
    const r = this.repos;
    const t = actor.tenantId;
    // A whole plan year (or every year), as the overview, the exceptions and the first page of the
    // actions list ask: read once per change to the council's data, and narrowed to the reader.
    // A unit's (its dashboard, the actions list filtered by service) is that narrowed by the
    // unit-membership rule's in-memory twin (domain/unit-membership.ts).
    const listings = this.deps.listings;
    if (listings && limit === undefined && Object.entries(f).every(([k, v]) => k === 'year' || k === 'service' || v === null)) {
      let all = await listings.get(r, t, `actions:${f.year ?? 'all'}`, () => this.read(r, t, { planYearId: f.year ?? undefined }));
      if (f.service) {
        const [units, people] = await Promise.all([r.orgUnits.list(t), r.people.list(t)]);
        const scope = unitScope(units, f.service);
        const unitOfPerson = new Map(people.map((p) => [p.id, p.org_unit_id]));
        all = all.filter((a) => belongsToUnit(scope, { planUnitId: a.orgUnitId, leadUnitIds: leadUnitIds(a.leads, unitOfPerson) }));
      }
      return visibleActions(r, actor, all);
    }
    // A directorate's filter includes its services and teams; a priority's includes its sub-priorities.
    const orgUnitIds = f.service ? descendantIds(await r.orgUnits.list(t), f.service) : undefined;
    const priorityIds = f.priority ? descendantIds(await r.corporate.priorities(t), f.priority) : undefined;
    const rows = await this.read(r, t, {
      orgUnitIds,
      planYearId: f.year ?? undefined,
      objectiveId: f.objective ?? undefined,
      priorityIds,
      pledgeId: f.pledge ?? undefined,
      personId: f.person ?? undefined,
      lead: f.lead ?? undefined,
      search: f.search ?? undefined,
      dueFrom: f.dueFrom ?? undefined,
      dueTo: f.dueTo ?? undefined,
      limit,
    });
    return visibleActions(r, actor, rows);
  }

  /** Every action matching, with its links, for any reader. */
  private async read(r: Repos, t: number, f: ActionFilter): Promise<ActionWithLinks[]> {
    const rows = await r.actions.list(t, f);
    const links = await r.actions.links(t, rows.map((a) => a.id));
    return rows.map((a) => ({ ...a, ...links.get(a.id)! }));
  }

  async forPlanYear(actor: Actor, orgCode: string, yearLabel: string): Promise<{ plan: ServicePlanRow; actions: ActionWithLinks[] }> {
    const r = this.repos;
    const unit = await r.orgUnits.byCode(actor.tenantId, orgCode.toUpperCase());
    if (!unit) throw new NotFoundError(`Unit ${orgCode}`);
    const year = await r.planYears.byLabel(actor.tenantId, yearLabel);
    if (!year) throw new NotFoundError(`Plan year ${yearLabel}`);
    const plan = await r.plans.forUnitYear(actor.tenantId, unit.id, year.id);
    if (!plan) throw new NotFoundError(`Plan for ${orgCode} in ${yearLabel}`);
    const rows = await visibleActions(r, actor, await r.actions.list(actor.tenantId, { planId: plan.id }));
    const links = await r.actions.links(actor.tenantId, rows.map((a) => a.id));
    return { plan, actions: rows.map((a) => ({ ...a, ...links.get(a.id)! })) };
  }

  async detail(actor: Actor, id: number): Promise<ActionDetail> {
    const r = this.repos;
    const t = actor.tenantId;
    const action = await r.actions.get(t, id);
    if (!action) throw new NotFoundError('Action');
    await assertSeesAction(r, actor, action);
    const [plan, objective, links, priorities, pledges] = await Promise.all([
      r.plans.get(t, action.plan_id),
      r.objectives.get(t, action.objective_id),
      r.actions.links(t, [id]),
      r.corporate.priorities(t),
      r.corporate.pledges(t),
    ]);
    if (!plan || !objective) throw new NotFoundError('Action');
    const [unit, year] = await Promise.all([r.orgUnits.get(t, plan.org_unit_id), r.planYears.get(t, plan.plan_year_id)]);
    if (!unit || !year) throw new NotFoundError('Action');
    const l = links.get(id)!;
    let carriedFrom: ActionDetail['carriedFrom'] = null;
    let carriedFromHidden = false;
    if (action.carried_from_id) {
      const found = await r.actions.get(t, action.carried_from_id);
      const prev = found && (await visibleActions(r, actor, [found])).length ? found : undefined;
      carriedFromHidden = found !== undefined && prev === undefined;
      const prevPlan = prev ? await r.plans.get(t, prev.plan_id) : undefined;
      const prevYear = prevPlan ? await r.planYears.get(t, prevPlan.plan_year_id) : undefined;
      if (prev && prevYear) carriedFrom = { id: prev.id, code: prev.code, yearLabel: prevYear.label };
    }
    return {
      action: { ...action, ...l },
      plan,
      unit,
      year,
      objective,
      priorities: priorities.filter((p) => l.priorityIds.includes(p.id)).map((p) => ({ id: p.id, title: p.title })),
      pledges: pledges.filter((p) => l.pledgeIds.includes(p.id)).map((p) => ({ id: p.id, number: p.number, text: p.text })),
      carriedFrom,
      carriedFromHidden,
      mayChange: await mayEditPlanOf(r, actor, plan.org_unit_id),
    };
  }

  /**
   * Who last saved an action and when: the time from the action itself, the person from the latest
   * entry of its audit trail ("Waymark" for the system, such as an import). Null when there is no trail.
   */
  async lastChange(actor: Actor, id: number): Promise<{ at: string; by: string; userId: number | null } | null> {
    const r = this.repos;
    const t = actor.tenantId;
    const action = await r.actions.get(t, id);
    if (!action) throw new NotFoundError('Action');
    await assertSeesAction(r, actor, action);
    const latest = (await r.audit.forEntity(t, 'action', id)).at(-1);
    if (!latest) return null;
    const user = latest.user_id === null ? undefined : await r.users.get(latest.user_id);
    const by = latest.user_id === null ? 'Waymark' : user && user.tenant_id === t ? user.name : 'Unknown user';
    return { at: action.updated_at, by, userId: latest.user_id };
  }

  async formOptions(actor: Actor, planId: number): Promise<ActionFormOptions> {
    const r = this.repos;
    const t = actor.tenantId;
    const plan = await r.plans.get(t, planId);
    if (!plan) throw new NotFoundError('Plan');
    await assertCanEditPlanOf(r, actor, plan.org_unit_id);
    const [unit, year, tenant, objectives, people, units, priorities, pledges, codes] = await Promise.all([
      r.orgUnits.get(t, plan.org_unit_id),
      r.planYears.get(t, plan.plan_year_id),
      r.tenants.get(t),
      r.objectives.forPlan(t, planId),
      r.people.list(t),
      r.orgUnits.list(t),
      r.corporate.priorities(t),
      r.corporate.pledges(t),
      r.actions.codesInPlan(t, planId),
    ]);
    if (!unit || !year || !tenant) throw new NotFoundError('Plan');
    const depth = (id: number | null, d = 0): number => {
      const p = priorities.find((x) => x.id === id);
      return p && p.parent_id !== null && d < 10 ? depth(p.parent_id, d + 1) : d;
    };
    return {
      plan,
      unit,
      year,
      roles: JSON.parse(tenant.action_roles) as string[],
      objectives,
      people,
      units,
      priorities: priorities.map((p) => ({ id: p.id, title: p.title, depth: depth(p.id) })),
      pledges: pledges.map((p) => ({ id: p.id, number: p.number, text: p.text })),
      suggestedCode: suggestActionCode(parseYearLabel(year.label) ?? Number(year.start_date.slice(0, 4)), unit.code, codes),
    };
  }

  async create(actor: Actor, planId: number, input: ActionInput): Promise<number> {
    assertCanChangePlans(actor);
    return audited(this.deps, actor, { entity: 'action', event: 'create', schema: actionSchema, input }, async (r, v) => {
      const fields = await this.resolve(actor, r, planId, v, null, null);
      await this.lifecycle.touch(actor, r, planId);
      const id = await r.actions.create(actor.tenantId, planId, fields);
      return { id, after: fields };
    });
  }

  async update(actor: Actor, id: number, expectedVersion: number, input: ActionInput): Promise<void> {
    assertCanChangePlans(actor);
    await audited(this.deps, actor, { entity: 'action', event: 'update', schema: actionSchema, input }, async (r, v) => {
      const ver = validate(version, expectedVersion);
      const before = await r.actions.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Action');
      await assertSeesAction(r, actor, before);
      const fields = await this.resolve(actor, r, before.plan_id, v, id, before.exempt_paragraph);
      await this.lifecycle.touch(actor, r, before.plan_id);
      // Read the links before the update replaces them, so the audit shows what they were.
      const beforeLinks = (await r.actions.links(actor.tenantId, [id])).get(id);
      if (!(await r.actions.update(actor.tenantId, id, ver, fields))) throw new ConflictError('Someone else changed this action since you opened it.');
      return { id, before: { ...before, ...beforeLinks }, after: fields };
    });
  }

  /** Checks references and turns names into links: a lead officer or impacted service is linked when it names a known person or unit. */
  private async resolve(actor: Actor, r: Repos, planId: number, v: z.output<typeof actionSchema>, id: number | null, wasExempt: number | null) {
    const t = actor.tenantId;
    const exemptParagraph = exemptParagraphOf(v, wasExempt);
    // Only someone who will still see it may restrict an action (or change the paragraph it relies on).
    if (exemptParagraph !== null && exemptParagraph !== wasExempt && !(await viewerOf(r, actor)).clearance) {
      throw new ValidationError({ restricted: 'Only people with access to restricted items can mark an action restricted. Ask an administrator.' });
    }
    const plan = await r.plans.get(t, planId);
    if (!plan) throw new NotFoundError('Plan');
    const errors: Record<string, string> = {};
    const objective = await r.objectives.get(t, v.objectiveId);
    if (!objective || objective.plan_id !== planId) errors.objectiveId = 'Select an objective of this plan';
    const tenant = await r.tenants.get(t);
    const roles = tenant ? (JSON.parse(tenant.action_roles) as string[]) : [];
    if (v.role && !roles.includes(v.role)) errors.role = `Select a role from the list: ${roles.join('; ')}`;
    let code = v.code;
    if (!code) {
      const [unit, year] = await Promise.all([r.orgUnits.get(t, plan.org_unit_id), r.planYears.get(t, plan.plan_year_id)]);
      code = suggestActionCode(parseYearLabel(year?.label ?? '') ?? Number(year?.start_date.slice(0, 4)), unit?.code ?? 'X', await r.actions.codesInPlan(t, planId));
    }
    const clash = await r.actions.byCode(t, planId, code);
    if (clash && clash.id !== id) {
      // Name the other action only to someone who may see it: a restricted one's title stays hidden.
      const seen = (await visibleActions(r, actor, [clash])).length > 0;
      errors.code = seen ? `Action code ${code} is already used in this plan (by “${clash.title.slice(0, 60)}”)` : `Action code ${code} is already used in this plan`;
    }
    if (v.carriedFromId && !(await r.actions.get(t, v.carriedFromId))) errors.carriedFromId = 'Select a valid action to carry from';
    // Everyone only when a lead is named (to match the name); otherwise just the people chosen. The
    // units only when an impact is given. (Reading all of a large council's people for every action
    // saved would cost more than the rest of the save.)
    const people = v.leads.length ? await r.people.list(t) : await r.people.byIds(t, v.leadPersonIds);
    const units = v.impactedUnitIds.length || v.impactsOther.length ? await r.orgUnits.list(t) : [];
    const leads: NamedLink[] = [];
    for (const pid of v.leadPersonIds) {
      const p = people.find((x) => x.id === pid);
      if (!p) errors.leadPersonIds = 'Select valid lead officers';
      else leads.push({ name: p.name, id: p.id });
    }
    for (const name of v.leads) {
      const lower = name.toLowerCase();
      const byName = people.filter((p) => p.name.toLowerCase() === lower);
      const byTitle = people.filter((p) => (p.job_title ?? '').toLowerCase() === lower);
      const match = byName.length === 1 ? byName[0] : byTitle.length === 1 ? byTitle[0] : undefined;
      if (match && leads.some((l) => l.id === match.id)) continue;
      leads.push({ name, id: match?.id ?? null });
    }
    const impacts: NamedLink[] = [];
    for (const uid of v.impactedUnitIds) {
      const u = units.find((x) => x.id === uid);
      if (!u) errors.impactedUnitIds = 'Select valid impacted services';
      else impacts.push({ name: u.name, id: u.id });
    }
    for (const name of v.impactsOther) {
      const u = units.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.code === name.toUpperCase());
      if (u && impacts.some((i) => i.id === u.id)) continue;
      impacts.push({ name: u?.name ?? name, id: u?.id ?? null });
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await checkCorporateLinks(actor, r, v);
    return {
      objectiveId: v.objectiveId,
      code,
      title: v.title,
      role: v.role,
      ...actionTextValues(v),
      kind: v.kind,
      ...actionDateValues(v),
      weight: v.weight,
      carriedFromId: v.carriedFromId,
      leads,
      impacts,
      partnerships: v.partnerships,
      priorityIds: v.priorityIds,
      pledgeIds: v.pledgeIds,
      exemptParagraph,
    };
  }
}
