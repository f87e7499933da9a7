import { z } from 'zod';
import { hasControlCharacter } from '../domain/control-characters.ts';
import { isIsoDate, isoDate } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';

// Input validation shared by every edge (web forms, CLI, API, demo data): each message names the
// field in words a user understands, following the GOV.UK error message pattern.

/** Parses `input` or throws a ValidationError holding the first message for each field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  throw new ValidationError(fields);
}

const blankToNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? v.trim() : v);

// Every text field refuses control characters (src/domain/control-characters.ts) at the edge with a
// field error, rather than failing in the database.
export { hasControlCharacter };

const noControl = (label: string) => [(s: string) => !hasControlCharacter(s), `${capitalise(label)} must not contain control characters`] as const;

export const requiredText = (label: string, max = 500) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .refine(...noControl(label)),
  );

export const optionalText = (label: string, max = 5000) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .refine(...noControl(label))
      .nullable()
      .default(null),
  );

export const optionalId = (label: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v) : v),
    z.number({ error: `Select a valid ${label}` }).int(`Select a valid ${label}`).positive(`Select a valid ${label}`).nullable(),
  );

export const requiredId = (label: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number({ error: `Select ${label}` }).int(`Select ${label}`).positive(`Select ${label}`),
  );

export const idList = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '').map((x) => (typeof x === 'string' ? Number(x) : x))),
    z.array(z.number({ error: `Select valid ${label}` }).int(`Select valid ${label}`).positive(`Select valid ${label}`)),
  );

/** A list of names, one per line (or an array), blank lines dropped. */
export const nameList = (label: string, max = 300) =>
  z.preprocess(
    (v) => {
      const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\r?\n/) : v === undefined || v === null ? [] : v;
      return Array.isArray(items) ? items.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== '') : items;
    },
    z
      .array(z.string().max(max, `Each of the ${label} must be ${max} characters or fewer`).refine((s) => !hasControlCharacter(s), `The ${label} must not contain control characters`))
      .max(50, `Give no more than 50 ${label}`),
  );

/**
 * A calendar date. Accepts ISO `YYYY-MM-DD` or the GOV.UK date input joined as `Y-M-D` with any
 * part possibly empty, and says which part is missing or that the date is not real.
 */
export const optionalDate = (label: string) =>
  z.preprocess(blankToNull, z.string().nullable()).transform((v, ctx): string | null => {
    if (v === null) return null;
    const parts = v.split('-');
    if (parts.length !== 3) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date` });
      return z.NEVER;
    }
    const [y, m, d] = parts.map((p) => p.trim()) as [string, string, string];
    const missing = [!d && 'day', !m && 'month', !y && 'year'].filter(Boolean);
    // All three date-input fields left empty ("--") is no date, as with an empty string.
    if (missing.length === 3) return null;
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must include a ${missing.join(' and ')}` });
      return z.NEVER;
    }
    if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date` });
      return z.NEVER;
    }
    const iso = isoDate(Number(y), Number(m), Number(d));
    if (!isIsoDate(iso)) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date` });
      return z.NEVER;
    }
    return iso;
  });

export const requiredDate = (label: string) =>
  optionalDate(label).transform((v, ctx): string => {
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
      return z.NEVER;
    }
    return v;
  });

export const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `Select ${label}` });

export const version = z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().int().positive());

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What an edge may pass in (unchecked values for the schema's fields), which the service then checks. */
export type Loose<T> = { [K in keyof T]?: unknown };
