import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { ChangeLog, systemClock, type Clock, type Executor } from './executor.ts';
import { ActionRepository } from './actions.ts';
import { AuditRepository } from './audit.ts';
import { CorporateRepository } from './corporate.ts';
import { ImportDraftRepository } from './import-drafts.ts';
import { ObjectiveRepository } from './objectives.ts';
import { OrgUnitRepository } from './org-units.ts';
import { PersonRepository } from './people.ts';
import { PlanYearRepository } from './plan-years.ts';
import { PlanRepository } from './plans.ts';
import { PlanVersionRepository } from './plan-versions.ts';
import { ProgressRepository } from './progress.ts';
import { ReportRepository } from './reports.ts';
import { TenantRepository } from './tenants.ts';
import { UserRepository } from './users.ts';
import { PasswordResetRepository } from './password-resets.ts';
import { UpdateCycleRepository } from './update-cycle.ts';

export interface Repos {
  tenants: TenantRepository;
  orgUnits: OrgUnitRepository;
  people: PersonRepository;
  users: UserRepository;
  planYears: PlanYearRepository;
  corporate: CorporateRepository;
  plans: PlanRepository;
  planVersions: PlanVersionRepository;
  objectives: ObjectiveRepository;
  actions: ActionRepository;
  audit: AuditRepository;
  progress: ProgressRepository;
  importDrafts: ImportDraftRepository;
  reports: ReportRepository;
  updateCycle: UpdateCycleRepository;
  passwordResets: PasswordResetRepository;
}

/** Every repository over one connection (or transaction), all stamping times from the one clock. */
export function makeRepos(db: Executor, clock: Clock, log: ChangeLog = new ChangeLog(db, false)): Repos {
  const args = [db, clock, log] as const;
  return {
    tenants: new TenantRepository(...args),
    orgUnits: new OrgUnitRepository(...args),
    people: new PersonRepository(...args),
    users: new UserRepository(...args),
    planYears: new PlanYearRepository(...args),
    corporate: new CorporateRepository(...args),
    plans: new PlanRepository(...args),
    planVersions: new PlanVersionRepository(...args),
    objectives: new ObjectiveRepository(...args),
    actions: new ActionRepository(...args),
    audit: new AuditRepository(...args),
    progress: new ProgressRepository(...args),
    importDrafts: new ImportDraftRepository(...args),
    reports: new ReportRepository(...args),
    updateCycle: new UpdateCycleRepository(...args),
    passwordResets: new PasswordResetRepository(...args),
  };
}

/** Repositories over a connection, with a way to run work in one transaction. */
export interface Store {
  repos: Repos;
  /** Runs `fn` in one transaction (or inside the current one, for a store made by `atomic`). */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Runs a whole use case in one transaction: everything `fn` does through the given store commits or rolls back together. */
  atomic<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  /** The clock the repositories stamp times from (the same one the services read). */
  clock: Clock;
}

async function ping(db: Executor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

function transactionStore(trx: Transaction<Database>, clock: Clock, log: ChangeLog): Store {
  const repos = makeRepos(trx, clock, log);
  const store: Store = {
    repos,
    clock,
    transaction: (fn) => fn(repos),
    atomic: (fn) => fn(store),
    ping: () => ping(trx),
  };
  return store;
}

/** Runs `fn` in a transaction whose positions log is flushed as its last statement. */
function inTransaction<T>(kysely: Kysely<Database>, fn: (trx: Transaction<Database>, log: ChangeLog) => Promise<T>): Promise<T> {
  return kysely.transaction().execute(async (trx) => {
    const log = new ChangeLog(trx, true);
    const result = await fn(trx, log);
    await log.flush();
    return result;
  });
}

/** The store over a database; `clock` is the composition root's one clock (the system time by default). */
export function makeStore(kysely: Kysely<Database>, clock: Clock = systemClock): Store {
  return {
    repos: makeRepos(kysely, clock),
    clock,
    transaction: (fn) => inTransaction(kysely, (trx, log) => fn(makeRepos(trx, clock, log))),
    atomic: (fn) => inTransaction(kysely, (trx, log) => fn(transactionStore(trx, clock, log))),
    ping: () => ping(kysely),
  };
}

export type { ActionFields, ActionFilter, ActionLinks, ActionListRow, ActionRow, NamedLink } from './actions.ts';
export type { OrgUnitRow } from './org-units.ts';
export type { PersonRow } from './people.ts';
export type { PlanYearRow, ReportingPeriodRow } from './plan-years.ts';
export type { PlanSummaryRow, ServicePlanRow, PlanGoalRow } from './plans.ts';
export type { PlanVersionListRow, PlanVersionRow } from './plan-versions.ts';
export type { ObjectiveRow } from './objectives.ts';
export type { CommitteeRow, MeetingListRow, MeetingRow, ReportFields, ReportIssueRow, ReportIssueSummary, ReportRow } from './reports.ts';
export type { CorporatePlanRow, PriorityRow, PledgeRow, ValueRow } from './corporate.ts';
export type { TenantRow } from './tenants.ts';
export type { UserRow } from './users.ts';
export type { PasswordResetLink } from './password-resets.ts';
export type { AuditRow } from './audit.ts';
export { systemClock, type Clock } from './executor.ts';
export type { NewProgressUpdate, ProgressUpdateRow, StatusWordRow } from './progress.ts';
export type { AwaitingRow, LeadRecipientRow, UpdateCycleSettingsRow } from './update-cycle.ts';
