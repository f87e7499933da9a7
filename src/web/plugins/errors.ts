import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { AuthenticationError, ConflictError, DomainError, ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../domain/errors.ts';

// Typed errors become pages here, in one place. Nothing reaches the user as a stack trace.

export function registerErrorPages(app: FastifyInstance): void {
  // Addresses with no route: 404 for everyone, signed in or not (known pages are guarded by session.ts and rule-guard.ts).
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).render('errors/not-found.njk', { title: 'Page not found' });
  });

  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    // The typed edge (edge.ts): a request that does not fit its route's schema never reaches a
    // handler. An id that is not a number names no record; anything else says what was wrong.
    if ('validation' in error && error.validation) {
      if (error.validationContext === 'params') return reply.code(404).render('errors/not-found.njk', { title: 'Page not found' });
      return reply.code(400).render('errors/bad-request.njk', { title: 'There is a problem', messages: edgeMessages(error.validation) });
    }
    if (error instanceof NotFoundError) return reply.code(404).render('errors/not-found.njk', { title: 'Page not found', what: error.what });
    if (error instanceof ValidationError) {
      return reply.code(400).render('errors/bad-request.njk', { title: 'There is a problem', messages: Object.values(error.fields) });
    }
    if (error instanceof ForbiddenError) {
      request.log.warn({ url: request.url, user: request.user?.userId }, `forbidden: ${error.message}`);
      return reply.code(403).render('errors/forbidden.njk', { title: 'You cannot do that', message: error.message });
    }
    if (error instanceof ConflictError) return reply.code(409).render('errors/forbidden.njk', { title: 'Someone else changed this', message: error.message });
    if (error instanceof TooManyAttemptsError) return reply.code(429).header('retry-after', String(error.retryAfterSeconds)).render('errors/forbidden.njk', { title: 'Too many attempts', message: error.message });
    if (error instanceof AuthenticationError) return reply.code(401).render('errors/forbidden.njk', { title: 'Sign in', message: error.message });
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).render('errors/bad-request.njk', { title: 'There is a problem', messages: [status === 413 ? 'The request was too large.' : 'The request could not be understood.'] });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).render('errors/server-error.njk', { title: 'Sorry, there is a problem with the service' });
  });
}

/** One line per field that did not fit, for the 400 page; the field's name as the form sends it. */
export function edgeMessages(problems: readonly FastifySchemaValidationError[]): string[] {
  const lines = problems.map((p) => {
    // fastify-type-provider-zod gives each zod issue as `keyword` (its code), `params` (the rest of
    // the issue: `expected` …) and zod's own message ("Invalid input: expected string, received array").
    const expected = (p.params as { expected?: unknown } | undefined)?.expected;
    const received = /received (\w+)/u.exec(p.message ?? '')?.[1];
    const field = p.instancePath.replace(/^\//u, '').replaceAll('/', '.');
    const name = field ? `“${field.slice(0, 60)}”` : 'The request';
    if (p.keyword === 'invalid_type' && received === 'undefined') return `${name} is missing.`;
    if (p.keyword === 'invalid_type' && received === 'array') return `${name} was sent more than once.`;
    if (p.keyword === 'invalid_type') return `${name} is not ${expected === 'string' ? 'text' : expected === 'object' ? 'a form' : 'the right kind of value'}.`;
    if (p.keyword === 'invalid_value' || p.keyword === 'invalid_union') return `${name} is not one of the values this page offers.`;
    return `${name} is not in the form this page expects.`;
  });
  return lines.length ? [...new Set(lines)] : ['The request could not be understood.'];
}

export function isPublic(url: string): boolean {
  const path = url.split('?')[0]!;
  return path === '/sign-in' || path === '/forgotten-password' || path.startsWith('/reset-password/') || url === '/health' || url.startsWith('/assets/') || url.startsWith('/static/');
}
