// Reads tables pasted from council service plans and progress updates (tab-separated rows, as
// copied from Word or a PDF) into objectives and actions. Pure: no I/O.
//
// Quirks handled: the header repeated on every page, a "No" header split from ". Service Priority…",
// section rows padded with empty cells, "Strategic Goal N:" / "Corporate Priority:" headings (even
// when split across cells), numbered priorities with their "Why:" on the same or the next row,
// progress text that runs on into following rows, HTML cells and OCR slips such as "I.4".

import {
  fixObjectiveNumber,
  parsePercent,
  parseUkDate,
  splitDescription,
  splitLeadOfficers,
  splitStatus,
} from './import-fields.ts';
import { ImportError } from './errors.ts';
import { cellParagraphs, cellText, has, isHeaderRow, mapHeader, normaliseHeader, type Field } from './import-headers.ts';
import { DEFAULT_STATUS_WORDS, type Stage, type StatusWord } from './stages.ts';
import type { ActionKind } from './vocabulary.ts';

export interface ParsedAction {
  code: string | null;
  title: string;
  role: string | null;
  target: string | null;
  outcome: string | null;
  criticalSuccessFactors: string | null;
  environmentalImpacts: string | null;
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

/** What a Waymark export (JSON, or the Plan sheet of an XLSX) says about the plan itself. */
export interface PlanMeta {
  org: { code: string; name: string | null } | null;
  year: string | null;
  title: string | null;
  kind: string | null;
  vision: string | null;
  purpose: string | null;
  statutoryDuties: string | null;
  areasOfFocus: string | null;
}

export interface ParsedPlan {
  /** The field each column was read as (empty for formats without columns: JSON, Decidim). */
  mapping: (Field | null)[];
  /** The header cells the mapping was made from, for the preview's column list. */
  headers: string[];
  objectives: ParsedObjective[];
  warnings: ImportWarning[];
  plan: PlanMeta | null;
}

export { FIELDS, FIELD_LABELS, isHeaderRow, mapHeader, type Field } from './import-headers.ts';

/** Kept for readers of older code: the typed error every import path throws. */
export { ImportError as ImportTableError } from './errors.ts';

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Tab-separated rows: a BOM is stripped, lines end in \r\n or \n, empty cells are kept. */
export function parsePastedText(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

const HEADING = /^(strategic\s+goal|corporate\s+priority)\b\s*([0-9IlO|]+(?:\.[0-9IlO|]+)*)?\s*[:.–—-]?\s*(.*)$/iu;

/** "Strategic Goal I: Better roads" → "Strategic Goal 1: Better roads"; a strapline is dropped. */
function goalHeading(text: string): string | null {
  const m = HEADING.exec(text);
  if (!m) return null;
  const kind = /^strategic/iu.test(m[1] ?? '') ? 'Strategic Goal' : 'Corporate Priority';
  // fixObjectiveNumber leaves a lone "I" alone (no real digit), but after "Goal" it is a 1.
  const number = m[2] ? m[2].replace(/[Il|]/gu, '1').replace(/O/gu, '0') : '';
  const name = (m[3] ?? '').replace(/\s*\bStrapline\s*:[\s\S]*$/iu, '').trim();
  return `${kind}${number ? ` ${number}` : ''}: ${name}`;
}

const NUMBER = /^\d+(?:\.\d+)*$/u;
const LEADING_NUMBER = /^([0-9IlO|]+(?:\s*\.\s*[0-9IlO|]+)+)\.?\s+/u;

/** "1.1 Title Why: reason" (the number may also come from its own cell) → number, title and Why. */
function splitObjectiveText(numberText: string, text: string): { number: string | null; title: string; why: string | null } {
  let number: string | null = NUMBER.test(fixObjectiveNumber(numberText)) ? fixObjectiveNumber(numberText) : null;
  let rest = text;
  const lead = LEADING_NUMBER.exec(rest);
  if (lead && NUMBER.test(fixObjectiveNumber(lead[1] ?? ''))) {
    number ??= fixObjectiveNumber(lead[1] ?? '');
    rest = rest.slice(lead[0].length);
  } else if (number !== null) {
    // Text from a PDF can split "1.3 Title" so the cell reads " 3 Title": drop the stray tail.
    const tail = number.split('.').pop() ?? '';
    const stray = new RegExp(`^\\s*${tail}\\.?\\s+(?=\\p{L})`, 'u');
    if (number.includes('.') && stray.test(rest)) rest = rest.replace(stray, '');
  }
  const whyAt = rest.search(/\bWhy\s*:/iu);
  const title = collapse(whyAt >= 0 ? rest.slice(0, whyAt) : rest);
  const why = whyAt >= 0 ? collapse(rest.slice(whyAt).replace(/^Why\s*:/iu, '')) || null : null;
  return { number, title, why };
}

/** A list cell: split on semicolons or lines when it has any (names may hold commas), else on commas. */
function splitList(text: string): string[] {
  return text
    .split(/[;\n]/u.test(text) ? /[;\n]+/u : /,+/u)
    .map(collapse)
    .filter((x) => x !== '' && !/^(?:none|n\/?a|-)$/iu.test(x));
}

export interface TableOptions {
  /** A mapping chosen in the preview, one entry per column; replaces the one read from the header. */
  mapping?: readonly (Field | null)[];
  /** The 1-based source line of each row, for warnings; defaults to the row's index + 1. */
  lines?: readonly number[];
  /** The council's plan-year start month, for dates such as "2019/20". */
  yearStartMonth?: number;
  /** The council's status words (default: Waymark's). */
  vocabulary?: readonly StatusWord[];
}

/** A mapping from the preview: one entry per column, each field used at most once (the first wins). */
function cleanMapping(mapping: readonly (Field | null)[], width: number): (Field | null)[] {
  const seen = new Set<Field>();
  return Array.from({ length: Math.max(width, mapping.length) }, (_, i) => {
    const f = mapping[i] ?? null;
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/**
 * Reads rows into objectives and actions. The first header row sets the column mapping (unless
 * the preview chose one); rows above it are ignored and later copies of it are dropped. Throws
 * ImportError when no column holds the action title.
 */
export function tablesToPlan(rows: string[][], opts: TableOptions = {}): ParsedPlan {
  let headerIndex = rows.findIndex(isHeaderRow);
  if (headerIndex < 0 && opts.mapping) headerIndex = rows.findIndex((r) => r.some((c) => cellText(c) !== ''));
  const header = headerIndex >= 0 ? (rows[headerIndex] ?? []) : [];
  const mapping = opts.mapping ? cleanMapping(opts.mapping, header.length) : headerIndex >= 0 ? mapHeader(header) : [];
  if (!mapping.includes('title')) {
    throw new ImportError('No column looks like the action: expected a header such as "Action" or "Must do actions"');
  }
  const { objectives, warnings } = readRows(rows, headerIndex, header, mapping, opts);
  return { mapping, headers: header.map(cellText), objectives, warnings, plan: null };
}

const KINDS: [RegExp, ActionKind][] = [
  [/^(?:one[\s-]?off|project|one[\s-]?off project)$/iu, 'one_off'],
  [/^(?:ongoing|continuous|business as usual|bau)$/iu, 'ongoing'],
  [/^milestones?$/iu, 'milestone'],
];
/** A lone cell in the code column that looks like a code ("15-CEC01"), not a section heading. */
const CODE_LIKE = /^(?=[^\s]*\d)[A-Za-z0-9./_-]{1,30}$/u;
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

function readRows(rows: string[][], headerIndex: number, header: string[], mapping: (Field | null)[], opts: TableOptions) {
  const col = (f: Field): number => mapping.indexOf(f);
  const objectiveCol = col('objective');
  const codeCol = col('code');
  // A "No" column beside the priority column numbers the priorities, not the actions.
  const numberCol =
    col('objectiveNumber') >= 0
      ? col('objectiveNumber')
      : objectiveCol >= 0 && codeCol >= 0 && codeCol < objectiveCol && has(normaliseHeader(header[codeCol] ?? ''), 'no', 'number', 'ref')
        ? codeCol
        : -1;
  const actionCodeCol = numberCol === codeCol ? -1 : codeCol;
  // Tables with their own goal or objective-number column (Waymark's exports, most spreadsheets)
  // repeat the objective on every row; tables copied from Word put it on its own rows instead.
  const flat = col('objectiveNumber') >= 0 || col('goal') >= 0;
  const autoMapping = mapHeader(header);
  const headerKey = header.map(cellText).join('\u0001');
  const dateOpts = opts.yearStartMonth ? { yearStartMonth: opts.yearStartMonth } : {};
  const vocabulary = opts.vocabulary ?? DEFAULT_STATUS_WORDS;

  const objectives: ParsedObjective[] = [];
  const warnings: ImportWarning[] = [];
  let goal: string | null = null;
  let goalChanged = false;
  let lastAction: ParsedAction | null = null;

  const newObjective = (number: string | null, title: string, why: string | null = null): ParsedObjective => {
    const o: ParsedObjective = { number, title, why, goal, actions: [] };
    objectives.push(o);
    lastAction = null;
    goalChanged = false;
    return o;
  };
  // Actions with no objective row above them (or after a new goal heading) go under "Actions".
  const current = (): ParsedObjective => (goalChanged ? undefined : objectives[objectives.length - 1]) ?? newObjective(null, 'Actions');

  const isRepeatedHeader = (cells: string[]): boolean => {
    const texts = cells.map(cellText);
    if (texts.join('\u0001') === headerKey) return true;
    // Headers are short; checking that first spares mapping every cell of every data row.
    if (texts.some((t) => t.length > 80)) return false;
    const fields = mapHeader(cells);
    let matched = 0;
    for (let i = 0; i < cells.length; i++) {
      if (cellText(cells[i]) === '') continue;
      if (fields[i] === null || fields[i] !== autoMapping[i]) return false;
      matched++;
    }
    return matched >= 2;
  };

  const applyObjectiveCell = (numberText: string, text: string): void => {
    const { number, title, why } = splitObjectiveText(numberText, text);
    const o = objectives[objectives.length - 1];
    // The same priority repeated on a later row (a table that repeats it, or a page break) is not a new one.
    const same = o !== undefined && !goalChanged && (number !== null ? o.number === number && (!title || o.title === title) : title !== '' && o.title === title);
    if (same) {
      if (why && !(o.why ?? '').includes(why)) o.why = o.why ? `${o.why} ${why}` : why;
      return;
    }
    if (number !== null) {
      newObjective(number, title, why);
      return;
    }
    if (!title && !why) return;
    if (!o || goalChanged) {
      newObjective(null, title, why);
      return;
    }
    if (title) o.title = collapse(`${o.title} ${title}`);
    if (why) o.why = o.why ? `${o.why} ${why}` : why;
  };

  const applyFlatObjective = (numberText: string, title: string, why: string | null): void => {
    if (!numberText && !title) return;
    const fixed = fixObjectiveNumber(numberText);
    const number = NUMBER.test(fixed) ? fixed : numberText || null;
    const o = objectives[objectives.length - 1];
    if (o && !goalChanged && o.number === number && o.title === title) {
      if (why && !o.why) o.why = why;
      return;
    }
    newObjective(number, title || `Objective ${number ?? ''}`.trim(), why);
  };

  const appendNarrative = (a: ParsedAction, more: string): void => {
    a.narrative = a.narrative ? `${a.narrative} ${more}` : more;
  };

  // Text taken from a PDF sometimes shifts a whole page one or two columns to the right: the page's
  // repeated header shows by how much, and the rows under it are shifted back.
  let offset = 0;
  const shiftedHeader = (cells: string[]): number => {
    for (let k = 1; k <= 3 && k < cells.length; k++) {
      if (cells.slice(0, k).every((c) => cellText(c) === '') && isRepeatedHeader(cells.slice(k))) return k;
    }
    return 0;
  };
  const unshift = (cells: string[]): string[] => {
    if (offset === 0) return cells;
    if (cells.slice(0, offset).every((c) => cellText(c) === '')) return cells.slice(offset);
    if (cells.slice(1, 1 + offset).every((c) => cellText(c) === '')) return [cells[0] ?? '', ...cells.slice(1 + offset)];
    return cells;
  };

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const raw = rows[r] ?? [];
    const line = opts.lines?.[r] ?? r + 1;
    if (raw.every((c) => cellText(c) === '')) continue;
    if (isRepeatedHeader(raw)) {
      offset = 0;
      continue;
    }
    const shift = shiftedHeader(raw);
    if (shift > 0) {
      offset = shift;
      continue;
    }
    const cells = unshift(raw);
    const text = (i: number): string => (i >= 0 ? cellText(cells[i]) : '');
    const filled = cells.map((c, i) => ({ i, t: cellText(c) })).filter((c) => c.t !== '');
    const titleText = text(col('title'));
    const narrativeText = text(col('narrative'));

    if (flat) {
      const g = text(col('goal'));
      const heading = g ? (goalHeading(g) ?? g) : null;
      if (heading !== goal && (heading !== null || text(numberCol) || text(objectiveCol))) {
        goal = heading;
        goalChanged = true;
      }
      applyFlatObjective(text(numberCol), text(objectiveCol), text(col('why')) || null);
      if (!titleText && !text(actionCodeCol)) {
        if (narrativeText && lastAction !== null && filled.length === 1) appendNarrative(lastAction, narrativeText);
        continue;
      }
    } else {
      const heading = titleText && filled.length > 1 && !filled.every((c) => c.i <= col('title')) ? null : goalHeading(filled.map((c) => c.t).join(' '));
      if (heading !== null) {
        goal = heading;
        goalChanged = true;
        continue;
      }
      const only = filled.length === 1 ? filled[0] : undefined;
      if (only && only.i === col('narrative')) {
        if (lastAction !== null) appendNarrative(lastAction, narrativeText);
        else warnings.push({ line, message: 'Progress text with no action above it was ignored' });
        continue;
      }
      if (only && only.i === actionCodeCol && CODE_LIKE.test(only.t)) {
        warnings.push({ line, message: `Action ${only.t} has no title, so it was left out` });
        continue;
      }
      if (only && only.i !== objectiveCol && only.i !== numberCol && only.i !== col('why') && !(objectiveCol >= 0 && only.i === col('title'))) {
        // A section row: an objective, perhaps numbered and with its Why ("1.1 Title Why: …").
        const o = splitObjectiveText('', only.t);
        newObjective(o.number, o.title || only.t, o.why);
        continue;
      }
      if (objectiveCol >= 0 && (text(objectiveCol) || text(numberCol))) applyObjectiveCell(text(numberCol), text(objectiveCol));
      const why = text(col('why'));
      if (why && objectives.length > 0) {
        const o = current();
        if (!(o.why ?? '').includes(why)) o.why = o.why ? `${o.why} ${why}` : why;
      }
      if (!titleText && !text(actionCodeCol)) {
        if (narrativeText && lastAction !== null) appendNarrative(lastAction, narrativeText);
        continue;
      }
    }

    const code = text(actionCodeCol) || null;
    if (!titleText) {
      warnings.push({
        line,
        message: code !== null && CODE_LIKE.test(code) ? `Action ${code} has no title, so it was left out` : `A row with no action title was left out: “${filled.map((c) => c.t).join(' ').slice(0, 80)}”`,
      });
      continue;
    }
    const action = readAction(cells, col, { code, title: titleText, narrative: col('narrative') >= 0 ? cellParagraphs(cells[col('narrative')]) : '', line, warnings, dateOpts, vocabulary });
    current().actions.push(action);
    lastAction = action;
  }
  return { objectives, warnings };
}

function readAction(
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
  return {
    code: row.code,
    title: row.title,
    role: text('role') || null,
    target: long('target') || description.target || description.rest,
    outcome: long('outcome') || description.outcome,
    criticalSuccessFactors: long('csf') || description.criticalSuccessFactors,
    environmentalImpacts: long('environment') || description.environmentalImpacts,
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
