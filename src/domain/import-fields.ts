// Readers for the free-text cells of imported plans: status words at the start of a progress
// narrative, percentages, UK-style dates, lead officers, objective numbers and the combined
// "Target / Outcome / Critical Success Factors / Environmental Impacts" description cell.
//
// Every function is total: it never throws, and returns null (or the input) when it cannot read.

import { daysInMonth, formatUkDate, isIsoDate, isoDate } from './dates.ts';
import { DEFAULT_STATUS_WORDS, type Stage, type StatusWord } from './stages.ts';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

// ---------------------------------------------------------------------------------------------
// Status words

/** A separator after a leading status word: en dash, em dash, colon, or a hyphen next to a space. */
const STATUS_SEPARATOR = String.raw`(?:\s*[–—:]\s*|\s+-\s*|-\s+)`;

// Compiled once per vocabulary: an import of thousands of rows splits a status off every narrative.
const patternCache = new WeakMap<readonly StatusWord[], { stage: Stage; re: RegExp }[]>();

function statusPatterns(vocabulary: readonly StatusWord[]): { stage: Stage; re: RegExp }[] {
  let patterns = patternCache.get(vocabulary);
  if (!patterns) {
    patterns = vocabulary
      .map((w) => ({ stage: w.stage, parts: w.word.trim().split(/\s+/u).filter(Boolean) }))
      .filter((w) => w.parts.length > 0)
      .sort((a, b) => b.parts.join(' ').length - a.parts.join(' ').length)
      .map((w) => ({
        stage: w.stage,
        re: new RegExp(
          String.raw`^\s*(${w.parts.map(escapeRegExp).join(String.raw`\s+`)}(?:\s+to\s+[^–—:.\n]{1,40}?)?)[.!]?(?:${STATUS_SEPARATOR}([\s\S]*)|\s*$)`,
          'iu',
        ),
      }));
    patternCache.set(vocabulary, patterns);
  }
  return patterns;
}

/**
 * Splits a leading status word off a progress narrative.
 *
 * "COMPLETE – The plan is in place" → stage complete, statusWord "COMPLETE", narrative "The plan is
 * in place". The word may be in any case and must be followed by an en dash, em dash, colon or
 * hyphen, or be the whole text ("Complete"). A word may carry a short "to …" tail before the
 * separator ("Carried over to 2020/21 – …"). The longest matching word wins, so NOT YET STARTED is
 * preferred to NOT STARTED. statusWord is the text as written (whitespace collapsed).
 *
 * Without a separator the word is treated as part of the sentence ("Complete the review by May",
 * "Ongoing action, to finish in June"): stage null and the narrative unchanged.
 */
export function splitStatus(
  text: string,
  vocabulary: readonly StatusWord[] = DEFAULT_STATUS_WORDS,
): { stage: Stage | null; statusWord: string | null; narrative: string } {
  for (const w of statusPatterns(vocabulary)) {
    const m = w.re.exec(text);
    if (m) {
      return { stage: w.stage, statusWord: collapse(m[1] ?? ''), narrative: (m[2] ?? '').trim() };
    }
  }
  return { stage: null, statusWord: null, narrative: text };
}

// ---------------------------------------------------------------------------------------------
// Percentages

/** "88%", "88 %", "100" → 88, 88, 100; decimals are rounded ("88.5%" → 89). Outside 0–100 → null. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:\.\d+)?|\.\d+)\s*%?\s*$/u.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value);
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const monthNumber = (name: string): number | undefined => MONTH_NUMBERS[name.toLowerCase().replace(/\.$/u, '')];

export interface ParsedDate {
  date: string | null;
  approximate: boolean;
  warning: string | null;
}

/**
 * Reads a date as written in UK council documents and returns it as an ISO date.
 *
 * Exact: "1 March 2016", "31st March 2021", "1 Mar 2016", "1/3/2016", "01/03/16" (two-digit years
 * are 20xx), "2019-03-31". Approximate (with a warning saying how it was read): "March 2019",
 * "end Jan 2019", "end of January 2019" (last day of the month); "2019/20" (last day of that plan
 * year: 31 March 2020 when years start in April); "Q3 2018/19" (last day of that quarter of the
 * plan year). A leading "by" or "the" is ignored. Blank → no date and no warning.
 */
export function parseUkDate(text: string, opts: { yearStartMonth?: number } = {}): ParsedDate {
  const original = collapse(text);
  if (!original) return { date: null, approximate: false, warning: null };
  const unreadable: ParsedDate = { date: null, approximate: false, warning: `Could not read “${original}” as a date` };
  const exact = (iso: string): ParsedDate => (isIsoDate(iso) ? { date: iso, approximate: false, warning: null } : unreadable);
  const approx = (iso: string): ParsedDate =>
    isIsoDate(iso) ? { date: iso, approximate: true, warning: `“${original}” read as ${formatUkDate(iso)}` } : unreadable;
  const endOfMonth = (year: number, month: number): string => isoDate(year, month, daysInMonth(year, month));
  const startMonth = opts.yearStartMonth ?? 4;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) return unreadable;

  const s = original
    .replace(/[.,;]+$/u, '')
    .replace(/^(?:by\s+)?(?:the\s+)?/iu, '')
    .trim();

  let m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
  if (m) return exact(s);

  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+\.?),?\s+(\d{4})$/iu.exec(s);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    return month ? exact(isoDate(Number(m[3]), month, Number(m[1]))) : unreadable;
  }

  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/u.exec(s);
  if (m) {
    const y = (m[4] ?? '').length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    return exact(isoDate(y, Number(m[3]), Number(m[1])));
  }

  m = /^(?:end\s+(?:of\s+)?)?([a-z]+\.?),?\s+(\d{4})$/iu.exec(s);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    return month ? approx(endOfMonth(Number(m[2]), month)) : unreadable;
  }

  // Plan years "2019/20", "2019/2020", "2019-20", optionally with a quarter "Q3 2018/19".
  m = /^(?:(?:end\s+(?:of\s+)?)?q([1-4])\s+)?(?:end\s+(?:of\s+)?)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/iu.exec(s);
  if (m) {
    const first = Number(m[2]);
    const second = Number(m[3]);
    const follows = (m[3] ?? '').length === 2 ? second === (first + 1) % 100 : second === first + 1;
    if (!follows) return unreadable;
    const quarter = m[1] ? Number(m[1]) : 4;
    const total = first * 12 + (startMonth - 1) + quarter * 3 - 1;
    return approx(endOfMonth(Math.floor(total / 12), (total % 12) + 1));
  }

  return unreadable;
}

// ---------------------------------------------------------------------------------------------
// Lead officers

const JOINT_PREFIX = /^\s*joint\s+action\b\s*[:–—-]?\s*/iu;

/** "A, B and C" → [A, B, C]; only the last " and " (or "&") splits, so "X and Y Team Leader, Z" stays whole. */
function splitJointList(list: string): string[] {
  const pieces = list.split(',').map((p) => p.trim().replace(/^(?:and|&)(?:\s+|$)/iu, ''));
  const last = pieces.pop() ?? '';
  const m = /^(.*\S)\s+(?:and|&)\s+(\S.*)$/iu.exec(last);
  return m ? [...pieces, m[1] ?? '', m[2] ?? ''] : [...pieces, last];
}

/**
 * Lead officers from a cell: one per line or per semicolon. After "Joint action:" the list is also
 * split on commas and on its final "and" ("Joint action: A, B and C" → A, B, C). Without that
 * prefix a line stays whole, because job titles contain commas and "and" ("Head of Finance, Risk
 * and Performance"). Entries are trimmed; empty ones are dropped.
 */
export function splitLeadOfficers(text: string): string[] {
  const jointAll = JOINT_PREFIX.test(text);
  const body = text.replace(JOINT_PREFIX, '');
  const out: string[] = [];
  for (const segment of body.split(/[\n\r;]+/u)) {
    const joint = jointAll || JOINT_PREFIX.test(segment);
    const rest = segment.replace(JOINT_PREFIX, '');
    const names = joint ? splitJointList(rest) : [rest];
    for (const name of names) {
      const clean = collapse(name).replace(/^[,.]+|[,.]+$/gu, '').trim();
      if (clean) out.push(clean);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Objective numbers

/**
 * Repairs OCR slips in an objective number: letters read for digits ("I.4", "l.2" → "1.4", "1.2";
 * O → 0), spaces around dots ("1 . 2") and a trailing dot ("1.1."). Anything that is not a number
 * of that shape, or has no real digit in it, is returned unchanged.
 */
export function fixObjectiveNumber(text: string): string {
  const trimmed = text.trim();
  const m = /^([0-9Il|O]+(?:\s*\.\s*[0-9Il|O]+)*)\s*\.?$/u.exec(trimmed);
  if (!m || !/\d/u.test(trimmed)) return text;
  return (m[1] ?? '').replace(/\s+/gu, '').replace(/[Il|]/gu, '1').replace(/O/gu, '0');
}

// ---------------------------------------------------------------------------------------------
// Description cells

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', pound: '£', hellip: '…',
};

/** Decodes the common named entities and numeric ones, in one pass (so "&amp;lt;" → "&lt;"). */
function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML (or plain text) → plain text: tags removed, entities decoded, whitespace collapsed. */
function htmlToText(html: string): string {
  return collapse(decodeEntities(html.replace(/<\/?[a-z][^>]*>/giu, ' ')));
}

type DescriptionField = 'target' | 'outcome' | 'criticalSuccessFactors' | 'environmentalImpacts';

const LABEL = /(?<![\p{L}\p{N}])(target|outcomes?|critical\s+success\s+factors?|environmental\s+impacts?)\s*:/giu;

function fieldFor(label: string): DescriptionField {
  const l = label.toLowerCase();
  if (l.startsWith('target')) return 'target';
  if (l.startsWith('outcome')) return 'outcome';
  if (l.startsWith('critical')) return 'criticalSuccessFactors';
  return 'environmentalImpacts';
}

/**
 * Splits a description cell into its labelled parts: "Target:", "Outcome:", "Critical Success
 * Factors:" and "Environmental Impacts:" (labels must start with a capital letter, so "meet the
 * target: 5" inside a sentence is not a label). Works on HTML (<p>, <b>, <strong>, <br>) and plain
 * text. Text before the first label, or the whole text when there are none, is `rest`.
 */
export function splitDescription(html: string): {
  target: string | null;
  outcome: string | null;
  criticalSuccessFactors: string | null;
  environmentalImpacts: string | null;
  rest: string | null;
} {
  const text = htmlToText(html);
  const labels = [...text.matchAll(LABEL)].filter((m) => /^\p{Lu}/u.test(m[1] ?? ''));
  const parts: Record<DescriptionField | 'rest', string[]> = {
    target: [], outcome: [], criticalSuccessFactors: [], environmentalImpacts: [], rest: [],
  };
  parts.rest.push(text.slice(0, labels[0]?.index ?? text.length));
  labels.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = labels[i + 1]?.index ?? text.length;
    parts[fieldFor(m[1] ?? '')].push(text.slice(start, end));
  });
  const join = (xs: string[]): string | null => collapse(xs.map((x) => x.trim()).filter(Boolean).join(' ')) || null;
  return {
    target: join(parts.target),
    outcome: join(parts.outcome),
    criticalSuccessFactors: join(parts.criticalSuccessFactors),
    environmentalImpacts: join(parts.environmentalImpacts),
    rest: join(parts.rest),
  };
}
