import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, ValidationError } from '../../../domain/errors.ts';
import type { SessionUser } from '../../../services/auth.ts';
import type { Services } from '../../../services/index.ts';
import { emptyForm, formBody, formText, type WebApp } from '../../schemas.ts';
import { SESSION_COOKIE } from '../../plugins/security.ts';
import { accountPage } from './presenters.ts';

// "Your account": who you are signed in as, your password, and signing out on every device.
// Open to everyone signed in, viewers included: it changes nothing but the user's own account.

function signedIn(request: FastifyRequest): SessionUser {
  if (!request.user) throw new ForbiddenError('Sign in first');
  return request.user;
}

export function registerAccountRoutes(app: WebApp, services: Services): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, data: { errors?: Record<string, string> } = {}) => {
    const account = await services.auth.account(signedIn(request));
    return reply.render('account/account.njk', accountPage({ account, ...data }));
  };

  app.get('/account', async (request, reply) => page(request, reply));

  app.post('/account/password', { schema: { body: formBody({ currentPassword: formText, newPassword: formText, confirmPassword: formText }) } }, async (request, reply) => {
    const { currentPassword, newPassword, confirmPassword } = request.body;
    try {
      await services.auth.changePassword(
        signedIn(request),
        { currentPassword, newPassword, confirmPassword },
        request.ip,
      );
      return reply.flash('Your password has been changed. You have been signed out everywhere else.').redirect('/account', 303);
    } catch (err) {
      // Passwords are never echoed back into the form.
      if (err instanceof ValidationError) return page(request, reply.code(400), { errors: err.fields });
      throw err;
    }
  });

  app.post('/account/sign-out-everywhere', { schema: { body: emptyForm } }, async (request, reply) => {
    await services.auth.signOutEverywhere(signedIn(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('You have been signed out on every device and browser. Sign in again to carry on.').redirect('/sign-in', 303);
  });
}
