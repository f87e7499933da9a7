// One row of an imported table read as an action: its dates, status word, percentage, kind,
// weight, lead officers, lists and exempt information, with a warning for each cell that could not
// be read. Pure.

import {
  parsePercent,
  parseUkDate,
  splitDescription,
  splitLeadOfficers,
  splitStatus,
} from './import-fields.ts';
import { ACTION_TEXT_FIELDS, type ActionTextImportField, type ActionTextValues } from './fields/action-fields.ts';
import { cellParagraphs, cellText, type Field } from './import-headers.ts';
import type { ImportWarning, ParsedAction } from './import-types.ts';
import type { Stage, StatusWord } from './stages.ts';
import type { ActionKind } from './vocabulary.ts';

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** A list cell: split on semicolons or lines when it has any (names may hold commas), else on commas. */
function splitList(text: string): string[] {
  return text
    .split(/[;\n]/u.test(text) ? /[;\n]+/u : /,+/u)
    .map(collapse)
    .filter((x) => x !== '' && !/^(?:none|n\/?a|-)$/iu.test(x));
}

const KINDS: [RegExp, ActionKind][] = [
  [/^(?:one[\s-]?off|project|one[\s-]?off project)$/iu, 'one_off'],
  [/^(?:ongoing|continuous|business as usual|bau)$/iu, 'ongoing'],
  [/^milestones?$/iu, 'milestone'],
];
/** A lone cell in the code column that looks like a code ("15-CEC01"), not a section heading. */
export const CODE_LIKE = /^(?=[^\s]*\d)[A-Za-z0-9./_-]{1,30}$/u;
const EXEMPT_OPEN = /^(?:no|open|none|n\/?a|not restricted|not exempt|unrestricted)\.?$/iu;
const EXEMPT_PARAGRAPH = /^(?:(?:yes|restricted|exempt(?:\s+information)?)\s*[,;:–—-]?\s*)?(?:(?:paragraph|para\.?|¶)\s*)?(\d{1,2})(?:\s*(?:,|of|-|–)?\s*schedule\s*12\s*a\b.*)?\.?$/iu;

/**
 * An exempt information cell: "Paragraph 3", "3", "Para 3", "Yes – paragraph 3" give 3; "No",
 * "Open", "None" give false (open); a blank gives null (not said). Anything else is a warning and
 * null, so the action keeps the restriction it has.
 */
export function parseExempt(cell: string): { paragraph: number | false | null; warning: string | null } {
  const t = cellText(cell);
  if (t === '') return { paragraph: null, warning: null };
  if (EXEMPT_OPEN.test(t)) return { paragraph: false, warning: null };
  const m = EXEMPT_PARAGRAPH.exec(t);
  const n = m ? Number(m[1]) : NaN;
  if (n >= 1 && n <= 7) return { paragraph: n, warning: null };
  const why = m
    ? `Schedule 12A has paragraphs 1 to 7, not ${m[1]}`
    : /^(?:yes|y|restricted|exempt|confidential)\.?$/iu.test(t)
      ? 'it does not say which paragraph of Schedule 12A (1 to 7) the action relies on'
      : 'expected a paragraph of Schedule 12A such as “Paragraph 3”, or “No”';
  return { paragraph: null, warning: `Could not read “${t.slice(0, 80)}” as exempt information (${why}), so the action’s restriction was left as it is` };
}

const RAG_WORD = /^(?:green|amber|red|g|a|r|green\/amber|amber\/red)$/iu;

export function readAction(
  cells: string[],
  col: (f: Field) => number,
  row: { code: string | null; title: string; narrative: string; line: number; warnings: ImportWarning[]; dateOpts: { yearStartMonth?: number }; vocabulary: readonly StatusWord[] },
): ParsedAction {
  const { line, warnings } = row;
  const text = (f: Field): string => (col(f) >= 0 ? cellText(cells[col(f)]) : '');
  const long = (f: Field): string => (col(f) >= 0 ? cellParagraphs(cells[col(f)]) : '');
  const date = (f: Field): string | null => {
    const d = parseUkDate(text(f), row.dateOpts);
    if (d.warning) warnings.push({ line, message: d.warning });
    return d.date;
  };
  const description = splitDescription(col('description') >= 0 ? (cells[col('description')] ?? '') : '');
  let status: Stage | null = null;
  let statusWord: string | null = null;
  let narrative: string | null = row.narrative || null;
  const statusText = text('status');
  if (statusText) {
    const s = splitStatus(statusText, row.vocabulary);
    status = s.stage;
    statusWord = s.statusWord;
    if (s.stage === null) {
      warnings.push({
        line,
        message: RAG_WORD.test(statusText)
          ? `“${statusText}” is a traffic light, not a status: Waymark works the traffic light out from progress, so the status was left blank`
          : `Unknown status “${statusText}”, so the status was left blank`,
      });
    } else if (s.narrative && !narrative) {
      narrative = s.narrative;
    }
  } else if (narrative) {
    const s = splitStatus(narrative, row.vocabulary);
    status = s.stage;
    statusWord = s.statusWord;
    narrative = s.narrative || null;
  }
  let percentComplete: number | null = null;
  if (text('percent')) {
    percentComplete = parsePercent(text('percent'));
    if (percentComplete === null) warnings.push({ line, message: `Could not read “${text('percent')}” as a percentage` });
  }
  let kind: ActionKind | null = null;
  if (text('kind')) {
    kind = KINDS.find(([re]) => re.test(text('kind')))?.[1] ?? null;
    if (kind === null) warnings.push({ line, message: `Unknown kind “${text('kind')}”: expected one-off, ongoing or milestone` });
  }
  let weight: number | null = null;
  if (text('weight')) {
    const w = Number(text('weight'));
    if (Number.isInteger(w) && w >= 1 && w <= 100) weight = w;
    else warnings.push({ line, message: `Weight “${text('weight')}” is not a whole number from 1 to 100, so it was left out` });
  }
  let exemptParagraph: number | false | null = null;
  if (text('exempt')) {
    const e = parseExempt(text('exempt'));
    if (e.warning) warnings.push({ line, message: e.warning });
    exemptParagraph = e.paragraph;
  }
  const list = (f: Field): string[] => (col(f) >= 0 ? splitList(long(f)) : []);
  // A plain text field's own column, else its part of a "Description" cell (what the description
  // does not label is the target).
  const parts: Partial<Record<string, string | null>> = { ...description, target: description.target || description.rest };
  const plain = Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, long(f.importField as ActionTextImportField) || (f.inDescription ? (parts[f.name] ?? null) : null)])) as ActionTextValues;
  return {
    code: row.code,
    title: row.title,
    role: text('role') || null,
    ...plain,
    dueDate: date('dueDate'),
    leadOfficers: col('leads') >= 0 ? splitLeadOfficers(long('leads')) : [],
    impactedServices: list('impacts'),
    partnershipLinks: list('partnerships'),
    status,
    percentComplete,
    narrative,
    statusWord,
    kind,
    startDate: date('startDate'),
    revisedDueDate: date('revisedDueDate'),
    weight,
    asAt: date('asAt'),
    exemptParagraph,
    line,
  };
}
