import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.ts';
import { FIELD_LABELS, FIELDS, type Field } from '../../../domain/import-tables.ts';
import { parseYearLabel } from '../../../domain/plan-years.ts';
import type { ImportTarget } from '../../../services/imports.ts';
import { formText, openFormBody } from '../../schemas.ts';

// What the imports pages' forms and query strings carry, read and checked: the target (an existing
// plan, or an org unit code and plan year), the column mapping (`col0=code&col1=title…`) and the
// draft's id. Checking the target against the council's units and plans is the routes' job.

/** The fields of the target form, as the person typed them. */
export type TargetValues = { target: string; planId: string; orgCode: string; year: string; newUnitName: string };

export const ORG_CODE = /^[A-Z0-9]{1,12}$/u;
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/u;
/** Columns beyond this are not offered in the mapping (no council table is this wide). */
export const MAX_COLUMNS = 200;

const targetFields = { target: formText, planId: formText, orgCode: formText, year: formText, newUnitName: formText };

/** The upload form: a file part (read by the routes' onFile, not typed here), pasted text, the format and the target. */
export const uploadBody = openFormBody({ paste: formText, format: formText, sheet: formText, ...targetFields }, z.unknown());
/** The preview page's query and the confirm form: the target and the column mapping (`col0=code&col1=title…`). */
export const previewQuery = z.object(targetFields).catchall(z.string());
export const confirmBody = openFormBody(targetFields, z.unknown());
export const draftParams = z.object({ id: z.string() });

export const targetValues = (b: Readonly<Record<keyof TargetValues, string>>): TargetValues => ({
  target: b.target, planId: b.planId, orgCode: b.orgCode, year: b.year, newUnitName: b.newUnitName,
});

/** The target as the query string of the preview page (only the fields the choice uses). */
export function targetQuery(v: TargetValues): string {
  const q = new URLSearchParams();
  if (v.target === 'plan') {
    q.set('target', 'plan');
    q.set('planId', v.planId);
  } else if (v.target === 'new') {
    q.set('target', 'new');
    q.set('orgCode', v.orgCode.trim().toUpperCase());
    q.set('year', v.year.trim());
    if (v.newUnitName.trim()) q.set('newUnitName', v.newUnitName.trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The column mapping chosen in the preview (`col0=code&col1=title…`), or null when none was sent.
 * An empty value means "Not imported"; anything not in the list, or a field chosen twice, is an error.
 */
export function readMapping(b: Readonly<Record<string, unknown>>): { mapping: (Field | null)[] | null; chosen: string[] | null; errors: Record<string, string> } {
  const keys = Object.keys(b)
    .map((k) => /^col(\d{1,3})$/u.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((i) => i < MAX_COLUMNS);
  if (keys.length === 0) return { mapping: null, chosen: null, errors: {} };
  const width = Math.max(...keys) + 1;
  const chosen = Array.from({ length: width }, (_, i) => {
    const v = b[`col${i}`];
    return typeof v === 'string' ? v : '';
  });
  const errors: Record<string, string> = {};
  const firstUse = new Map<string, number>();
  const mapping = chosen.map((value, i) => {
    if (value === '') return null;
    if (!(FIELDS as readonly string[]).includes(value)) {
      errors[`col${i}`] = `Choose what column ${i + 1} holds from the list`;
      return null;
    }
    const earlier = firstUse.get(value);
    if (earlier !== undefined) {
      errors[`col${i}`] = `Columns ${earlier + 1} and ${i + 1} are both read as ${FIELD_LABELS[value as Field]}: choose Not imported for one of them`;
    } else {
      firstUse.set(value, i);
    }
    return value as Field;
  });
  return { mapping, chosen, errors };
}

/** The part of the target that says which plan year the import goes into, for the preview's date checks. */
export function yearTarget(v: TargetValues): ImportTarget {
  if (v.target === 'plan' && /^\d{1,12}$/u.test(v.planId)) return { planId: Number(v.planId) };
  if (v.target === 'new' && parseYearLabel(v.year.trim()) !== null) return { year: v.year.trim() };
  return {};
}

export function draftId(raw: string): string {
  if (!DRAFT_ID.test(raw)) throw new NotFoundError('Import');
  return raw;
}
