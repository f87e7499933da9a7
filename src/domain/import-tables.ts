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
import type { Stage } from './stages.ts';

export type Field =
  | 'code' | 'title' | 'role' | 'kind' | 'startDate' | 'description' | 'leads' | 'dueDate'
  | 'status' | 'percent' | 'narrative' | 'asAt' | 'objective' | 'impacts' | 'partnerships';

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

export interface ParsedPlan {
  mapping: (Field | null)[];
  objectives: ParsedObjective[];
  warnings: ImportWarning[];
}

export class ImportTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportTableError';
  }
}

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Plain text of a cell: tags removed, the commonest entities decoded, whitespace collapsed. */
function cellText(s: string | undefined): string {
  return collapse(
    (s ?? '')
      .replace(/<\/?[a-z][^>]*>/giu, ' ')
      .replace(/&nbsp;/giu, ' ')
      .replace(/&amp;/giu, '&'),
  );
}

/** Lower case, punctuation to spaces (keeping %), padded so ` word ` tests match whole words. */
const normaliseHeader = (s: string): string => ` ${cellText(s).toLowerCase().replace(/[^a-z0-9%]+/gu, ' ').trim()} `;

const has = (n: string, ...words: string[]): boolean => words.some((w) => n.includes(` ${w} `));

function mapCell(cell: string): Field | null {
  const n = normaliseHeader(cell);
  if (n.trim() === '') return null;
  if (n.includes('another service')) return 'impacts';
  if (has(n, 'partnership', 'partnerships')) return 'partnerships';
  if (has(n, 'what role', 'role')) return 'role';
  if (n.includes('%') || has(n, 'percent', 'percentage')) return 'percent';
  if (has(n, 'update date', 'as at', 'date of update')) return 'asAt';
  if (has(n, 'progress update', 'comment', 'comments', 'commentary', 'progress')) return 'narrative';
  if (has(n, 'service priority', 'objective', 'objectives', 'priority')) return 'objective';
  if (has(n, 'description')) return 'description';
  if (has(n, 'lead officer', 'lead officers', 'lead', 'responsible', 'owner')) return 'leads';
  if (has(n, 'due date', 'due', 'deadline', 'timescale', 'timescales')) return 'dueDate';
  if (has(n, 'start date')) return 'startDate';
  if (has(n, 'status', 'stage')) return 'status';
  if (has(n, 'kind', 'type')) return 'kind';
  if (has(n, 'action code', 'code', 'ref', 'reference', 'no', 'number')) return 'code';
  if (has(n, 'action', 'actions', 'must do', 'activity', 'activities')) return 'title';
  return null;
}

/** Maps each header cell to the field it names, or null. The first cell naming a field wins. */
export function mapHeader(cells: string[]): (Field | null)[] {
  const seen = new Set<Field>();
  return cells.map((cell) => {
    const f = mapCell(cell);
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/** At least two cells name fields, and one of them is the action title or code. */
export function isHeaderRow(cells: string[]): boolean {
  const fields = mapHeader(cells).filter((f): f is Field => f !== null);
  return fields.length >= 2 && (fields.includes('title') || fields.includes('code'));
}

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

function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/u)
    .map(collapse)
    .filter((x) => x !== '' && !/^(?:none|n\/?a|-)$/iu.test(x));
}

/**
 * Reads pasted rows into objectives and actions. The first header row sets the column mapping;
 * rows above it are ignored and later copies of it are dropped. Throws ImportTableError when no
 * column holds the action title.
 */
export function tablesToPlan(rows: string[][]): ParsedPlan {
  const headerIndex = rows.findIndex(isHeaderRow);
  const header = headerIndex >= 0 ? (rows[headerIndex] ?? []) : [];
  const mapping = headerIndex >= 0 ? mapHeader(header) : [];
  if (!mapping.includes('title')) {
    throw new ImportTableError('No column looks like the action: expected a header such as "Action" or "Must do actions"');
  }
  const col = (f: Field): number => mapping.indexOf(f);
  const objectiveCol = col('objective');
  const codeCol = col('code');
  // A "No" column beside the priority column numbers the priorities, not the actions.
  const numberCol =
    objectiveCol >= 0 && codeCol >= 0 && codeCol < objectiveCol && has(normaliseHeader(header[codeCol] ?? ''), 'no', 'number', 'ref')
      ? codeCol
      : -1;
  const actionCodeCol = numberCol >= 0 ? -1 : codeCol;

  const objectives: ParsedObjective[] = [];
  const warnings: ImportWarning[] = [];
  let goal: string | null = null;
  let lastAction: ParsedAction | null = null;

  const newObjective = (number: string | null, title: string, why: string | null = null): ParsedObjective => {
    const o: ParsedObjective = { number, title, why, goal, actions: [] };
    objectives.push(o);
    lastAction = null;
    return o;
  };
  const current = (): ParsedObjective => objectives[objectives.length - 1] ?? newObjective(null, 'Actions');

  const isRepeatedHeader = (cells: string[]): boolean => {
    const fields = mapHeader(cells);
    let matched = 0;
    for (let i = 0; i < cells.length; i++) {
      if (cellText(cells[i]) === '') continue;
      if (fields[i] === null || fields[i] !== mapping[i]) return false;
      matched++;
    }
    return matched >= 2;
  };

  const applyObjectiveCell = (numberText: string, text: string): void => {
    let number: string | null = NUMBER.test(fixObjectiveNumber(numberText)) ? fixObjectiveNumber(numberText) : null;
    let rest = text;
    const lead = LEADING_NUMBER.exec(rest);
    if (lead && NUMBER.test(fixObjectiveNumber(lead[1] ?? ''))) {
      number ??= fixObjectiveNumber(lead[1] ?? '');
      rest = rest.slice(lead[0].length);
    }
    const whyAt = rest.search(/\bWhy\s*:/iu);
    const title = collapse(whyAt >= 0 ? rest.slice(0, whyAt) : rest);
    const why = whyAt >= 0 ? collapse(rest.slice(whyAt).replace(/^Why\s*:/iu, '')) || null : null;
    if (number !== null) {
      newObjective(number, title, why);
      return;
    }
    if (!title && !why) return;
    const o = objectives[objectives.length - 1];
    if (!o) {
      newObjective(null, title, why);
      return;
    }
    if (title) o.title = collapse(`${o.title} ${title}`);
    if (why) o.why = o.why ? `${o.why} ${why}` : why;
  };

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const line = r + 1;
    const text = (i: number): string => (i >= 0 ? cellText(cells[i]) : '');
    const filled = cells.map((c, i) => ({ i, t: cellText(c) })).filter((c) => c.t !== '');
    if (filled.length === 0) continue;
    if (isRepeatedHeader(cells)) continue;

    const heading = goalHeading(filled.map((c) => c.t).join(' '));
    if (heading !== null) {
      goal = heading;
      continue;
    }

    const only = filled.length === 1 ? filled[0] : undefined;
    const titleText = text(col('title'));
    const narrativeText = text(col('narrative'));
    if (only && only.i === col('narrative')) {
      if (lastAction !== null) {
        const a: ParsedAction = lastAction;
        a.narrative = a.narrative ? `${a.narrative} ${narrativeText}` : narrativeText;
      } else {
        warnings.push({ line, message: 'Progress text with no action above it was ignored' });
      }
      continue;
    }
    if (only && only.i !== objectiveCol && only.i !== numberCol && !(objectiveCol >= 0 && only.i === col('title'))) {
      newObjective(null, only.t);
      continue;
    }

    if (objectiveCol >= 0 && (text(objectiveCol) || text(numberCol))) {
      applyObjectiveCell(text(numberCol), text(objectiveCol));
    }

    const code = text(actionCodeCol) || null;
    if (!titleText && !code) {
      if (narrativeText && lastAction !== null) {
        const a: ParsedAction = lastAction;
        a.narrative = a.narrative ? `${a.narrative} ${narrativeText}` : narrativeText;
      }
      continue;
    }

    const description = splitDescription(col('description') >= 0 ? (cells[col('description')] ?? '') : '');
    const due = parseUkDate(text(col('dueDate')));
    if (due.warning) warnings.push({ line, message: due.warning });
    let status: Stage | null = null;
    let narrative: string | null = narrativeText || null;
    if (col('status') >= 0) {
      status = text(col('status')) ? splitStatus(text(col('status'))).stage : null;
    } else if (narrativeText) {
      const s = splitStatus(narrativeText);
      status = s.stage;
      narrative = s.narrative || null;
    }
    const action: ParsedAction = {
      code,
      title: titleText,
      role: text(col('role')) || null,
      target: description.target ?? description.rest,
      outcome: description.outcome,
      criticalSuccessFactors: description.criticalSuccessFactors,
      environmentalImpacts: description.environmentalImpacts,
      dueDate: due.date,
      leadOfficers: col('leads') >= 0 ? splitLeadOfficers(cells[col('leads')] ?? '') : [],
      impactedServices: col('impacts') >= 0 ? splitList(cells[col('impacts')] ?? '') : [],
      partnershipLinks: col('partnerships') >= 0 ? splitList(cells[col('partnerships')] ?? '') : [],
      status,
      percentComplete: text(col('percent')) ? parsePercent(text(col('percent'))) : null,
      narrative,
    };
    current().actions.push(action);
    lastAction = action;
  }
  return { mapping, objectives, warnings };
}
