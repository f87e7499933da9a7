import { planFieldColumns, type PlanValues } from '../../domain/fields/plan-fields.ts';
import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type ServicePlanRow = Row<'service_plans'>;
export type PlanGoalRow = Row<'plan_goals'>;
/** A plan's service and year, and its own fields (title, kind, vision …: src/domain/fields/plan-fields.ts). */
export interface ServicePlanFields extends PlanValues {
  orgUnitId: number;
  planYearId: number;
}
export interface PlanSummaryRow {
  id: number;
  title: string;
  kind: string;
  status: string;
  orgUnitId: number;
  orgCode: string;
  orgName: string;
  planYearId: number;
  yearLabel: string;
  yearStart: string;
  objectives: number;
  actions: number;
}

export class PlanRepository extends Repository {
  async list(tenantId: number, filter: { planYearId?: number; orgUnitId?: number } = {}): Promise<PlanSummaryRow[]> {
    let q = this.db
      .selectFrom('service_plans as p')
      .innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .innerJoin('plan_years as y', 'y.id', 'p.plan_year_id')
      .select((eb) => [
        'p.id',
        'p.title',
        'p.kind',
        'p.status',
        'o.id as orgUnitId',
        'o.code as orgCode',
        'o.name as orgName',
        'y.id as planYearId',
        'y.label as yearLabel',
        'y.start_date as yearStart',
        eb.selectFrom('objectives').select(eb.fn.countAll<number>().as('n')).whereRef('objectives.plan_id', '=', 'p.id').as('objectives'),
        eb.selectFrom('actions').select(eb.fn.countAll<number>().as('n')).whereRef('actions.plan_id', '=', 'p.id').as('actions'),
      ])
      .where('p.tenant_id', '=', tenantId);
    if (filter.planYearId) q = q.where('p.plan_year_id', '=', filter.planYearId);
    if (filter.orgUnitId) q = q.where('p.org_unit_id', '=', filter.orgUnitId);
    const rows = await q.orderBy('y.start_date', 'desc').orderBy('o.name').execute();
    return rows.map((r) => ({ ...r, objectives: Number(r.objectives ?? 0), actions: Number(r.actions ?? 0) }));
  }

  /** Each plan's year, for assessing many actions without loading whole plans. */
  yearIds(tenantId: number, planIds: number[]): Promise<{ id: number; plan_year_id: number }[]> {
    if (!planIds.length) return Promise.resolve([]);
    return this.db.selectFrom('service_plans').select(['id', 'plan_year_id']).where('tenant_id', '=', tenantId).where('id', 'in', planIds).execute();
  }

  get(tenantId: number, id: number): Promise<ServicePlanRow | undefined> {
    return this.db.selectFrom('service_plans').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  forUnitYear(tenantId: number, orgUnitId: number, planYearId: number): Promise<ServicePlanRow | undefined> {
    return this.db
      .selectFrom('service_plans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('org_unit_id', '=', orgUnitId)
      .where('plan_year_id', '=', planYearId)
      .executeTakeFirst();
  }

  async create(tenantId: number, f: ServicePlanFields): Promise<number> {
    const t = this.now();
    const id = await insertId(
      this.db.insertInto('service_plans').values({
        tenant_id: tenantId,
        org_unit_id: f.orgUnitId,
        plan_year_id: f.planYearId,
        ...planFieldColumns(f),
        status: 'draft',
        version: 1,
        created_at: t,
        updated_at: t,
      }),
    );
    await this.changes.positions(tenantId);
    return id;
  }

  /** Updates when the stored version matches; returns false when someone else saved first. */
  async update(tenantId: number, id: number, version: number, f: ServicePlanFields): Promise<boolean> {
    const r = await this.db
      .updateTable('service_plans')
      .set({
        org_unit_id: f.orgUnitId,
        plan_year_id: f.planYearId,
        ...planFieldColumns(f),
        version: version + 1,
        updated_at: this.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    // The plan may have moved to another plan year, which its actions' positions are judged in.
    await this.changes.positions(tenantId);
    return Number(r.numUpdatedRows) === 1;
  }

  goals(tenantId: number, planId: number): Promise<PlanGoalRow[]> {
    return this.db.selectFrom('plan_goals').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).orderBy('position').execute();
  }

  goal(tenantId: number, id: number): Promise<PlanGoalRow | undefined> {
    return this.db.selectFrom('plan_goals').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  async createGoal(tenantId: number, planId: number, g: { number: string | null; title: string }): Promise<number> {
    const max = await this.db.selectFrom('plan_goals').select((eb) => eb.fn.max('position').as('m')).where('plan_id', '=', planId).executeTakeFirst();
    return insertId(
      this.db.insertInto('plan_goals').values({ tenant_id: tenantId, plan_id: planId, position: Number(max?.m ?? 0) + 1, number: g.number, title: g.title }),
    );
  }

  async updateGoal(tenantId: number, id: number, g: { number: string | null; title: string }): Promise<void> {
    await this.db.updateTable('plan_goals').set({ number: g.number, title: g.title }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }
}
