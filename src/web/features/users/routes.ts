import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import { USER_ROLE_LABELS } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { emptyForm, formBody, formText, idParams, type WebApp } from '../../schemas.ts';
import { newUserPage, userListPage, userPage } from './presenters.ts';

// User administration, for administrators only (the service refuses everyone else): the council's
// accounts, a new account with its role and first password, changing a role, access to restricted
// items, disabling and enabling.

export function registerUserRoutes(app: WebApp, services: Services): void {
  const users = services.users;

  const renderNew = (reply: FastifyReply, data: { values: Record<string, string>; errors?: Record<string, string> }) =>
    reply.render('users/new.njk', newUserPage(data));

  const renderView = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: Record<string, string>) => {
    return reply.render('users/view.njk', userPage({ user: await users.get(actorOf(request), id), errors }));
  };

  app.get('/users', async (request, reply) => {
    return reply.render('users/list.njk', userListPage({ users: await users.list(actorOf(request)) }));
  });

  app.get('/users/new', async (request, reply) => {
    users.authorise(actorOf(request));
    return renderNew(reply, { values: {} });
  });

  app.post('/users', { schema: { body: formBody({ name: formText, email: formText, role: formText, restrictedAccess: formText, password: formText }) } }, async (request, reply) => {
    const { name, email, role, restrictedAccess, password } = request.body;
    const values = { name, email, role, restrictedAccess };
    try {
      const id = await users.create(actorOf(request), { ...values, password });
      return reply.flash(`Account created for ${values.name.trim()}. Give them their password in person or by phone, not by email.`).redirect(`/users/${id}`, 303);
    } catch (err) {
      // The password is never echoed back into the form.
      if (err instanceof ValidationError) return renderNew(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/users/:id', { schema: { params: idParams } }, async (request, reply) => renderView(request, reply, request.params.id));

  app.post('/users/:id/role', { schema: { params: idParams, body: formBody({ role: formText }) } }, async (request, reply) => {
    const id = request.params.id;
    const { role } = request.body;
    try {
      const actor = actorOf(request);
      const { name } = await users.get(actor, id);
      await users.changeRole(actor, id, { role });
      const message = `${name}’s role is now ${USER_ROLE_LABELS[role as keyof typeof USER_ROLE_LABELS] ?? role}`;
      // An administrator who gives up the role can no longer see the users pages.
      return reply.flash(message).redirect(id === actor.userId && role !== 'admin' ? '/account' : `/users/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderView(request, reply.code(400), id, err.fields);
      throw err;
    }
  });

  app.post('/users/:id/restricted-access', { schema: { params: idParams, body: formBody({ restrictedAccess: formText }) } }, async (request, reply) => {
    const id = request.params.id;
    const { restrictedAccess } = request.body;
    try {
      const actor = actorOf(request);
      const { name } = await users.get(actor, id);
      await users.setRestrictedAccess(actor, id, { restrictedAccess });
      const message = restrictedAccess === 'yes' ? `${name} now has access to restricted items` : `${name} no longer has access to restricted items`;
      return reply.flash(message).redirect(`/users/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderView(request, reply.code(400), id, err.fields);
      throw err;
    }
  });

  for (const change of ['disable', 'enable'] as const) {
    app.post(`/users/:id/${change}`, { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
      const id = request.params.id;
      try {
        await users[change](actorOf(request), id);
        const u = await users.get(actorOf(request), id);
        const message = change === 'disable' ? `${u.name}’s account is disabled and they have been signed out` : `${u.name}’s account is enabled: they can sign in again`;
        return reply.flash(message).redirect(`/users/${id}`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return renderView(request, reply.code(400), id, err.fields);
        throw err;
      }
    });
  }
}
