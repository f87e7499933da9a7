import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.ts';
import type { WebApp } from '../schemas.ts';
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
import { registerImportRoutes } from './imports/routes.ts';

export interface FeatureOptions {
  services: Services;
  secureCookies: boolean;
}

/**
 * A feature: one area's routes in an encapsulated Fastify plugin. What it adds (a hook, a content
 * type parser — imports take multipart/form-data, no other feature does) stays inside it; what every
 * feature needs (session, CSRF, the rule guard, views, flash, the typed edge) is in
 * src/web/plugins/ and registered once, at the root, by src/app.ts.
 */
export function feature(name: string, register: (app: WebApp, opts: FeatureOptions) => void | Promise<void>): FastifyPluginAsync<FeatureOptions> {
  const plugin: FastifyPluginAsync<FeatureOptions> = async (app, opts) => register(app.withTypeProvider<ZodTypeProvider>(), opts);
  Object.defineProperty(plugin, 'name', { value: `feature:${name}` });
  return plugin;
}

/** Every feature of the web app, in one list. */
export const FEATURES: readonly FastifyPluginAsync<FeatureOptions>[] = [
  feature('auth', (app, { services, secureCookies }) => registerAuthRoutes(app, services, { secureCookies })),
  feature('home', (app, { services }) => registerHomeRoutes(app, services)),
  feature('organisation', (app, { services }) => registerOrganisationRoutes(app, services)),
  feature('plans', (app, { services }) => registerPlanRoutes(app, services)),
  feature('actions', (app, { services }) => registerActionRoutes(app, services)),
  feature('people', (app, { services }) => registerPeopleRoutes(app, services)),
  feature('years', (app, { services }) => registerYearRoutes(app, services)),
  feature('corporate', (app, { services }) => registerCorporateRoutes(app, services)),
  feature('settings', (app, { services }) => registerSettingsRoutes(app, services)),
  feature('dashboards', (app, { services }) => registerDashboardRoutes(app, services)),
  feature('reports', (app, { services }) => {
    registerReportRoutes(app, services);
    registerCommitteeRoutes(app, services);
  }),
  feature('sso', (app, { services, secureCookies }) => registerSsoRoutes(app, services, { secureCookies })),
  feature('history', (app, { services }) => registerHistoryRoutes(app, services)),
  feature('account', (app, { services }) => registerAccountRoutes(app, services)),
  feature('users', (app, { services }) => registerUserRoutes(app, services)),
  feature('updates', (app, { services }) => registerUpdateRoutes(app, services)),
  feature('imports', (app, { services }) => registerImportRoutes(app, services)),
];

export async function registerFeatures(app: FastifyInstance, opts: FeatureOptions): Promise<void> {
  for (const plugin of FEATURES) await app.register(plugin, opts);
}
