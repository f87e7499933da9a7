// The flat table Waymark exports a plan (or any list of actions) as: one row per action with its
// objective and goal repeated, so it sorts and filters in Excel and reads back in through the same
// importer (import-tables.ts maps these headers back to the same fields). Pure.

import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS } from './fields/action-fields.ts';
import type { ResolvedField } from './fields/descriptor.ts';
import { OBJECTIVE_FIELDS } from './fields/objective-fields.ts';
import { updateField } from './fields/update-fields.ts';
import type { DERIVED_HEADERS, Field } from './import-headers.ts';
import type { ParsedAction, ParsedObjective } from './import-tables.ts';
import { RAG_LABELS, type Rag } from './rag.ts';
import { STAGE_LABELS } from './stages.ts';
import type { ActionKind } from './vocabulary.ts';

/** Short kind words that read back in (import-tables.ts knows them). */
const KIND_WORDS: Record<ActionKind, string> = { one_off: 'One-off', ongoing: 'Ongoing', milestone: 'Milestone' };

export interface ExportColumn {
  field: Field;
  header: string;
  /** How a spreadsheet should show it. */
  type: 'text' | 'date' | 'number';
}

/** The columns of a field list's exported fields (src/domain/fields/), under their export headers. */
const columnsOf = (fields: readonly ResolvedField[]): ExportColumn[] =>
  fields
    .filter((f) => f.export && f.exportHeader !== null)
    .map((f) => ({ field: f.importField as Field, header: f.exportHeader!, type: f.kind === 'date' ? 'date' : f.kind === 'number' ? 'number' : 'text' }));

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { field: 'goal', header: 'Strategic goal', type: 'text' },
  // The objective's own fields: number, title, why.
  ...columnsOf(OBJECTIVE_FIELDS),
  { field: 'code', header: 'Action code', type: 'text' },
  { field: 'title', header: 'Action', type: 'text' },
  { field: 'role', header: 'Role', type: 'text' },
  { field: 'kind', header: 'Kind', type: 'text' },
  // The dates (the same list).
  ...columnsOf(ACTION_DATE_FIELDS),
  { field: 'weight', header: 'Weight', type: 'number' },
  // The plain text fields (src/domain/fields/action-fields.ts): the parts of the councils'
  // description, then any added since (the exempt information column stays last).
  ...columnsOf(ACTION_TEXT_FIELDS),
  { field: 'leads', header: 'Lead officers', type: 'text' },
  { field: 'impacts', header: 'Impacts on other services', type: 'text' },
  { field: 'partnerships', header: 'Partnership links', type: 'text' },
  // The latest progress update's (src/domain/fields/update-fields.ts), the date it reports on last.
  ...columnsOf([updateField('statusWord'), updateField('percentComplete'), updateField('narrative'), updateField('asAt')]),
  // Last, so the older columns keep their places. Empty for an open action: a blank never erases.
  { field: 'exempt', header: 'Exempt information', type: 'text' },
];

export type ExportCell = string | number | null;

/**
 * Columns after the importer's own: each action's traffic light as at the day of the export, whether
 * it is overdue, and the % complete expected by then, as the action pages show them (the RAG rules,
 * src/domain/rag.ts). They are facts of the day, not fields of the plan: the importer reads none of
 * them back (import-headers.ts, DERIVED_HEADERS).
 */
export const LIGHT_COLUMNS: readonly { header: (typeof DERIVED_HEADERS)[number]; type: 'text' | 'number' }[] = [
  { header: 'Traffic light', type: 'text' },
  { header: 'Overdue', type: 'text' },
  { header: 'Expected % complete', type: 'number' },
];

/** An action's traffic light for the export: the light (after any override), overdue, and the expected % (null when not compared). */
export interface ActionLight {
  rag: Rag;
  overdue: boolean;
  expectedPercent: number | null;
}

function lightCells(light: ActionLight | undefined): ExportCell[] {
  if (!light) return LIGHT_COLUMNS.map(() => null);
  return [RAG_LABELS[light.rag], light.overdue ? 'Yes' : 'No', light.expectedPercent];
}

const GOAL_LABEL = /^(?:strategic\s+goal|corporate\s+priority)(?:\s+([0-9A-Za-z.]{1,20}))?\s*:\s*(.*)$/iu;

/** A plan goal as one heading: "Strategic Goal 2: Title", or the title alone when it has no number. */
export function goalLabel(goal: { number: string | null; title: string }): string {
  return goal.number ? `Strategic Goal ${goal.number}: ${goal.title}` : goal.title;
}

/** The reverse of goalLabel, for any "Strategic Goal N: …" or "Corporate Priority: …" heading. */
export function parseGoalLabel(label: string): { number: string | null; title: string } {
  const m = GOAL_LABEL.exec(label.trim());
  if (!m) return { number: null, title: label.trim() };
  return { number: m[1] ?? null, title: (m[2] ?? '').trim() || label.trim() };
}

/** A restricted action's exempt information cell, "Paragraph 3" (import-tables.ts reads it back); empty when open. */
export function exemptLabel(paragraph: number | false | null | undefined): string | null {
  return typeof paragraph === 'number' ? `Paragraph ${paragraph}` : null;
}

/**
 * A list cell. The importer splits a cell on semicolons when it has any and on commas otherwise
 * (pasted tables list services with commas), so one name that holds a comma gets a trailing ";".
 */
function joinList(items: readonly string[]): string | null {
  if (items.length === 0) return null;
  return items.length === 1 && items[0]!.includes(',') ? `${items[0]};` : items.join('; ');
}

/**
 * Rows for the export: the header, then one row per action (an objective with no actions still
 * gets a row, so it survives the round trip). Lists are joined with "; ", dates stay ISO. With
 * `lights`, each row ends with the LIGHT_COLUMNS (empty for an objective without actions).
 */
export function exportRows(
  objectives: readonly ParsedObjective[],
  columns: readonly ExportColumn[] = EXPORT_COLUMNS,
  lights?: (action: ParsedAction) => ActionLight | undefined,
): ExportCell[][] {
  const extra = (a: ParsedAction | null): ExportCell[] => (lights ? lightCells(a ? lights(a) : undefined) : []);
  const rows: ExportCell[][] = [[...columns.map((c) => c.header), ...(lights ? LIGHT_COLUMNS.map((c) => c.header) : [])]];
  for (const o of objectives) {
    const base: Partial<Record<Field, ExportCell>> = { goal: o.goal, objectiveNumber: o.number, objective: o.title, why: o.why };
    if (o.actions.length === 0) rows.push([...columns.map((c) => base[c.field] ?? null), ...extra(null)]);
    for (const a of o.actions) {
      const values: Partial<Record<Field, ExportCell>> = {
        ...base,
        code: a.code,
        title: a.title,
        role: a.role,
        kind: a.kind ? KIND_WORDS[a.kind] : null,
        ...Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, a[f.name]])),
        weight: a.weight,
        ...Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.importField, a[f.name]])),
        leads: a.leadOfficers.join('; ') || null,
        impacts: joinList(a.impactedServices),
        partnerships: joinList(a.partnershipLinks),
        status: a.statusWord ?? (a.status ? STAGE_LABELS[a.status] : null),
        percent: a.percentComplete,
        narrative: a.narrative,
        asAt: a.asAt,
        exempt: exemptLabel(a.exemptParagraph),
      };
      rows.push([...columns.map((c) => values[c.field] ?? null), ...extra(a)]);
    }
  }
  return rows;
}
