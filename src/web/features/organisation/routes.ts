import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { unitFormPage, unitFormValues, unitListPage, unitPage } from './presenters.ts';
import { formBody, formText, idParams, type WebApp } from '../../schemas.ts';

const unitBody = formBody({ name: formText, code: formText, kind: formText, parentId: formText });

// The council's structure: directorates → services → teams, each with a short code.

export function registerOrganisationRoutes(app: WebApp, services: Services): void {
  const org = services.organisation;

  const unitForm = ({ name, code, kind, parentId }: z.output<typeof unitBody>) => ({ name, code, kind, parentId });

  const renderForm = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, data: { id?: number; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const units = (await org.units(actorOf(request))).filter((u) => u.id !== data.id);
    return reply.render('organisation/form.njk', unitFormPage({ ...data, units }));
  };

  app.get('/organisation', async (request, reply) => {
    const units = await org.units(actorOf(request));
    return reply.render('organisation/list.njk', unitListPage({ units }));
  });

  app.get('/organisation/new', { schema: { querystring: z.object({ parent: formText }) } }, async (request, reply) => {
    const { parent } = request.query;
    return renderForm(request, reply, { values: { parentId: parent, kind: parent ? 'service' : 'directorate' } });
  });

  app.post('/organisation', { schema: { body: unitBody } }, async (request, reply) => {
    const values = unitForm(request.body);
    try {
      const id = await org.createUnit(actorOf(request), values);
      return reply.flash(`${values.name} added`).redirect(`/organisation/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/organisation/:id', { schema: { params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const unit = await org.unit(actor, id);
    const [units, people, plans] = await Promise.all([org.units(actor), org.people(actor), services.plans.list(actor, { orgUnitId: id })]);
    return reply.render('organisation/view.njk', unitPage({ unit, units, people, plans }));
  });

  app.get('/organisation/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const unit = await org.unit(actorOf(request), request.params.id);
    return renderForm(request, reply, { id: unit.id, values: unitFormValues(unit) });
  });

  app.post('/organisation/:id', { schema: { params: idParams, body: unitBody } }, async (request, reply) => {
    const id = request.params.id;
    const values = unitForm(request.body);
    try {
      await org.updateUnit(actorOf(request), id, values);
      return reply.flash(`${values.name} saved`).redirect(`/organisation/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { id, values, errors: err.fields });
      throw err;
    }
  });
}
