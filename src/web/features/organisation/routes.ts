import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import { ORG_UNIT_KINDS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf, idParam } from '../../context.ts';
import { text, type FormBody } from '../../forms.ts';

// The council's structure: directorates → services → teams, each with a short code.

export function registerOrganisationRoutes(app: FastifyInstance, services: Services): void {
  const org = services.organisation;

  const unitForm = (body: FormBody) => ({
    name: text(body, 'name'),
    code: text(body, 'code'),
    kind: text(body, 'kind'),
    parentId: text(body, 'parentId'),
  });

  const renderForm = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, data: { id?: number; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const units = (await org.units(actorOf(request))).filter((u) => u.id !== data.id);
    return reply.render('organisation/form.njk', {
      title: data.id ? 'Edit unit' : 'Add a unit',
      section: 'organisation',
      kinds: ORG_UNIT_KINDS,
      units,
      ...data,
    });
  };

  app.get('/organisation', async (request, reply) => {
    const units = await org.units(actorOf(request));
    return reply.render('organisation/list.njk', { title: 'Organisation', section: 'organisation', units });
  });

  app.get('/organisation/new', async (request, reply) => {
    const parent = (request.query as Record<string, string>).parent ?? '';
    return renderForm(request, reply, { values: { parentId: parent, kind: parent ? 'service' : 'directorate' } });
  });

  app.post('/organisation', async (request, reply) => {
    const values = unitForm(request.body as FormBody);
    try {
      const id = await org.createUnit(actorOf(request), values);
      return reply.flash(`${values.name} added`).redirect(`/organisation/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/organisation/:id', async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const unit = await org.unit(actor, id);
    const [units, people, plans] = await Promise.all([org.units(actor), org.people(actor), services.plans.list(actor, { orgUnitId: id })]);
    return reply.render('organisation/view.njk', {
      title: unit.name,
      section: 'organisation',
      unit,
      parent: units.find((u) => u.id === unit.parent_id),
      children: units.filter((u) => u.parent_id === id),
      people: people.filter((p) => p.org_unit_id === id),
      plans,
      breadcrumbs: [{ text: 'Organisation', href: '/organisation' }],
    });
  });

  app.get('/organisation/:id/edit', async (request, reply) => {
    const unit = await org.unit(actorOf(request), idParam(request));
    return renderForm(request, reply, { id: unit.id, values: { name: unit.name, code: unit.code, kind: unit.kind, parentId: unit.parent_id ?? '' } });
  });

  app.post('/organisation/:id', async (request, reply) => {
    const id = idParam(request);
    const values = unitForm(request.body as FormBody);
    try {
      await org.updateUnit(actorOf(request), id, values);
      return reply.flash(`${values.name} saved`).redirect(`/organisation/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { id, values, errors: err.fields });
      throw err;
    }
  });
}
