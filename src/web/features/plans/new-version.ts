import type { FastifyReply } from 'fastify';
import { afterEdit } from '../../../domain/plan-lifecycle.ts';
import { formChoice } from '../../schemas.ts';
import { newVersionQuestionPage } from './presenters.ts';

// Every change to an approved or published plan (its own fields, a strategic goal, an objective or
// an action, added or edited) starts the plan's next version, a draft that needs approval again.
// Nobody starts one by accident: the form is reached through a question (new-version.njk), and a
// save that was not confirmed saves nothing and asks, carrying the typed changes through.

/** What the question page needs to know of the plan. */
export interface PlanForQuestion {
  id: number;
  title: string;
  status: string;
  draft_version: number;
  approved_on: string | null;
  approved_committee: string | null;
}

/** The answer "Continue" gives, in the query (a form opened) or the body (a form posted again). */
export const newVersionField = { newVersion: formChoice(['yes']) };

/** True when the form or the query says the editor has answered "Continue". */
export function newVersionConfirmed(source: { readonly newVersion: string }): boolean {
  return source.newVersion === 'yes';
}

/** A typed query or form body, as the question page carries it on: field names and their values. */
export type Carried = Readonly<Record<string, string | readonly string[]>>;

/** True when a change to this plan would start a new version and the editor has not said yes yet. */
export function asksNewVersion(plan: Pick<PlanForQuestion, 'status' | 'draft_version'>, confirmed: boolean): boolean {
  return !confirmed && afterEdit({ status: plan.status, draftVersion: plan.draft_version }).newVersion;
}

/**
 * The question. Asked before a form opens (`body` null): Continue opens `formPath` with
 * newVersion=yes, keeping the query it had. Asked after a save (`body` the posted form, answered
 * with 409): Continue posts the same changes again to `postPath`. Cancel goes back to `cancelHref`.
 */
export function renderNewVersionQuestion(
  reply: FastifyReply,
  q: { plan: PlanForQuestion; question: string; what: string; formPath: string; query?: Carried | null; postPath?: string; body?: Carried | null; cancelHref: string },
): FastifyReply {
  // Blank fields are left out: a typed query or body has every field, and blank is what a missing one reads as.
  const pairs = (source: Carried | null | undefined, skip: string[]) =>
    Object.entries(source ?? {})
      .filter(([name]) => !skip.includes(name))
      .flatMap(([name, v]) => (typeof v === 'string' ? [v] : v).filter((value) => value !== '').map((value) => ({ name, value })));
  const replay = q.body ? pairs(q.body, ['_csrf', 'newVersion']) : null;
  const keep = replay ? [] : pairs(q.query, ['newVersion']);
  return reply.code(replay ? 409 : 200).render('plans/new-version.njk', newVersionQuestionPage({ ...q, replay, keep }));
}
