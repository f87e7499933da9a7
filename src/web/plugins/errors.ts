import type { FastifyError, FastifyInstance } from 'fastify';
import { AuthenticationError, ConflictError, DomainError, ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from '../../domain/errors.ts';

// Typed errors become pages here, in one place. Nothing reaches the user as a stack trace.

export function registerErrorPages(app: FastifyInstance): void {
  // Addresses with no route: 404 for everyone, signed in or not (known pages are guarded in app.ts).
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).render('errors/not-found.njk', { title: 'Page not found' });
  });

  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
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

export function isPublic(url: string): boolean {
  const path = url.split('?')[0]!;
  return path === '/sign-in' || path === '/forgotten-password' || path.startsWith('/reset-password/') || url === '/health' || url.startsWith('/assets/') || url.startsWith('/static/');
}
