// Helpers for the GOV.UK form pattern: values echoed back, an error summary linking to fields.

import type { FieldDescriptor, ResolvedField } from '../domain/fields/descriptor.ts';
import type { ListBody } from './schemas.ts';

/** The three boxes of a GOV.UK date input called N, as a typed form body has them (src/web/schemas.ts `dateFields`). */
export type DateBoxes<N extends string> = Readonly<Record<`${N}-day` | `${N}-month` | `${N}-year`, string>>;

/** A date input's boxes as typed, to echo back into the form. */
export function dateBoxes<N extends string>(body: DateBoxes<N>, name: N): { day: string; month: string; year: string } {
  return { day: body[`${name}-day`], month: body[`${name}-month`], year: body[`${name}-year`] };
}

/** Joins a GOV.UK date input (name-day, name-month, name-year) as `Y-M-D` for the service to check, or '' when all are blank. */
export function joinDate<N extends string>(body: DateBoxes<N>, name: N): string {
  const { day, month, year } = dateBoxes(body, name);
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  return d || m || y ? `${y}-${m}-${d}` : '';
}

/** A field list's values as posted, by name: text as typed, a date's boxes joined (`joinDate`). */
export function postedValues<D extends FieldDescriptor>(list: readonly ResolvedField<D>[], body: Readonly<Record<keyof ListBody<D>, string>>): Record<D['name'], string> {
  const b = body as Readonly<Record<string, string>>;
  return Object.fromEntries(list.map((f) => [f.name, f.kind === 'date' ? joinDate(b, f.name) : b[f.name]])) as Record<D['name'], string>;
}

/** A saved record's fields of a list as its form shows them, by name: blank for null, a number in digits. */
export function savedFormValues<D extends FieldDescriptor>(list: readonly ResolvedField<D>[], row: { readonly [K in D['column']]: string | number | null }): Record<D['name'], string> {
  const r = row as Readonly<Record<string, string | number | null>>;
  return Object.fromEntries(list.map((f) => [f.name, r[f.column] === null ? '' : String(r[f.column])])) as Record<D['name'], string>;
}

/** Fields whose error should link to a sub-field (the day box of a date input, the first checkbox). */
export function errorList(errors: Record<string, string>, anchors: Record<string, string> = {}): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${anchors[field] ?? field}` }));
}
