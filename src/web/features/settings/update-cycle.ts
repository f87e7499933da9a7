import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formBody, formText, type WebApp } from '../../schemas.ts';
import { updateCyclePage } from './presenters.ts';

// The council's update cycle: whether lead officers' updates need sign-off, when the "due soon"
// reminder goes, and whether committee reports use approved updates only.

export function registerUpdateCycleSettingsRoutes(app: WebApp, services: Services): void {
  const cycle = services.updateCycle;

  const render = async (request: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, string>; errors?: Record<string, string> } = {}) => {
    const current = await cycle.settings(actorOf(request));
    return reply.render('settings/update-cycle.njk', updateCyclePage({ current, ...data }));
  };

  app.get('/settings/update-cycle', async (request, reply) => render(request, reply));

  app.post('/settings/update-cycle', { schema: { body: formBody({ requireApproval: formText, reminderDaysBefore: formText, reportsApprovedOnly: formText }) } }, async (request, reply) => {
    const { requireApproval, reminderDaysBefore, reportsApprovedOnly } = request.body;
    const values = { requireApproval, reminderDaysBefore: reminderDaysBefore.trim(), reportsApprovedOnly };
    try {
      await cycle.saveSettings(actorOf(request), values);
      return reply.flash('Update cycle settings saved').redirect('/settings/update-cycle', 303);
    } catch (err) {
      if (err instanceof ValidationError) return render(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });
}
