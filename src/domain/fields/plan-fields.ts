// A service plan's own fields, described once: the plan form's schema and values, the posted body,
// the repository's columns, plan snapshots, the audit labels, the "Plan" sheet of an XLSX export
// (its labels are the export headers) and the labels the importer reads back from it, and the plan
// part of Waymark's JSON. See docs/architecture.md, "Fields".
//
// Not here: the service and the plan year (orgUnitId, planYearId) are relations, chosen from lists;
// the export's "Organisation code", "Organisation" and "Year" rows are theirs. The status, version
// and approval are the lifecycle's (src/domain/plan-lifecycle.ts), not fields anyone types.

import { resolveFields, storedColumns, storedValues, type FieldDescriptor, type ResolvedField, type StoredColumns, type StoredValues } from './descriptor.ts';

const DESCRIPTORS = [
  { name: 'title', column: 'title', label: 'Title', kind: 'text', message: 'the title', maxLength: 300, required: true, exportHeader: 'Title', importAliases: { exact: ['title'] } },
  // One of PLAN_KINDS (src/domain/vocabulary.ts); the schema says "Select the kind of plan".
  { name: 'kind', column: 'kind', label: 'Kind', kind: 'enum', message: 'the kind of plan', required: true, exportHeader: 'Kind', importAliases: { exact: ['kind'] } },
  { name: 'vision', column: 'vision', label: 'Vision', kind: 'longText', exportHeader: 'Vision', importAliases: { exact: ['vision'] } },
  { name: 'purpose', column: 'purpose', label: 'Purpose', kind: 'longText', exportHeader: 'Purpose', importAliases: { exact: ['purpose'] } },
  {
    name: 'statutoryDuties',
    column: 'statutory_duties',
    label: 'Statutory responsibilities',
    kind: 'longText',
    exportHeader: 'Statutory duties',
    importAliases: { exact: ['statutory duties'] },
  },
  {
    name: 'areasOfFocus',
    column: 'areas_of_focus',
    label: 'Areas of focus for next year',
    kind: 'longText',
    exportHeader: 'Areas of focus',
    importAliases: { exact: ['areas of focus'] },
  },
] as const satisfies readonly FieldDescriptor[];

type Descriptor = (typeof DESCRIPTORS)[number];

/** A plan's own fields, in the order the form, the export and the JSON give them. */
export const PLAN_FIELDS: readonly ResolvedField<Descriptor>[] = resolveFields<Descriptor>(DESCRIPTORS);

export type PlanFieldName = Descriptor['name'];
export type PlanFieldColumn = Descriptor['column'];
/** The plan's fields as the export and import carry them (all text, null when blank). */
export type PlanFieldValues = { [K in PlanFieldName]: string | null };

/** The plan's fields as its columns hold them: title and kind are NOT NULL, the sections may be null. */
export type PlanColumns = StoredColumns<Descriptor>;
/** The same by name: what the plan service passes to its repository. */
export type PlanValues = StoredValues<Descriptor>;

/** A plan row's fields by name. */
export function planFieldsFromColumns(row: Readonly<PlanColumns>): PlanValues {
  return storedValues<Descriptor>(PLAN_FIELDS, row);
}

/** Values by name as the plan's columns. */
export function planFieldColumns(values: Readonly<PlanValues>): PlanColumns {
  return storedColumns<Descriptor>(PLAN_FIELDS, values);
}

/** The plan's fields from anything that carries them (a Waymark export's plan part), null where it does not. */
export function planFieldValues(from: Readonly<Partial<PlanFieldValues>> | null): PlanFieldValues {
  return Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, from?.[f.name] ?? null])) as PlanFieldValues;
}

/** A plan's fields with each one given (not null) in place of its own: an import bringing the plan up to date. */
export function withPlanFields(own: Readonly<PlanValues>, given: Readonly<Partial<PlanFieldValues>>): PlanValues {
  return Object.fromEntries(PLAN_FIELDS.map((f) => [f.name, given[f.name] ?? own[f.name]])) as PlanValues;
}
