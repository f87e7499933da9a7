import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import type { WebApp } from '../../schemas.ts';

export function registerHomeRoutes(app: WebApp, services: Services): void {
  app.get('/', async (request, reply) => {
    const actor = actorOf(request);
    const [plans, years, corporate] = await Promise.all([services.plans.list(actor), services.years.list(actor), services.corporate.overview(actor)]);
    const latest = years[0];
    return reply.render('home/home.njk', {
      title: 'Home',
      section: 'home',
      latest,
      plans: latest ? plans.filter((p) => p.planYearId === latest.id) : [],
      totals: { plans: plans.length, actions: plans.reduce((n, p) => n + p.actions, 0), years: years.length },
      corporate,
    });
  });
}
