import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts } from '../../../domain/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import type { PeriodScheme } from '../../../domain/plan-years.ts';
import { canAdministerPlanning } from '../../../domain/vocabulary.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes, joinDate } from '../../forms.ts';
import { periodFormPage, periodFormValues, yearFormPage, yearListPage, yearPage } from './presenters.ts';
import { dateFields, formBody, formText, idParams, recordId, type WebApp } from '../../schemas.ts';

const periodParams = z.object({ id: recordId, periodId: recordId });

// Plan years ("2018/19") and the reporting periods within them.

const SCHEMES = [
  { value: 'quarters', text: 'Quarters', hint: 'Four reporting periods of three months' },
  { value: 'halves', text: 'Half years', hint: 'Two reporting periods of six months' },
  { value: 'custom', text: 'Custom periods', hint: 'Your own periods, one per line' },
];

export function registerYearRoutes(app: WebApp, services: Services): void {
  const years = services.years;

  const renderView = async (request: FastifyRequest, reply: FastifyReply, id: number, extra: { scheme?: string; customPeriods?: string; errors?: Record<string, string> } = {}) => {
    const actor = actorOf(request);
    const year = await years.get(actor, id);
    const [plans, settings] = await Promise.all([services.plans.list(actor, { planYearId: id }), services.progress.settings(actor)]);
    return reply.render('years/view.njk', yearPage({ year, plans, councilGraceDays: settings.graceDays, schemes: SCHEMES, ...extra }));
  };

  app.get('/years', async (request, reply) => {
    const list = await years.list(actorOf(request));
    return reply.render('years/list.njk', yearListPage({ years: list }));
  });

  const renderForm = (reply: FastifyReply, data: { values: Record<string, unknown>; errors?: Record<string, string> }) => reply.render('years/form.njk', yearFormPage({ schemes: SCHEMES, ...data }));

  app.get('/years/new', async (_request, reply) => renderForm(reply, { values: { scheme: 'quarters' } }));

  app.post('/years', { schema: { body: formBody({ label: formText, scheme: formText }) } }, async (request, reply) => {
    const { label, scheme } = request.body;
    const values = { label, scheme };
    try {
      const id = await years.create(actorOf(request), values);
      return reply.flash(`Plan year ${values.label.trim()} saved`).redirect(`/years/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/years/:id', { schema: { params: idParams } }, async (request, reply) => renderView(request, reply, request.params.id));

  app.post('/years/:id/periods', { schema: { params: idParams, body: formBody({ scheme: formText, customPeriods: formText }) } }, async (request, reply) => {
    const id = request.params.id;
    const { scheme, customPeriods } = request.body;
    try {
      // The service checks the scheme; an unexpected value becomes a field error.
      await years.setScheme(actorOf(request), id, scheme as PeriodScheme, customPeriods);
      return reply.flash('Reporting periods saved').redirect(`/years/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderView(request, reply.code(400), id, { scheme, customPeriods, errors: err.fields });
      throw err;
    }
  });

  // A reporting period's update window -------------------------------------------------------

  const DATES = ['opensOn', 'dueOn'] as const;

  const renderPeriodForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { yearId: number; periodId: number; values: { graceDays: string }; dates: Record<string, { day: string; month: string; year: string }>; errors?: Record<string, string> },
  ) => {
    const actor = actorOf(request);
    if (!canAdministerPlanning(actor.role)) throw new ForbiddenError('Only administrators and performance officers can change council-wide set-up.');
    const year = await years.get(actor, data.yearId);
    const period = year.periods.find((p) => p.id === data.periodId);
    if (!period) throw new NotFoundError('Reporting period');
    const { graceDays } = await services.progress.settings(actor);
    return reply.render('years/period-form.njk', periodFormPage({ year, period, councilGraceDays: graceDays, ...data }));
  };

  app.get('/years/:id/periods/:periodId/edit', { schema: { params: periodParams } }, async (request, reply) => {
    const { id: yearId, periodId } = request.params;
    const year = await years.get(actorOf(request), yearId);
    const p = year.periods.find((x) => x.id === periodId);
    if (!p) throw new NotFoundError('Reporting period');
    return renderPeriodForm(request, reply, { yearId, periodId, ...periodFormValues(p, dateParts) });
  });

  app.post('/years/:id/periods/:periodId/edit', { schema: { params: periodParams, body: formBody({ graceDays: formText, ...dateFields('opensOn'), ...dateFields('dueOn') }) } }, async (request, reply) => {
    const { id: yearId, periodId } = request.params;
    const body = request.body;
    const values = { graceDays: body.graceDays };
    const dates = Object.fromEntries(DATES.map((f) => [f, dateBoxes(body, f)]));
    try {
      await years.updatePeriod(actorOf(request), yearId, periodId, { opensOn: joinDate(body, 'opensOn'), dueOn: joinDate(body, 'dueOn'), graceDays: values.graceDays });
      const period = (await years.get(actorOf(request), yearId)).periods.find((p) => p.id === periodId);
      return reply.flash(`${period?.label ?? 'Reporting period'} saved`).redirect(`/years/${yearId}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPeriodForm(request, reply.code(400), { yearId, periodId, values, dates, errors: err.fields });
      throw err;
    }
  });
}
