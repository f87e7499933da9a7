import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { ResetLinkExpiredError } from '../../../services/password-resets.ts';
import { ANON_CSRF_COOKIE, newToken } from '../../plugins/security.ts';
import { formBody, formText, type WebApp } from '../../schemas.ts';
import { forgottenPasswordPage, resetLinkExpiredPage, resetLinkSentPage, resetPasswordPage } from './presenters.ts';

// "Forgotten your password?": ask for a link by email, then set a new password through it. Public
// pages; forms carry the anonymous double-submit CSRF token (or the session's, when signed in).

const requestBody = formBody({ email: formText });
const resetBody = formBody({ newPassword: formText, confirmPassword: formText });
const tokenParams = z.object({ token: z.string() });

/** A URL as it may be logged: a password reset link's token replaced, so logs cannot reset passwords. */
export function withoutResetToken(url: string): string {
  return url.replace(/^\/reset-password\/[^/?#]+/, '/reset-password/[token]');
}

export function registerPasswordResetRoutes(app: WebApp, services: Services, opts: { secureCookies: boolean }): void {
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };

  /** The CSRF token for a form on these pages: the session's, or a double-submit cookie's. */
  const csrf = (request: FastifyRequest, reply: FastifyReply): string => {
    if (request.user) return request.user.csrfToken;
    const token = request.cookies[ANON_CSRF_COOKIE] ?? newToken();
    reply.setCookie(ANON_CSRF_COOKIE, token, cookieOpts);
    return token;
  };

  const requestForm = (request: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, unknown>; errors?: Record<string, string> }) =>
    reply.render('auth/forgotten-password.njk', forgottenPasswordPage({ csrfToken: csrf(request, reply), ...data }));

  const expired = (reply: FastifyReply) => reply.code(410).render('auth/reset-link-expired.njk', resetLinkExpiredPage());

  app.get('/forgotten-password', async (request, reply) => requestForm(request, reply, {}));

  app.post('/forgotten-password', { schema: { body: requestBody } }, async (request, reply) => {
    const { email } = request.body;
    try {
      const { delivery } = await services.passwordResets.request(email, request.ip);
      // Answer now, whatever the mail server is doing: the wait would tell who has an account.
      delivery.catch((err: unknown) => request.log.error({ err }, 'could not send a password reset email'));
    } catch (err) {
      if (err instanceof ValidationError) return requestForm(request, reply.code(400), { errors: err.fields, values: { email } });
      throw err;
    }
    return reply.render('auth/forgotten-password-sent.njk', resetLinkSentPage({ email }));
  });

  const resetForm = (request: FastifyRequest, reply: FastifyReply, token: string, data: { email?: string; errors?: Record<string, string> }) =>
    reply.render('auth/reset-password.njk', resetPasswordPage({ csrfToken: csrf(request, reply), token, ...data }));

  app.get('/reset-password/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const { token } = request.params;
    try {
      const { email } = await services.passwordResets.check(token);
      return resetForm(request, reply, token, { email });
    } catch (err) {
      if (err instanceof ResetLinkExpiredError) return expired(reply);
      throw err;
    }
  });

  app.post('/reset-password/:token', { schema: { params: tokenParams, body: resetBody } }, async (request, reply) => {
    const { token } = request.params;
    const { newPassword, confirmPassword } = request.body;
    try {
      await services.passwordResets.complete(token, { newPassword, confirmPassword }, request.ip);
    } catch (err) {
      if (err instanceof ResetLinkExpiredError) return expired(reply);
      if (err instanceof ValidationError) {
        const { email } = await services.passwordResets.check(token).catch(() => ({ email: '' }));
        return resetForm(request, reply.code(400), token, { email, errors: err.fields });
      }
      throw err;
    }
    return reply.flash('Your password has been changed. Sign in with your new password.').redirect('/sign-in', 303);
  });
}
