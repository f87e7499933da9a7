import type { Store } from '../db/repositories/index.ts';
import { ActionService } from './actions.ts';
import { AuthService } from './auth.ts';
import { CorporateService } from './corporate.ts';
import { CouncilService } from './councils.ts';
import { OrganisationService } from './organisation.ts';
import { PlanService } from './plans.ts';
import { YearService } from './years.ts';

export interface Services {
  councils: CouncilService;
  organisation: OrganisationService;
  years: YearService;
  corporate: CorporateService;
  plans: PlanService;
  actions: ActionService;
  auth: AuthService;
  /** Runs several use cases as one: all of it is saved, or none of it. */
  atomically<T>(fn: (services: Services) => Promise<T>): Promise<T>;
}

export function makeServices(store: Store): Services {
  const deps = { store };
  return {
    councils: new CouncilService(deps),
    organisation: new OrganisationService(deps),
    years: new YearService(deps),
    corporate: new CorporateService(deps),
    plans: new PlanService(deps),
    actions: new ActionService(deps),
    auth: new AuthService(deps),
    atomically: (fn) => store.atomic((tx) => fn(makeServices(tx))),
  };
}

export type { Actor } from './context.ts';
export { systemActor } from './context.ts';
