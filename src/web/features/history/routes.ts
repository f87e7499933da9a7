import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HistorySubject } from '../../../services/audit.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { idParams, type WebApp } from '../../schemas.ts';
import { historyPage } from './presenters.ts';

// The audit trail, readable: the history of a plan, objective, action (with its progress updates)
// or report, newest first, for anyone who can read it; and the council's whole trail as CSV for
// administrators.

export function registerHistoryRoutes(app: WebApp, services: Services): void {
  const show = (subject: HistorySubject) => async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
    const h = await services.audit.history(actorOf(request), subject, request.params.id);
    return reply.render('history/history.njk', historyPage(h));
  };

  app.get('/plans/:id/history', { schema: { params: idParams } }, show('plan'));
  app.get('/objectives/:id/history', { schema: { params: idParams } }, show('objective'));
  app.get('/actions/:id/history', { schema: { params: idParams } }, show('action'));
  app.get('/reports/:id/history', { schema: { params: idParams } }, show('report'));

  // Administrators only (the service refuses anyone else before a row is read).
  app.get('/settings/audit.csv', async (request, reply) => {
    const chunks = await services.audit.csv(actorOf(request));
    const today = services.progress.today();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-trail-${today}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(chunks));
  });
}
