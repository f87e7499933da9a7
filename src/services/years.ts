import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { parseYearLabel, planYearSpan, reportingPeriods, type PeriodScheme } from '../domain/plan-years.ts';
import type { PlanYearRow, ReportingPeriodRow } from '../db/repositories/index.ts';
import { assertCanAdminister, recordChange, type Actor, type ServiceDeps } from './context.ts';
import { oneOf, validate, type Loose } from './validation.ts';

const yearSchema = z.object({
  label: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter the plan year' }).min(1, 'Enter the plan year').refine((s) => parseYearLabel(s) !== null, 'Plan year must be like 2018/19'),
  ),
  scheme: oneOf(['quarters', 'halves'] as const, 'how the year is split into reporting periods'),
});
export type PlanYearInput = Loose<z.input<typeof yearSchema>>;

export interface PlanYearDetail extends PlanYearRow {
  periods: ReportingPeriodRow[];
}

export class YearService {
  constructor(private readonly deps: ServiceDeps) {}

  list(actor: Actor): Promise<PlanYearRow[]> {
    return this.deps.store.repos.planYears.list(actor.tenantId);
  }

  async get(actor: Actor, id: number): Promise<PlanYearDetail> {
    const y = await this.deps.store.repos.planYears.get(actor.tenantId, id);
    if (!y) throw new NotFoundError('Plan year');
    return { ...y, periods: await this.deps.store.repos.planYears.periods(actor.tenantId, id) };
  }

  async byLabel(actor: Actor, label: string): Promise<PlanYearRow> {
    const first = parseYearLabel(label);
    const repo = this.deps.store.repos.planYears;
    const y = (await repo.byLabel(actor.tenantId, label.trim())) ?? (first !== null ? await repo.byLabel(actor.tenantId, planYearSpan(first).label) : undefined);
    if (!y) throw new NotFoundError(`Plan year ${label}`);
    return y;
  }

  async create(actor: Actor, input: PlanYearInput): Promise<number> {
    assertCanAdminister(actor);
    const v = validate(yearSchema, input);
    return this.deps.store.transaction(async (r) => {
      const tenant = await r.tenants.get(actor.tenantId);
      if (!tenant) throw new NotFoundError('Council');
      const span = planYearSpan(parseYearLabel(v.label)!, tenant.year_start_month);
      if (await r.planYears.byLabel(actor.tenantId, span.label)) throw new ValidationError({ label: `Plan year ${span.label} already exists` });
      const id = await r.planYears.create(actor.tenantId, span);
      await r.planYears.replacePeriods(actor.tenantId, id, reportingPeriods(span, v.scheme));
      await recordChange(r, actor, 'plan_year', id, 'create', { after: { ...span, scheme: v.scheme } });
      return id;
    });
  }

  async setScheme(actor: Actor, id: number, scheme: PeriodScheme): Promise<void> {
    assertCanAdminister(actor);
    const v = validate(z.object({ scheme: yearSchema.shape.scheme }), { scheme });
    await this.deps.store.transaction(async (r) => {
      const y = await r.planYears.get(actor.tenantId, id);
      if (!y) throw new NotFoundError('Plan year');
      const before = await r.planYears.periods(actor.tenantId, id);
      const periods = reportingPeriods({ label: y.label, startDate: y.start_date, endDate: y.end_date }, v.scheme);
      await r.planYears.replacePeriods(actor.tenantId, id, periods);
      await recordChange(r, actor, 'plan_year', id, 'update', { before, after: periods });
    });
  }
}
