import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { canAdministerPlanning } from '../../../domain/vocabulary.ts';
import { emptyForm, formBody, formList, formText, idParams, type WebApp } from '../../schemas.ts';
import type { BulkDecision } from '../../../services/update-cycle.ts';
import { pendingPage } from './presenters.ts';

/** The bulk form's fields as the page names them (the service's names are shared with the one-at-a-time forms). */
const BULK_FIELDS: Record<string, string> = { updates: 'bulk-updates', decision: 'bulk-decision', comment: 'bulk-comment' };

// Sign-off of progress updates: heads of service, performance officers and administrators approve
// lead officers' updates or return them with a comment; lead officers see their own awaiting
// sign-off or returned.

export function registerUpdateRoutes(app: WebApp, services: Services): void {
  const cycle = services.updateCycle;

  const renderPending = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { errors?: Record<string, string>; comments?: Record<string, string>; bulk?: BulkDecision; selected?: number[]; bulkComment?: string } = {},
  ) => {
    const actor = actorOf(request);
    const [pending, settings] = await Promise.all([cycle.pending(actor), cycle.settings(actor)]);
    // Performance officers and admins can chase the lead officers who have not updated.
    const chaseable = canAdministerPlanning(actor.role) ? await cycle.chaseable(actor) : null;
    return reply.render('updates/pending.njk', pendingPage({ pending, requireApproval: settings.requireApproval, chaseable, ...data }));
  };

  app.get('/updates/pending', async (request, reply) => renderPending(request, reply));

  app.post('/updates/chase', { schema: { body: formBody({ periodId: formText }) } }, async (request, reply) => {
    const periodId = Number(request.body.periodId);
    const result = await cycle.chase(actorOf(request), Number.isInteger(periodId) && periodId > 0 ? periodId : -1);
    const emails = (n: number) => `${n} ${n === 1 ? 'lead officer' : 'lead officers'}`;
    const message =
      (result.sent ? `Emailed ${emails(result.sent)} who ${result.sent === 1 ? 'has' : 'have'} not updated for ${result.label}.` : `No lead officer was emailed for ${result.label}.`) +
      (result.failed ? ` ${result.failed} ${result.failed === 1 ? 'email' : 'emails'} could not be sent: try again in a few minutes.` : '');
    return reply.flash(message).redirect('/updates/pending', 303);
  });

  app.post('/updates/bulk', { schema: { body: formBody({ updates: formList, decision: formText, comment: formText }) } }, async (request, reply) => {
    const { updates: ids, decision, comment } = request.body;
    try {
      const bulk = await cycle.decideMany(actorOf(request), { ids, decision, comment });
      return renderPending(request, reply, { bulk, ...(bulk.failed.length ? { bulkComment: comment } : {}) });
    } catch (err) {
      if (err instanceof ValidationError) {
        const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [BULK_FIELDS[k] ?? k, v]));
        return renderPending(request, reply.code(400), { errors, selected: ids.map(Number), bulkComment: comment });
      }
      throw err;
    }
  });

  app.post('/updates/:id/approve', { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
    await cycle.approve(actorOf(request), request.params.id);
    return reply.flash('Update approved').redirect('/updates/pending', 303);
  });

  app.post('/updates/:id/return', { schema: { params: idParams, body: formBody({ comment: formText }) } }, async (request, reply) => {
    const id = request.params.id;
    const { comment } = request.body;
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
