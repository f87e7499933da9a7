import { dateFromParts, dateParts } from '../../../domain/dates.ts';
import { ValidationError } from '../../../domain/errors.ts';
import type { Actor, Services } from '../../../services/index.ts';
import { text, type FormBody } from '../../forms.ts';

// The "as at" date of the pages that show positions (the action page, the plan page, the action
// list): `?asOf=YYYY-MM-DD`, or the day, month and year boxes of the "Position as at" form.

export interface AsOfChoice {
  /** The date positions are shown at; null when the council has no plan year to show one in. */
  asOf: string | null;
  /** The date input's boxes: what was typed, or the date shown. */
  parts: { day: string; month: string; year: string };
  /** `{ asOf: message }` when the chosen date is not usable (the page then shows the default date). */
  errors?: Record<string, string>;
}

/** Anchor for the error summary: the day box of the date input. */
export const AS_OF_ANCHORS = { asOf: 'asOf-day' };

/** `yearId` names the plan year the page is about (an action's or a plan's), for the default date. */
export async function readAsOf(services: Services, actor: Actor, query: unknown, yearId?: number): Promise<AsOfChoice> {
  const q = (query ?? {}) as FormBody;
  const iso = text(q, 'asOf').trim();
  const typed = { day: text(q, 'asOf-day').trim(), month: text(q, 'asOf-month').trim(), year: text(q, 'asOf-year').trim() };
  let wanted: string | undefined;
  let problem: string | undefined;
  if (iso) {
    wanted = iso;
  } else if (typed.day || typed.month || typed.year) {
    const d = dateFromParts(typed.day, typed.month, typed.year);
    if (d.error || !d.value) problem = `As-at date ${d.error ?? 'must be a real date'}`;
    else wanted = d.value;
  }
  const parts = iso ? dateParts(iso) : typed;

  if (wanted !== undefined || problem) {
    try {
      if (problem) throw new ValidationError({ asOf: problem });
      return { asOf: await services.progress.checkAsOf(actor, wanted), parts };
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return { asOf: await defaultAsOf(services, actor, yearId), parts, errors: { asOf: err.fields.asOf ?? 'As-at date must be a real date' } };
    }
  }
  const asOf = await defaultAsOf(services, actor, yearId);
  return { asOf, parts: dateParts(asOf) };
}

async function defaultAsOf(services: Services, actor: Actor, yearId?: number): Promise<string | null> {
  try {
    return await services.progress.checkAsOf(actor, undefined, yearId);
  } catch (err) {
    if (err instanceof ValidationError) return null; // no plan years yet
    throw err;
  }
}
