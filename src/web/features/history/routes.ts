import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HistorySubject } from '../../../services/audit.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { idParams, type WebApp } from '../../schemas.ts';

// The audit trail, readable: the history of a plan, objective, action (with its progress updates)
// or report, newest first, for anyone who can read it; and the council's whole trail as CSV for
// administrators.

type Crumb = { text: string; href: string };

const SUBJECT_WORDS: Record<HistorySubject, string> = { plan: 'plan', objective: 'objective', action: 'action', report: 'report' };

export function registerHistoryRoutes(app: WebApp, services: Services): void {
  const show = (subject: HistorySubject) => async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
    const h = await services.audit.history(actorOf(request), subject, request.params.id);
    const { href, breadcrumbs } = placeOf(subject, h.id, h.title, h.planId);
    return reply.render('history/history.njk', {
      title: `History of ${h.title}`,
      section: subject === 'report' ? 'reports' : subject === 'action' ? 'actions' : 'plans',
      history: h,
      subjectWord: SUBJECT_WORDS[subject],
      subjectHref: href,
      breadcrumbs,
    });
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

/** Where the record lives, and the breadcrumbs back to it. */
function placeOf(subject: HistorySubject, id: number, title: string, planId: number | null): { href: string; breadcrumbs: Crumb[] } {
  switch (subject) {
    case 'plan':
      return { href: `/plans/${id}`, breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: title, href: `/plans/${id}` }] };
    case 'objective': {
      const href = `/plans/${planId}#objective-${id}`;
      return { href, breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: 'Plan', href: `/plans/${planId}` }, { text: title, href }] };
    }
    case 'action':
      return { href: `/actions/${id}`, breadcrumbs: [{ text: 'Actions', href: '/actions' }, { text: title, href: `/actions/${id}` }] };
    case 'report':
      return { href: `/reports/${id}`, breadcrumbs: [{ text: 'Reports', href: '/reports' }, { text: title, href: `/reports/${id}` }] };
  }
}
