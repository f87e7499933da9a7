// A progress update's own fields, described once: the update form's schema, posted body and values,
// the audit labels, and the export table's progress columns with the importer's labels and header
// spellings. See docs/architecture.md, "Fields".
//
// Not here: the action and the reporting period (actionId, periodId) and the update it corrects
// (correctsId) are relations; the stage is worked out from the status word (src/domain/stages.ts);
// the author, recorded time and sign-off are the system's; restriction is shared with actions
// (src/services/restriction.ts).

import { fieldNamed, resolveFields, type FieldDescriptor, type ImportFieldOf, type ResolvedField } from './descriptor.ts';

const DESCRIPTORS = [
  {
    name: 'asAt',
    column: 'as_at',
    label: 'As-at date',
    kind: 'date',
    message: 'the as-at date',
    required: true,
    exportHeader: 'As at',
    importLabel: 'Update date (as at)',
    importAliases: { words: ['update date', 'as at', 'date of update'] },
  },
  {
    // One of the council's status words; the export's column also carries the stage when there is no word.
    name: 'statusWord',
    column: 'status_word',
    label: 'Status',
    kind: 'text',
    message: 'the status',
    maxLength: 100,
    required: true,
    exportHeader: 'Status',
    importField: 'status',
    importLabel: 'Status or stage',
    importAliases: { words: ['status', 'stage'] },
  },
  {
    // Its own check (src/services/progress-update-input.ts): a whole number from 0 to 100, "%" allowed.
    // The importer also takes any header with a "%" in it.
    name: 'percentComplete',
    column: 'percent_complete',
    label: '% complete',
    kind: 'number',
    exportHeader: '% complete',
    importField: 'percent',
    importAliases: { words: ['percent', 'percentage'] },
  },
  {
    name: 'narrative',
    column: 'narrative',
    label: 'Progress update',
    kind: 'longText',
    message: 'progress update',
    maxLength: 10000,
    exportHeader: 'Progress update',
    importAliases: { words: ['progress update', 'comment', 'comments', 'commentary', 'progress', 'update', 'latest update', 'notes', 'narrative'] },
    auditLabel: 'Progress',
  },
  { name: 'nextSteps', column: 'next_steps', label: 'Key actions remaining', kind: 'longText', exportHeader: null },
  {
    // Green, amber or red (src/domain/rag.ts), or none.
    name: 'ragOverride',
    column: 'rag_override',
    label: 'Traffic light override',
    kind: 'enum',
    exportHeader: null,
  },
  { name: 'overrideReason', column: 'override_reason', label: 'Reason for the override', kind: 'longText', maxLength: 1000, exportHeader: null },
] as const satisfies readonly FieldDescriptor[];

type Descriptor = (typeof DESCRIPTORS)[number];

/** A progress update's own fields, in the order the form shows them. */
export const UPDATE_FIELDS: readonly ResolvedField<Descriptor>[] = resolveFields<Descriptor>(DESCRIPTORS);

export type UpdateFieldName = Descriptor['name'];
/** The importer's names of the exported ones: asAt, status, percent, narrative. */
export type UpdateImportField = ImportFieldOf<Extract<Descriptor, { exportHeader: string }>>;

/** One of the fields by name. */
export const updateField = <N extends UpdateFieldName>(name: N) => fieldNamed(UPDATE_FIELDS, name);
