// Rows of an imported table that are not actions: goal headings ("Strategic Goal 3: …",
// "Corporate Priority: Place", "Theme 2 – Growth"), numbered objectives ("1.1 Title Why: …") and
// the furniture that PDF extraction leaves between rows (page numbers, protective markings). Pure.
//
// PDF text cuts a heading that spans the table into one piece per column, often mid-word and
// sometimes with the letter at the cut printed twice or lost ("Stra" + "ategic Goal 3: Inform
// organisational effec" + "tiveness"), so headings are recognised on the joined text and the
// qualifier word ("Strategic", "Corporate") is matched loosely.

import { fixObjectiveNumber } from './import-fields.ts';
import { joinPieces, type Vocabulary } from './import-text.ts';

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

export interface GoalHeading {
  /** "Strategic Goal 3", "Corporate Priority", "Theme 2". */
  label: string;
  /** The goal's name, "" when the heading row gives none. */
  name: string;
  /** Cells were joined where a cut might have been inside a word: the name's wording may be off. */
  uncertain: boolean;
}

export const goalText = (h: { label: string; name: string }): string => (h.name ? `${h.label}: ${h.name}` : h.label);

/** Edit distance, for the garbled qualifier words of split headings. Short words only. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

const QUALIFIERS = ['strategic', 'corporate'] as const;
// Words of a heading's label, which a cut at a column edge must not leave in two.
const HEADING_WORDS: ReadonlySet<string> = new Set([...QUALIFIERS, 'goal', 'priority', 'theme', 'ambition']);

/** "Stra ategic", "Strat", "ategic", "Corprate" → the qualifier they were cut or garbled from. */
function qualifier(prefix: string): string | null | undefined {
  const letters = prefix.toLowerCase().replace(/[^a-z]/gu, '');
  if (letters === '') return null;
  if (letters.length > 14) return undefined;
  for (const q of QUALIFIERS) {
    const cut = letters.length >= 3 && (q.startsWith(letters) || (letters.length >= 4 && q.endsWith(letters)));
    if (cut || distance(letters, q) <= 2) return q.charAt(0).toUpperCase() + q.slice(1);
  }
  return undefined;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
function goalNumber(token: string): string {
  if (/^[ivx]+$/iu.test(token)) {
    const t = token.toUpperCase();
    let n = 0;
    for (let i = 0; i < t.length; i++) {
      const v = ROMAN[t[i] ?? ''] ?? 0;
      n += v < (ROMAN[t[i + 1] ?? ''] ?? 0) ? -v : v;
    }
    return String(n);
  }
  // OCR reads 1 as I, l or |, and 0 as O.
  return token.replace(/[Il|]/gu, '1').replace(/O/gu, '0');
}

// keyword, then an optional number (digits, OCR slips, or a roman numeral), then a separator.
const HEADING = /^(.{0,20}?)\b(goal|priority|theme|ambition)\b\s*((?:[0-9Il|O]+(?:\.[0-9Il|O]+)*|[IVX]{1,4})(?![\p{L}\d]))?\s*([:.–—-])?\s*([\s\S]*)$/iu;

/**
 * Reads a goal heading from the text of a row, or from its cells (joined as `joinPieces` does).
 * "Goal" and "Theme" need a number or a colon after them, a bare "Priority" a number; with a
 * qualifier ("Strategic Goal", "Corporate Priority") neither is needed. Plurals ("Strategic goals
 * for 2018/19") are prose, not headings. A strapline after the name is dropped.
 */
export function readGoalHeading(pieces: readonly string[], vocabulary: Vocabulary | null = null): GoalHeading | null {
  const joined = joinPieces(pieces, vocabulary, HEADING_WORDS);
  const m = HEADING.exec(joined.text);
  if (!m) return null;
  const q = qualifier(m[1] ?? '');
  if (q === undefined) return null;
  const keyword = (m[2] ?? '').toLowerCase();
  const number = m[3] ? goalNumber(m[3]) : '';
  const separator = m[4] ?? '';
  if (q === null) {
    if (keyword === 'priority' ? !number : !number && separator !== ':') return null;
    // "Goal 3 of the plan is …" is a sentence; a heading has a separator or a capitalised name.
    if (!separator && !/^\p{Lu}/u.test(m[5] ?? '')) return null;
  }
  const label = `${q ? `${q} ` : ''}${keyword.charAt(0).toUpperCase()}${keyword.slice(1)}${number ? ` ${number}` : ''}`;
  const name = collapse((m[5] ?? '').replace(/\s*\bStrapline\s*:[\s\S]*$/iu, '').replace(/\s*\(?\b(?:continued|cont['’]?d)\b\)?\.?\s*$/iu, ''));
  return { label, name, uncertain: joined.uncertain && pieces.filter((p) => collapse(p) !== '').length > 1 };
}

/** "Strategic Goal I: Better roads" → "Strategic Goal 1: Better roads"; null when the text is no heading. */
export function goalHeading(text: string): string | null {
  const h = readGoalHeading([text]);
  return h ? goalText(h) : null;
}

/** Whether a line of text is a goal heading, for readers that find headings between tables or records. */
export const isGoalHeading = (text: string): boolean => readGoalHeading([text]) !== null;

export const OBJECTIVE_NUMBER = /^\d+(?:\.\d+)*$/u;
const LEADING_NUMBER = /^([0-9IlO|]+(?:\s*\.\s*[0-9IlO|]+)+)\.?\s+/u;

/** "1.1 Title Why: reason" (the number may also come from its own cell) → number, title and Why. */
export function splitObjectiveText(numberText: string, text: string): { number: string | null; title: string; why: string | null } {
  let number: string | null = OBJECTIVE_NUMBER.test(fixObjectiveNumber(numberText)) ? fixObjectiveNumber(numberText) : null;
  let rest = text;
  const lead = LEADING_NUMBER.exec(rest);
  if (lead && OBJECTIVE_NUMBER.test(fixObjectiveNumber(lead[1] ?? ''))) {
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

// What a PDF prints at the top or bottom of every page, which extraction leaves between rows.
const PAGE_NUMBER = [
  /^(?:page\s*)?\d{1,4}\s*(?:of|\/)\s*\d{1,4}$/iu, // "Page 3 of 12", "3 of 12", "3/12"
  /^page\s*[|:.-]?\s*\d{1,4}$/iu, // "Page 3", "Page | 3"
  /^\d{1,4}\s*\|\s*page$/iu, // "3 | Page"
  /^[-–—]\s*\d{1,4}\s*[-–—]$/u, // "- 3 -"
  /^.{0,100}\bpage\s+\d{1,4}\s+of\s+\d{1,4}$/iu, // "Housing Plan 2024/25 Page 3 of 12"
];
const MARKING = /^(?:official(?:[\s-]*sensitive)?|not protectively marked|unclassified|protect)$/iu;

/** A page number ("Page 3 of 12", "- 3 -") or a protective marking ("OFFICIAL") on a row of its own. */
export function isPageFurniture(text: string): boolean {
  const t = collapse(text);
  return MARKING.test(t) || PAGE_NUMBER.some((re) => re.test(t));
}

/** A bare number on a row of its own, which in text from a PDF is a page number. */
export const isBareNumber = (text: string): boolean => /^\d{1,3}$/u.test(collapse(text));
