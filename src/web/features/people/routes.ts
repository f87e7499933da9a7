import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { peopleListPage, personFormPage, personFormValues, personPage } from './presenters.ts';
import { formBody, formText, idParams, type WebApp } from '../../schemas.ts';

const personBody = formBody({ name: formText, jobTitle: formText, email: formText, orgUnitId: formText });
const unitQuery = z.object({ unit: formText });

// Officers: the people who lead actions, each with a job title and the unit they work in.

export function registerPeopleRoutes(app: WebApp, services: Services): void {
  const org = services.organisation;

  const personForm = ({ name, jobTitle, email, orgUnitId }: z.output<typeof personBody>) => ({ name, jobTitle, email, orgUnitId });

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, data: { id?: number; name?: string; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const units = await org.units(actorOf(request));
    return reply.render('people/form.njk', personFormPage({ ...data, units }));
  };

  app.get('/people', { schema: { querystring: unitQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const [people, units] = await Promise.all([org.people(actor), org.units(actor)]);
    const raw = request.query.unit;
    const unitId = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    const unit = unitId !== null ? units.find((u) => u.id === unitId) : undefined;
    const filtered = raw !== '';
    // A unit's filter includes the services and teams under it; a unit that does not exist matches nobody.
    let within: Set<number> | null = filtered ? new Set<number>() : null;
    if (unit) {
      within = new Set([unit.id]);
      // Depth-first order puts every descendant after its parent.
      for (const u of units) if (u.parent_id !== null && within.has(u.parent_id)) within.add(u.id);
    }
    const rows = people.filter((p) => !within || (p.org_unit_id !== null && within.has(p.org_unit_id)));
    return reply.render('people/list.njk', peopleListPage({ people: rows, units, unit, filtered }));
  });

  app.get('/people/new', { schema: { querystring: unitQuery } }, async (request, reply) => {
    return renderForm(request, reply, { values: { orgUnitId: request.query.unit } });
  });

  app.post('/people', { schema: { body: personBody } }, async (request, reply) => {
    const values = personForm(request.body);
    try {
      const id = await org.createPerson(actorOf(request), values);
      return reply.flash(`${values.name.trim()} saved`).redirect(`/people/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/people/:id', { schema: { params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const person = await org.person(actor, request.params.id);
    const unit = person.org_unit_id !== null ? (await org.units(actor)).find((u) => u.id === person.org_unit_id) : undefined;
    return reply.render('people/view.njk', personPage({ person, unit }));
  });

  app.get('/people/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const p = await org.person(actorOf(request), request.params.id);
    return renderForm(request, reply, {
      id: p.id,
      name: p.name,
      values: personFormValues(p),
    });
  });

  app.post('/people/:id', { schema: { params: idParams, body: personBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const values = personForm(request.body);
    try {
      await org.updatePerson(actor, id, values);
      return reply.flash(`${values.name.trim()} saved`).redirect(`/people/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const current = await org.person(actor, id);
        return renderForm(request, reply.code(400), { id, name: current.name, values, errors: err.fields });
      }
      throw err;
    }
  });
}
