import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts, londonDayEnd } from '../../../domain/dates.ts';
import { ConflictError, ValidationError } from '../../../domain/errors.ts';
import { applyChoices, mergeFields, parseFieldValues, parseSide, type FieldValues, type Side } from '../../../domain/merge.ts';
import { ACTION_KIND_LABELS, ACTION_KINDS, type ActionKind } from '../../../domain/vocabulary.ts';
import { ACTION_DATE_FIELDS, actionDatesFromColumns } from '../../../domain/fields/action-fields.ts';
import { SORT_KEYS, type SortKey } from '../../../domain/action-order.ts';
import { RAG_LABELS, RAGS } from '../../../domain/rag.ts';
import { STAGE_LABELS, STAGES } from '../../../domain/stages.ts';
import type { ActionListView } from '../../../services/action-list.ts';
import type { ActionFilterValues } from '../../../services/actions.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes as typedDate, joinDate } from '../../forms.ts';
import { dateFields, formText, idParams, pageNumber, type WebApp } from '../../schemas.ts';
import { pageOf } from '../../../domain/pagination.ts';
import { ACTIONS_NOUN, ACTIONS_PER_PAGE, pager } from '../../pagination.ts';
import { checkboxItems, radioItems, restrictionItems, selectItems } from '../../items.ts';
import { EXPORT_FORMATS } from '../../../services/exports.ts';
import { sendDownload } from '../plans/routes.ts';
import { asksNewVersion, newVersionConfirmed, newVersionField, renderNewVersionQuestion, type Carried, type PlanForQuestion } from '../plans/new-version.ts';
import { AS_OF_ANCHORS, asOfFields, asOfQuery, readAsOf } from './as-of.ts';
import { ACTION_FIELD_LABELS, ACTION_FIELDS, actionBody, actionForm, canonicalValues, dateBoxes, describeValue, savedValues, type ActionBody, type ActionValues } from './fields.ts';
import { registerProgressRoutes, savedAtText } from './progress-routes.ts';

const SORT_LABELS: Record<SortKey, string> = { code: 'code', title: 'action', due: 'due date', light: 'traffic light', lead: 'lead officer' };
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
    const o = await actions.formOptions(actorOf(request), data.planId);
    const v = data.values;
    const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));
    return reply.render('actions/form.njk', {
      title: data.id ? `Edit action ${str(v.code)}` : 'Add an action',
      section: 'actions',
      plan: o.plan,
      suggestedCode: o.suggestedCode,
      objectiveItems: selectItems(o.objectives, (x) => x.id, (x) => `${x.number ? `${x.number} ` : ''}${x.title}`.slice(0, 120), v.objectiveId, 'Select an objective'),
      roleItems: selectItems(o.roles, (r) => r, (r) => r, v.role, 'Not set'),
      kindItems: radioItems(ACTION_KINDS, (k) => ACTION_KIND_LABELS[k as ActionKind], v.kind),
      unitItems: checkboxItems(o.units.filter((u) => u.id !== o.unit.id), (u) => u.id, (u) => u.name, v.impactedUnitIds),
      priorityItems: checkboxItems(o.priorities, (p) => p.id, (p) => `${'– '.repeat(p.depth)}${p.title}`, v.priorityIds),
      pledgeItems: checkboxItems(o.pledges, (p) => p.id, (p) => `Pledge ${p.number}: ${p.text}`, v.pledgeIds),
      ...restrictionItems(v.restricted, v.exemptParagraph, 'No, it is open'),
      breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: o.plan.title, href: `/plans/${o.plan.id}` }],
      errorAnchors: ANCHORS,
      ...data,
    });
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
    // The timeline as at the date: updates reporting on a later date are left out, and with "as
    // known on", those recorded after that day too.
    const knownBefore = when.knownOn ? londonDayEnd(when.knownOn) : null;
    const shown = history.filter((u) => (!when.asOf || u.as_at <= when.asOf) && (!knownBefore || u.recorded_at < knownBefore));
    const byId = new Map(shown.map((u) => [u.id, u]));
    const correctedBy = new Map(shown.filter((u) => u.corrects_id !== null).map((u) => [u.corrects_id!, u.id]));
    const updates = shown.map((u) => ({ ...u, correctedBy: correctedBy.get(u.id) ?? null, corrects: u.corrects_id ? (byId.get(u.corrects_id) ?? null) : null }));
    return reply.code(when.errors ? 400 : 200).render('actions/view.njk', {
      title: `${d.action.code} ${d.action.title}`.slice(0, 100),
      section: 'actions',
      ...d,
      asOf: when.asOf,
      knownOn: when.knownOn,
      asOfParts: when.parts,
      knownParts: when.knownParts,
      position: positions[0] ?? null,
      change,
      latestPeriod: history.find((u) => u.id === positions[0]?.latest?.id)?.periodLabel ?? null,
      updates,
      laterUpdates: history.length - shown.length,
      // The buttons this reader may use on this action: progress within their reach, edits to their units' plans.
      canEdit: mayUpdate,
      canPlan: d.mayChange,
      errors: when.errors,
      errorAnchors: AS_OF_ANCHORS,
      breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: d.plan.title, href: `/plans/${d.plan.id}` }],
    });
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
      items: (['theirs', 'mine'] as Side[]).map((side) => ({ value: side, text: side === 'theirs' ? 'Keep theirs' : 'Use mine', checked: d.proposed === side })),
    }));
    const self = last !== null && last.userId !== null && last.userId === request.user?.userId;
    const who = last === null ? 'Someone' : self ? 'You' : last.by;
    return reply.code(409).render('actions/merge.njk', {
      title: `Edit action ${current.code}`,
      section: 'actions',
      plan,
      id,
      newVersion,
      version: current.version,
      original: JSON.stringify(theirs),
      mine: JSON.stringify(mine),
      savedBy: who,
      savedSelf: self,
      savedAt: savedAtText(last?.at ?? current.updated_at),
      rows,
      automatic: result.differences.filter((d) => d.changedBy === 'theirs' || d.changedBy === 'mine').map((d) => ({ label: label(d.field), side: d.proposed })),
      bothChanged: result.differences.filter((d) => d.changedBy === 'both').map((d) => label(d.field)),
      unattributed: result.differences.filter((d) => d.changedBy === 'unknown').map((d) => label(d.field)),
      errors: {
        merge: self
          ? 'This action was saved again (by you, in another tab or window) after you opened it. Your changes here have not been saved yet: choose which version of each field to keep.'
          : 'Someone else saved a change to this action after you opened it. Your changes have not been saved yet: choose which version of each field to keep.',
      },
      errorAnchors: { merge: 'merge' },
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: plan.title, href: `/plans/${plan.id}` },
        { text: current.code, href: `/actions/${id}` },
      ],
    });
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
    const [page, years, units, corporate, people] = await Promise.all([
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
    // Column headings sort by GET links that keep the rest of the query: the first click sorts
    // ascending, a click on the sorted column turns it round.
    const sorted = view?.sort ?? null;
    const order = view?.order ?? 'asc';
    // A new sort starts again at the first page.
    const keep = Object.entries(q).filter((e): e is [string, string] => e[0] !== 'sort' && e[0] !== 'order' && e[0] !== 'page' && typeof e[1] === 'string' && e[1] !== '');
    const sortHref = (key: SortKey) => `/actions?${new URLSearchParams([...keep, ['sort', key], ['order', sorted === key && order === 'asc' ? 'desc' : 'asc']]).toString()}`;
    const columns = Object.fromEntries(
      SORT_KEYS.map((key) => [key, { href: sortHref(key), ariaSort: sorted === key ? (order === 'asc' ? 'ascending' : 'descending') : null }]),
    );
    return reply.code(errors ? 400 : 200).render('actions/list.njk', {
      title: 'Actions',
      section: 'actions',
      wide: true,
      errors,
      errorAnchors: { ...ANCHORS, order: 'sort' },
      actions: page.actions,
      progress: Object.fromEntries([...page.results.entries()]),
      asOf: when.asOf,
      knownOn: when.knownOn,
      asOfParts: when.parts,
      knownParts: when.knownParts,
      total: page.page.total,
      pager: pager(page.page, '/actions', q, ACTIONS_NOUN),
      filtered: [...Object.values(raw), rawView.light, rawView.stage].some((v) => v !== '') || Boolean(q.asOf || joinDate(q, 'asOf') || q.knownOn || joinDate(q, 'knownOn')),
      raw,
      rawView,
      columns,
      sorted,
      order,
      sortLabel: sorted ? SORT_LABELS[sorted] : null,
      // Downloads keep the filter the list shows.
      exportQuery: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
      person,
      dates: { dueFrom: typedDate(q, 'dueFrom'), dueTo: typedDate(q, 'dueTo') },
      yearItems: selectItems(years, (y) => y.id, (y) => y.label, raw.year, 'All years'),
      unitItems: selectItems(units, (u) => u.id, (u) => `${'– '.repeat(u.depth)}${u.name}`, raw.service, 'All services'),
      objectiveItems: selectItems(objectives, (o) => o.id, (o) => `${o.number ? `${o.number} ` : ''}${o.title}`.slice(0, 100), raw.objective, 'All objectives'),
      priorityItems: selectItems(corporate.flatPriorities, (p) => p.id, (p) => `${'– '.repeat(p.depth)}${p.title}`, raw.priority, 'All priorities'),
      pledgeItems: selectItems(corporate.pledges, (p) => p.id, (p) => `${p.number}: ${p.text}`.slice(0, 90), raw.pledge, 'All pledges'),
      lightItems: selectItems(RAGS, (r) => r, (r) => RAG_LABELS[r], rawView.light, 'All traffic lights'),
      stageItems: selectItems(STAGES, (st) => st, (st) => STAGE_LABELS[st], rawView.stage, 'All stages'),
      personItems: selectItems(people, (p) => p.id, (p) => (p.job_title ? `${p.name} (${p.job_title})` : p.name), raw.person, 'All lead officers'),
    });
  });

  registerProgressRoutes(app, services);
}
