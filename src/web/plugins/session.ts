import fp from 'fastify-plugin';
import type { Services } from '../../services/index.ts';
import { isPublic } from './errors.ts';
import { SESSION_COOKIE } from './security.ts';

// Who is asking: `request.user` from the session cookie, for pages (not static files or the health
// check). A signed-out visitor at a page that is not public is sent to sign in.

export const sessionPlugin = fp<{ services: Services }>(
  async (app, { services }) => {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request, reply) => {
      const url = request.url;
      if (url.startsWith('/assets/') || url.startsWith('/static/') || url === '/health') return;
      request.user = await services.auth.session(request.cookies[SESSION_COOKIE]);
      if (!request.user && request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // An address that is no page at all is "Page not found" for everyone (errors.ts); only real
      // pages send a signed-out visitor to sign in.
      if (!request.user && !isPublic(url) && !url.startsWith('/sso/') && !request.is404) {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(url)}`);
      }
    });
  },
  { name: 'waymark-session', dependencies: ['@fastify/cookie'] },
);
