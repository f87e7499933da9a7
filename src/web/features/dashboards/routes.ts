import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts } from '../../../domain/dates.ts';
import { ValidationError } from '../../../domain/errors.ts';
import { RAGS } from '../../../domain/rag.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formText, idParams, pageNumber, type WebApp } from '../../schemas.ts';
import { onPage, pageOf } from '../../../domain/pagination.ts';
import { ACTIONS_NOUN, ACTIONS_PER_PAGE, pager } from '../../pagination.ts';
import { selectItems } from '../../items.ts';
import type { When } from '../../../services/dashboards.ts';
import { AS_OF_ANCHORS, asOfFields, asOfQuery, readDateQuery, type AsOfQuery } from '../actions/as-of.ts';
import { ragChart, stageChart } from './charts.ts';
import { corporatePage, exceptionsBase, exceptionsPage, myActionsPage, overviewBase, overviewPage, unitBase, unitPage } from './presenters.ts';

// Dashboards: the council's position as at any date (DESIGN §2, director / chief executive), by
// directorate, service, plan, objective, corporate priority and pledge; the exceptions; and a lead
// officer's own actions. Every page is a GET with an as-at form, so it works without JavaScript and
// can be bookmarked or linked from a report.

const ANCHORS = AS_OF_ANCHORS;
const TEMPLATES = {
  overview: 'dashboards/overview.njk',
  unit: 'dashboards/unit.njk',
  corporate: 'dashboards/corporate.njk',
  exceptions: 'dashboards/exceptions.njk',
  mine: 'dashboards/my-actions.njk',
};

/** A number from the query string, or undefined when blank or malformed. */
function queryId(value: string): number | undefined {
  const raw = value.trim();
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

const exceptionsQuery = z.object({ ...asOfFields, service: formText, page: pageNumber });
const unitQuery = z.object({ ...asOfFields, page: pageNumber });

/** A unit dashboard shows each plan's objectives when it has at most this many plans. */
const MAX_OBJECTIVE_PLANS = 3;


export function registerDashboardRoutes(app: WebApp, services: Services): void {
  const dashboards = services.dashboards;

  /**
   * Renders a dashboard as at the chosen date. A date that is not real, or outside every plan year,
   * comes back in the error summary (400) with the as-at form; other errors (not found) go on up.
   * `load` gets the date and a function that carries a chosen date on to other dashboard links.
   */
  const show = async (
    request: FastifyRequest,
    q: AsOfQuery,
    reply: FastifyReply,
    template: string,
    base: Record<string, unknown>,
    load: (when: When, link: (href: string) => string, dated: boolean) => Promise<{ asOf: string; year: { start_date: string }; view: Record<string, unknown> }>,
  ) => {
    const asOf = readDateQuery(q, 'asOf', 'Position as at');
    const known = readDateQuery(q, 'knownOn', 'As-known-on date');
    // The hint's example date falls in the plan year on show (or this year, before there is one).
    const example = (year?: { start_date: string }) => `30 9 ${(year?.start_date ?? services.progress.today()).slice(0, 4)}`;
    const common = { section: 'dashboards', wide: true, errorAnchors: ANCHORS, example: example(), ...base };
    const typed = { dates: asOf.parts, knownDates: known.parts };
    if (asOf.error || known.error) return reply.code(400).render(template, { ...common, ...typed, errors: asOf.error ? { asOf: asOf.error } : { knownOn: known.error } });
    if (asOf.value === undefined && (await services.years.list(actorOf(request))).length === 0) {
      return reply.render(template, { ...common, ...typed, noYears: true });
    }
    // Links keep the dates the user chose; without one, the next page works out today's position too.
    const suffix = [asOf.value ? `asOf=${encodeURIComponent(asOf.value)}` : '', known.value ? `knownOn=${encodeURIComponent(known.value)}` : ''].filter(Boolean).join('&');
    const link = (href: string) => (suffix && href.startsWith('/dashboards') ? `${href}${href.includes('?') ? '&' : '?'}${suffix}` : href);
    try {
      const data = await load({ asOf: asOf.value, knownOn: known.value }, link, suffix !== '');
      return reply.render(template, { ...common, ...data.view, example: example(data.year), link: suffix ? `?${suffix}` : '', dates: dateParts(data.asOf), knownDates: known.parts, rags: RAGS });
    } catch (err) {
      if (err instanceof ValidationError && (err.fields.asOf || err.fields.knownOn)) {
        return reply.code(400).render(template, { ...common, ...typed, errors: err.fields.asOf ? { asOf: err.fields.asOf } : { knownOn: err.fields.knownOn } });
      }
      throw err;
    }
  };

  app.get('/dashboards', { schema: { querystring: asOfQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const corporate = await services.corporate.overview(actor);
    return show(request, request.query, reply, TEMPLATES.overview, overviewBase(corporate), async (asOf, link) => {
      const c = await dashboards.council(actor, asOf);
      const view = overviewPage({
        scope: c,
        charts: [
          ragChart({ id: 'rag-by-directorate', title: 'Actions by directorate', what: 'directorate', rowHeading: 'Directorate', rows: c.directorates, asOf: c.asOf, link }),
          ragChart({ id: 'rag-by-service', title: 'Actions by service', what: 'service', rowHeading: 'Service', rows: c.services, asOf: c.asOf, link }),
        ],
        stages: stageChart({ id: 'stages-council', title: 'Actions by stage', label: `All ${c.year.label} actions`, rollup: c.rollup, asOf: c.asOf }),
      });
      return { asOf: c.asOf, year: c.year, view };
    });
  });

  app.get('/dashboards/units/:id', { schema: { params: idParams, querystring: unitQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const unit = await services.organisation.unit(actor, id);
    const units = await services.organisation.units(actor);
    const ancestors: { id: number; name: string }[] = [];
    for (let p = units.find((u) => u.id === unit.parent_id); p && ancestors.length < 20; p = units.find((u) => u.id === p!.parent_id)) ancestors.unshift({ id: p.id, name: p.name });
    return show(request, request.query, reply, TEMPLATES.unit, unitBase(unit, ancestors), async (asOf, link, dated) => {
      const u = await dashboards.unit(actor, id, asOf);
      // Objectives are a plan's own: shown for a unit with a few plans (a service), and left to each
      // plan's unit for one with many (a directorate), whose page would otherwise repeat every plan.
      const objectives =
        u.plans.length > MAX_OBJECTIVE_PLANS ? [] : await Promise.all(u.plans.map(async (plan) => ({ plan, rows: await dashboards.objectives(u.positions.filter((p) => p.action.plan_id === plan.id)) })));
      const page = pageOf(u.positions.length, request.query.page, ACTIONS_PER_PAGE);
      const view = unitPage({
        unit,
        scope: u,
        dated,
        children: u.children,
        plans: u.plans,
        pagePositions: onPage(u.positions, page),
        pager: pager(page, `/dashboards/units/${id}`, request.query, ACTIONS_NOUN),
        objectives,
        charts: [
          ...(u.children.length ? [ragChart({ id: 'rag-by-unit', title: `Actions by unit within ${unit.name}`, what: 'unit', rowHeading: 'Unit', rows: u.children, asOf: u.asOf, link })] : []),
          ragChart({ id: 'rag-by-plan', title: 'Actions by plan', what: 'plan', rowHeading: 'Plan', rows: u.plans, asOf: u.asOf, link }),
        ],
      });
      return { asOf: u.asOf, year: u.year, view };
    });
  });

  const corporateScope = (kind: 'priority' | 'pledge') => async (request: FastifyRequest<{ Params: { id: number }; Querystring: AsOfQuery }>, reply: FastifyReply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const subject =
      kind === 'priority'
        ? await services.corporate.priority(actor, id).then((p) => ({ caption: 'Corporate priority', heading: p.title, strapline: p.strapline, text: p.description }))
        : await services.corporate.pledge(actor, id).then((p) => ({ caption: 'Pledge', heading: `Pledge ${p.number}`, strapline: p.text, text: null }));
    return show(request, request.query, reply, TEMPLATES.corporate, { title: `${subject.heading} dashboard`, subject, formAction: `/dashboards/${kind === 'priority' ? 'priorities' : 'pledges'}/${id}` }, async (asOf, link) => {
      const s = await dashboards.byService(actor, asOf, kind === 'priority' ? { priority: id } : { pledge: id });
      const charts = [ragChart({ id: `rag-by-service`, title: `Actions for ${subject.heading} by service`, what: 'service', rowHeading: 'Service', rows: s.services, asOf: s.asOf, link })];
      return { asOf: s.asOf, year: s.year, view: corporatePage({ scope: s, positions: s.positions, charts }) };
    });
  };
  app.get('/dashboards/priorities/:id', { schema: { params: idParams, querystring: asOfQuery } }, corporateScope('priority'));
  app.get('/dashboards/pledges/:id', { schema: { params: idParams, querystring: asOfQuery } }, corporateScope('pledge'));

  app.get('/dashboards/exceptions', { schema: { querystring: exceptionsQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const service = queryId(request.query.service);
    const units = await services.organisation.units(actor);
    const unit = units.find((u) => u.id === service);
    return show(
      request,
      request.query,
      reply,
      TEMPLATES.exceptions,
      exceptionsBase(
        unit,
        selectItems(units, (u) => u.id, (u) => `${'– '.repeat(u.depth)}${u.name}`, unit?.id ?? '', 'All services'),
      ),
      async (asOf) => {
        const e = await dashboards.exceptions(actor, asOf, unit ? { service: unit.id } : {});
        // The heading and the counts describe every exception; the table shows a page of them.
        const page = pageOf(e.exceptions.length, request.query.page, ACTIONS_PER_PAGE);
        const view = exceptionsPage({ scope: e, all: e.exceptions, exceptions: onPage(e.exceptions, page), pager: pager(page, '/dashboards/exceptions', request.query, ACTIONS_NOUN) });
        return { asOf: e.asOf, year: e.year, view };
      },
    );
  });

  app.get('/dashboards/my-actions', { schema: { querystring: asOfQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    return show(request, request.query, reply, TEMPLATES.mine, { title: 'My actions', email: request.user?.email }, async (asOf) => {
      const m = await dashboards.myActions(actor, asOf);
      return { asOf: m.asOf, year: m.year, view: myActionsPage({ scope: m, ...m }) };
    });
  });
}
