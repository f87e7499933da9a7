// Waymark's own JSON: a whole-plan export ({ "format": "waymark-plan", … }) or the import
// preview's dry-run output ({ "objectives": […], "warnings": […] }). Both are validated field by
// field, because a hand-edited file should fail with the path of the mistake, not half import.
// The exporter uses the same schema, so what Waymark writes it can always read back.

import { z } from 'zod';
import { hasControlCharacter } from '../domain/control-characters.ts';
import { isIsoDate } from '../domain/dates.ts';
import { ImportError } from '../domain/errors.ts';
import { ACTION_TEXT_FIELDS, blankActionText, type ActionTextName } from '../domain/fields/action-fields.ts';
import { PLAN_FIELDS, type PlanFieldName } from '../domain/fields/plan-fields.ts';
import type { ParsedObjective, ParsedPlan } from '../domain/import-tables.ts';
import { STAGES } from '../domain/stages.ts';
import { ACTION_KINDS } from '../domain/vocabulary.ts';
import type { ReadResult } from './types.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });
// No control characters but tab, line feed and carriage return: PostgreSQL would refuse a NUL.
const CONTROL = 'must not contain control characters';
const plain = z.string().refine((s) => !hasControlCharacter(s), CONTROL);
const text = plain.nullable();
const list = z.array(plain);
const EXEMPT = 'must be a paragraph of Schedule 12A from 1 to 7, false (open) or null';

// An action's plain text fields (src/domain/fields/action-fields.ts). Those added after the first
// exports may be left out, as older files do not have them.
const textFields = Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, f.inDescription ? text : text.default(null)])) as Record<ActionTextName, typeof text>;

export const parsedActionSchema = z.object({
  code: text,
  title: plain,
  role: text,
  ...textFields,
  dueDate: isoDate.nullable(),
  leadOfficers: list,
  impactedServices: list,
  partnershipLinks: list,
  status: z.enum(STAGES).nullable(),
  percentComplete: z.number().int().min(0).max(100).nullable(),
  narrative: text,
  // Added after the first exports; older files do not have it.
  statusWord: text.default(null),
  kind: z.enum(ACTION_KINDS).nullable(),
  startDate: isoDate.nullable(),
  revisedDueDate: isoDate.nullable(),
  weight: z.number().int().min(1).max(100).nullable(),
  asAt: isoDate.nullable(),
  // Added with restricted items; older files do not have it. The paragraph of Schedule 12A (1–7) a
  // restricted action relies on, false for "open", null (or left out) for "not said".
  exemptParagraph: z
    .union([z.number(EXEMPT).int(EXEMPT).min(1, EXEMPT).max(7, EXEMPT), z.literal(false)], { error: EXEMPT })
    .nullable()
    .default(null),
});

export const parsedObjectiveSchema = z.object({
  number: text,
  title: plain,
  why: text,
  goal: text,
  actions: z.array(parsedActionSchema),
});

export const planMetaSchema = z.object({
  org: z.object({ code: plain, name: text }).nullable(),
  year: text,
  // The plan's own fields (src/domain/fields/plan-fields.ts).
  ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, text])) as Record<PlanFieldName, typeof text>),
});

/** A whole plan as Waymark exports it. */
export const waymarkPlanSchema = z.object({
  format: z.literal('waymark-plan'),
  version: z.literal(1),
  exportedAt: z.string(),
  plan: planMetaSchema.nullable(),
  objectives: z.array(parsedObjectiveSchema),
});
export type WaymarkPlanJson = z.infer<typeof waymarkPlanSchema>;

// The dry-run output leaves out what a table did not say; fill it in before validating, so the
// paths in messages stay those of the file.
const ACTION_DEFAULTS: Record<string, unknown> = {
  code: null, role: null, ...blankActionText(),
  dueDate: null, leadOfficers: [], impactedServices: [], partnershipLinks: [], status: null, percentComplete: null,
  narrative: null, statusWord: null, kind: null, startDate: null, revisedDueDate: null, weight: null, asAt: null,
  exemptParagraph: null,
};
const OBJECTIVE_DEFAULTS: Record<string, unknown> = { number: null, why: null, goal: null, actions: [] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const withDefaults = (defaults: Record<string, unknown>) => (v: unknown): unknown => (isRecord(v) ? { ...defaults, ...v } : v);

const dryRunSchema = z.object({
  objectives: z.array(
    z.preprocess(
      withDefaults(OBJECTIVE_DEFAULTS),
      parsedObjectiveSchema.extend({ actions: z.array(z.preprocess(withDefaults(ACTION_DEFAULTS), parsedActionSchema)) }),
    ),
  ),
  warnings: z.array(z.unknown()).optional(),
});

/** objectives[2].actions[0].title */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(the whole file)';
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
}

const notAPlan = (why: string): ImportError => new ImportError(`This is not a Waymark plan file (.json): ${why}`);

/** Reads Waymark's JSON (either shape) into a plan. Throws ImportError naming the path of each problem. */
export function readJson(source: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    throw notAPlan(`it is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(data)) throw notAPlan('expected an object with "objectives"');
  let objectives: ParsedObjective[];
  let plan: ParsedPlan['plan'] = null;
  if ('format' in data) {
    const r = waymarkPlanSchema.safeParse(data);
    if (!r.success) throw notAPlan(describeIssues(r.error));
    objectives = r.data.objectives;
    plan = r.data.plan;
  } else if ('objectives' in data) {
    const r = dryRunSchema.safeParse(data);
    if (!r.success) throw notAPlan(describeIssues(r.error));
    objectives = r.data.objectives;
  } else {
    throw notAPlan('expected "format": "waymark-plan" or a list of "objectives"');
  }
  return { kind: 'plan', format: 'json', plan: { mapping: [], headers: [], objectives, warnings: [], plan } };
}
