import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import { PASSWORD_MIN_LENGTH } from '../../../domain/passwords.ts';
import { USER_ROLE_LABELS, USER_ROLES } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services/index.ts';
import type { UserSummary } from '../../../services/users.ts';
import { actorOf } from '../../context.ts';
import { emptyForm, formBody, formText, idParams, type WebApp } from '../../schemas.ts';
import { ukDateTime } from './format.ts';

// User administration, for administrators only (the service refuses everyone else): the council's
// accounts, a new account with its role and first password, changing a role, access to restricted
// items, disabling and enabling.

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

const RESTRICTED_HINT =
  'Restricted items are actions, progress updates and committee reports marked as exempt information under Schedule 12A. Lead officers always see restricted actions they lead.';

function restrictedItems(selected: string | undefined) {
  return [
    { value: 'yes', text: 'Yes', checked: selected === 'yes' },
    { value: 'no', text: 'No', checked: selected === 'no' },
  ];
}

/** Whether they see restricted items, in words (administrators always do). */
function restrictedText(u: UserSummary): string {
  if (u.role === 'admin') return 'Yes (administrator)';
  return u.restrictedAccess ? 'Yes' : 'No';
}

function row(u: UserSummary) {
  return {
    ...u,
    status: u.disabledAt ? 'Disabled' : 'Active',
    lastSignIn: ukDateTime(u.lastSignInAt, 'Never'),
    disabledOn: ukDateTime(u.disabledAt),
    restricted: restrictedText(u),
  };
}

export function registerUserRoutes(app: WebApp, services: Services): void {
  const users = services.users;

  const renderNew = (reply: FastifyReply, data: { values: Record<string, string>; errors?: Record<string, string> }) =>
    reply.render('users/new.njk', {
      title: 'Add a user',
      section: 'users',
      roles: roleItems(data.values.role),
      restrictedItems: restrictedItems(data.values.restrictedAccess || 'no'),
      restrictedHint: `${RESTRICTED_HINT} Administrators always see them.`,
      minLength: PASSWORD_MIN_LENGTH,
      breadcrumbs: [{ text: 'Users', href: '/users' }],
      errorAnchors: { role: 'role', restrictedAccess: 'restrictedAccess' },
      ...data,
    });

  const renderView = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: Record<string, string>) => {
    const user = row(await users.get(actorOf(request), id));
    return reply.render('users/view.njk', {
      title: user.name,
      section: 'users',
      user,
      roles: roleItems(user.role),
      restrictedItems: restrictedItems(user.restrictedAccess ? 'yes' : 'no'),
      restrictedHint: RESTRICTED_HINT,
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
