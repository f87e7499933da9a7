import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import { registerHomeRoutes } from './home/routes.ts';
import { registerOrganisationRoutes } from './organisation/routes.ts';
import { registerPlanRoutes } from './plans/routes.ts';
import { registerActionRoutes } from './actions/routes.ts';
import { registerPeopleRoutes } from './people/routes.ts';
import { registerYearRoutes } from './years/routes.ts';
import { registerCorporateRoutes } from './corporate/routes.ts';
import { registerSettingsRoutes } from './settings/routes.ts';
import { registerDashboardRoutes } from './dashboards/routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { registerCommitteeRoutes } from './reports/committees.ts';
import { registerSsoRoutes } from './sso/routes.ts';
import { registerHistoryRoutes } from './history/routes.ts';
import { registerAccountRoutes } from './account/routes.ts';
import { registerUserRoutes } from './users/routes.ts';
import { registerUpdateRoutes } from './updates/routes.ts';

// Every feature registers its routes here.
export async function registerFeatures(app: FastifyInstance, services: Services, opts: { secureCookies: boolean }): Promise<void> {
  registerAuthRoutes(app, services, opts);
  registerHomeRoutes(app, services);
  registerOrganisationRoutes(app, services);
  registerPlanRoutes(app, services);
  registerActionRoutes(app, services);
  registerPeopleRoutes(app, services);
  registerYearRoutes(app, services);
  registerCorporateRoutes(app, services);
  registerSettingsRoutes(app, services);
  registerDashboardRoutes(app, services);
  registerReportRoutes(app, services);
  registerCommitteeRoutes(app, services);
  registerSsoRoutes(app, services, opts);
  registerHistoryRoutes(app, services);
  registerAccountRoutes(app, services);
  registerUserRoutes(app, services);
  registerUpdateRoutes(app, services);
}
