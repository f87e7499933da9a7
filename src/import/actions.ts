// Helpers shared by the readers that build a plan directly (JSON, Decidim).

import { blankActionText } from '../domain/fields/action-fields.ts';
import { PLAN_FIELDS, type PlanFieldValues } from '../domain/fields/plan-fields.ts';
import type { ParsedAction, PlanMeta } from '../domain/import-tables.ts';

/** An action with every field present: what a source does not say is null or an empty list. */
export function blankAction(title: string): ParsedAction {
  return {
    code: null,
    title,
    role: null,
    ...blankActionText(),
    dueDate: null,
    leadOfficers: [],
    impactedServices: [],
    partnershipLinks: [],
    status: null,
    percentComplete: null,
    narrative: null,
    statusWord: null,
    kind: null,
    startDate: null,
    revisedDueDate: null,
    weight: null,
    asAt: null,
  };
}

const PLAN_LABELS: Record<string, keyof Omit<PlanMeta, 'org'> | 'orgCode' | 'orgName'> = {
  'organisation code': 'orgCode',
  'organization code': 'orgCode',
  organisation: 'orgName',
  organization: 'orgName',
  year: 'year',
  'plan year': 'year',
  // The plan's own fields, by the labels the export writes (src/domain/fields/plan-fields.ts).
  ...Object.fromEntries(PLAN_FIELDS.flatMap((f) => f.importAliases.exact.map((label) => [label, f.name]))),
};

/**
 * The plan-level fields of a "Plan" sheet or block (label in the first cell, value in the second,
 * as Waymark's own exports write them). Null when no row has a known label.
 */
export function planMetaFromRows(rows: readonly (readonly string[])[]): PlanMeta | null {
  const meta: PlanMeta = {
    org: null, year: null, ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, null])) as PlanFieldValues),
  };
  let orgCode: string | null = null;
  let orgName: string | null = null;
  let found = false;
  for (const row of rows) {
    const label = (row[0] ?? '').trim().replace(/:$/u, '').replace(/\s+/gu, ' ').toLowerCase();
    const key = Object.hasOwn(PLAN_LABELS, label) ? PLAN_LABELS[label] : undefined;
    if (key === undefined) continue;
    found = true;
    const value = (row[1] ?? '').trim() || null;
    if (key === 'orgCode') orgCode = value;
    else if (key === 'orgName') orgName = value;
    else meta[key] = value;
  }
  if (orgCode !== null) meta.org = { code: orgCode, name: orgName };
  return found ? meta : null;
}
