import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type PlanYearRow = Row<'plan_years'>;
export type ReportingPeriodRow = Row<'reporting_periods'>;
export interface PeriodFields {
  position: number;
  label: string;
  startDate: string;
  endDate: string;
  opensOn: string | null;
  dueOn: string | null;
  graceDays?: number | null;
}

export class PlanYearRepository extends Repository {
  list(tenantId: number): Promise<PlanYearRow[]> {
    return this.db.selectFrom('plan_years').selectAll().where('tenant_id', '=', tenantId).orderBy('start_date', 'desc').execute();
  }

  get(tenantId: number, id: number): Promise<PlanYearRow | undefined> {
    return this.db.selectFrom('plan_years').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  byLabel(tenantId: number, label: string): Promise<PlanYearRow | undefined> {
    return this.db.selectFrom('plan_years').selectAll().where('tenant_id', '=', tenantId).where('label', '=', label).executeTakeFirst();
  }

  async create(tenantId: number, y: { label: string; startDate: string; endDate: string }): Promise<number> {
    const id = await insertId(
      this.db.insertInto('plan_years').values({ tenant_id: tenantId, label: y.label, start_date: y.startDate, end_date: y.endDate, created_at: this.now() }),
    );
    await this.changes.positions(tenantId);
    return id;
  }

  periods(tenantId: number, planYearId: number): Promise<ReportingPeriodRow[]> {
    return this.db
      .selectFrom('reporting_periods')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('plan_year_id', '=', planYearId)
      .orderBy('position')
      .execute();
  }

  async replacePeriods(tenantId: number, planYearId: number, periods: PeriodFields[]): Promise<void> {
    await this.db.deleteFrom('reporting_periods').where('tenant_id', '=', tenantId).where('plan_year_id', '=', planYearId).execute();
    await this.changes.positions(tenantId);
    if (!periods.length) return;
    await this.db
      .insertInto('reporting_periods')
      .values(
        periods.map((p) => ({
          tenant_id: tenantId,
          plan_year_id: planYearId,
          position: p.position,
          label: p.label,
          start_date: p.startDate,
          end_date: p.endDate,
          opens_on: p.opensOn,
          due_on: p.dueOn,
          grace_days: p.graceDays ?? null,
        })),
      )
      .execute();
  }

  period(tenantId: number, id: number): Promise<ReportingPeriodRow | undefined> {
    return this.db.selectFrom('reporting_periods').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /** Every period of the council, for assessing many actions at once. */
  allPeriods(tenantId: number): Promise<ReportingPeriodRow[]> {
    return this.db.selectFrom('reporting_periods').selectAll().where('tenant_id', '=', tenantId).orderBy('plan_year_id').orderBy('position').execute();
  }

  async updatePeriod(tenantId: number, id: number, p: Omit<PeriodFields, 'position'>): Promise<void> {
    await this.db
      .updateTable('reporting_periods')
      .set({ label: p.label, start_date: p.startDate, end_date: p.endDate, opens_on: p.opensOn, due_on: p.dueOn, grace_days: p.graceDays ?? null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await this.changes.positions(tenantId);
  }

  /** How many progress updates were filed against the year's periods (which then cannot be replaced). */
  async updatesInYear(tenantId: number, planYearId: number): Promise<number> {
    const r = await this.db
      .selectFrom('progress_updates as u')
      .innerJoin('reporting_periods as p', 'p.id', 'u.period_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.tenant_id', '=', tenantId)
      .where('p.plan_year_id', '=', planYearId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
