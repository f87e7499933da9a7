import type { Deps } from './context.ts';
import type { PdfRenderer } from '../reports/pdf.ts';
import { ActionService } from './actions.ts';
import { ActionListService } from './action-list.ts';
import { AuditService } from './audit.ts';
import { AuthService } from './auth.ts';
import { ChangeService } from './changes.ts';
import { CorporateService } from './corporate.ts';
import { CouncilService } from './councils.ts';
import { DashboardService } from './dashboards.ts';
import { ExportService } from './exports.ts';
import { ImportService } from './imports.ts';
import { CommitteeService } from './committees.ts';
import { ReportService } from './reports.ts';
import { OrganisationService } from './organisation.ts';
import { PlanService } from './plans.ts';
import { PlanLifecycleService } from './plan-lifecycle.ts';
import { ProgressService } from './progress.ts';
import { UserService } from './users.ts';
import { YearService } from './years.ts';
import { SsoService } from './sso.ts';
import { UpdateCycleService } from './update-cycle.ts';
import { PasswordResetService } from './password-resets.ts';
import type { Mailer } from './mailer.ts';
import type { OidcConfig } from '../config.ts';

export interface Services {
  councils: CouncilService;
  organisation: OrganisationService;
  years: YearService;
  corporate: CorporateService;
  plans: PlanService;
  /** Submit, approve, return, publish; plan versions and comparing them. */
  planLifecycle: PlanLifecycleService;
  actions: ActionService;
  /** The action list page: filtered by light and stage as at a date, and sorted. */
  actionList: ActionListService;
  changes: ChangeService;
  auth: AuthService;
  users: UserService;
  progress: ProgressService;
  dashboards: DashboardService;
  imports: ImportService;
  exports: ExportService;
  committees: CommitteeService;
  reports: ReportService;
  audit: AuditService;
  /** Sign-off of progress updates and the reminder emails of each reporting period. */
  updateCycle: UpdateCycleService;
  /** "Forgotten your password?": single-use links by email. */
  passwordResets: PasswordResetService;
  /** OpenID Connect sign-in; null when it is not configured. */
  sso: SsoService | null;
  /** Runs several use cases as one: all of it is saved, or none of it. */
  atomically<T>(fn: (services: Services) => Promise<T>): Promise<T>;
}

/** What the composition root is given to build the Deps (src/composition.ts, makeDeps); tests fix the clock. */
export interface ServiceOptions {
  /** The clock: tests fix it; production uses the system time. */
  clock?: () => Date;
  /** Single sign-on settings (config.oidc); without them there is no SSO. */
  sso?: OidcConfig;
  /** Sends email (reminders, returned updates); without it emails are neither sent nor logged. */
  mailer?: Mailer;
  /** Where Waymark is reached, for links in emails (config.publicUrl). */
  publicUrl?: string;
  /** Prints reports as PDF; Chromium, when installed, by default. */
  pdf?: PdfRenderer;
}

/** Every service, over one Deps: the same clock, store, mailer, PDF renderer and public URL for all. */
export function makeServices(deps: Deps, sso?: OidcConfig): Services {
  const planLifecycle = new PlanLifecycleService(deps);
  const actions = new ActionService(deps, planLifecycle);
  const progress = new ProgressService(deps);
  const plans = new PlanService(deps, planLifecycle);
  const auth = new AuthService(deps);
  const atomically = <T>(fn: (services: Services) => Promise<T>): Promise<T> => deps.store.atomic((tx) => fn(makeServices({ ...deps, store: tx, positions: undefined, listings: undefined }, sso)));
  return {
    councils: new CouncilService(deps),
    organisation: new OrganisationService(deps),
    years: new YearService(deps),
    corporate: new CorporateService(deps),
    plans,
    planLifecycle,
    actions,
    auth,
    users: new UserService(deps, auth),
    progress,
    dashboards: new DashboardService(deps, actions, progress),
    actionList: new ActionListService(actions, progress),
    changes: new ChangeService(deps, progress),
    imports: new ImportService(deps, progress, atomically),
    exports: new ExportService(plans, actions, progress),
    committees: new CommitteeService(deps),
    reports: new ReportService(deps, plans, progress),
    audit: new AuditService(deps),
    updateCycle: new UpdateCycleService(deps),
    passwordResets: new PasswordResetService(deps, auth),
    sso: sso ? new SsoService(deps, sso, auth) : null,
    atomically,
  };
}

export type { Actor, Deps } from './context.ts';
export { systemActor } from './context.ts';
