import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateParts, formatUkDate } from '../../../domain/dates.ts';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes, joinDate } from '../../forms.ts';
import { dateFields, emptyForm, formBody, formText, idParams, type WebApp } from '../../schemas.ts';
import { committeeEditPage, committeesPage, deletePage, meetingEditPage, meetingFormValues } from './committee-presenters.ts';

// Committees and their meetings: the list, the forms that add them, and the pages that rename a
// committee, move a meeting and delete either after a confirmation step (administrators and
// performance officers; the service refuses anyone else). Reports are written for a meeting.

type DateParts = { day: string; month: string; year: string };

const committeeBody = formBody({ name: formText });
const meetingBody = formBody({ committeeId: formText, ...dateFields('date') });

interface PageData {
  committee?: { name: string };
  meeting?: { committeeId: string; date: { day: string; month: string; year: string } };
  errors?: Record<string, string>;
}

export function registerCommitteeRoutes(app: WebApp, services: Services): void {
  const committeesService = services.committees;

  const renderPage = async (request: FastifyRequest, reply: FastifyReply, data: PageData = {}) => {
    const actor = actorOf(request);
    const [committees, meetings] = await Promise.all([committeesService.committees(actor), committeesService.meetings(actor)]);
    return reply.render('reports/committees.njk', committeesPage({ committees, meetings, ...data }));
  };

  app.get('/committees', async (request, reply) => renderPage(request, reply));

  app.post('/committees', { schema: { body: committeeBody } }, async (request, reply) => {
    const { name } = request.body;
    try {
      await committeesService.createCommittee(actorOf(request), { name });
      return reply.flash(`Committee added: ${name.trim()}`).redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPage(request, reply.code(400), { committee: { name }, errors: err.fields });
      throw err;
    }
  });

  app.post('/committees/meetings', { schema: { body: meetingBody } }, async (request, reply) => {
    const body = request.body;
    const { committeeId } = body;
    const date = joinDate(body, 'date');
    const typed = dateBoxes(body, 'date');
    try {
      await committeesService.createMeeting(actorOf(request), { committeeId, date });
      return reply.flash('Meeting added').redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPage(request, reply.code(400), { meeting: { committeeId, date: typed }, errors: err.fields });
      throw err;
    }
  });

  // Renaming and deleting a committee ------------------------------------------------------------

  const renderCommitteeForm = async (request: FastifyRequest, reply: FastifyReply, id: number, values?: { name: string }, errors?: Record<string, string>) => {
    const committee = await committeesService.committee(actorOf(request), id);
    return reply.render('reports/committee-edit.njk', committeeEditPage({ committee, values, errors }));
  };

  app.get('/committees/:id/edit', { schema: { params: idParams } }, async (request, reply) => renderCommitteeForm(request, reply, request.params.id));

  app.post('/committees/:id', { schema: { params: idParams, body: committeeBody } }, async (request, reply) => {
    const id = request.params.id;
    const { name } = request.body;
    try {
      await committeesService.renameCommittee(actorOf(request), id, { name });
      return reply.flash(`Committee saved: ${name.trim()}`).redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderCommitteeForm(request, reply.code(400), id, { name }, err.fields);
      throw err;
    }
  });

  /** The confirmation page, or the reason the committee or meeting cannot be deleted. */
  const renderDelete = (reply: FastifyReply, data: { what: string; label: string; action: string; back: string; blocker: string | null; errors?: Record<string, string> }) =>
    reply.render('reports/delete.njk', deletePage(data));

  const committeeDelete = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: Record<string, string>) => {
    const actor = actorOf(request);
    const committee = await committeesService.committee(actor, id);
    const blocker = errors?.committee ?? (await committeesService.committeeDeletionBlocker(actor, id));
    return renderDelete(reply, { what: 'committee', label: committee.name, action: `/committees/${id}/delete`, back: `/committees/${id}/edit`, blocker, errors });
  };

  app.get('/committees/:id/delete', { schema: { params: idParams } }, async (request, reply) => committeeDelete(request, reply, request.params.id));

  app.post('/committees/:id/delete', { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const committee = await committeesService.committee(actor, id);
    try {
      await committeesService.deleteCommittee(actor, id);
      return reply.flash(`Committee deleted: ${committee.name}`).redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return committeeDelete(request, reply.code(400), id, err.fields);
      throw err;
    }
  });

  // Moving and deleting a meeting ----------------------------------------------------------------

  const renderMeetingForm = async (request: FastifyRequest, reply: FastifyReply, id: number, values?: { committeeId: string; date: DateParts }, errors?: Record<string, string>) => {
    const actor = actorOf(request);
    const [meeting, committees] = await Promise.all([committeesService.meeting(actor, id), committeesService.committees(actor)]);
    return reply.render('reports/meeting-edit.njk', meetingEditPage({ meeting, committees, values: values ?? meetingFormValues(meeting, dateParts), errors }));
  };

  app.get('/committees/meetings/:id/edit', { schema: { params: idParams } }, async (request, reply) => renderMeetingForm(request, reply, request.params.id));

  app.post('/committees/meetings/:id', { schema: { params: idParams, body: meetingBody } }, async (request, reply) => {
    const id = request.params.id;
    const body = request.body;
    const { committeeId } = body;
    const typed = dateBoxes(body, 'date');
    try {
      await committeesService.updateMeeting(actorOf(request), id, { committeeId, date: joinDate(body, 'date') });
      return reply.flash('Meeting saved').redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderMeetingForm(request, reply.code(400), id, { committeeId, date: typed }, err.fields);
      throw err;
    }
  });

  const meetingDelete = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: Record<string, string>) => {
    const actor = actorOf(request);
    const meeting = await committeesService.meeting(actor, id);
    const blocker = errors?.meeting ?? (await committeesService.meetingDeletionBlocker(actor, id));
    const label = `the ${meeting.committeeName} meeting on ${formatUkDate(meeting.meeting_date)}`;
    return renderDelete(reply, { what: 'meeting', label, action: `/committees/meetings/${id}/delete`, back: `/committees/meetings/${id}/edit`, blocker, errors });
  };

  app.get('/committees/meetings/:id/delete', { schema: { params: idParams } }, async (request, reply) => meetingDelete(request, reply, request.params.id));

  app.post('/committees/meetings/:id/delete', { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const meeting = await committeesService.meeting(actor, id);
    try {
      await committeesService.deleteMeeting(actor, id);
      return reply.flash(`Meeting deleted: ${meeting.committeeName} on ${formatUkDate(meeting.meeting_date)}`).redirect('/committees', 303);
    } catch (err) {
      if (err instanceof ValidationError) return meetingDelete(request, reply.code(400), id, err.fields);
      throw err;
    }
  });
}
