import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import type { WebApp } from '../../schemas.ts';
import { homePage, setUpPage } from './presenters.ts';

export function registerHomeRoutes(app: WebApp, services: Services): void {
  app.get('/', async (request, reply) => {
    const actor = actorOf(request);
    const [plans, years, corporate] = await Promise.all([services.plans.list(actor), services.years.list(actor), services.corporate.overview(actor)]);
    return reply.render('home/home.njk', homePage({ plans, years, corporate }));
  });

  // The council's set-up in one place, so the main menu fits one line: organisation, people, years,
  // the corporate plan and committees for everyone signed in; settings and imports for those who
  // set the council up; users for administrators (set-up.njk chooses by the reader's role).
  app.get('/setup', async (_request, reply) => reply.render('home/set-up.njk', setUpPage()));
}
