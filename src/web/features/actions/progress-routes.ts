import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateParts, formatUkDate } from '../../../domain/dates.ts';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { findStatusWord, STAGE_LABELS } from '../../../domain/stages.ts';
import type { Services } from '../../../services/index.ts';
import type { UpdateVersion } from '../../../services/progress.ts';
import { actorOf, idParam } from '../../context.ts';
import { joinDate, text, type FormBody } from '../../forms.ts';
import type { Item } from '../../items.ts';

// Progress updates: the form that records one (or corrects one: a correction is a new update that
// names the one it corrects; nothing is edited in place).

const ANCHORS = { asAt: 'asAt-day', ragOverride: 'ragOverride', periodId: 'periodId', statusWord: 'statusWord' };
const OVERRIDES = [
  { value: 'green', text: 'Green' },
  { value: 'amber', text: 'Amber' },
  { value: 'red', text: 'Red' },
];

type Values = Record<string, string>;

const updateForm = (b: FormBody): Values => ({
  periodId: text(b, 'periodId'),
  asAt: joinDate(b, 'asAt'),
  statusWord: text(b, 'statusWord'),
  percentComplete: text(b, 'percentComplete'),
  narrative: text(b, 'narrative'),
  nextSteps: text(b, 'nextSteps'),
  ragOverride: text(b, 'ragOverride'),
  overrideReason: text(b, 'overrideReason'),
  correctsId: text(b, 'correctsId'),
});

/** The label of an update in words: "Quarter 2 (July to September), recorded 1 October 2018 by Jane Smith". */
export function describeUpdate(u: UpdateVersion): string {
  return `${u.periodLabel ?? 'No reporting period'}, recorded ${formatUkDate(u.recorded_at)} by ${u.author_name}`;
}

export function registerProgressRoutes(app: FastifyInstance, services: Services): void {
  const progress = services.progress;

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { actionId: number; values: Values; asAt: { day: string; month: string; year: string }; corrects?: UpdateVersion; errors?: Record<string, string> },
  ) => {
    const actor = actorOf(request);
    const [d, p, vocabulary] = await Promise.all([services.actions.detail(actor, data.actionId), progress.periodsFor(actor, data.actionId), progress.vocabulary(actor)]);
    const v = data.values;
    const periodItems: Item[] = p.periods.map((period) => ({
      value: String(period.id),
      text: `${period.label}${period.locked ? ' (locked)' : period.due_on ? `, due by ${formatUkDate(period.due_on)}` : ''}${!period.locked && !period.open ? ' (not open yet)' : ''}`,
      selected: String(period.id) === v.periodId,
    }));
    if (!periodItems.some((i) => i.selected)) periodItems.unshift({ value: '', text: 'Select a reporting period', selected: true });
    const chosen = findStatusWord(vocabulary, v.statusWord ?? '');
    const statusItems: Item[] = vocabulary.map((w) => ({ value: w.word, text: w.word, hint: { text: `Means: ${STAGE_LABELS[w.stage].toLowerCase()}` }, checked: chosen?.word === w.word }));
    const overrideItems = [
      ...OVERRIDES.map((o) => ({ ...o, checked: v.ragOverride === o.value })),
      { divider: 'or' },
      { value: '', text: 'No override: use the computed traffic light', checked: !v.ragOverride },
    ];
    return reply.render('actions/update-form.njk', {
      title: data.corrects ? `Correct a progress update for ${d.action.code}` : `Record a progress update for ${d.action.code}`,
      section: 'actions',
      action: d.action,
      plan: d.plan,
      year: d.year,
      periodItems,
      statusItems,
      overrideItems,
      overrideOpen: Boolean(v.ragOverride || v.overrideReason || data.errors?.ragOverride || data.errors?.overrideReason),
      correctsText: data.corrects ? describeUpdate(data.corrects) : null,
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: d.plan.title, href: `/plans/${d.plan.id}` },
        { text: d.action.code, href: `/actions/${d.action.id}` },
      ],
      errorAnchors: ANCHORS,
      ...data,
    });
  };

  const findUpdate = async (request: FastifyRequest, actionId: number, raw: string | undefined): Promise<UpdateVersion | undefined> => {
    if (!raw) return undefined;
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
    return (await progress.history(actorOf(request), actionId)).find((u) => u.id === id);
  };

  app.get('/actions/:id/updates/new', async (request, reply) => {
    const actionId = idParam(request);
    const actor = actorOf(request);
    const raw = (request.query as Record<string, string | undefined>).corrects;
    if (raw) {
      const u = await findUpdate(request, actionId, raw);
      if (!u) throw new NotFoundError('Progress update');
      return renderForm(request, reply, {
        actionId,
        corrects: u,
        asAt: dateParts(u.as_at),
        values: {
          periodId: u.period_id === null ? '' : String(u.period_id),
          statusWord: u.status_word,
          percentComplete: u.percent_complete === null ? '' : String(u.percent_complete),
          narrative: u.narrative ?? '',
          nextSteps: u.next_steps ?? '',
          ragOverride: u.rag_override ?? '',
          overrideReason: u.override_reason ?? '',
          correctsId: String(u.id),
        },
      });
    }
    const p = await progress.periodsFor(actor, actionId);
    return renderForm(request, reply, {
      actionId,
      asAt: dateParts(progress.today()),
      values: { periodId: p.suggestedPeriodId === null ? '' : String(p.suggestedPeriodId) },
    });
  });

  app.post('/actions/:id/updates', async (request, reply) => {
    const actionId = idParam(request);
    const body = request.body as FormBody;
    const values = updateForm(body);
    try {
      await progress.recordUpdate(actorOf(request), actionId, values);
      return reply.flash('Progress update saved').redirect(`/actions/${actionId}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const corrects = await findUpdate(request, actionId, values.correctsId);
      const asAt = { day: text(body, 'asAt-day'), month: text(body, 'asAt-month'), year: text(body, 'asAt-year') };
      return renderForm(request, reply.code(400), { actionId, values, asAt, corrects, errors: err.fields });
    }
  });
}
