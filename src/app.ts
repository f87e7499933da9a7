import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Services } from './services/index.ts';
import { createViews } from './web/views.ts';
import { errorList } from './web/forms.ts';
import { registerAssets } from './web/plugins/assets.ts';
import { registerErrorPages, isPublic } from './web/plugins/errors.ts';
import { checkCsrf, registerSecurityHeaders, SESSION_COOKIE } from './web/plugins/security.ts';
import { registerFeatures } from './web/features/index.ts';
import { registerImportRoutes } from './web/features/imports/routes.ts';
import { withoutResetToken } from './web/features/auth/password-reset.ts';
import './web/context.ts';
import { ForbiddenError } from './domain/errors.ts';
import { allows, type Audience } from './domain/permissions.ts';
import { canAdministerPlanning, canChangePlans, canEditPlanning } from './domain/vocabulary.ts';
import { ruleFor } from './web/route-rules.ts';

export interface AppOptions {
  services: Services;
  secureCookies?: boolean;
  logLevel?: string;
}

const FLASH_COOKIE = 'waymark_flash';

/** The flash cookie's message; a cookie that is not what `reply.flash` wrote (badly encoded) shows nothing rather than a 500. */
function flashText(cookie: string): string | null {
  try {
    return decodeURIComponent(cookie).slice(0, 600);
  } catch {
    return null;
  }
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
  const views = createViews();

  await registerSecurityHeaders(app, secure);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await registerAssets(app);

  app.decorateRequest('user', null);

  app.decorateReply('render', function (this: import('fastify').FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    const errors = (data.errors as Record<string, string> | undefined) ?? null;
    const flash = request.cookies?.[FLASH_COOKIE];
    if (flash) this.clearCookie(FLASH_COOKIE, { path: '/' });
    const u = request.user;
    const html = views.render(template, {
      councilName: request.user?.tenantName ?? null,
      csrfToken: request.user?.csrfToken ?? data.csrfToken ?? '',
      canEdit: request.user ? canEditPlanning(request.user.role) : false,
      canPlan: request.user ? canChangePlans(request.user.role) : false,
      canSeeRestricted: request.user?.restrictedAccess ?? false,
      canAdminister: request.user ? canAdministerPlanning(request.user.role) : false,
      // Long enough for an import's summary of what it created and changed.
      flash: flash ? flashText(flash) : null,
      currentUrl: request.url,
      ...data,
      // The layout's own picture of who is signed in, set after the page's view model so that a
      // page about someone else (its own `user`, or `canEdit` for one action) cannot shadow it.
      signedIn: u
        ? { name: u.name, role: u.role, mayEdit: canEditPlanning(u.role), mayAdminister: canAdministerPlanning(u.role) }
        : null,
      errorList: errors ? errorList(errors, (data.errorAnchors as Record<string, string>) ?? {}) : [],
    });
    return this.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  app.decorateReply('flash', function (this: import('fastify').FastifyReply, message: string) {
    return this.setCookie(FLASH_COOKIE, encodeURIComponent(message), { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 });
  });

  // Resolve the session for pages (not for static files or the health check).
  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if (url.startsWith('/assets/') || url.startsWith('/static/') || url === '/health') return;
    request.user = await services.auth.session(request.cookies[SESSION_COOKIE]);
    if (!request.user && request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // An address that is no page at all is "Page not found" for everyone (registerErrorPages);
    // only real pages send a signed-out visitor to sign in.
    if (!request.user && !isPublic(url) && !url.startsWith('/sso/') && !request.is404) {
      return reply.redirect(`/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  // Nothing happens at an address with no route, so there is nothing to protect or refuse there.
  app.addHook('preHandler', async (request) => (request.is404 ? undefined : checkCsrf(request)));
  // Each route's rule (src/web/route-rules.ts, as docs/permissions.md lists them) decides who may
  // use it; the services check the same roles again. A route with no rule is refused to everyone
  // but admins (fail closed); the authorization matrix test fails until it has one.
  app.addHook('preHandler', async (request) => {
    const u = request.user;
    if (!u || request.is404) return; // signed-out visitors only reach public routes (the onRequest hook above)
    const rule = ruleFor(request.method, request.routeOptions.url ?? '');
    if (rule ? !allows(rule, u.role as Audience) : u.role !== 'admin') {
      throw new ForbiddenError(
        rule === 'edit'
          ? 'Your role can read plans but not change them.'
          : rule === 'plan'
            ? u.role === 'viewer'
              ? 'Your role can read plans but not change them.'
              : 'Heads of service, performance officers and administrators change plans and committee reports. You can record progress on the actions you lead.'
            : 'Your role does not give you access to this page.',
      );
    }
  });

  registerErrorPages(app);

  app.get('/health', async (_request, reply) => {
    const ok = await services.councils.health();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });

  await registerFeatures(app, services, { secureCookies: secure });
  // Imports in a scope of their own: the only routes that take multipart/form-data (file uploads).
  await app.register(async (scope) => registerImportRoutes(scope, services));
  return app;
}
