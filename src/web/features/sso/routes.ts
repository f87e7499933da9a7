import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_ABSOLUTE_HOURS } from '../../../services/auth.ts';
import type { Services } from '../../../services/index.ts';
import { SSO_FLOW_MINUTES, SsoError, type SsoProblem } from '../../../services/sso.ts';
import { safeNext as safeNextPath } from '../../next.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE } from '../../plugins/security.ts';
import { formText, type WebApp } from '../../schemas.ts';
import { ssoProblemPage } from './presenters.ts';

// Single sign-on (OpenID Connect): /sso/start sends the browser to the provider, /sso/callback
// brings it back signed in, with the same session cookie as a password sign-in. Both are reached
// signed out (src/web/plugins/session.ts lets /sso/ through). Registered only when SSO is configured.

export const SSO_FLOW_COOKIE = 'waymark_sso';

/** Only a local path may follow sign-in, never another site (as on the sign-in form). */
const safeNext = (next: unknown): string => safeNextPath(next, ['/sign-', '/sso/']);

/** What each problem looks like to the person: status, title, what happened and what to do. */
const PAGES: Record<SsoProblem, { status: number; title: string; lines: string[] }> = {
  cancelled: { status: 401, title: 'You have not been signed in', lines: ['Signing in with your organisation account was cancelled or refused.'] },
  failed: {
    status: 502,
    title: 'Sorry, there is a problem signing you in',
    lines: ['Your organisation’s sign-in service could not confirm who you are.', 'Try again. If it keeps happening, tell your Waymark administrator.'],
  },
  expired: {
    status: 400,
    title: 'Your sign-in has timed out',
    lines: [`You have ${SSO_FLOW_MINUTES} minutes to sign in with your organisation account, in the tab you started in. Start again.`],
  },
  unreachable: {
    status: 503,
    title: 'Sorry, your organisation’s sign-in service is not available',
    lines: ['Waymark could not reach it. Try again later, or sign in with your Waymark password if you have one.'],
  },
  misconfigured: {
    status: 500,
    title: 'Sorry, single sign-on is not set up correctly',
    lines: ['Tell your Waymark administrator: the single sign-on settings do not match this Waymark.'],
  },
  no_email: {
    status: 403,
    title: 'Waymark cannot tell who you are',
    lines: ['Your organisation’s sign-in service did not give Waymark your email address. Ask your IT team to include it.'],
  },
  not_set_up: {
    status: 403,
    title: 'Your account is not set up in Waymark',
    lines: ['Ask an administrator to set up a Waymark account for your email address, then try again.'],
  },
  linked_elsewhere: {
    status: 403,
    title: 'Your Waymark account uses a different organisation account',
    lines: [
      'The Waymark account for this email address signs in with another account at your organisation’s sign-in service, so Waymark has not signed you in.',
      'If your organisation account has been replaced, ask a Waymark administrator to unlink the old one, then try again.',
    ],
  },
  disabled: {
    status: 403,
    title: 'Your Waymark account has been switched off',
    lines: ['Ask an administrator if you need to use Waymark again.'],
  },
};

export function registerSsoRoutes(app: WebApp, services: Services, opts: { secureCookies: boolean }): void {
  const sso = services.sso;
  if (!sso) return;
  const flowCookie = { path: '/sso/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };

  const problem = (request: FastifyRequest, reply: FastifyReply, err: SsoError) => {
    const page = PAGES[err.problem];
    request.log.warn({ problem: err.problem, email: err.who.email, cause: err.cause instanceof Error ? err.cause.message : undefined }, `single sign-on: ${err.message}`);
    return reply.code(page.status).render('sso/problem.njk', ssoProblemPage({ page, problem: err.problem, email: err.who.email, councilName: err.who.councilName }));
  };

  app.get('/sso/start', { schema: { querystring: z.object({ next: formText }) } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.user) return reply.redirect(next);
    try {
      const { url, flowCookie: sealed } = await sso.start(next);
      reply.setCookie(SSO_FLOW_COOKIE, sealed, { ...flowCookie, maxAge: SSO_FLOW_MINUTES * 60 });
      return reply.redirect(url);
    } catch (err) {
      if (err instanceof SsoError) return problem(request, reply, err);
      throw err;
    }
  });

  app.get('/sso/callback', async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const sealed = request.cookies[SSO_FLOW_COOKIE];
    // The flow is used once, whatever happens next.
    if (sealed !== undefined) reply.clearCookie(SSO_FLOW_COOKIE, { path: flowCookie.path });
    try {
      const { token, next } = await sso.finish(query, sealed, request.ip);
      // Someone already signed in here is signed out of that session: the cookie now names the new one.
      if (request.user) await services.auth.signOut(request.user);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: SESSION_ABSOLUTE_HOURS * 3600 });
      reply.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
      return reply.redirect(safeNext(next), 303);
    } catch (err) {
      if (err instanceof SsoError) return problem(request, reply, err);
      throw err;
    }
  });
}
