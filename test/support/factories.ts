import type { ReportingPeriodRow } from '../../src/db/repositories/plan-years.ts';
import type { UserRole } from '../../src/domain/vocabulary.ts';
import type { ActionInput } from '../../src/services/actions.ts';
import { systemActor, type Actor } from '../../src/services/context.ts';
import type { Services } from '../../src/services/index.ts';
import type { OrgUnitInput } from '../../src/services/organisation.ts';
import type { ObjectiveInput, PlanInput } from '../../src/services/plans.ts';
import type { ProgressUpdateInput } from '../../src/services/progress.ts';

// Test data in a few lines, built through the services (never raw SQL), so that each test can make
// what it needs instead of leaning on the demo council or on what an earlier test left behind:
//
//   const c = await council(services);                      // a tenant and its administrator
//   const dem = await c.unit({ code: 'DEM' });               // an org unit (a service)
//   const year = await c.year();                             // 2018/19 in halves, with its periods
//   const plan = await c.plan({ unitId: dem, yearId: year.id });
//   const act = await c.action(plan, { kind: 'one_off', dueDate: '2019-03-31' });  // objective made for it
//   await c.update(act, { periodId: year.periods[0].id, percentComplete: 30 });
//   const lola = await c.user('lead_officer', { unitId: dem });   // lola.actor, lola.email, lola.personId
//
// Every name and code is made unique within the process, so one database can hold many councils
// (one per test) without clashes; pass your own where a test's expected values depend on them.

export const FACTORY_PASSWORD = 'long-enough-password';

let counter = 0;
/** A short suffix unique within this process. */
const next = (): number => ++counter;

export interface TestUser {
  userId: number;
  role: UserRole;
  email: string;
  name: string;
  password: string;
  /** The person record with the user's email, when one was made (lead officers and heads of service). */
  personId: number | null;
  /** The user as a service caller. */
  actor: Actor;
}

export interface TestYear {
  id: number;
  label: string;
  startDate: string;
  endDate: string;
  periods: ReportingPeriodRow[];
}

export interface UserOptions {
  email?: string;
  name?: string;
  password?: string;
  /** The unit the user's person belongs to: a head of service heads it (and the units below it). */
  unitId?: number;
  jobTitle?: string;
  /** Make a person record with the user's email (default: for heads of service and lead officers). */
  person?: boolean;
}

export interface TestCouncilFixture {
  services: Services;
  tenantId: number;
  slug: string;
  name: string;
  /** The system acting for the council (as the CLI and the demo loader do): an administrator. */
  system: Actor;
  /** The council's first user, an administrator who can sign in. */
  admin: TestUser;

  /** A user with a role; lead officers and heads of service get a person with their email (in `unitId`). */
  user(role: UserRole, opts?: UserOptions): Promise<TestUser>;
  /** One user of each role, sharing `unitId` (the admin is the council's own). */
  users(opts?: { unitId?: number }): Promise<Record<UserRole, TestUser>>;
  /** An org unit: a service (under a directorate made for it) by default, with a unique short code unless given one. */
  unit(input?: Partial<OrgUnitInput>): Promise<number>;
  /** A person (an officer who may lead actions) without a sign-in. */
  person(input?: { name?: string; email?: string; jobTitle?: string; unitId?: number }): Promise<number>;
  /** A plan year (default 2018/19, in halves) and its reporting periods. */
  year(input?: { label?: string; scheme?: 'halves' | 'quarters' }): Promise<TestYear>;
  /** A service plan: a new unit and the year 2018/19 unless given. */
  plan(input?: Partial<PlanInput> & { unitId?: number; yearId?: number }): Promise<number>;
  /** An objective in a plan (numbered 1.1, 1.2 … unless given). */
  objective(planId: number, input?: Partial<ObjectiveInput>): Promise<number>;
  /** An action in a plan: ongoing by default, under the plan's first objective (made if there is none). */
  action(planId: number, input?: Partial<ActionInput>): Promise<number>;
  /**
   * A progress update on an action, by the council's system actor unless `by` says who: in the
   * first reporting period of the action's year, as at its end, "IN PROGRESS", unless told otherwise.
   * The system's updates are recorded at noon on their as-at date (so a past period takes them);
   * a user's are recorded now by the services' clock, so give the runtime a clock inside the window.
   */
  update(actionId: number, input?: Partial<ProgressUpdateInput>, opts?: { by?: Actor; recordedAt?: string }): Promise<number>;
}

/** A council (tenant) with its administrator, and builders for everything inside it. */
export async function council(services: Services, opts: { slug?: string; name?: string; adminEmail?: string; password?: string } = {}): Promise<TestCouncilFixture> {
  const n = next();
  const slug = opts.slug ?? `council-${process.pid}-${n}`;
  const name = opts.name ?? `Test Council ${n}`;
  const tenantId = await services.councils.create({ slug, name });
  const system = systemActor(tenantId);
  const domain = `${slug}.test.gov.uk`;
  const objectiveCount = new Map<number, number>();
  const firstObjective = new Map<number, number>();
  let defaultYear: TestYear | null = null;
  let directorate: number | null = null;

  const makeUser = async (role: UserRole, o: UserOptions = {}): Promise<TestUser> => {
    const k = next();
    const email = (o.email ?? `${role.replace(/_/g, '.')}.${k}@${domain}`).toLowerCase();
    const userName = o.name ?? `${role.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())} ${k}`;
    const password = o.password ?? FACTORY_PASSWORD;
    const userId = await services.auth.createUser(tenantId, { email, name: userName, role, password });
    const wantsPerson = o.person ?? (role === 'lead_officer' || role === 'head_of_service' || o.unitId !== undefined);
    const personId = wantsPerson ? await services.organisation.createPerson(system, { name: userName, email, jobTitle: o.jobTitle, orgUnitId: o.unitId }) : null;
    return { userId, role, email, name: userName, password, personId, actor: { tenantId, userId, role } };
  };

  const fixture: TestCouncilFixture = {
    services,
    tenantId,
    slug,
    name,
    system,
    admin: await makeUser('admin', { email: opts.adminEmail, password: opts.password, name: 'Council Admin' }),

    user: makeUser,

    async users(o = {}) {
      const [performance_officer, head_of_service, lead_officer, viewer] = await Promise.all([
        makeUser('performance_officer', { unitId: o.unitId }),
        makeUser('head_of_service', { unitId: o.unitId }),
        makeUser('lead_officer', { unitId: o.unitId }),
        makeUser('viewer'),
      ]);
      return { admin: fixture.admin, performance_officer: performance_officer!, head_of_service: head_of_service!, lead_officer: lead_officer!, viewer: viewer! };
    },

    async unit(input = {}) {
      const k = next();
      const kind = input.kind ?? 'service';
      // A service or team sits under something: a directorate made once for the council, unless given.
      const parentId = input.parentId ?? (kind === 'service' || kind === 'team' ? (directorate ??= await services.organisation.createUnit(system, { name: `Directorate ${k}`, code: `D${k}`, kind: 'directorate' })) : undefined);
      return services.organisation.createUnit(system, { name: `Service ${k}`, code: `U${k}`, ...input, kind, parentId });
    },

    person(input = {}) {
      const k = next();
      return services.organisation.createPerson(system, { name: input.name ?? `Officer ${k}`, email: input.email, jobTitle: input.jobTitle, orgUnitId: input.unitId });
    },

    async year(input = {}) {
      const id = await services.years.create(system, { label: input.label ?? '2018/19', scheme: input.scheme ?? 'halves' });
      const y = await services.years.get(system, id);
      return { id, label: y.label, startDate: y.start_date, endDate: y.end_date, periods: y.periods };
    },

    async plan(input = {}) {
      const { unitId, yearId, ...rest } = input;
      const orgUnitId = unitId ?? rest.orgUnitId ?? (await fixture.unit());
      const planYearId = yearId ?? rest.planYearId ?? (defaultYear ??= await fixture.year()).id;
      return services.plans.create(system, { title: `Plan ${next()}`, kind: 'service_improvement_plan', ...rest, orgUnitId, planYearId });
    },

    async objective(planId, input = {}) {
      const n = (objectiveCount.get(planId) ?? 0) + 1;
      objectiveCount.set(planId, n);
      const id = await services.plans.createObjective(system, planId, { number: `1.${n}`, title: `Objective 1.${n}`, ...input });
      if (!firstObjective.has(planId)) firstObjective.set(planId, id);
      return id;
    },

    async action(planId, input = {}) {
      const objectiveId = input.objectiveId ?? firstObjective.get(planId) ?? (await fixture.objective(planId));
      return services.actions.create(system, planId, { title: `Action ${next()}`, kind: 'ongoing', ...input, objectiveId });
    },

    async update(actionId, input = {}, o = {}) {
      let periodId = input.periodId;
      let asAt = input.asAt;
      if (periodId === undefined || asAt === undefined) {
        const { action } = await services.actions.detail(system, actionId);
        const plan = await services.plans.get(system, action.plan_id);
        const periods = (await services.years.get(system, plan.plan_year_id)).periods;
        const period = periods.find((p) => p.id === Number(periodId)) ?? periods[0]!;
        periodId ??= period.id;
        asAt ??= period.end_date;
      }
      // The system records it at noon on its as-at date, when the period's window is open whatever
      // today is (as an import would); a user records it "now", by the services' clock.
      const by = o.by ?? system;
      const recordedAt = o.recordedAt ?? (by.userId === null ? `${String(asAt)}T12:00:00.000Z` : undefined);
      return services.progress.recordUpdate(by, actionId, { statusWord: 'IN PROGRESS', ...input, periodId, asAt }, recordedAt ? { recordedAt } : {});
    },
  };
  return fixture;
}
