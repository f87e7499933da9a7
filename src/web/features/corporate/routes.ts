import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formBody, formText, idParams, type WebApp } from '../../schemas.ts';

const planBody = formBody({ title: formText, periodLabel: formText, vision: formText, values: formText });
const priorityBody = formBody({ title: formText, strapline: formText, description: formText, parentId: formText });
const pledgeBody = formBody({ number: formText, text: formText, priorityId: formText });

// The corporate plan: vision, values, a tree of priorities (with straplines) and numbered pledges.

type FormData = { id?: number; values: Record<string, unknown>; errors?: Record<string, string> };
/** A form for an existing record, with the name it has now (for the page title). */
type EditData = FormData & { current?: string };

const crumbs = [{ text: 'Corporate plan', href: '/corporate-plan' }];

/** Priorities for a drop-down, each named with the priorities above it, so the tree reads in a flat list. */
function priorityOptions(flat: { id: number; parent_id: number | null; title: string }[]): { id: number; path: string }[] {
  const paths = new Map<number, string>();
  return flat.map((p) => {
    const parent = p.parent_id !== null ? paths.get(p.parent_id) : undefined;
    const path = parent ? `${parent} › ${p.title}` : p.title;
    paths.set(p.id, path);
    return { id: p.id, path };
  });
}

export function registerCorporateRoutes(app: WebApp, services: Services): void {
  const corporate = services.corporate;

  app.get('/corporate-plan', async (request, reply) => {
    const overview = await corporate.overview(actorOf(request));
    const priorityTitles = new Map(overview.flatPriorities.map((p) => [p.id, p.title]));
    return reply.render('corporate/view.njk', {
      title: overview.plan ? overview.plan.title : 'Corporate plan',
      section: 'corporate',
      ...overview,
      pledges: overview.pledges.map((p) => ({ ...p, priorityTitle: p.priority_id !== null ? priorityTitles.get(p.priority_id) : undefined })),
    });
  });

  // The plan itself --------------------------------------------------------------------------

  const renderPlanForm = (reply: FastifyReply, data: FormData & { exists: boolean }) =>
    reply.render('corporate/plan-form.njk', {
      title: data.exists ? 'Edit the corporate plan' : 'Set up the corporate plan',
      section: 'corporate',
      breadcrumbs: crumbs,
      ...data,
    });

  app.get('/corporate-plan/edit', async (request, reply) => {
    const { plan, values } = await corporate.overview(actorOf(request));
    return renderPlanForm(reply, {
      exists: plan !== null,
      values: plan
        ? {
            title: plan.title,
            periodLabel: plan.period_label ?? '',
            vision: plan.vision ?? '',
            values: values.map((v) => (v.description ? `${v.name} – ${v.description}` : v.name)).join('\n'),
          }
        : {},
    });
  });

  app.post('/corporate-plan', { schema: { body: planBody } }, async (request, reply) => {
    const { title, periodLabel, vision, values: valuesText } = request.body;
    const values = { title, periodLabel, vision, values: valuesText };
    const actor = actorOf(request);
    try {
      await corporate.savePlan(actor, values);
      return reply.flash('Corporate plan saved').redirect('/corporate-plan', 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const { plan } = await corporate.overview(actor);
        return renderPlanForm(reply.code(400), { exists: plan !== null, values, errors: err.fields });
      }
      throw err;
    }
  });

  // Priorities --------------------------------------------------------------------------------

  const priorityForm = ({ title, strapline, description, parentId }: z.output<typeof priorityBody>) => ({ title, strapline, description, parentId });

  const renderPriorityForm = async (request: FastifyRequest, reply: FastifyReply, { current, ...data }: EditData) => {
    const { flatPriorities } = await corporate.overview(actorOf(request));
    // A priority cannot sit under itself or anything beneath it, so those are not offered.
    const excluded = new Set<number>();
    if (data.id) {
      excluded.add(data.id);
      for (const p of flatPriorities) if (p.parent_id !== null && excluded.has(p.parent_id)) excluded.add(p.id);
    }
    return reply.render('corporate/priority-form.njk', {
      title: data.id ? `Edit priority: ${current ?? ''}` : 'Add a priority',
      section: 'corporate',
      breadcrumbs: crumbs,
      priorities: priorityOptions(flatPriorities).filter((p) => !excluded.has(p.id)),
      errorAnchors: { _: 'title' },
      ...data,
    });
  };

  app.get('/corporate-plan/priorities/new', { schema: { querystring: z.object({ parent: formText }) } }, async (request, reply) => {
    const { plan } = await corporate.overview(actorOf(request));
    if (!plan) return reply.redirect('/corporate-plan');
    return renderPriorityForm(request, reply, { values: { parentId: request.query.parent } });
  });

  app.post('/corporate-plan/priorities', { schema: { body: priorityBody } }, async (request, reply) => {
    const values = priorityForm(request.body);
    try {
      const id = await corporate.createPriority(actorOf(request), values);
      return reply.flash(`Priority ${values.title.trim()} saved`).redirect(`/corporate-plan#priority-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPriorityForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/corporate-plan/priorities/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const p = await corporate.priority(actorOf(request), request.params.id);
    return renderPriorityForm(request, reply, {
      id: p.id,
      current: p.title,
      values: { title: p.title, strapline: p.strapline ?? '', description: p.description ?? '', parentId: p.parent_id ?? '' },
    });
  });

  app.post('/corporate-plan/priorities/:id', { schema: { params: idParams, body: priorityBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const values = priorityForm(request.body);
    try {
      await corporate.updatePriority(actor, id, values);
      return reply.flash(`Priority ${values.title.trim()} saved`).redirect(`/corporate-plan#priority-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const current = await corporate.priority(actor, id); // an unknown id is not found, whatever was sent
        return renderPriorityForm(request, reply.code(400), { id, current: current.title, values, errors: err.fields });
      }
      throw err;
    }
  });

  // Pledges -----------------------------------------------------------------------------------

  const pledgeForm = ({ number, text, priorityId }: z.output<typeof pledgeBody>) => ({ number, text, priorityId });

  const renderPledgeForm = async (request: FastifyRequest, reply: FastifyReply, { current, ...data }: EditData) => {
    const { flatPriorities } = await corporate.overview(actorOf(request));
    return reply.render('corporate/pledge-form.njk', {
      title: data.id ? `Edit pledge ${current ?? ''}` : 'Add a pledge',
      section: 'corporate',
      breadcrumbs: crumbs,
      priorities: priorityOptions(flatPriorities),
      errorAnchors: { _: 'number' },
      ...data,
    });
  };

  app.get('/corporate-plan/pledges/new', { schema: { querystring: z.object({ priority: formText }) } }, async (request, reply) => {
    const { plan, pledges } = await corporate.overview(actorOf(request));
    if (!plan) return reply.redirect('/corporate-plan');
    const next = pledges.reduce((n, p) => Math.max(n, p.number), 0) + 1;
    return renderPledgeForm(request, reply, { values: { number: String(next), priorityId: request.query.priority } });
  });

  app.post('/corporate-plan/pledges', { schema: { body: pledgeBody } }, async (request, reply) => {
    const values = pledgeForm(request.body);
    try {
      const id = await corporate.createPledge(actorOf(request), values);
      return reply.flash(`Pledge ${values.number.trim()} saved`).redirect(`/corporate-plan#pledge-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPledgeForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/corporate-plan/pledges/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const p = await corporate.pledge(actorOf(request), request.params.id);
    return renderPledgeForm(request, reply, { id: p.id, current: String(p.number), values: { number: String(p.number), text: p.text, priorityId: p.priority_id ?? '' } });
  });

  app.post('/corporate-plan/pledges/:id', { schema: { params: idParams, body: pledgeBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const values = pledgeForm(request.body);
    try {
      await corporate.updatePledge(actor, id, values);
      return reply.flash(`Pledge ${values.number.trim()} saved`).redirect(`/corporate-plan#pledge-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const current = await corporate.pledge(actor, id);
        return renderPledgeForm(request, reply.code(400), { id, current: String(current.number), values, errors: err.fields });
      }
      throw err;
    }
  });
}
