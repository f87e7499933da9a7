// Three-way merge of a record's fields, for edits that crossed: `base` is the version an editor
// started from, `theirs` what someone else saved since, `mine` what the editor submitted. A field
// only one side changed merges by itself; a field both changed (to different values) is a conflict
// the editor settles. Nothing is chosen silently: every field where theirs and mine differ is
// listed with the side proposed for it, and the editor may choose the other side.

/** A field's value as a form carries it: text, or a set of ids (checkboxes). */
export type FieldValue = string | readonly string[];
export type FieldValues = Readonly<Record<string, FieldValue>>;
export type Side = 'theirs' | 'mine';
export const SIDES: readonly Side[] = ['theirs', 'mine'];

/**
 * Who changed a field that differs: only they did, only you did, both of you (a conflict), or
 * unknown (the version you started from is not known, so it may be either).
 */
export type ChangedBy = 'theirs' | 'mine' | 'both' | 'unknown';

export interface FieldDifference {
  field: string;
  base: FieldValue | undefined;
  theirs: FieldValue;
  mine: FieldValue;
  changedBy: ChangedBy;
  /**
   * The side kept unless the editor chooses the other: theirs for a field you did not change,
   * yours for one you changed; theirs when it is not known who changed it (nothing saved is lost
   * without a choice).
   */
  proposed: Side;
}

export interface MergeResult {
  /** Every field, with the proposed side for each that differs. */
  merged: Record<string, FieldValue>;
  /** Every field where theirs and yours differ, in field order. */
  differences: FieldDifference[];
  /** Fields only one side changed: merged by themselves. */
  automatic: string[];
  /** Fields both sides changed differently, or whose change cannot be attributed: the editor's choice. */
  conflicts: string[];
}

/** Two values are the same: equal text, or the same set of ids in any order. */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/**
 * Merges `mine` into `theirs` against `base` (null when the starting version is not known).
 * `fields` gives the order (and the set) of fields; by default, every field of theirs and mine.
 * A field missing from one side counts as blank ('').
 */
export function mergeFields(base: FieldValues | null, theirs: FieldValues, mine: FieldValues, fields: readonly string[] = unionOfKeys(theirs, mine)): MergeResult {
  const merged: Record<string, FieldValue> = {};
  const differences: FieldDifference[] = [];
  const automatic: string[] = [];
  const conflicts: string[] = [];
  for (const field of fields) {
    const t = theirs[field] ?? '';
    const m = mine[field] ?? '';
    if (sameValue(t, m)) {
      merged[field] = t;
      continue;
    }
    const b = base ? (base[field] ?? '') : undefined;
    const changedBy: ChangedBy = b === undefined ? 'unknown' : sameValue(b, t) ? 'mine' : sameValue(b, m) ? 'theirs' : 'both';
    const proposed: Side = changedBy === 'mine' || changedBy === 'both' ? 'mine' : 'theirs';
    differences.push({ field, base: b, theirs: t, mine: m, changedBy, proposed });
    (changedBy === 'theirs' || changedBy === 'mine' ? automatic : conflicts).push(field);
    merged[field] = proposed === 'mine' ? m : t;
  }
  return { merged, differences, automatic, conflicts };
}

/**
 * The values to save once the editor has chosen: for each field, `mine` where they chose their own
 * version, otherwise `theirs` (a field without a choice keeps what is saved). Fields where the two
 * agree are the same either way.
 */
export function applyChoices(theirs: FieldValues, mine: FieldValues, choices: Readonly<Partial<Record<string, Side>>>, fields: readonly string[] = unionOfKeys(theirs, mine)): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const field of fields) out[field] = choices[field] === 'mine' ? (mine[field] ?? '') : (theirs[field] ?? '');
  return out;
}

/** Reads a side from a form's radio value; anything else is no choice. */
export function parseSide(value: unknown): Side | undefined {
  return value === 'theirs' || value === 'mine' ? value : undefined;
}

/**
 * Reads field values carried as JSON (a hidden form field): an object holding, for each of
 * `fields`, text or a list of text. Anything else (missing fields, other shapes, bad JSON) is null:
 * the values are not known.
 */
export function parseFieldValues(json: string, fields: readonly string[]): Record<string, FieldValue> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const obj = raw as Record<string, unknown>;
  const out: Record<string, FieldValue> = {};
  for (const field of fields) {
    const v = obj[field];
    if (typeof v === 'string') out[field] = v;
    else if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) out[field] = v;
    else return null;
  }
  return out;
}

function unionOfKeys(a: FieldValues, b: FieldValues): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}
