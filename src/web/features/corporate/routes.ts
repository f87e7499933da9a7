import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { corporatePage, corporatePlanFormPage, corporatePlanFormValues, pledgeFormPage, pledgeFormValues, priorityFormPage, priorityFormValues } from './presenters.ts';
import { formBody, formText, idParams, type WebApp } from '../../schemas.ts';

const planBody = formBody({ title: formText, periodLabel: formText, vision: formText, values: formText });
const priorityBody = formBody({ title: formText, strapline: formText, description: formText, parentId: formText });
const pledgeBody = formBody({ number: formText, text: formText, priorityId: formText });

// The corporate plan: vision, values, a tree of priorities (with straplines) and numbered pledges.

type FormData = { id?: number; values: Record<string, unknown>; errors?: Record<string, string> };
/** A form for an existing record, with the name it has now (for the page title). */
type EditData = FormData & { current?: string };

export function registerCorporateRoutes(app: WebApp, services: Services): void {
  const corporate = services.corporate;

  app.get('/corporate-plan', async (request, reply) => {
    const overview = await corporate.overview(actorOf(request));
    return reply.render('corporate/view.njk', corporatePage(overview));
  });

  // The plan itself --------------------------------------------------------------------------

  const renderPlanForm = (reply: FastifyReply, data: FormData & { exists: boolean }) =>
    reply.render('corporate/plan-form.njk', corporatePlanFormPage(data));

  app.get('/corporate-plan/edit', async (request, reply) => {
    const { plan, values } = await corporate.overview(actorOf(request));
    return renderPlanForm(reply, { exists: plan !== null, values: corporatePlanFormValues(plan, values) });
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

  const renderPriorityForm = async (request: FastifyRequest, reply: FastifyReply, data: EditData) => {
    const { flatPriorities } = await corporate.overview(actorOf(request));
    return reply.render('corporate/priority-form.njk', priorityFormPage({ ...data, flatPriorities }));
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
      values: priorityFormValues(p),
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

  const renderPledgeForm = async (request: FastifyRequest, reply: FastifyReply, data: EditData) => {
    const { flatPriorities } = await corporate.overview(actorOf(request));
    return reply.render('corporate/pledge-form.njk', pledgeFormPage({ ...data, flatPriorities }));
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
    return renderPledgeForm(request, reply, { id: p.id, current: String(p.number), values: pledgeFormValues(p) });
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
