import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Services } from './services/index.ts';
import { registerAssets } from './web/plugins/assets.ts';
import { csrfPlugin } from './web/plugins/csrf.ts';
import { edgePlugin } from './web/plugins/edge.ts';
import { registerErrorPages } from './web/plugins/errors.ts';
import { flashPlugin } from './web/plugins/flash.ts';
import { ruleGuardPlugin } from './web/plugins/rule-guard.ts';
import { registerSecurityHeaders } from './web/plugins/security.ts';
import { sessionPlugin } from './web/plugins/session.ts';
import { viewsPlugin } from './web/plugins/views.ts';
import { registerFeatures } from './web/features/index.ts';
import { withoutResetToken } from './web/features/auth/password-reset.ts';
import './web/context.ts';

export interface AppOptions {
  services: Services;
  secureCookies?: boolean;
  logLevel?: string;
}

export interface RouteInfo {
  method: string;
  url: string;
}
const ROUTE_TABLES = new WeakMap<FastifyInstance, RouteInfo[]>();

/** The routes an app built by buildApp registered (HEAD routes left out). */
export function routesOf(app: FastifyInstance): readonly RouteInfo[] {
  return ROUTE_TABLES.get(app) ?? [];
}

/** Builds the web app from services. It never listens: main.ts and the tests decide that. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const secure = opts.secureCookies ?? false;
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      // As Fastify logs a request by default, but without the token of a password reset link.
      serializers: { req: (req) => ({ method: req.method, url: withoutResetToken(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }) },
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  // Every route, as registered, for the authorization matrix test (docs/permissions.md).
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  ROUTE_TABLES.set(app, routes);

  await registerSecurityHeaders(app, secure);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await registerAssets(app);

  // Shared by every feature, so registered with fastify-plugin (no encapsulation), in this order:
  // who is asking, then (before a route's schema is checked) the CSRF token and the route's rule.
  await app.register(edgePlugin);
  await app.register(sessionPlugin, { services });
  await app.register(flashPlugin, { secureCookies: secure });
  await app.register(viewsPlugin);
  await app.register(csrfPlugin);
  await app.register(ruleGuardPlugin);

  registerErrorPages(app);

  app.get('/health', async (_request, reply) => {
    const ok = await services.councils.health();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });

  // Each feature is an encapsulated plugin; src/web/features/index.ts lists them.
  await registerFeatures(app, { services, secureCookies: secure });
  return app;
}
