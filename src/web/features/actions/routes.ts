import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts, londonDayEnd } from '../../../domain/dates.ts';
import { ConflictError, ValidationError } from '../../../domain/errors.ts';
import { applyChoices, mergeFields, parseFieldValues, parseSide, type FieldValues, type Side } from '../../../domain/merge.ts';
import { ACTION_DATE_FIELDS, actionDatesFromColumns } from '../../../domain/fields/action-fields.ts';
import type { ActionListView } from '../../../services/action-list.ts';
import type { ActionFilterValues } from '../../../services/actions.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes as typedDate, joinDate } from '../../forms.ts';
import { dateFields, formText, idParams, pageNumber, type WebApp } from '../../schemas.ts';
import { pageOf } from '../../../domain/pagination.ts';
import { ACTIONS_NOUN, ACTIONS_PER_PAGE, pager } from '../../pagination.ts';
import { EXPORT_FORMATS } from '../../../services/exports.ts';
import { sendDownload } from '../plans/routes.ts';
import { asksNewVersion, newVersionConfirmed, newVersionField, renderNewVersionQuestion, type Carried, type PlanForQuestion } from '../plans/new-version.ts';
import { AS_OF_ANCHORS, asOfFields, asOfQuery, readAsOf } from './as-of.ts';
import { ACTION_FIELD_LABELS, ACTION_FIELDS, actionBody, actionForm, canonicalValues, dateBoxes, describeValue, savedValues, type ActionBody, type ActionValues } from './fields.ts';
import { registerProgressRoutes, savedAtText } from './progress-routes.ts';
import { actionFormPage, mergePage } from './form-presenters.ts';
import { actionListPage, actionPage } from './presenters.ts';

// The action's dates (src/domain/fields/action-fields.ts); an error links to the day box.
const DATE_FIELDS = ACTION_DATE_FIELDS.map((f) => f.name);
const ANCHORS = { ...Object.fromEntries(DATE_FIELDS.map((f) => [f, `${f}-day`])), kind: 'kind', priorityIds: 'priorityIds', pledgeIds: 'pledgeIds', impactedUnitIds: 'impactedUnitIds', dueFrom: 'dueFrom-day', dueTo: 'dueTo-day', ...AS_OF_ANCHORS };

/**
 * The action list's query: its filter, traffic light and stage, sort and the as-at date. Values
 * are text here; the services say which are not usable (an unknown sort key, a date that is not
 * real), and the page shows that in its error summary.
 */
const listQuery = z.object({
  page: pageNumber,
  service: formText,
  year: formText,
  objective: formText,
  priority: formText,
  pledge: formText,
  person: formText,
  lead: formText,
  search: formText,
  ...dateFields('dueFrom'),
  ...dateFields('dueTo'),
  light: formText,
  stage: formText,
  sort: formText,
  order: formText,
  ...asOfFields,
});
type ListQuery = z.output<typeof listQuery>;

export function registerActionRoutes(app: WebApp, services: Services): void {
  const actions = services.actions;

  /** Date inputs echo what was typed (from the body), or the stored date split into parts. */
  const dateValues = (b: ActionBody | null, stored: Record<string, string | null>) => Object.fromEntries(DATE_FIELDS.map((f) => [f, b ? typedDate(b, f) : dateParts(stored[f])]));

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { planId: number; id?: number; version?: number; original?: string; newVersion?: boolean; values: Record<string, unknown>; dates: Record<string, unknown>; errors?: Record<string, string> },
  ) => {
    const options = await actions.formOptions(actorOf(request), data.planId);
    return reply.render('actions/form.njk', actionFormPage({ options, errorAnchors: ANCHORS, ...data }));
  };

  /** The question before an action is added to an approved plan. */
  const askForNewAction = (reply: FastifyReply, plan: PlanForQuestion, query: Carried | null, body: Carried | null) =>
    renderNewVersionQuestion(reply, { plan, question: 'Add an action to this plan?', what: 'the new action', formPath: `/plans/${plan.id}/actions/new`, query, postPath: `/plans/${plan.id}/actions`, body, cancelHref: `/plans/${plan.id}` });

  app.get('/plans/:id/actions/new', { schema: { params: idParams, querystring: z.object({ objective: formText, ...newVersionField }) } }, async (request, reply) => {
    const planId = request.params.id;
    const o = await actions.formOptions(actorOf(request), planId);
    const q = request.query;
    const confirmed = newVersionConfirmed(q);
    if (asksNewVersion(o.plan, confirmed)) return askForNewAction(reply, o.plan, q, null);
    return renderForm(request, reply, {
      planId,
      newVersion: confirmed,
      values: { objectiveId: q.objective || (o.objectives.length === 1 ? o.objectives[0]!.id : ''), code: o.suggestedCode, kind: 'one_off', weight: '1', restricted: 'no' },
      dates: dateValues(null, {}),
    });
  });

  app.post('/plans/:id/actions', { schema: { params: idParams, body: actionBody } }, async (request, reply) => {
    const planId = request.params.id;
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    // Only the plan's status is needed here: the whole form's options are read again only if the form is shown.
    const plan = await services.plans.editable(actorOf(request), planId);
    if (asksNewVersion(plan, confirmed)) return askForNewAction(reply, plan, null, body);
    const values = actionForm(body);
    try {
      const id = await actions.create(actorOf(request), planId, values);
      return reply.flash('Action added').redirect(`/actions/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { planId, newVersion: confirmed, values, dates: dateValues(body, {}), errors: err.fields });
      throw err;
    }
  });

  // The action: its position as at a date (today by default), its progress updates, its fields.
  app.get('/actions/:id', { schema: { params: idParams, querystring: asOfQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const d = await actions.detail(actor, request.params.id);
    const when = await readAsOf(services, actor, request.query, d.year.id);
    const [positions, history, mayUpdate] = await Promise.all([
      when.asOf ? services.progress.positions(actor, [d.action], when.asOf, { knownOn: when.knownOn }) : Promise.resolve([]),
      services.progress.history(actor, d.action.id),
      services.progress.mayUpdate(actor, d.action),
    ]);
    const change = when.asOf ? ((await services.changes.since(actor, positions, when.asOf, { knownOn: when.knownOn }))?.byAction.get(d.action.id) ?? null) : null;
    const page = actionPage({ detail: d, when, position: positions[0] ?? null, change, history, knownBefore: when.knownOn ? londonDayEnd(when.knownOn) : null, canEdit: mayUpdate });
    return reply.code(when.errors ? 400 : 200).render('actions/view.njk', page);
  });

  /** The question before an action of an approved plan changes (see plans/new-version.ts). */
  const askForAction = (reply: FastifyReply, d: { action: { id: number; code: string }; plan: PlanForQuestion }, query: Carried | null, body: Carried | null) =>
    renderNewVersionQuestion(reply, {
      plan: d.plan,
      question: `Change action ${d.action.code}?`,
      what: `action ${d.action.code}`,
      formPath: `/actions/${d.action.id}/edit`,
      query,
      postPath: `/actions/${d.action.id}`,
      body,
      cancelHref: `/actions/${d.action.id}`,
    });

  app.get('/actions/:id/edit', { schema: { params: idParams, querystring: z.object(newVersionField) } }, async (request, reply) => {
    const { action: a, plan } = await actions.detail(actorOf(request), request.params.id);
    const confirmed = newVersionConfirmed(request.query);
    if (asksNewVersion(plan, confirmed)) return askForAction(reply, { action: a, plan }, request.query, null);
    const values = savedValues(a);
    return renderForm(request, reply, {
      planId: a.plan_id,
      id: a.id,
      version: a.version,
      newVersion: confirmed,
      // The values as loaded: should someone else save first, they tell which fields this editor changed.
      original: JSON.stringify(canonicalValues(values)),
      values,
      dates: dateValues(null, actionDatesFromColumns(a)),
    });
  });

  /**
   * The edit page when someone else saved the action after this editor opened it: their saved
   * version and this editor's side by side, field by field, each with a choice of which to keep
   * (proposed: this editor's for a field they changed, otherwise theirs; see domain/merge.ts).
   * Saving the merged version saves on top of the latest.
   */
  const renderMerge = async (request: FastifyRequest, reply: FastifyReply, id: number, base: FieldValues | null, submitted: FieldValues, newVersion: boolean) => {
    const actor = actorOf(request);
    const [{ action: current, plan }, last] = await Promise.all([actions.detail(actor, id), actions.lastChange(actor, id)]);
    const theirs = canonicalValues(savedValues(current));
    const mine = canonicalValues(submitted);
    const result = mergeFields(base ? canonicalValues(base) : null, theirs, mine, ACTION_FIELDS);
    // They saved just what this editor wanted: there is nothing left to save.
    if (!result.differences.length) return reply.flash('Someone else had already saved the same changes to this action.').redirect(`/actions/${id}`, 303);
    const o = await actions.formOptions(actor, current.plan_id);
    const label = (f: string) => ACTION_FIELD_LABELS[f as keyof typeof ACTION_FIELD_LABELS];
    const field = (f: string) => f as (typeof ACTION_FIELDS)[number];
    const NOTES = { theirs: 'Only they changed this', mine: 'Only you changed this', both: 'You both changed this', unknown: 'Changed by them, you or both' } as const;
    const rows = result.differences.map((d) => ({
      field: d.field,
      label: label(d.field),
      note: NOTES[d.changedBy],
      theirs: describeValue(o, field(d.field), d.theirs),
      mine: describeValue(o, field(d.field), d.mine),
      proposed: d.proposed,
    }));
    const self = last !== null && last.userId !== null && last.userId === request.user?.userId;
    return reply.code(409).render(
      'actions/merge.njk',
      mergePage({
        plan,
        action: { id, code: current.code, version: current.version },
        newVersion,
        original: JSON.stringify(theirs),
        mine: JSON.stringify(mine),
        savedBy: last === null ? 'Someone' : self ? 'You' : last.by,
        savedSelf: self,
        savedAt: savedAtText(last?.at ?? current.updated_at),
        rows,
        automatic: result.differences.filter((d) => d.changedBy === 'theirs' || d.changedBy === 'mine').map((d) => ({ label: label(d.field), side: d.proposed })),
        bothChanged: result.differences.filter((d) => d.changedBy === 'both').map((d) => label(d.field)),
        unattributed: result.differences.filter((d) => d.changedBy === 'unknown').map((d) => label(d.field)),
      }),
    );
  };

  app.post('/actions/:id', { schema: { params: idParams, body: actionBody } }, async (request, reply) => {
    const id = request.params.id;
    const { action: current, plan } = await actions.detail(actorOf(request), id);
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    // Nothing is saved: the question, with this editor's changes ready to post again on Continue.
    if (asksNewVersion(plan, confirmed)) return askForAction(reply, { action: current, plan }, null, body);
    const version = Number(body.version);
    let values: ActionValues;
    let base: FieldValues | null;
    if (body.merge === '1') {
      // Saving a merged version: theirs (as shown) where kept, this editor's own where they chose it.
      const theirs = parseFieldValues(body.original, ACTION_FIELDS);
      const mine = parseFieldValues(body.mine, ACTION_FIELDS);
      if (!theirs || !mine) throw new ValidationError({ merge: 'The merged version could not be read. Open the action again and make your changes.' });
      const choices: Partial<Record<string, Side>> = {};
      for (const f of ACTION_FIELDS) choices[f] = parseSide(body[`choice-${f}`]);
      values = canonicalValues(applyChoices(theirs, mine, choices, ACTION_FIELDS));
      base = theirs;
    } else {
      values = actionForm(body);
      base = parseFieldValues(body.original, ACTION_FIELDS);
    }
    try {
      // The form has no field for the "carried over from" link: keep it rather than clear it.
      await actions.update(actorOf(request), id, version, { carriedFromId: current.carried_from_id, ...values });
      return reply.flash('Action saved').redirect(`/actions/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const dates = body.merge === '1' ? Object.fromEntries(DATE_FIELDS.map((f) => [f, dateBoxes(values[f])])) : dateValues(body, {});
        return renderForm(request, reply.code(400), { planId: current.plan_id, id, version, newVersion: confirmed, original: base ? JSON.stringify(canonicalValues(base)) : '', values, dates, errors: err.fields });
      }
      if (err instanceof ConflictError) return renderMerge(request, reply, id, base, values, confirmed);
      throw err;
    }
  });

  /** The action list's filter fields as the query string gives them. */
  const rawFilter = (q: ListQuery) => ({
    service: q.service,
    year: q.year,
    objective: q.objective,
    priority: q.priority,
    pledge: q.pledge,
    person: q.person,
    lead: q.lead,
    search: q.search,
    dueFrom: joinDate(q, 'dueFrom'),
    dueTo: joinDate(q, 'dueTo'),
  });

  // Exports of the filtered list (the same filter as the list page, traffic light and stage as at
  // its date included; a bad filter is a 400 page).
  for (const format of EXPORT_FORMATS) {
    app.get(`/actions/export.${format}`, { schema: { querystring: listQuery } }, async (request, reply) => {
      const actor = actorOf(request);
      const q = request.query;
      const filter = actions.parseFilter(rawFilter(q));
      const view = services.actionList.parseView({ light: q.light, stage: q.stage });
      let only: Set<number> | undefined;
      if (view.light || view.stage) {
        const when = await readAsOf(services, actor, q);
        if (when.errors) throw new ValidationError(when.errors);
        only = new Set((await services.actionList.page(actor, filter, view, when, { page: 1, perPage: Number.MAX_SAFE_INTEGER })).actions.map((a) => a.id));
      }
      return sendDownload(reply, await services.exports.list(actor, filter, format, only));
    });
  }

  // The action list, searched by words, filtered by service, year, objective, corporate priority,
  // pledge, lead officer, due date, traffic light and stage, and sorted by a column.
  app.get('/actions', { schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    const raw = rawFilter(q);
    const rawView = { light: q.light, stage: q.stage, sort: q.sort, order: q.order };
    let filter: ActionFilterValues | null = null;
    let view: ActionListView | null = null;
    let errors: Record<string, string> | undefined;
    try {
      filter = actions.parseFilter(raw);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.fields;
    }
    try {
      view = services.actionList.parseView(rawView);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = { ...errors, ...err.fields };
    }
    const when = await readAsOf(services, actor, q);
    if (when.errors) errors = { ...errors, ...when.errors };
    const [pageOfActions, years, units, corporate, people] = await Promise.all([
      // Nothing is listed while a filter cannot be used: the error summary says which.
      filter && view ? services.actionList.page(actor, filter, view, when, { page: q.page, perPage: ACTIONS_PER_PAGE }) : Promise.resolve({ actions: [], results: new Map<number, never>(), page: pageOf(0, 1, ACTIONS_PER_PAGE) }),
      services.years.list(actor),
      services.organisation.units(actor),
      services.corporate.overview(actor),
      services.organisation.people(actor),
    ]);
    // Objectives are offered once a service and year narrow the list to one plan.
    const plan = filter?.service && filter.year ? (await services.plans.list(actor, { orgUnitId: filter.service, planYearId: filter.year }))[0] : undefined;
    const objectives = plan ? await services.plans.objectives(actor, plan.id) : [];
    const person = filter?.person ? people.find((p) => p.id === filter!.person) : undefined;
    const page = actionListPage({
      actions: pageOfActions.actions,
      results: pageOfActions.results,
      when,
      query: q,
      raw,
      rawView,
      view,
      filtered: [...Object.values(raw), rawView.light, rawView.stage].some((v) => v !== '') || Boolean(q.asOf || joinDate(q, 'asOf') || q.knownOn || joinDate(q, 'knownOn')),
      dates: { dueFrom: typedDate(q, 'dueFrom'), dueTo: typedDate(q, 'dueTo') },
      total: pageOfActions.page.total,
      pager: pager(pageOfActions.page, '/actions', q, ACTIONS_NOUN),
      exportQuery: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
      years,
      units,
      objectives,
      priorities: corporate.flatPriorities,
      pledges: corporate.pledges,
      people,
      person,
      errors,
      errorAnchors: { ...ANCHORS, order: 'sort' },
    });
    return reply.code(errors ? 400 : 200).render('actions/list.njk', page);
  });

  registerProgressRoutes(app, services);
}
