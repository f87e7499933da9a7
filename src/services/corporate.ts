import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { wouldCycle } from '../domain/trees.ts';
import type { CorporatePlanRow, PledgeRow, PriorityRow, ValueRow } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, recordChange, type Actor, type Deps } from './context.ts';
import { nameList, optionalId, optionalText, requiredText, validate, type Loose } from './validation.ts';

const planSchema = z.object({
  title: requiredText('the title', 200),
  vision: optionalText('vision'),
  periodLabel: optionalText('period', 50),
  values: nameList('values', 300),
});
export type CorporatePlanInput = Loose<z.input<typeof planSchema>>;

const prioritySchema = z.object({
  title: requiredText('the priority', 300),
  strapline: optionalText('strapline', 500),
  description: optionalText('description'),
  parentId: optionalId('parent priority'),
});
export type PriorityInput = Loose<z.input<typeof prioritySchema>>;

const pledgeSchema = z.object({
  number: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number({ error: 'Enter the pledge number' }).int('Pledge number must be a whole number, like 7').min(1, 'Pledge number must be 1 or more').max(999, 'Pledge number must be 999 or less'),
  ),
  text: requiredText('the pledge', 1000),
  priorityId: optionalId('priority'),
});
export type PledgeInput = Loose<z.input<typeof pledgeSchema>>;

export interface PriorityNode extends PriorityRow {
  depth: number;
  children: PriorityNode[];
  pledges: PledgeRow[];
}

export interface CorporateOverview {
  plan: CorporatePlanRow | null;
  values: ValueRow[];
  priorities: PriorityNode[]; // roots, with children
  flatPriorities: PriorityNode[]; // depth-first
  pledges: PledgeRow[];
}

/** Values are entered one per line as "Name – description" (or just the name). */
function parseValue(line: string): { name: string; description: string | null } {
  const m = /^(.+?)\s+[–-]\s+(.+)$/.exec(line);
  return m ? { name: m[1]!.trim(), description: m[2]!.trim() } : { name: line, description: null };
}

export class CorporateService {
  constructor(private readonly deps: Deps) {}

  async overview(actor: Actor): Promise<CorporateOverview> {
    const r = this.deps.store.repos.corporate;
    const plan = (await r.plan(actor.tenantId)) ?? null;
    const [values, priorities, pledges] = plan
      ? await Promise.all([r.values(actor.tenantId, plan.id), r.priorities(actor.tenantId), r.pledges(actor.tenantId)])
      : [[], [], []];
    const nodes = new Map<number, PriorityNode>(priorities.map((p) => [p.id, { ...p, depth: 0, children: [], pledges: [] }]));
    const roots: PriorityNode[] = [];
    for (const n of nodes.values()) {
      const parent = n.parent_id !== null ? nodes.get(n.parent_id) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
    for (const p of pledges) if (p.priority_id !== null) nodes.get(p.priority_id)?.pledges.push(p);
    const flat: PriorityNode[] = [];
    const walk = (list: PriorityNode[], depth: number) => {
      for (const n of list) {
        n.depth = depth;
        flat.push(n);
        walk(n.children, depth + 1);
      }
    };
    walk(roots, 0);
    return { plan, values, priorities: roots, flatPriorities: flat, pledges };
  }

  async savePlan(actor: Actor, input: CorporatePlanInput): Promise<number> {
    assertCanAdminister(actor);
    const v = validate(planSchema, input);
    return this.deps.store.transaction(async (r) => {
      const before = await r.corporate.plan(actor.tenantId);
      const id = before ? before.id : await r.corporate.createPlan(actor.tenantId, v);
      if (before) await r.corporate.updatePlan(actor.tenantId, id, v);
      await r.corporate.replaceValues(actor.tenantId, id, v.values.map(parseValue));
      await recordChange(r, actor, 'corporate_plan', id, before ? 'update' : 'create', { before, after: v });
      return id;
    });
  }

  private async requirePlan(actor: Actor): Promise<CorporatePlanRow> {
    const plan = await this.deps.store.repos.corporate.plan(actor.tenantId);
    if (!plan) throw new ValidationError({ _: 'Set up the corporate plan first' });
    return plan;
  }

  async priority(actor: Actor, id: number): Promise<PriorityRow> {
    const p = await this.deps.store.repos.corporate.priority(actor.tenantId, id);
    if (!p) throw new NotFoundError('Priority');
    return p;
  }

  async createPriority(actor: Actor, input: PriorityInput): Promise<number> {
    assertCanAdminister(actor);
    const v = validate(prioritySchema, input);
    const plan = await this.requirePlan(actor);
    return this.deps.store.transaction(async (r) => {
      if (v.parentId && !(await r.corporate.priority(actor.tenantId, v.parentId))) throw new ValidationError({ parentId: 'Select a valid parent priority' });
      const id = await r.corporate.createPriority(actor.tenantId, plan.id, v);
      await recordChange(r, actor, 'priority', id, 'create', { after: v });
      return id;
    });
  }

  async updatePriority(actor: Actor, id: number, input: PriorityInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'priority', event: 'update', schema: prioritySchema, input }, async (r, v) => {
      const before = await r.corporate.priority(actor.tenantId, id);
      if (!before) throw new NotFoundError('Priority');
      if (v.parentId) {
        const all = await r.corporate.priorities(actor.tenantId);
        if (!all.some((x) => x.id === v.parentId)) throw new ValidationError({ parentId: 'Select a valid parent priority' });
        if (wouldCycle(all, id, v.parentId)) throw new ValidationError({ parentId: 'A priority cannot sit under itself or one of its own sub-priorities' });
      }
      await r.corporate.updatePriority(actor.tenantId, id, v);
      return { id, before };
    });
  }

  async pledge(actor: Actor, id: number): Promise<PledgeRow> {
    const p = await this.deps.store.repos.corporate.pledge(actor.tenantId, id);
    if (!p) throw new NotFoundError('Pledge');
    return p;
  }

  async createPledge(actor: Actor, input: PledgeInput): Promise<number> {
    assertCanAdminister(actor);
    const v = validate(pledgeSchema, input);
    const plan = await this.requirePlan(actor);
    return this.deps.store.transaction(async (r) => {
      await this.checkPledge(actor, r.corporate, plan.id, v, null);
      const id = await r.corporate.createPledge(actor.tenantId, plan.id, v);
      await recordChange(r, actor, 'pledge', id, 'create', { after: v });
      return id;
    });
  }

  async updatePledge(actor: Actor, id: number, input: PledgeInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'pledge', event: 'update', schema: pledgeSchema, input }, async (r, v) => {
      const before = await r.corporate.pledge(actor.tenantId, id);
      if (!before) throw new NotFoundError('Pledge');
      await this.checkPledge(actor, r.corporate, before.corporate_plan_id, v, id);
      await r.corporate.updatePledge(actor.tenantId, id, v);
      return { id, before };
    });
  }

  private async checkPledge(
    actor: Actor,
    repo: Deps['store']['repos']['corporate'],
    planId: number,
    v: z.output<typeof pledgeSchema>,
    id: number | null,
  ): Promise<void> {
    const clash = await repo.pledgeByNumber(actor.tenantId, planId, v.number);
    if (clash && clash.id !== id) throw new ValidationError({ number: `Pledge ${v.number} already exists` });
    if (v.priorityId && !(await repo.priority(actor.tenantId, v.priorityId))) throw new ValidationError({ priorityId: 'Select a valid priority' });
  }
}
