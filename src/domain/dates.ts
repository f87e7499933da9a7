// Calendar dates as ISO strings (YYYY-MM-DD), shown the UK way ("1 March 2016").

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2016-03-01" → "1 March 2016". Returns the input unchanged when it is not an ISO date. */
export function formatUkDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = ISO_DATE.exec(value.slice(0, 10));
  if (!m) return value;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Builds an ISO date from the three GOV.UK date-input fields; null if all are empty. */
export function dateFromParts(day: string, month: string, year: string): { value: string | null; error?: string } {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return { value: null };
  const missing = [!d && 'day', !m && 'month', !y && 'year'].filter(Boolean);
  if (missing.length) return { value: null, error: `must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { value: null, error: 'must be a real date' };
  const iso = isoDate(Number(y), Number(m), Number(d));
  if (!isIsoDate(iso)) return { value: null, error: 'must be a real date' };
  return { value: iso };
}

/** Splits an ISO date into the three GOV.UK date-input fields. */
export function dateParts(value: string | null | undefined): { day: string; month: string; year: string } {
  const m = value ? ISO_DATE.exec(value.slice(0, 10)) : null;
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' };
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
