// Helpers for the GOV.UK form pattern: values echoed back, an error summary linking to fields.

export type FormBody = Record<string, string | string[] | undefined>;

export function text(body: FormBody, key: string): string {
  const v = body[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function list(body: FormBody, key: string): string[] {
  const v = body[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Joins a GOV.UK date input (name-day, name-month, name-year) as `Y-M-D` for the service to check, or '' when all are blank. */
export function joinDate(body: FormBody, name: string): string {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => text(body, `${name}-${p}`).trim());
  return d || m || y ? `${y}-${m}-${d}` : '';
}

/** Fields whose error should link to a sub-field (the day box of a date input, the first checkbox). */
export function errorList(errors: Record<string, string>, anchors: Record<string, string> = {}): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${anchors[field] ?? field}` }));
}
