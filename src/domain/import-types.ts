// The shapes every import path produces: objectives and actions read from a source, the warnings
// that name the source line of anything guessed or left out, and what a Waymark export says about
// the plan itself. Pure types.

import type { ActionTextValues } from './fields/action-fields.ts';
import type { PlanFieldValues } from './fields/plan-fields.ts';
import type { Field } from './import-headers.ts';
import type { Stage } from './stages.ts';
import type { ActionKind } from './vocabulary.ts';

/** An action as read; its plain text fields (target, outcome …) are those of src/domain/fields/action-fields.ts. */
export interface ParsedAction extends ActionTextValues {
  code: string | null;
  title: string;
  role: string | null;
  dueDate: string | null;
  leadOfficers: string[];
  impactedServices: string[];
  partnershipLinks: string[];
  status: Stage | null;
  percentComplete: number | null;
  narrative: string | null;
  /** The status as the source wrote it, when it is one of the council's words (else null). */
  statusWord: string | null;
  // Carried by Waymark's own exports (and any table with these columns); not in the dry-run output.
  kind: ActionKind | null;
  startDate: string | null;
  revisedDueDate: string | null;
  weight: number | null;
  /** The date the progress columns describe ("as at"); null means the import date. */
  asAt: string | null;
  /**
   * Exempt information: the paragraph of Schedule 12A (LGA 1972, 1–7) a restricted action relies
   * on; false when the source says the action is open ("No"); null or left out when it does not say,
   * so the action keeps the restriction it has.
   */
  exemptParagraph?: number | false | null;
  /** The source line the action was read from, for warnings found later (tables only). */
  line?: number;
}

export interface ParsedObjective {
  number: string | null;
  title: string;
  why: string | null;
  goal: string | null;
  actions: ParsedAction[];
}

export interface ImportWarning {
  line: number;
  message: string;
}

/**
 * What a Waymark export (JSON, or the Plan sheet of an XLSX) says about the plan itself: its unit
 * and year, and its own fields (title, kind, vision … of src/domain/fields/plan-fields.ts).
 */
export interface PlanMeta extends PlanFieldValues {
  org: { code: string; name: string | null } | null;
  year: string | null;
}

export interface ParsedPlan {
  /** The field each column was read as (empty for formats without columns: JSON, Decidim). */
  mapping: (Field | null)[];
  /** The header cells the mapping was made from, for the preview's column list. */
  headers: string[];
  objectives: ParsedObjective[];
  warnings: ImportWarning[];
  plan: PlanMeta | null;
  /**
   * A title above a table's column headings that names a plan or a plan year ("Electoral Services
   * Business Plan 2018/19"): used as the title of a plan the import creates, and its year offered.
   */
  sheetTitle?: { title: string; year: string | null; line: number } | null;
}
