import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts, formatUkDate, isIsoDate, isoDate } from '../../../domain/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { UPDATE_FIELDS } from '../../../domain/fields/update-fields.ts';
import { findStatusWord, normaliseStatusWord, STAGE_LABELS } from '../../../domain/stages.ts';
import type { Services } from '../../../services/index.ts';
import { ProgressConflictError, type UpdateVersion } from '../../../services/progress.ts';
import { updateFormPage } from './form-presenters.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes, joinDate, postedValues, savedFormValues } from '../../forms.ts';
import { formBody, formText, idParams, listBody, type WebApp } from '../../schemas.ts';
import type { Item } from '../../items.ts';

// Progress updates: the form that records one (or corrects one: a correction is a new update that
// names the one it corrects; nothing is edited in place).

// A date's error links to its day box.
const ANCHORS = { ...Object.fromEntries(UPDATE_FIELDS.filter((f) => f.kind === 'date').map((f) => [f.name, `${f.name}-day`])), ragOverride: 'ragOverride', periodId: 'periodId', statusWord: 'statusWord', conflict: 'conflict', refused: 'refused' };
const OVERRIDES = [
  { value: 'green', text: 'Green' },
  { value: 'amber', text: 'Amber' },
  { value: 'red', text: 'Red' },
];

type Values = Record<string, string>;

// The update's own fields (as-at date, status, % complete …) come from its field list,
// src/domain/fields/update-fields.ts; the period, the update it corrects and the restriction are not its own.
const updateBody = formBody({
  periodId: formText,
  ...listBody(UPDATE_FIELDS),
  correctsId: formText,
  seenLatestId: formText,
  restricted: formText,
  exemptParagraph: formText,
});

const updateForm = (b: z.output<typeof updateBody>): Values => ({
  periodId: b.periodId,
  ...postedValues(UPDATE_FIELDS, b),
  correctsId: b.correctsId,
  seenLatestId: b.seenLatestId,
  restricted: b.restricted,
  exemptParagraph: b.exemptParagraph,
});

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "at 14:05 on 25 November 2026" (UK time) from an ISO timestamp. */
export function savedAtText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return `on ${formatUkDate(iso)}`;
  return `at ${clock.format(d)} on ${formatUkDate(iso)}`;
}

/** The label of an update in words: "Quarter 2 (July to September), recorded 1 October 2018 by Jane Smith". */
export function describeUpdate(u: UpdateVersion): string {
  return `${u.periodLabel ?? 'No reporting period'}, recorded ${formatUkDate(u.recorded_at)} by ${u.author_name}`;
}

export function registerProgressRoutes(app: WebApp, services: Services): void {
  const progress = services.progress;

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { actionId: number; values: Values; asAt: { day: string; month: string; year: string }; corrects?: UpdateVersion; errors?: Record<string, string>; conflict?: ProgressConflictError },
  ) => {
    const actor = actorOf(request);
    const [d, p, vocabulary] = await Promise.all([services.actions.detail(actor, data.actionId), progress.periodsFor(actor, data.actionId), progress.vocabulary(actor)]);
    const v = data.values;
    const periodItems: Item[] = p.periods.map((period) => ({
      value: String(period.id),
      text: `${period.label}${period.locked ? ' (locked)' : `${period.open ? '' : `, opens for updates on ${formatUkDate(period.opensOn)}`}${period.due_on ? `, due by ${formatUkDate(period.due_on)}` : ''}${period.open ? '' : ' (not open yet)'}`}`,
      selected: String(period.id) === v.periodId,
    }));
    if (!periodItems.some((i) => i.selected)) periodItems.unshift({ value: '', text: 'Select a reporting period', selected: true });
    // Never propose a period that is not taking updates without saying so (issue 12).
    const periodNotice = p.waiting
      ? p.waiting.next
        ? `No reporting period of ${p.year.label} is taking updates today (${formatUkDate(p.today)}). ${p.waiting.next.label} is proposed, but it opens for updates only on ${formatUkDate(p.waiting.next.opensOn)}: you can record an update for it now, or choose a locked period if a performance officer extends it.`
        : `Every reporting period of ${p.year.label} is locked: their deadlines have passed. Ask a performance officer to extend a period if this update must still be recorded.`
      : null;
    const chosen = findStatusWord(vocabulary, v.statusWord ?? '');
    const statusItems: Item[] = vocabulary.map((w) => ({ value: w.word, text: w.word, hint: { text: `Means: ${STAGE_LABELS[w.stage].toLowerCase()}` }, checked: chosen?.word === w.word }));
    const overrideItems = [
      ...OVERRIDES.map((o) => ({ ...o, checked: v.ragOverride === o.value })),
      { divider: 'or' },
      { value: '', text: 'No override: use the computed traffic light', checked: !v.ragOverride },
    ];
    const periodLabel = (id: string | number | null) => p.periods.find((x) => String(x.id) === String(id))?.label ?? (id === null || id === '' ? 'None' : 'Not a period of this year');
    const conflict = data.conflict ? compareVersions(data.conflict, v, data.asAt, periodLabel) : null;
    return reply.render(
      'actions/update-form.njk',
      updateFormPage({
        action: d.action,
        plan: d.plan,
        year: d.year,
        actionId: data.actionId,
        values: v,
        asAt: data.asAt,
        periodItems,
        periodNotice,
        statusItems,
        overrideItems,
        correctsText: data.corrects ? describeUpdate(data.corrects) : null,
        errors: data.errors,
        errorAnchors: ANCHORS,
        conflict,
      }),
    );
  };

  const findUpdate = async (request: FastifyRequest, actionId: number, raw: string | undefined): Promise<UpdateVersion | undefined> => {
    if (!raw) return undefined;
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
    return (await progress.history(actorOf(request), actionId)).find((u) => u.id === id);
  };

  app.get('/actions/:id/updates/new', { schema: { params: idParams, querystring: z.object({ corrects: formText }) } }, async (request, reply) => {
    const actionId = request.params.id;
    const actor = actorOf(request);
    const raw = request.query.corrects;
    if (raw) {
      const u = await findUpdate(request, actionId, raw);
      if (!u) throw new NotFoundError('Progress update');
      return renderForm(request, reply, {
        actionId,
        corrects: u,
        asAt: dateParts(u.as_at),
        values: {
          periodId: u.period_id === null ? '' : String(u.period_id),
          ...savedFormValues(UPDATE_FIELDS, u),
          correctsId: String(u.id),
          restricted: u.exempt_paragraph !== null ? 'yes' : 'no',
          exemptParagraph: u.exempt_paragraph !== null ? String(u.exempt_paragraph) : '',
        },
      });
    }
    const [p, history] = await Promise.all([progress.periodsFor(actor, actionId), progress.history(actor, actionId)]);
    return renderForm(request, reply, {
      actionId,
      asAt: dateParts(p.suggestedAsAt),
      // The newest update when the form was opened: one recorded for the same period since is shown before this one is added.
      values: { periodId: p.suggestedPeriodId === null ? '' : String(p.suggestedPeriodId), seenLatestId: String(Math.max(0, ...history.map((u) => u.id))) },
    });
  });

  app.post('/actions/:id/updates', { schema: { params: idParams, body: updateBody } }, async (request, reply) => {
    const actionId = request.params.id;
    const body = request.body;
    const values = updateForm(body);
    const seen = /^\d{1,9}$/.test(values.seenLatestId ?? '') ? Number(values.seenLatestId) : undefined;
    const asAt = dateBoxes(body, 'asAt');
    try {
      await progress.recordUpdate(actorOf(request), actionId, values, seen === undefined || values.correctsId ? {} : { seenLatestId: seen });
      return reply.flash('Progress update saved').redirect(`/actions/${actionId}`, 303);
    } catch (err) {
      if (err instanceof ProgressConflictError) {
        // Theirs got in first. The form comes back with what was typed, now aimed past theirs: a
        // correction corrects their (latest) version; a new update has seen theirs.
        const next: Values =
          err.reason === 'already-corrected' ? { ...values, correctsId: String(err.theirs.id), seenLatestId: '' } : { ...values, correctsId: '', seenLatestId: String(err.theirs.id) };
        const corrects = err.reason === 'already-corrected' ? await findUpdate(request, actionId, String(err.theirs.id)) : undefined;
        const errors = { conflict: err.message };
        return renderForm(request, reply.code(409), { actionId, values: next, asAt, corrects, errors, conflict: err });
      }
      // Refused by the scoped rule (src/domain/permissions.ts, canUpdateAction): the form comes back
      // with what was typed and says who can record it, rather than a bare 403 page losing the text.
      if (err instanceof ForbiddenError) {
        const corrects = await findUpdate(request, actionId, values.correctsId);
        return renderForm(request, reply.code(403), { actionId, values, asAt, corrects, errors: { refused: `Your update has not been saved. ${err.message}` } });
      }
      if (!(err instanceof ValidationError)) throw err;
      const corrects = await findUpdate(request, actionId, values.correctsId);
      return renderForm(request, reply.code(400), { actionId, values, asAt, corrects, errors: err.fields });
    }
  });
}

/**
 * Their version (saved first) and yours (as typed), field by field, for the page that says theirs
 * got in first. Rows where either has something; `differs` marks the ones that are not the same.
 */
function compareVersions(
  conflict: ProgressConflictError,
  yours: Values,
  asAt: { day: string; month: string; year: string },
  periodLabel: (id: string | number | null) => string,
) {
  const t = conflict.theirs;
  const typedDate = joinDate({ 'asAt-day': asAt.day, 'asAt-month': asAt.month, 'asAt-year': asAt.year }, 'asAt');
  const [y, m, d] = typedDate.split('-').map((x) => Number(x));
  const yourDate = y && m && d ? isoDate(y, m, d) : '';
  const word = (w: string) => (w ? normaliseStatusWord(w) : '');
  const percent = (x: string | number | null) => (x === null || x === '' ? '' : `${String(x).trim().replace(/%$/, '')}%`);
  const override = (rag: string | null, reason: string | null) => (rag ? `${rag.charAt(0).toUpperCase()}${rag.slice(1)}${reason ? `: ${reason}` : ''}` : '');
  const rows = [
    { label: 'Reporting period', theirs: periodLabel(t.period_id), yours: periodLabel(yours.periodId ?? '') },
    { label: 'As at', theirs: formatUkDate(t.as_at), yours: isIsoDate(yourDate) ? formatUkDate(yourDate) : typedDate },
    { label: 'Status', theirs: t.status_word, yours: word(yours.statusWord ?? '') },
    { label: '% complete', theirs: percent(t.percent_complete), yours: percent(yours.percentComplete ?? '') },
    { label: 'Progress update', theirs: t.narrative ?? '', yours: (yours.narrative ?? '').trim() },
    { label: 'Key actions remaining', theirs: t.next_steps ?? '', yours: (yours.nextSteps ?? '').trim() },
    { label: 'Traffic light override', theirs: override(t.rag_override, t.override_reason), yours: override(yours.ragOverride || null, (yours.overrideReason ?? '').trim() || null) },
  ]
    .map((r) => ({ ...r, theirs: r.theirs.replace(/\r\n?/g, '\n'), yours: r.yours.replace(/\r\n?/g, '\n') }))
    .filter((r) => r.theirs !== '' || r.yours !== '')
    .map((r) => ({ ...r, differs: r.theirs !== r.yours }));
  return {
    reason: conflict.reason,
    message: conflict.message,
    author: t.author_name,
    when: savedAtText(t.recorded_at),
    rows,
  };
}
