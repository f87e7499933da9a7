import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import { ForbiddenError } from '../../domain/errors.ts';

export const SESSION_COOKIE = 'waymark_session';
export const ANON_CSRF_COOKIE = 'waymark_csrf';

/** Security headers: a Content Security Policy that allows no inline script, no framing, same-origin forms. */
export async function registerSecurityHeaders(app: FastifyInstance, secure: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure,
    crossOriginEmbedderPolicy: false,
  });
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * CSRF: every state-changing request carries `_csrf` in its form body. Signed-in users have a token
 * bound to their server-side session; the anonymous sign-in form uses a double-submit cookie.
 * Checked in preHandler, once the body has been parsed.
 */
export function checkCsrf(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const sent = typeof body._csrf === 'string' ? body._csrf : '';
  const expected = request.user ? request.user.csrfToken : (request.cookies[ANON_CSRF_COOKIE] ?? '');
  if (!sent || !expected || !same(sent, expected)) {
    throw new ForbiddenError('This form has expired or did not come from Waymark. Go back, reload the page and try again.');
  }
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}
