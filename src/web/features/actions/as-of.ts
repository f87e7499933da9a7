import { dateFromParts, dateParts } from '../../../domain/dates.ts';
import { ValidationError } from '../../../domain/errors.ts';
import type { Actor, Services } from '../../../services/index.ts';
import { z } from 'zod';
import { dateBoxes, type DateBoxes } from '../../forms.ts';
import { dateFields, formText } from '../../schemas.ts';

// The "as at" date of the pages that show positions (the action page, the plan page, the action
// list, the dashboards): `?asOf=YYYY-MM-DD`, or the day, month and year boxes of the "Position as
// at" form; and, optionally, "as known on" (`?knownOn=` or its boxes), which shows only what had
// been recorded by the end of that day — what a report written then could have said.

export type DateParts = { day: string; month: string; year: string };

export interface DateQuery {
  /** The ISO date asked for; undefined when none was given (or it was not a real date). */
  value: string | undefined;
  /** The date input's three boxes, echoed back as typed. */
  parts: DateParts;
  /** A date the web layer can already tell is incomplete or not real. */
  error?: string;
}

const EMPTY: DateParts = { day: '', month: '', year: '' };

/** The query fields of the "Position as at" and "as known on" form, to spread into a page's query schema. */
export const asOfFields = { asOf: formText, ...dateFields('asOf'), knownOn: formText, ...dateFields('knownOn') };
export const asOfQuery = z.object(asOfFields);
export type AsOfQuery = z.output<typeof asOfQuery>;

/** `?name=2018-09-30` (links) or the GOV.UK date input's `name-day`, `name-month`, `name-year` (the form). */
export function readDateQuery<N extends string>(q: DateBoxes<N> & Readonly<Record<N, string>>, name: N, label: string): DateQuery {
  const typed = dateBoxes(q, name);
  if (typed.day.trim() !== '' || typed.month.trim() !== '' || typed.year.trim() !== '') {
    const parts = { day: typed.day.trim(), month: typed.month.trim(), year: typed.year.trim() };
    const d = dateFromParts(parts.day, parts.month, parts.year);
    if (d.error) return { value: undefined, parts, error: `${label} ${d.error}` };
    return { value: d.value ?? undefined, parts };
  }
  const raw = q[name].trim();
  return { value: raw || undefined, parts: raw ? dateParts(raw) : EMPTY };
}

export interface AsOfChoice {
  /** The date positions are shown at; null when the council has no plan year to show one in. */
  asOf: string | null;
  /** Only updates recorded by the end of this day count; null for what is known now. */
  knownOn: string | null;
  /** The date inputs' boxes: what was typed, or the date shown. */
  parts: DateParts;
  knownParts: DateParts;
  /** `{ asOf | knownOn: message }` when a chosen date is not usable (the page then shows the default date, as known now). */
  errors?: Record<string, string>;
}

/** Anchors for the error summary: the day box of each date input. */
export const AS_OF_ANCHORS = { asOf: 'asOf-day', knownOn: 'knownOn-day' };

/** `yearId` names the plan year the page is about (an action's or a plan's), for the default date. */
export async function readAsOf(services: Services, actor: Actor, q: AsOfQuery, yearId?: number): Promise<AsOfChoice> {
  const at = readDateQuery(q, 'asOf', 'As-at date');
  const known = readDateQuery(q, 'knownOn', 'As-known-on date');
  const fallback = async (errors: Record<string, string>): Promise<AsOfChoice> => ({ asOf: await defaultAsOf(services, actor, yearId), knownOn: null, parts: at.parts, knownParts: known.parts, errors });
  if (at.error) return fallback({ asOf: at.error });
  if (known.error) return fallback({ knownOn: known.error });
  try {
    const asOf = at.value !== undefined ? await services.progress.checkAsOf(actor, at.value) : await defaultAsOf(services, actor, yearId);
    const knownOn = asOf === null ? null : services.progress.checkKnownOn(asOf, known.value);
    return { asOf, knownOn, parts: at.value !== undefined ? at.parts : dateParts(asOf), knownParts: known.parts };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return fallback(err.fields.knownOn ? { knownOn: err.fields.knownOn } : { asOf: err.fields.asOf ?? 'As-at date must be a real date' });
  }
}

async function defaultAsOf(services: Services, actor: Actor, yearId?: number): Promise<string | null> {
  try {
    return await services.progress.checkAsOf(actor, undefined, yearId);
  } catch (err) {
    if (err instanceof ValidationError) return null; // no plan years yet
    throw err;
  }
}
