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

/**
 * "2016-03-01" → "1 March 2016". A timestamp shows its Europe/London date ("2026-07-14T23:30:00Z"
 * → "15 July 2026"). Returns the input unchanged when it is not an ISO date.
 */
export function formatUkDate(value: string | null | undefined): string {
  if (!value) return '';
  const instant = value.length > 10 && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  const m = ISO_DATE.exec(Number.isNaN(instant) ? value.slice(0, 10) : londonDate(new Date(instant)));
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

// "Today" for the rules is the calendar date in Europe/London, not the UTC date: between midnight
// and 1 am in summer the two differ, and a lock or a "cannot be in the future" check must not.

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/London calendar date of an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant (an ISO timestamp in UTC) at which a Europe/London calendar day begins: midnight GMT
 * in winter, 23:00 UTC the day before in summer. Clocks change at 1 am, so midnight always exists.
 */
export function londonDayStart(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const utcMidnight = Date.parse(`${iso}T00:00:00Z`);
  // London is UTC+0 or UTC+1: midnight there is either this instant or an hour before it.
  const summer = utcMidnight - 3_600_000;
  return new Date(londonDate(new Date(summer)) === iso ? summer : utcMidnight).toISOString();
}

/** The instant a Europe/London calendar day ends (exclusive): the start of the next day. */
export function londonDayEnd(iso: string): string {
  return londonDayStart(addDays(iso, 1));
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });

/**
 * An instant as people read it: "25 November 2026 at 2:05pm", in Europe/London time (GOV.UK style:
 * 12-hour clock, no space before am/pm, "midday" and "midnight" for 12:00pm and 12:00am). A value
 * that is not a timestamp comes back unchanged.
 */
export function formatUkDateTime(value: string | null | undefined): string {
  if (!value) return '';
  // SQLite's CURRENT_TIMESTAMP ("2026-11-25 14:05:00") is UTC without saying so.
  const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/u.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(instant)) return value;
  const at = new Date(instant);
  const parts = Object.fromEntries(LONDON_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  const minute = parts.minute ?? '00';
  const period = String(parts.dayPeriod ?? '').toLowerCase().replace(/\./gu, '').replace(/\s/gu, '');
  const time = minute === '00' && hour === 12 ? (period === 'pm' ? 'midday' : 'midnight') : `${hour}:${minute}${period}`;
  return `${formatUkDate(londonDate(at))} at ${time}`;
}
