import { addDays, addMonths, isIsoDate, isoDate, MONTHS } from './dates.ts';

// Plan years run from a council's start month (April by default) and are labelled "2018/19".

export interface YearSpan {
  label: string;
  startDate: string;
  endDate: string;
}

export interface PeriodSpan {
  position: number;
  label: string;
  startDate: string;
  endDate: string;
  /** The update window: officers are asked for updates from opensOn, due by dueOn. */
  opensOn: string;
  dueOn: string;
}

/** Default update window: opens two weeks before a period ends, due two weeks after it. */
export const WINDOW_OPENS_DAYS_BEFORE_END = 13;
export const WINDOW_DUE_DAYS_AFTER_END = 14;

/** A period locks (takes no more updates) once its due date plus the grace days have passed. */
export function periodLocked(dueOn: string | null, graceDays: number, today: string): boolean {
  return dueOn !== null && today > addDays(dueOn, graceDays);
}

const LABEL = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/;

/** Parses "2018/19", "2018/2019" or "2018-19" to the first calendar year, or null when malformed. */
export function parseYearLabel(label: string): number | null {
  const m = LABEL.exec(label.trim());
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[2]);
  const follows = m[2]!.length === 2 ? (first + 1) % 100 === second : first + 1 === second;
  return follows ? first : null;
}

export function yearLabel(firstYear: number): string {
  return `${firstYear}/${String((firstYear + 1) % 100).padStart(2, '0')}`;
}

/** The plan year starting in `startMonth` (1–12) of `firstYear`. A January start is a calendar year. */
export function planYearSpan(firstYear: number, startMonth = 4): YearSpan {
  const startDate = isoDate(firstYear, startMonth, 1);
  const endDate = addDays(addMonths(startDate, 12), -1);
  const label = startMonth === 1 ? String(firstYear) : yearLabel(firstYear);
  return { label, startDate, endDate };
}

/** The plan year containing a date, for a council whose year starts in `startMonth`. */
export function planYearContaining(iso: string, startMonth = 4): YearSpan {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return planYearSpan(m >= startMonth ? y : y - 1, startMonth);
}

export type PeriodScheme = 'quarters' | 'halves';

export function reportingPeriods(year: YearSpan, scheme: PeriodScheme): PeriodSpan[] {
  const size = scheme === 'quarters' ? 3 : 6;
  const count = 12 / size;
  const out: PeriodSpan[] = [];
  for (let i = 0; i < count; i++) {
    const startDate = addMonths(year.startDate, i * size);
    const endDate = addDays(addMonths(year.startDate, (i + 1) * size), -1);
    const name = scheme === 'quarters' ? `Quarter ${i + 1}` : i === 0 ? 'First half' : 'Second half';
    const [, em] = endDate.split('-').map(Number) as [number, number];
    const [, sm] = startDate.split('-').map(Number) as [number, number];
    out.push({
      position: i + 1,
      label: `${name} (${MONTHS[sm - 1]} to ${MONTHS[em - 1]})`,
      startDate,
      endDate,
      opensOn: addDays(endDate, -WINDOW_OPENS_DAYS_BEFORE_END),
      dueOn: addDays(endDate, WINDOW_DUE_DAYS_AFTER_END),
    });
  }
  return out;
}

/** A date written as 2018-04-01 or 1/4/2018; null when it is neither or not a real date. */
function readDate(s: string): string | null {
  const t = s.trim();
  let iso: string | null = null;
  const a = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const b = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (a) iso = isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  else if (b) iso = isoDate(Number(b[3]), Number(b[2]), Number(b[1]));
  return iso && isIsoDate(iso) ? iso : null;
}

/**
 * Custom reporting periods, one per line: `Label, start date, end date` (dates as 2018-04-01 or
 * 1/4/2018). Periods must lie inside the year, in order, without overlapping.
 */
export function customPeriods(year: YearSpan, text: string): { periods: PeriodSpan[]; errors: string[] } {
  const periods: PeriodSpan[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) errors.push('Enter at least one period, one per line: label, start date, end date');
  lines.forEach((line, i) => {
    const parts = line.split(',').map((p) => p.trim());
    const n = i + 1;
    if (parts.length !== 3 || !parts[0]) return void errors.push(`Line ${n} must be a label, a start date and an end date, separated by commas`);
    const [label, s, e] = parts as [string, string, string];
    const startDate = readDate(s);
    const endDate = readDate(e);
    if (!startDate || !endDate) return void errors.push(`Line ${n}: dates must be real dates, like 2018-04-01 or 1/4/2018`);
    if (endDate < startDate) return void errors.push(`Line ${n}: the end date must be on or after the start date`);
    if (startDate < year.startDate || endDate > year.endDate) return void errors.push(`Line ${n}: the period must lie inside ${year.label}`);
    const prev = periods.at(-1);
    if (prev && startDate <= prev.endDate) return void errors.push(`Line ${n}: periods must be in order and must not overlap`);
    periods.push({ position: periods.length + 1, label, startDate, endDate, opensOn: addDays(endDate, -WINDOW_OPENS_DAYS_BEFORE_END), dueOn: addDays(endDate, WINDOW_DUE_DAYS_AFTER_END) });
  });
  return { periods: errors.length ? [] : periods, errors };
}
