// An action's plain text fields and its dates, described once. For the text fields the action form
// and page, the action schema, the repository's columns, the audit trail's labels, the export table,
// the importers' headers, the JSON files and the plan snapshots are all built from this list, so a
// new plain text field of an action is one entry here and its migration (docs/architecture.md,
// "Fields"). For the dates: the schema (with the "not before the start date" rule), the form's
// values, labels and posted body, the repository's and schema's columns, plan snapshots, the audit
// labels, export headers and the importers' header spellings and labels.
//
// The dates' form inputs stay in the template (each has its own hint and "(optional)"), as do the
// action page's rows (a revised due date shows beside the first). The action's other fields — code,
// title, role (a council's own list), kind, weight, lead officers, impacted services, partnership
// links, corporate links and restriction — are written out where they are used: relations (ids,
// names linked to people and units) or words with their own parsing.

import { fieldNamed, resolveField, resolveFields, storedColumns, storedValues, type FieldDescriptor, type ImportFieldOf, type ResolvedField } from './descriptor.ts';

const DESCRIPTORS = [
  {
    name: 'target',
    column: 'target',
    label: 'Target',
    kind: 'longText',
    exportHeader: 'Target',
    importAliases: { exact: ['target', 'targets'], words: ['measure of success', 'measures of success', 'success measure', 'success measures'] },
    inDescription: true,
  },
  {
    name: 'outcome',
    column: 'outcome',
    label: 'Outcome',
    kind: 'longText',
    exportHeader: 'Outcome',
    importAliases: { exact: ['outcome', 'outcomes'] },
    inDescription: true,
  },
  {
    name: 'criticalSuccessFactors',
    column: 'critical_success_factors',
    label: 'Critical success factors',
    kind: 'longText',
    exportHeader: 'Critical success factors',
    importField: 'csf',
    importAliases: { words: ['critical success factor', 'critical success factors'] },
    inDescription: true,
  },
  {
    name: 'environmentalImpacts',
    column: 'environmental_impacts',
    label: 'Environmental impacts',
    kind: 'longText',
    exportHeader: 'Environmental impacts',
    importField: 'environment',
    importAliases: { words: ['environmental impact', 'environmental impacts'], early: true },
    inDescription: true,
  },
  {
    name: 'resourcesNeeded',
    column: 'resources_needed',
    label: 'Resources needed',
    kind: 'longText',
    exportHeader: 'Resources needed',
    importAliases: { exact: ['resources', 'resource', 'resourcing'], words: ['resources needed', 'resources required', 'resource requirements', 'resource implications'] },
  },
] as const satisfies readonly FieldDescriptor[];

type Descriptor = (typeof DESCRIPTORS)[number];

/** The plain text fields of an action, in the order the form shows them. */
export const ACTION_TEXT_FIELDS: readonly ResolvedField<Descriptor>[] = DESCRIPTORS.map((d) => resolveField<FieldDescriptor>(d) as ResolvedField<Descriptor>);

/** target, criticalSuccessFactors … as forms and services name them. */
export type ActionTextName = Descriptor['name'];
/** target, critical_success_factors … as the database names them. */
export type ActionTextColumn = Descriptor['column'];
/** The importers' names: csf, environment … */
export type ActionTextImportField = ImportFieldOf<Descriptor>;

/** The plain text values of an action as a service or an import has them. */
export type ActionTextValues = { [K in ActionTextName]: string | null };
/** The same values as the database columns hold them. */
export type ActionTextColumns = { [K in ActionTextColumn]: string | null };

/** The values by name, taken from anything that has them (a form's input, an imported action). */
export function actionTextValues(from: { readonly [K in ActionTextName]?: string | null }): ActionTextValues {
  return Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, from[f.name] ?? null])) as ActionTextValues;
}

/** A record's columns as values by name (a database row to a service's input). */
export function actionTextFromColumns(row: { readonly [K in ActionTextColumn]: string | null }): ActionTextValues {
  return storedValues<Descriptor>(ACTION_TEXT_FIELDS, row);
}

/** Values by name as database columns. */
export function actionTextColumns(values: ActionTextValues): ActionTextColumns {
  return storedColumns<Descriptor>(ACTION_TEXT_FIELDS, values);
}

/** Every plain text field blank. */
export function blankActionText(): ActionTextValues {
  return Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, null])) as ActionTextValues;
}

const DATE_DESCRIPTORS = [
  {
    name: 'startDate',
    column: 'start_date',
    label: 'Start date',
    kind: 'date',
    exportHeader: 'Start date',
    importAliases: { words: ['start date'] },
  },
  {
    name: 'dueDate',
    column: 'due_date',
    label: 'Due date',
    kind: 'date',
    exportHeader: 'Due date',
    notBefore: 'startDate',
    importAliases: {
      exact: ['when'],
      words: ['due date', 'due', 'deadline', 'timescale', 'timescales', 'by when', 'end date'],
      firstWords: ['target date', 'completion date'],
    },
  },
  {
    name: 'revisedDueDate',
    column: 'revised_due_date',
    label: 'Revised due date',
    kind: 'date',
    exportHeader: 'Revised due date',
    notBefore: 'startDate',
    importAliases: { words: ['revised due date', 'revised due', 'revised deadline'] },
  },
] as const satisfies readonly FieldDescriptor[];

type DateDescriptor = (typeof DATE_DESCRIPTORS)[number];

/**
 * An action's dates (ISO YYYY-MM-DD, each optional), in the order the form shows them. The header
 * matcher (import-headers.ts) tries them at different places: a revised due date early, "Target
 * date" before the text fields, the other spellings of a due date and a start date late.
 */
export const ACTION_DATE_FIELDS: readonly ResolvedField<DateDescriptor>[] = resolveFields<DateDescriptor>(DATE_DESCRIPTORS);

/** startDate, dueDate, revisedDueDate. */
export type ActionDateName = DateDescriptor['name'];
export type ActionDateColumn = DateDescriptor['column'];
export type ActionDateValues = { [K in ActionDateName]: string | null };
export type ActionDateColumns = { [K in ActionDateColumn]: string | null };

/** One of the dates by name. */
export const actionDateField = <N extends ActionDateName>(name: N) => fieldNamed(ACTION_DATE_FIELDS, name);

/** The dates by name, taken from anything that has them (a form's input, an imported action). */
export function actionDateValues(from: { readonly [K in ActionDateName]?: string | null }): ActionDateValues {
  return Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, from[f.name] ?? null])) as ActionDateValues;
}

export function actionDatesFromColumns(row: { readonly [K in ActionDateColumn]: string | null }): ActionDateValues {
  return storedValues<DateDescriptor>(ACTION_DATE_FIELDS, row);
}

export function actionDateColumns(values: ActionDateValues): ActionDateColumns {
  return storedColumns<DateDescriptor>(ACTION_DATE_FIELDS, values);
}
