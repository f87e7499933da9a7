import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import type { PeriodScheme } from '../../../domain/plan-years.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf, idParam } from '../../context.ts';
import { text, type FormBody } from '../../forms.ts';

// Plan years ("2018/19") and the reporting periods within them.

const SCHEMES = [
  { value: 'quarters', text: 'Quarters', hint: 'Four reporting periods of three months' },
  { value: 'halves', text: 'Half years', hint: 'Two reporting periods of six months' },
];

export function registerYearRoutes(app: FastifyInstance, services: Services): void {
  const years = services.years;

  const renderView = async (request: FastifyRequest, reply: FastifyReply, id: number, extra: { scheme?: string; errors?: Record<string, string> } = {}) => {
    const actor = actorOf(request);
    const year = await years.get(actor, id);
    const plans = await services.plans.list(actor, { planYearId: id });
    const current = year.periods.length === 4 ? 'quarters' : year.periods.length === 2 ? 'halves' : '';
    return reply.render('years/view.njk', {
      title: `Plan year ${year.label}`,
      section: 'years',
      year,
      plans,
      schemes: SCHEMES,
      values: { scheme: extra.scheme ?? current },
      errors: extra.errors,
      breadcrumbs: [{ text: 'Plan years', href: '/years' }],
    });
  };

  app.get('/years', async (request, reply) => {
    const list = await years.list(actorOf(request));
    return reply.render('years/list.njk', { title: 'Plan years', section: 'years', years: list });
  });

  const renderForm = (reply: FastifyReply, data: { values: Record<string, unknown>; errors?: Record<string, string> }) =>
    reply.render('years/form.njk', {
      title: 'Add a plan year',
      section: 'years',
      schemes: SCHEMES,
      breadcrumbs: [{ text: 'Plan years', href: '/years' }],
      ...data,
    });

  app.get('/years/new', async (_request, reply) => renderForm(reply, { values: { scheme: 'quarters' } }));

  app.post('/years', async (request, reply) => {
    const body = request.body as FormBody;
    const values = { label: text(body, 'label'), scheme: text(body, 'scheme') };
    try {
      const id = await years.create(actorOf(request), values);
      return reply.flash(`Plan year ${values.label.trim()} saved`).redirect(`/years/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/years/:id', async (request, reply) => renderView(request, reply, idParam(request)));

  app.post('/years/:id/periods', async (request, reply) => {
    const id = idParam(request);
    const scheme = text(request.body as FormBody, 'scheme');
    try {
      // The service checks the scheme; an unexpected value becomes a field error.
      await years.setScheme(actorOf(request), id, scheme as PeriodScheme);
      return reply.flash('Reporting periods saved').redirect(`/years/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderView(request, reply.code(400), id, { scheme, errors: err.fields });
      throw err;
    }
  });
}
