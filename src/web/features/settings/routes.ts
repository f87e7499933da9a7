import type { FastifyInstance, FastifyReply } from 'fastify';
import { MONTHS } from '../../../domain/dates.ts';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { text, type FormBody } from '../../forms.ts';

// The council's own settings: its name, when its plan year starts and the roles an action can take.

const MONTH_OPTIONS = MONTHS.map((name, i) => ({ value: String(i + 1), text: name }));

export function registerSettingsRoutes(app: FastifyInstance, services: Services): void {
  const org = services.organisation;

  const renderForm = (reply: FastifyReply, data: { values: Record<string, unknown>; errors?: Record<string, string> }) =>
    reply.render('settings/form.njk', { title: 'Settings', section: 'settings', months: MONTH_OPTIONS, ...data });

  app.get('/settings', async (request, reply) => {
    const council = await org.council(actorOf(request));
    return renderForm(reply, { values: { name: council.name, yearStartMonth: String(council.year_start_month), actionRoles: council.roles.join('\n') } });
  });

  app.post('/settings', async (request, reply) => {
    const body = request.body as FormBody;
    const values = { name: text(body, 'name'), yearStartMonth: text(body, 'yearStartMonth'), actionRoles: text(body, 'actionRoles') };
    try {
      await org.updateSettings(actorOf(request), values);
      return reply.flash('Settings saved').redirect('/settings', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });
}
