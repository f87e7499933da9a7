import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { Executor } from './executor.ts';
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

export function makeRepos(db: Executor): Repos {
  return {
    tenants: new TenantRepository(db),
    orgUnits: new OrgUnitRepository(db),
    people: new PersonRepository(db),
    users: new UserRepository(db),
    planYears: new PlanYearRepository(db),
    corporate: new CorporateRepository(db),
    plans: new PlanRepository(db),
    planVersions: new PlanVersionRepository(db),
    objectives: new ObjectiveRepository(db),
    actions: new ActionRepository(db),
    audit: new AuditRepository(db),
    progress: new ProgressRepository(db),
    importDrafts: new ImportDraftRepository(db),
    reports: new ReportRepository(db),
    updateCycle: new UpdateCycleRepository(db),
    passwordResets: new PasswordResetRepository(db),
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
}

async function ping(db: Executor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

function transactionStore(trx: Transaction<Database>): Store {
  const repos = makeRepos(trx);
  const store: Store = {
    repos,
    transaction: (fn) => fn(repos),
    atomic: (fn) => fn(store),
    ping: () => ping(trx),
  };
  return store;
}

export function makeStore(kysely: Kysely<Database>): Store {
  return {
    repos: makeRepos(kysely),
    transaction: (fn) => kysely.transaction().execute((trx) => fn(makeRepos(trx))),
    atomic: (fn) => kysely.transaction().execute((trx) => fn(transactionStore(trx))),
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
export type { NewProgressUpdate, ProgressUpdateRow, StatusWordRow } from './progress.ts';
export type { AwaitingRow, LeadRecipientRow, UpdateCycleSettingsRow } from './update-cycle.ts';
