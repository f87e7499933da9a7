import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../../domain/errors.ts';
import { ANON_CSRF_COOKIE } from './security.ts';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * CSRF: every state-changing request carries `_csrf` in its form body. Signed-in users have a token
 * bound to their server-side session; the anonymous sign-in form uses a double-submit cookie.
 */
export function checkCsrf(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  // The body as parsed, before the route's schema has looked at it: any object may carry the token.
  const body: unknown = request.body;
  const sent = typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string' ? body._csrf : '';
  const expected = request.user ? request.user.csrfToken : (request.cookies[ANON_CSRF_COOKIE] ?? '');
  if (!sent || !expected || !same(sent, expected)) {
    throw new ForbiddenError('This form has expired or did not come from Waymark. Go back, reload the page and try again.');
  }
}

const isMultipart = (request: FastifyRequest): boolean => /^multipart\/form-data/iu.test(request.headers['content-type'] ?? '');

// Checked in preValidation: once the body has been parsed (not onRequest), and before the route's
// schema (a forged request is refused as forged, whatever its shape). An upload's fields are only
// attached to the body by @fastify/multipart's own preValidation hook, inside the imports feature,
// so its token is checked in preHandler instead. Nothing happens at an address with no route, so
// there is nothing to protect there.
export const csrfPlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (request) => (request.is404 || isMultipart(request) ? undefined : checkCsrf(request)));
    app.addHook('preHandler', async (request) => (!request.is404 && isMultipart(request) ? checkCsrf(request) : undefined));
  },
  { name: 'waymark-csrf', dependencies: ['waymark-session'] },
);
