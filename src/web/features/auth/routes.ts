import { z } from 'zod';
import { AuthenticationError, ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { emptyForm, formBody, formText, type WebApp } from '../../schemas.ts';
import { safeNext } from '../../next.ts';
import { ANON_CSRF_COOKIE, newToken, SESSION_COOKIE } from '../../plugins/security.ts';
import { SESSION_ABSOLUTE_HOURS } from '../../../services/auth.ts';
import { registerPasswordResetRoutes } from './password-reset.ts';
import { signInPage } from './presenters.ts';

export function registerAuthRoutes(app: WebApp, services: Services, opts: { secureCookies: boolean }): void {
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };

  const form = (reply: import('fastify').FastifyReply, request: import('fastify').FastifyRequest, data: { next: string; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const token = request.cookies[ANON_CSRF_COOKIE] ?? newToken();
    reply.setCookie(ANON_CSRF_COOKIE, token, cookieOpts);
    // With single sign-on set up, the page offers its button too.
    return reply.render('auth/sign-in.njk', signInPage({ csrfToken: token, ssoButtonText: services.sso?.buttonText ?? null, ...data }));
  };

  app.get('/sign-in', { schema: { querystring: z.object({ next: formText }) } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    return form(reply, request, { next: safeNext(request.query.next), values: {} });
  });

  app.post('/sign-in', { schema: { body: formBody({ email: formText, password: formText, next: formText }) } }, async (request, reply) => {
    const { email, password } = request.body;
    const next = safeNext(request.body.next);
    try {
      const { token } = await services.auth.signIn(email, password, request.ip);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: SESSION_ABSOLUTE_HOURS * 3600 });
      reply.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof ValidationError) return form(reply.code(400), request, { errors: err.fields, values: { email }, next });
      if (err instanceof AuthenticationError) {
        return form(reply.code(401), request, { errors: { email: err.message }, values: { email }, next });
      }
      throw err;
    }
  });

  registerPasswordResetRoutes(app, services, opts);

  app.post('/sign-out', { schema: { body: emptyForm } }, async (request, reply) => {
    if (request.user) await services.auth.signOut(request.user);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });
}
