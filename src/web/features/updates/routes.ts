import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf, idParam } from '../../context.ts';
import { text, type FormBody } from '../../forms.ts';

// Sign-off of progress updates: heads of service, performance officers and administrators approve
// lead officers' updates or return them with a comment; lead officers see their own awaiting
// sign-off or returned.

export function registerUpdateRoutes(app: FastifyInstance, services: Services): void {
  const cycle = services.updateCycle;

  const renderPending = async (request: FastifyRequest, reply: FastifyReply, data: { errors?: Record<string, string>; comments?: Record<string, string> } = {}) => {
    const actor = actorOf(request);
    const [pending, settings] = await Promise.all([cycle.pending(actor), cycle.settings(actor)]);
    return reply.render('updates/pending.njk', {
      title: 'Updates awaiting sign-off',
      section: 'updates',
      pending,
      settings,
      errors: data.errors,
      comments: data.comments ?? {},
    });
  };

  app.get('/updates/pending', async (request, reply) => renderPending(request, reply));

  app.post('/updates/:id/approve', async (request, reply) => {
    await cycle.approve(actorOf(request), idParam(request));
    return reply.flash('Update approved').redirect('/updates/pending', 303);
  });

  app.post('/updates/:id/return', async (request, reply) => {
    const id = idParam(request);
    const comment = text(request.body as FormBody, 'comment');
    try {
      await cycle.returnUpdate(actorOf(request), id, { comment });
      return reply.flash('Update returned to its author').redirect('/updates/pending', 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const message = err.fields.comment ?? Object.values(err.fields)[0] ?? 'Enter what needs to change';
        return renderPending(request, reply.code(400), { errors: { [`comment-${id}`]: message }, comments: { [String(id)]: comment } });
      }
      throw err;
    }
  });
}
