import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { customPeriods, parseYearLabel, planYearSpan, reportingPeriods, type PeriodScheme } from '../domain/plan-years.ts';
import type { PlanYearRow, ReportingPeriodRow } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, recordChange, type Actor, type Deps } from './context.ts';
import { oneOf, requiredDate, validate, type Loose } from './validation.ts';

const yearSchema = z.object({
  label: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter the plan year' }).min(1, 'Enter the plan year').refine((s) => parseYearLabel(s) !== null, 'Plan year must be like 2018/19'),
  ),
  scheme: oneOf(['quarters', 'halves'] as const, 'how the year is split into reporting periods'),
});
export type PlanYearInput = Loose<z.input<typeof yearSchema>>;

const GRACE_MESSAGE = 'Grace days must be a whole number from 0 to 60, or blank to use the council default';
const periodWindowSchema = z
  .object({
    opensOn: requiredDate('the date updates open'),
    dueOn: requiredDate('the date updates are due'),
    graceDays: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim())) : v),
      z.number({ error: GRACE_MESSAGE }).int(GRACE_MESSAGE).min(0, GRACE_MESSAGE).max(60, GRACE_MESSAGE).nullable(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.dueOn < v.opensOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'The date updates are due must be the same as or after the date they open' });
  });
export type PeriodWindowInput = Loose<z.input<typeof periodWindowSchema>>;

export interface PlanYearDetail extends PlanYearRow {
  periods: ReportingPeriodRow[];
  /** Progress updates filed against the year's periods (which then cannot be replaced). */
  updatesFiled: number;
}

export class YearService {
  constructor(private readonly deps: Deps) {}

  list(actor: Actor): Promise<PlanYearRow[]> {
    return this.deps.store.repos.planYears.list(actor.tenantId);
  }

  async get(actor: Actor, id: number): Promise<PlanYearDetail> {
    const y = await this.deps.store.repos.planYears.get(actor.tenantId, id);
    if (!y) throw new NotFoundError('Plan year');
    const [periods, updatesFiled] = await Promise.all([this.deps.store.repos.planYears.periods(actor.tenantId, id), this.deps.store.repos.planYears.updatesInYear(actor.tenantId, id)]);
    return { ...y, periods, updatesFiled };
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
    return audited(this.deps, actor, { entity: 'plan_year', event: 'create', schema: yearSchema, input }, async (r, v) => {
      const tenant = await r.tenants.get(actor.tenantId);
      if (!tenant) throw new NotFoundError('Council');
      const span = planYearSpan(parseYearLabel(v.label)!, tenant.year_start_month);
      if (await r.planYears.byLabel(actor.tenantId, span.label)) throw new ValidationError({ label: `Plan year ${span.label} already exists` });
      const id = await r.planYears.create(actor.tenantId, span);
      await r.planYears.replacePeriods(actor.tenantId, id, reportingPeriods(span, v.scheme));
      return { id, after: { ...span, scheme: v.scheme } };
    });
  }

  /** Replaces a year's periods with quarters, halves or custom periods (`custom`: one per line, "label, start, end"). */
  async setScheme(actor: Actor, id: number, scheme: PeriodScheme | 'custom', custom = ''): Promise<void> {
    assertCanAdminister(actor);
    const v = validate(z.object({ scheme: oneOf(['quarters', 'halves', 'custom'] as const, 'how the year is split into reporting periods') }), { scheme });
    await this.deps.store.transaction(async (r) => {
      const y = await r.planYears.get(actor.tenantId, id);
      if (!y) throw new NotFoundError('Plan year');
      // Replacing the periods would orphan the progress updates filed against them.
      const filed = await r.planYears.updatesInYear(actor.tenantId, id);
      if (filed > 0) {
        throw new ValidationError({
          scheme: `The reporting periods of ${y.label} cannot be replaced: ${filed} progress update${filed === 1 ? ' has' : 's have'} been filed against them. Change a period's dates instead.`,
        });
      }
      const before = await r.planYears.periods(actor.tenantId, id);
      const span = { label: y.label, startDate: y.start_date, endDate: y.end_date };
      let periods = v.scheme === 'custom' ? [] : reportingPeriods(span, v.scheme);
      if (v.scheme === 'custom') {
        const parsed = customPeriods(span, custom);
        if (parsed.errors.length) throw new ValidationError({ customPeriods: parsed.errors.join('. ') });
        periods = parsed.periods;
      }
      await r.planYears.replacePeriods(actor.tenantId, id, periods);
      await recordChange(r, actor, 'plan_year', id, 'update', { before, after: periods });
    });
  }

  /** Changes a reporting period's update window: when updates open, when they are due, and its own grace days (null: the council's). */
  async updatePeriod(actor: Actor, yearId: number, periodId: number, input: PeriodWindowInput): Promise<void> {
    assertCanAdminister(actor);
    await this.deps.store.transaction(async (r) => {
      const period = await r.planYears.period(actor.tenantId, periodId);
      if (!period || period.plan_year_id !== yearId) throw new NotFoundError('Reporting period');
      const v = validate(periodWindowSchema, input);
      await r.planYears.updatePeriod(actor.tenantId, periodId, {
        label: period.label,
        startDate: period.start_date,
        endDate: period.end_date,
        opensOn: v.opensOn,
        dueOn: v.dueOn,
        graceDays: v.graceDays,
      });
      await recordChange(r, actor, 'reporting_period', periodId, 'update', {
        before: { opensOn: period.opens_on, dueOn: period.due_on, graceDays: period.grace_days },
        after: v,
      });
    });
  }
}
