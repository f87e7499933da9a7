import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { PLAN_KINDS } from '../domain/vocabulary.ts';
import type { ActionLinks, ActionRow, ObjectiveRow, OrgUnitRow, PlanGoalRow, PlanSummaryRow, PlanYearRow, ServicePlanRow } from '../db/repositories/index.ts';
import type { Repos } from '../db/repositories/index.ts';
import { actorHasClearance, visibleActions, type Reader } from './visibility.ts';
import { audited } from './audited.ts';
import { assertCanChangePlans, assertCanEditPlanOf, mayEditPlanOf, recordChange, type Actor, type Deps } from './context.ts';
import { PlanLifecycleService } from './plan-lifecycle.ts';
import { OBJECTIVE_FIELDS } from '../domain/fields/objective-fields.ts';
import { PLAN_FIELDS } from '../domain/fields/plan-fields.ts';
import { fieldSchemas } from './field-schemas.ts';
import { idList, oneOf, optionalId, optionalText, requiredId, requiredText, validate, version, type Loose } from './validation.ts';

// The plan's and the objective's own fields come from their field lists (src/domain/fields/); the
// service, plan year, goal, priorities and pledges are relations, checked here.
export const planSchema = z.object({
  orgUnitId: requiredId('the service'),
  planYearId: requiredId('the plan year'),
  ...fieldSchemas(PLAN_FIELDS, { kind: oneOf(PLAN_KINDS, 'the kind of plan') }),
});
export type PlanInput = Loose<z.input<typeof planSchema>>;

const goalSchema = z.object({
  number: optionalText('goal number', 20),
  title: requiredText('the strategic goal', 500),
});
export type GoalInput = Loose<z.input<typeof goalSchema>>;

const objectiveNumber = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().replace(/^[Il](?=\.\d)/, '1')) : v),
  z.string().max(20, 'Number must be 20 characters or fewer').regex(/^[0-9A-Za-z][0-9A-Za-z.]*$/, 'Number must be like 1.1').nullable().default(null),
);

export const objectiveSchema = z.object({
  ...fieldSchemas(OBJECTIVE_FIELDS, { number: objectiveNumber }),
  goalId: optionalId('strategic goal'),
  priorityIds: idList('corporate priorities'),
  pledgeIds: idList('pledges'),
});
export type ObjectiveInput = Loose<z.input<typeof objectiveSchema>>;

export interface ObjectiveDetail extends ObjectiveRow {
  priorityIds: number[];
  pledgeIds: number[];
  actions: (ActionRow & ActionLinks)[];
}

export interface GoalDetail extends PlanGoalRow {
  objectives: ObjectiveDetail[];
}

export interface PlanDetail {
  plan: ServicePlanRow;
  unit: OrgUnitRow;
  year: PlanYearRow;
  goals: GoalDetail[];
  /** Objectives not under a strategic goal. */
  objectives: ObjectiveDetail[];
  actionCount: number;
  /** Whether the reader may change this plan (a head of service only their own units'). */
  mayChange: boolean;
}

export class PlanService {
  constructor(
    private readonly deps: Deps,
    private readonly lifecycle: PlanLifecycleService = new PlanLifecycleService(deps),
  ) {}

  /**
   * The plans with their numbers of objectives and actions, counting only the actions the reader
   * may see (restricted ones they may not see are left out of the totals, as from the plan itself).
   */
  async list(actor: Actor, filter: { planYearId?: number; orgUnitId?: number } = {}): Promise<PlanSummaryRow[]> {
    const r = this.deps.store.repos;
    const rows = await r.plans.list(actor.tenantId, filter);
    if (!rows.length || actorHasClearance(actor)) return rows;
    const restricted = await r.actions.restrictedInPlans(actor.tenantId, rows.map((p) => p.id));
    if (!restricted.length) return rows;
    const seen = new Set((await visibleActions(r, actor, restricted)).map((a) => a.id));
    const hidden = new Map<number, number>();
    for (const a of restricted) if (!seen.has(a.id)) hidden.set(a.plan_id, (hidden.get(a.plan_id) ?? 0) + 1);
    return hidden.size ? rows.map((p) => ({ ...p, actions: p.actions - (hidden.get(p.id) ?? 0) })) : rows;
  }

  async get(actor: Actor, id: number): Promise<ServicePlanRow> {
    const p = await this.deps.store.repos.plans.get(actor.tenantId, id);
    if (!p) throw new NotFoundError('Plan');
    return p;
  }

  /** A plan the actor may change (its forms are refused, 403, to a head of service of another unit). */
  async editable(actor: Actor, id: number): Promise<ServicePlanRow> {
    const p = await this.get(actor, id);
    await assertCanEditPlanOf(this.deps.store.repos, actor, p.org_unit_id);
    return p;
  }

  /** The whole plan as the councils' own tables show it: goals → objectives → actions with every field. */
  /** `reader` decides which restricted actions are shown: the actor, or a committee report's audience. */
  async detail(actor: Actor, id: number, reader: Reader = actor): Promise<PlanDetail> {
    const r = this.deps.store.repos;
    const t = actor.tenantId;
    const plan = await this.get(actor, id);
    const [unit, year, goals, objectives, actions] = await Promise.all([
      r.orgUnits.get(t, plan.org_unit_id),
      r.planYears.get(t, plan.plan_year_id),
      r.plans.goals(t, id),
      r.objectives.forPlan(t, id),
      r.actions.forPlan(t, id).then((rows) => visibleActions(r, reader, rows)),
    ]);
    if (!unit || !year) throw new NotFoundError('Plan');
    const [objLinks, actLinks] = await Promise.all([r.objectives.links(t, objectives.map((o) => o.id)), r.actions.links(t, actions.map((a) => a.id))]);
    const byObjective = new Map<number, (ActionRow & ActionLinks)[]>();
    for (const a of actions) byObjective.set(a.objective_id, [...(byObjective.get(a.objective_id) ?? []), { ...a, ...actLinks.get(a.id)! }]);
    const details: ObjectiveDetail[] = objectives.map((o) => ({
      ...o,
      priorityIds: objLinks.priorities.get(o.id) ?? [],
      pledgeIds: objLinks.pledges.get(o.id) ?? [],
      actions: byObjective.get(o.id) ?? [],
    }));
    return {
      plan,
      unit,
      year,
      goals: goals.map((g) => ({ ...g, objectives: details.filter((o) => o.goal_id === g.id) })),
      objectives: details.filter((o) => o.goal_id === null || !goals.some((g) => g.id === o.goal_id)),
      actionCount: actions.length,
      mayChange: await mayEditPlanOf(r, actor, plan.org_unit_id),
    };
  }

  async create(actor: Actor, input: PlanInput): Promise<number> {
    assertCanChangePlans(actor);
    return audited(this.deps, actor, { entity: 'service_plan', event: 'create', schema: planSchema, input }, async (r, v) => {
      await this.checkPlan(actor, r, v, null);
      const id = await r.plans.create(actor.tenantId, v);
      return id;
    });
  }

  async update(actor: Actor, id: number, expectedVersion: number, input: PlanInput): Promise<void> {
    assertCanChangePlans(actor);
    await audited(this.deps, actor, { entity: 'service_plan', event: 'update', schema: planSchema, input }, async (r, v) => {
      const ver = validate(version, expectedVersion);
      const before = await r.plans.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Plan');
      await this.lifecycle.touch(actor, r, id);
      await this.checkPlan(actor, r, v, id);
      if (!(await r.plans.update(actor.tenantId, id, ver, v))) throw new ConflictError('Someone else changed this plan since you opened it.');
      return { id, before };
    });
  }

  private async checkPlan(actor: Actor, r: Repos, v: z.output<typeof planSchema>, id: number | null): Promise<void> {
    const [unit, year] = await Promise.all([r.orgUnits.get(actor.tenantId, v.orgUnitId), r.planYears.get(actor.tenantId, v.planYearId)]);
    const errors: Record<string, string> = {};
    if (!unit) errors.orgUnitId = 'Select a valid service';
    if (!year) errors.planYearId = 'Select a valid plan year';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    // Choosing a unit outside a head of service's reach is a wrong answer on the form, not a forbidden page.
    if (!(await mayEditPlanOf(r, actor, v.orgUnitId))) throw new ValidationError({ orgUnitId: 'Select one of your own services: heads of service create and change plans only for their own units' });
    const clash = await r.plans.forUnitYear(actor.tenantId, v.orgUnitId, v.planYearId);
    if (clash && clash.id !== id) throw new ValidationError({ orgUnitId: `${unit!.name} already has a plan for ${year!.label}` });
  }

  // Strategic goals ---------------------------------------------------------------------------

  async goal(actor: Actor, id: number): Promise<PlanGoalRow> {
    const g = await this.deps.store.repos.plans.goal(actor.tenantId, id);
    if (!g) throw new NotFoundError('Strategic goal');
    return g;
  }

  async createGoal(actor: Actor, planId: number, input: GoalInput): Promise<number> {
    assertCanChangePlans(actor);
    const v = validate(goalSchema, input);
    await this.get(actor, planId);
    return this.deps.store.transaction(async (r) => {
      await this.lifecycle.touch(actor, r, planId);
      const id = await r.plans.createGoal(actor.tenantId, planId, v);
      await recordChange(r, actor, 'plan_goal', id, 'create', { after: { planId, ...v } });
      return id;
    });
  }

  async updateGoal(actor: Actor, id: number, input: GoalInput): Promise<void> {
    assertCanChangePlans(actor);
    await audited(this.deps, actor, { entity: 'plan_goal', event: 'update', schema: goalSchema, input }, async (r, v) => {
      const before = await r.plans.goal(actor.tenantId, id);
      if (!before) throw new NotFoundError('Strategic goal');
      await this.lifecycle.touch(actor, r, before.plan_id);
      await r.plans.updateGoal(actor.tenantId, id, v);
      return { id, before };
    });
  }

  // Objectives --------------------------------------------------------------------------------

  async objective(actor: Actor, id: number): Promise<ObjectiveRow & { priorityIds: number[]; pledgeIds: number[] }> {
    const r = this.deps.store.repos;
    const o = await r.objectives.get(actor.tenantId, id);
    if (!o) throw new NotFoundError('Objective');
    const links = await r.objectives.links(actor.tenantId, [id]);
    return { ...o, priorityIds: links.priorities.get(id) ?? [], pledgeIds: links.pledges.get(id) ?? [] };
  }

  async objectives(actor: Actor, planId: number): Promise<ObjectiveRow[]> {
    return this.deps.store.repos.objectives.forPlan(actor.tenantId, planId);
  }

  async createObjective(actor: Actor, planId: number, input: ObjectiveInput): Promise<number> {
    assertCanChangePlans(actor);
    const v = validate(objectiveSchema, input);
    await this.get(actor, planId);
    return this.deps.store.transaction(async (r) => {
      await this.checkObjective(actor, r, planId, v);
      await this.lifecycle.touch(actor, r, planId);
      const id = await r.objectives.create(actor.tenantId, planId, v);
      await recordChange(r, actor, 'objective', id, 'create', { after: { planId, ...v } });
      return id;
    });
  }

  async updateObjective(actor: Actor, id: number, expectedVersion: number, input: ObjectiveInput): Promise<void> {
    assertCanChangePlans(actor);
    await audited(this.deps, actor, { entity: 'objective', event: 'update', schema: objectiveSchema, input }, async (r, v) => {
      const ver = validate(version, expectedVersion);
      const before = await r.objectives.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Objective');
      await this.checkObjective(actor, r, before.plan_id, v);
      await this.lifecycle.touch(actor, r, before.plan_id);
      if (!(await r.objectives.update(actor.tenantId, id, ver, v))) throw new ConflictError('Someone else changed this objective since you opened it.');
      return { id, before };
    });
  }

  private async checkObjective(actor: Actor, r: Repos, planId: number, v: z.output<typeof objectiveSchema>): Promise<void> {
    if (v.goalId) {
      const g = await r.plans.goal(actor.tenantId, v.goalId);
      if (!g || g.plan_id !== planId) throw new ValidationError({ goalId: 'Select a strategic goal of this plan' });
    }
    await checkCorporateLinks(actor, r, v);
  }
}

/** Priorities and pledges must be this council's own. */
export async function checkCorporateLinks(actor: Actor, r: Repos, v: { priorityIds: number[]; pledgeIds: number[] }): Promise<void> {
  if (v.priorityIds.length) {
    const known = new Set((await r.corporate.priorities(actor.tenantId)).map((p) => p.id));
    if (v.priorityIds.some((id) => !known.has(id))) throw new ValidationError({ priorityIds: 'Select valid corporate priorities' });
  }
  if (v.pledgeIds.length) {
    const known = new Set((await r.corporate.pledges(actor.tenantId)).map((p) => p.id));
    if (v.pledgeIds.some((id) => !known.has(id))) throw new ValidationError({ pledgeIds: 'Select valid pledges' });
  }
}
