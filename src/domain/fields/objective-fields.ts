// An objective's own fields (a service priority: number, title and its "Why"), described once: the
// objective form's schema, the audit labels, the export table's objective columns, the importer's
// labels and header spellings, and plan snapshots. See docs/architecture.md, "Fields".
//
// Not here: the strategic goal it sits under (goalId; the export writes the goal's own label), its
// corporate priorities and pledges (ids of other records), and its position (the plan's order).

import { fieldNamed, resolveFields, storedValues, type FieldDescriptor, type ImportFieldOf, type ResolvedField, type StoredColumns, type StoredValues } from './descriptor.ts';

const DESCRIPTORS = [
  {
    // Its own checks (src/services/plans.ts): "I.2" is read as 1.2, and it must look like 1.1.
    name: 'number',
    column: 'number',
    label: 'Number',
    kind: 'text',
    maxLength: 20,
    exportHeader: 'Objective number',
    importField: 'objectiveNumber',
    importAliases: { words: ['objective number', 'objective no', 'priority number', 'priority no'] },
  },
  {
    name: 'title',
    column: 'title',
    label: 'Objective',
    kind: 'text',
    message: 'the objective',
    maxLength: 500,
    required: true,
    exportHeader: 'Objective',
    importField: 'objective',
    importLabel: 'Objective (service priority)',
    importAliases: { words: ['service priority', 'objective', 'objectives', 'priority'] },
    // Titles of plans, goals, objectives and actions share one label in the audit trail.
    auditLabel: 'Title',
  },
  {
    name: 'why',
    column: 'why',
    label: 'Why',
    kind: 'longText',
    exportHeader: 'Why',
    importLabel: 'Why (objective)',
    importAliases: { exact: ['why'] },
  },
] as const satisfies readonly FieldDescriptor[];

type Descriptor = (typeof DESCRIPTORS)[number];

/** An objective's own fields, in the order the form and the export table give them. */
export const OBJECTIVE_FIELDS: readonly ResolvedField<Descriptor>[] = resolveFields<Descriptor>(DESCRIPTORS);

export type ObjectiveFieldName = Descriptor['name'];
/** The importer's names: objectiveNumber, objective, why. */
export type ObjectiveImportField = ImportFieldOf<Descriptor>;

/** One of the fields by name. */
export const objectiveField = <N extends ObjectiveFieldName>(name: N) => fieldNamed(OBJECTIVE_FIELDS, name);

/** An objective's fields as its columns hold them (the title is NOT NULL). */
export type ObjectiveColumns = StoredColumns<Descriptor>;
export type ObjectiveValues = StoredValues<Descriptor>;

/** An objective row's fields by name: what its edit form shows. */
export function objectiveFieldsFromColumns(row: Readonly<ObjectiveColumns>): ObjectiveValues {
  return storedValues<Descriptor>(OBJECTIVE_FIELDS, row);
}
