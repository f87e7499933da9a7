// Checks of an import against the plan year it goes into. Pure.
//
// A table whose due dates fall outside the plan year is almost always a table from another year,
// or a year typed wrongly: imported silently, every action turns red (or looks far from due) at
// once. The preview names each such action so the officer can check the year before importing.

import { formatUkDate } from './dates.ts';
import type { ImportWarning, ParsedObjective } from './import-types.ts';
import { parseYearLabel, yearLabel } from './plan-years.ts';

export interface YearBounds {
  label: string;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

/** One warning per action whose due date (or revised due date) falls outside the year. */
export function datesOutsideYear(objectives: readonly ParsedObjective[], year: YearBounds): ImportWarning[] {
  const span = `the plan year ${year.label} (${formatUkDate(year.start)} to ${formatUkDate(year.end)})`;
  const out: ImportWarning[] = [];
  for (const a of objectives.flatMap((o) => o.actions)) {
    const label = a.code ?? `“${a.title.slice(0, 60)}”`;
    const due = a.revisedDueDate ?? a.dueDate;
    if (due === null || (due >= year.start && due <= year.end)) continue;
    const which = a.revisedDueDate !== null ? 'revised due date' : 'due date';
    const side = due < year.start ? 'before' : 'after';
    out.push({ line: a.line ?? 0, message: `Action ${label} has a ${which} of ${formatUkDate(due)}, ${side} ${span}: check the plan year and the dates` });
  }
  return out;
}

// "Service Improvement Plan 2018/19", "Business plan 2018-2019": the year a title names.
const YEAR_IN_TITLE = /\b((?:19|20)\d{2})\s*[/–—-]\s*((?:19|20)?\d{2})\b/u;

/** The plan year a title names, as a label like 2018/19, or null. */
export function yearInTitle(title: string): string | null {
  const m = YEAR_IN_TITLE.exec(title);
  if (!m) return null;
  const first = parseYearLabel(`${m[1]}/${m[2]}`);
  return first === null ? null : yearLabel(first);
}
