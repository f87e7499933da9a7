// Text that PDF extraction and table layouts cut into pieces: deciding whether a piece carries on
// from the one before (a wrapped line, a word cut at a column edge) and joining pieces back
// together. Pure.

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

// Words a title does not end on: a line that ends with one was cut mid-phrase by a wrap.
const CONNECTIVES = new Set([
  'a', 'across', 'an', 'and', 'are', 'as', 'at', 'between', 'by', 'for', 'from', 'including', 'in', 'into', 'is', 'its',
  'of', 'on', 'or', 'our', 'over', 'per', 'than', 'that', 'the', 'their', 'through', 'to', 'under', 'via', 'which', 'will',
  'with', 'within',
]);

/**
 * The text starts in the middle of a sentence: with a lower-case word (not a brand such as
 * "e-newsletter" or "iPad"), or with punctuation that never opens a title (",", ";", ")", "&", "…").
 */
export function startsMidSentence(text: string): boolean {
  const t = text.trimStart();
  if (/^[,;:)&…]/u.test(t) || t.startsWith('...')) return true;
  if (/^[ei]-/u.test(t) || /^i[A-Z]/u.test(t)) return false;
  return /^\p{Ll}/u.test(t);
}

/** The text stops in the middle of a phrase: a trailing hyphen, comma, "&" or a word such as "and", "of", "the". */
export function endsOpen(text: string): boolean {
  const t = text.trimEnd();
  if (/[,;&/(]$/u.test(t) || /\p{L}-$/u.test(t)) return true;
  const last = /([\p{L}]+)$/u.exec(t)?.[1]?.toLowerCase();
  return last !== undefined && CONNECTIVES.has(last);
}

/** Words of the kind that end a phrase, for telling a cut word from two words. */
const COMMON_WORDS = new Set([...CONNECTIVES, 'all', 'be', 'council', 'local', 'more', 'new', 'not', 'people', 'plan', 'service', 'services', 'this', 'we']);

/** The words a document uses, so a word cut at a column edge can be recognised when joined again. */
export class Vocabulary {
  private readonly counts = new Map<string, number>();

  constructor(texts: Iterable<string>) {
    for (const t of texts) for (const w of words(t)) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
  }

  /**
   * Whether the document uses the word, counting only uses outside `own` (the text being joined,
   * whose cut pieces would otherwise vouch for themselves).
   */
  has(word: string, own: ReadonlyMap<string, number> = new Map()): boolean {
    const w = word.toLowerCase();
    if (COMMON_WORDS.has(w)) return true;
    return (this.counts.get(w) ?? 0) - (own.get(w) ?? 0) > 0;
  }
}

const words = (text: string): string[] => (text.toLowerCase().match(/\p{L}{2,}/gu) ?? []);

export function wordCounts(texts: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of texts) for (const w of words(t)) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/**
 * Joins pieces of one text that a layout cut apart (cells of a heading split at column edges, or a
 * line wrapped onto the next row). Where a piece ends in a letter and the next starts with a
 * lower-case one, the cut may be inside a word: the pieces are joined without a space when the
 * document uses the joined word elsewhere ("effec" + "tiveness"), also allowing for the letter at
 * the cut being printed twice ("loca" + "al" → "local"), and a hyphen at a line end is dropped the
 * same way ("organi-" + "sation"); `alsoKnown` adds words the caller expects. Otherwise they are joined with a space; `uncertain` says whether
 * any such cut could not be settled, so the reader can be warned to check the wording.
 */
export function joinPieces(
  pieces: readonly string[],
  vocabulary: Vocabulary | null,
  alsoKnown: ReadonlySet<string> = new Set(),
): { text: string; uncertain: boolean } {
  const parts = pieces.map(collapse).filter((p) => p !== '');
  const own = wordCounts(parts);
  let text = parts[0] ?? '';
  let uncertain = false;
  for (const next of parts.slice(1)) {
    const hyphen = /(\p{L}+)-$/u.exec(text);
    const left = hyphen ? hyphen[1] : /(\p{L}+)$/u.exec(text)?.[1];
    const right = /^(\p{Ll}+)/u.exec(next)?.[1];
    if (!left || !right) {
      text = `${text} ${next}`;
      continue;
    }
    const known = (w: string): boolean => alsoKnown.has(w.toLowerCase()) || (vocabulary?.has(w, own) ?? COMMON_WORDS.has(w.toLowerCase()));
    if (known(left + right)) {
      text = `${hyphen ? text.slice(0, -1) : text}${next}`;
    } else if (hyphen) {
      // A hyphen at a line end that does not make a word the document uses stays ("well-" + "being").
      text = `${text}${next}`;
    } else if (left.slice(-1).toLowerCase() === right[0] && known(left + right.slice(1))) {
      text = `${text}${next.slice(1)}`;
    } else {
      if (!(known(left) && known(right))) uncertain = true;
      text = `${text} ${next}`;
    }
  }
  return { text, uncertain };
}

/**
 * Line numbers as a short list: "4", "4 and 9", "1–3, 7 and 12". Lines in `blank` (empty lines of
 * the source) may sit inside a run, so lines 2, 4 and 6 with 3 and 5 blank are "2–6".
 */
export function lineList(lines: readonly number[], blank: ReadonlySet<number> = new Set()): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const joins = (a: number, b: number): boolean => {
    for (let n = a + 1; n < b; n++) if (!blank.has(n)) return false;
    return true;
  };
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (i + 1 < sorted.length && joins(end, sorted[i + 1] ?? 0)) end = sorted[++i] ?? end;
    runs.push(end > start ? `${start}–${end}` : `${start}`);
  }
  if (runs.length <= 1) return runs[0] ?? '';
  return `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
}

/** A short quotation of a cell for a warning. */
export function quote(text: string, max = 80): string {
  const t = collapse(text);
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}
