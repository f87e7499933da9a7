import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../services/index.ts';
import type { SessionUser } from '../services/auth.ts';
import { ForbiddenError } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyReply {
    render(template: string, data?: Record<string, unknown>): FastifyReply;
    flash(message: string): FastifyReply;
  }
}

/** The acting user; routes behind sign-in only. */
export function actorOf(request: FastifyRequest): Actor {
  const u = request.user;
  if (!u) throw new ForbiddenError('Sign in first');
  return { tenantId: u.tenantId, userId: u.userId, role: u.role, clearance: u.restrictedAccess };
}

export type Reply = FastifyReply;
