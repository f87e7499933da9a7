import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { joinDate, text, type FormBody } from '../../forms.ts';
import { selectItems } from '../../items.ts';

// Committees and their meetings: the list, and the forms that add them (administrators and
// performance officers; the service refuses anyone else). Reports are written for a meeting.

const ANCHORS = { date: 'date-day', committeeId: 'committeeId', name: 'name' };

interface PageData {
  committee?: { name: string };
  meeting?: { committeeId: string; date: { day: string; month: string; year: string } };
  errors?: Record<string, string>;
}

export function registerCommitteeRoutes(app: FastifyInstance, services: Services): void {
  const reports = services.reports;

  const renderPage = async (request: FastifyRequest, reply: FastifyReply, data: PageData = {}) => {
    const actor = actorOf(request);
    const [committees, meetings] = await Promise.all([reports.committees(actor), reports.meetings(actor)]);
    const meeting = data.meeting ?? { committeeId: '', date: { day: '', month: '', year: '' } };
    return reply.render('reports/committees.njk', {
      title: 'Committees and meetings',
      section: 'reports',
      committees: committees.map((c) => ({ ...c, meetings: meetings.filter((m) => m.committee_id === c.id) })),
      committeeValues: data.committee ?? { name: '' },
      meetingValues: meeting,
      committeeItems: selectItems(committees, (c) => c.id, (c) => c.name, meeting.committeeId, 'Select a committee'),
      errors: data.errors,
      errorAnchors: ANCHORS,
      breadcrumbs: [{ text: 'Reports', href: '/reports' }],
    });
  };

  app.get('/committees', async (request, reply) => renderPage(request, reply));

  app.post('/committees', async (request, reply) => {
    const name = text(request.body as FormBody, 'name');
    try {
      await reports.createCommittee(actorOf(request), { name });
      return reply.flash(`Committee added: ${name.trim()}`).redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPage(request, reply.code(400), { committee: { name }, errors: err.fields });
      throw err;
    }
  });

  app.post('/committees/meetings', async (request, reply) => {
    const body = request.body as FormBody;
    const committeeId = text(body, 'committeeId');
    const date = joinDate(body, 'date');
    const typed = { day: text(body, 'date-day'), month: text(body, 'date-month'), year: text(body, 'date-year') };
    try {
      await reports.createMeeting(actorOf(request), { committeeId, date });
      return reply.flash('Meeting added').redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPage(request, reply.code(400), { meeting: { committeeId, date: typed }, errors: err.fields });
      throw err;
    }
  });
}
