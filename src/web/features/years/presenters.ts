import { addDays, formatUkDate } from '../../../domain/dates.ts';

// The plan years pages' view models (see docs/architecture.md, Presenters).

type Year = { id: number; label: string; start_date: string; end_date: string };
type Period = { id: number; label: string; start_date: string; end_date: string; opens_on: string | null; due_on: string | null; grace_days: number | null };
type Item = { value: string; text: string; hint: string };

const yearsCrumb = { text: 'Plan years', href: '/years' };

/** /years: latest first, as the service lists them. */
export function yearListPage(input: { years: readonly Year[] }) {
  return {
    title: 'Plan years',
    section: 'years',
    years: input.years.map((y) => ({ id: y.id, label: y.label, startDate: formatUkDate(y.start_date), endDate: formatUkDate(y.end_date) })),
  };
}

/** /years/new. */
export function yearFormPage(input: { schemes: readonly Item[]; values: Record<string, unknown>; errors?: Record<string, string> }) {
  return { title: 'Add a plan year', section: 'years', schemes: input.schemes, breadcrumbs: [yearsCrumb], values: input.values, ...(input.errors ? { errors: input.errors } : {}) };
}

/**
 * /years/:id: the year, its reporting periods with their update windows (each takes updates from
 * its opening date until the due date plus its grace days, its own or the council's), its plans,
 * and the form that changes the periods.
 */
export function yearPage(input: {
  year: Year & { periods: readonly Period[]; updatesFiled: number };
  plans: readonly { id: number; title: string; orgName: string }[];
  councilGraceDays: number;
  schemes: readonly Item[];
  scheme?: string;
  customPeriods?: string;
  errors?: Record<string, string>;
}) {
  const { year } = input;
  const current = year.periods.length === 4 ? 'quarters' : year.periods.length === 2 ? 'halves' : '';
  return {
    title: `Plan year ${year.label}`,
    section: 'years',
    year: { id: year.id, label: year.label, startDate: formatUkDate(year.start_date), endDate: formatUkDate(year.end_date), updatesFiled: year.updatesFiled },
    periods: year.periods.map((p) => {
      const grace = p.grace_days ?? input.councilGraceDays;
      return {
        id: p.id,
        label: p.label,
        startDate: formatUkDate(p.start_date),
        endDate: formatUkDate(p.end_date),
        opensOn: formatUkDate(p.opens_on),
        dueOn: formatUkDate(p.due_on),
        grace,
        ownGrace: p.grace_days !== null,
        locksAfter: p.due_on ? formatUkDate(addDays(p.due_on, grace)) : null,
      };
    }),
    plans: input.plans.map((p) => ({ id: p.id, title: p.title, orgName: p.orgName })),
    schemes: input.schemes,
    values: { scheme: input.scheme ?? current, customPeriods: input.customPeriods ?? year.periods.map((p) => `${p.label}, ${p.start_date}, ${p.end_date}`).join('\n') },
    errorAnchors: { customPeriods: 'customPeriods' },
    errors: input.errors,
    breadcrumbs: [yearsCrumb],
  };
}

/** The period form's values from a period row: the grace days, and the date boxes. */
export function periodFormValues(p: Period, dateParts: (iso: string | null) => { day: string; month: string; year: string }) {
  return { values: { graceDays: p.grace_days === null ? '' : String(p.grace_days) }, dates: { opensOn: dateParts(p.opens_on), dueOn: dateParts(p.due_on) } };
}

/** /years/:id/periods/:periodId/edit: a reporting period's update window. */
export function periodFormPage(input: {
  year: Year;
  period: Period;
  councilGraceDays: number;
  yearId: number;
  periodId: number;
  values: { graceDays: string };
  dates: Record<string, { day: string; month: string; year: string }>;
  errors?: Record<string, string>;
}) {
  const { year, period, ...data } = input;
  return {
    title: `Update window for ${period.label}`,
    section: 'years',
    year: { id: year.id, label: year.label },
    period: { id: period.id, label: period.label, startDate: formatUkDate(period.start_date), endDate: formatUkDate(period.end_date) },
    errorAnchors: { opensOn: 'opensOn-day', dueOn: 'dueOn-day' },
    breadcrumbs: [yearsCrumb, { text: `Plan year ${year.label}`, href: `/years/${year.id}` }],
    ...data,
  };
}
