import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../../domain/passwords.ts';
import { USER_ROLE_LABELS, USER_ROLES } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services/index.ts';
import type { UserSummary } from '../../../services/users.ts';
import { actorOf, idParam } from '../../context.ts';
import { text, type FormBody } from '../../forms.ts';
import { ukDateTime } from './format.ts';

// User administration, for administrators only (the service refuses everyone else): the council's
// accounts, a new account with its role and first password, changing a role, disabling and enabling.

/** What each role may do, as hints beside the role choices. */
const ROLE_HINTS: Record<(typeof USER_ROLES)[number], string> = {
  admin: 'Everything, including user accounts',
  performance_officer: 'Everything except user accounts: council set-up, imports, committees, plans, progress and reports',
  head_of_service: 'Plans, actions, progress and reports',
  lead_officer: 'Plans, actions, progress and reports',
  viewer: 'Reads everything and changes nothing, for example a councillor',
};

function roleItems(selected: string | undefined) {
  return USER_ROLES.map((r) => ({ value: r, text: USER_ROLE_LABELS[r], hint: { text: ROLE_HINTS[r] }, checked: r === selected }));
}

function row(u: UserSummary) {
  return { ...u, status: u.disabledAt ? 'Disabled' : 'Active', lastSignIn: ukDateTime(u.lastSignInAt, 'Never'), disabledOn: ukDateTime(u.disabledAt) };
}

export function registerUserRoutes(app: FastifyInstance, services: Services): void {
  const users = services.users;

  const renderNew = (reply: FastifyReply, data: { values: Record<string, string>; errors?: Record<string, string> }) =>
    reply.render('users/new.njk', {
      title: 'Add a user',
      section: 'users',
      roles: roleItems(data.values.role),
      minLength: PASSWORD_MIN_LENGTH,
      breadcrumbs: [{ text: 'Users', href: '/users' }],
      errorAnchors: { role: 'role' },
      ...data,
    });

  const renderView = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: Record<string, string>) => {
    const user = row(await users.get(actorOf(request), id));
    return reply.render('users/view.njk', {
      title: user.name,
      section: 'users',
      user,
      roles: roleItems(user.role),
      breadcrumbs: [{ text: 'Users', href: '/users' }],
      errors,
    });
  };

  app.get('/users', async (request, reply) => {
    const list = (await users.list(actorOf(request))).map(row);
    return reply.render('users/list.njk', { title: 'Users', section: 'users', users: list, disabled: list.filter((u) => u.disabledAt).length });
  });

  app.get('/users/new', async (request, reply) => {
    users.authorise(actorOf(request));
    return renderNew(reply, { values: {} });
  });

  app.post('/users', async (request, reply) => {
    const body = request.body as FormBody;
    const values = { name: text(body, 'name'), email: text(body, 'email'), role: text(body, 'role') };
    try {
      const id = await users.create(actorOf(request), { ...values, password: text(body, 'password') });
      return reply.flash(`Account created for ${values.name.trim()}. Give them their password in person or by phone, not by email.`).redirect(`/users/${id}`, 303);
    } catch (err) {
      // The password is never echoed back into the form.
      if (err instanceof ValidationError) return renderNew(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/users/:id', async (request, reply) => renderView(request, reply, idParam(request)));

  app.post('/users/:id/role', async (request, reply) => {
    const id = idParam(request);
    const role = text(request.body as FormBody, 'role');
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

  for (const change of ['disable', 'enable'] as const) {
    app.post(`/users/:id/${change}`, async (request, reply) => {
      const id = idParam(request);
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
