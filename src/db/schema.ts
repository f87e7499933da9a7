import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActionDateColumns, ActionTextColumns } from '../domain/fields/action-fields.ts';
import type { PlanColumns } from '../domain/fields/plan-fields.ts';

// Table types for Kysely. Dates are ISO `YYYY-MM-DD` strings and timestamps ISO strings on both
// dialects (see db/database.ts, where PostgreSQL's parsers are set to keep them so).

export interface TenantTable {
  id: Generated<number>;
  slug: string;
  name: string;
  year_start_month: number;
  action_roles: string; // JSON array of role names, in display order
  rag_green_percent: Generated<number>;
  rag_amber_percent: Generated<number>;
  grace_days: Generated<number>;
  /** JSON ReportStyle, or null for the default. */
  report_style: string | null;
  created_at: string;
  /** 1 when lead officers' updates need sign-off by a head of service or above. */
  require_approval: Generated<number>;
  /** How many days before a period's due date the "due soon" reminder goes. */
  reminder_days_before: Generated<number>;
  /** 1: when sign-off is required, committee reports use approved updates only. */
  reports_approved_only: Generated<number>;
  /** 1: councillors (viewers) may read committee reports not yet issued, and current drafts (migration 013). */
  councillors_read_drafts: Generated<number>;
  /** Raised by every committed write that can change an action's position (migration 015, src/services/position-cache.ts). */
  positions_version: Generated<number>;
  data_version: Generated<number>;
}

export interface OrgUnitTable {
  id: Generated<number>;
  tenant_id: number;
  parent_id: number | null;
  kind: string; // council | directorate | service | team
  code: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  job_title: string | null;
  email: string | null;
  org_unit_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  tenant_id: number;
  person_id: number | null;
  email: string;
  name: string;
  password_hash: string | null;
  role: string;
  disabled_at: string | null;
  created_at: string;
  last_sign_in_at: string | null;
  /** 1 when the user may see restricted items (admins always may). */
  restricted_access: Generated<number>;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  tenant_id: number;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** A single sign-on identity (the provider's `iss` and `sub`) linked to an account at its first SSO sign-in. */
export interface SsoIdentityTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  issuer: string;
  subject: string;
  created_at: string;
  last_used_at: string;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: string;
  succeeded: number;
}

/** Attempts in the current window for one throttled key (`email:…`, `ip:…`, `reset:…`). */
export interface ThrottleCounterTable {
  key: string;
  window_start: string;
  count: number;
}

/** A forgotten-password link: only the sha256 of its token is stored. */
/** What each positions version changed (migration 015): an action, or (null) everything. */
export interface PositionsChangeTable {
  tenant_id: number;
  version: number;
  action_id: number | null;
}

export interface PasswordResetTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PlanYearTable {
  id: Generated<number>;
  tenant_id: number;
  label: string;
  start_date: string;
  end_date: string;
  created_at: string;
}

export interface ReportingPeriodTable {
  id: Generated<number>;
  tenant_id: number;
  plan_year_id: number;
  position: number;
  label: string;
  start_date: string;
  end_date: string;
  opens_on: string | null;
  due_on: string | null;
  grace_days: number | null;
}

export interface StatusWordTable {
  id: Generated<number>;
  tenant_id: number;
  position: number;
  word: string;
  stage: string;
}

export interface ProgressUpdateTable {
  id: Generated<number>;
  tenant_id: number;
  action_id: number;
  period_id: number | null;
  as_at: string;
  status_word: string;
  stage: string;
  percent_complete: number | null;
  narrative: string | null;
  next_steps: string | null;
  rag_override: string | null;
  override_reason: string | null;
  author_user_id: number | null;
  author_name: string;
  recorded_at: string;
  corrects_id: number | null;
  /** submitted | approved | returned */
  approval: Generated<string>;
  approved_by_user_id: Generated<number | null>;
  approved_at: Generated<string | null>;
  return_comment: Generated<string | null>;
  /** The Schedule 12A paragraph a restricted update relies on; null when it is not restricted. */
  exempt_paragraph: Generated<number | null>;
}

export interface ReminderSentTable {
  id: Generated<number>;
  tenant_id: number;
  period_id: number;
  email: string;
  user_id: number | null;
  person_id: number | null;
  kind: string; // opened | due_soon | overdue
  sent_at: string;
}

export interface CorporatePlanTable {
  id: Generated<number>;
  tenant_id: number;
  title: string;
  vision: string | null;
  period_label: string | null;
  created_at: string;
  updated_at: string;
}

export interface CorporateValueTable {
  id: Generated<number>;
  tenant_id: number;
  corporate_plan_id: number;
  position: number;
  name: string;
  description: string | null;
}

export interface PriorityTable {
  id: Generated<number>;
  tenant_id: number;
  corporate_plan_id: number;
  parent_id: number | null;
  position: number;
  title: string;
  strapline: string | null;
  description: string | null;
}

export interface PledgeTable {
  id: Generated<number>;
  tenant_id: number;
  corporate_plan_id: number;
  priority_id: number | null;
  number: number;
  text: string;
}

/** Its own fields (title, kind — service_improvement_plan | business_plan | action_plan — vision …) come from src/domain/fields/plan-fields.ts. */
export interface ServicePlanTable extends PlanColumns {
  id: Generated<number>;
  tenant_id: number;
  org_unit_id: number;
  plan_year_id: number;
  status: string; // draft | submitted | approved | published (src/domain/plan-lifecycle.ts)
  version: number;
  created_at: string;
  updated_at: string;
  /** The version number the plan's next approval will take. */
  draft_version: Generated<number>;
  submitted_by_user_id: number | null;
  submitted_at: string | null;
  /** The latest approval: the meeting (when chosen from the list), the committee and date. */
  approved_meeting_id: number | null;
  approved_committee: string | null;
  approved_on: string | null;
  published_on: string | null;
  /** Why it was last returned to draft; cleared when it is submitted again. */
  return_comment: string | null;
}

export interface PlanVersionTable {
  id: Generated<number>;
  tenant_id: number;
  plan_id: number;
  number: number;
  status: string; // approved | published
  approved_meeting_id: number | null;
  approved_committee: string;
  approved_on: string;
  published_on: string | null;
  /** JSON PlanSnapshot (src/domain/plan-diff.ts): the plan, goals, objectives and actions with every field. */
  snapshot_json: string;
  created_at: string;
  created_by: number | null;
  created_by_name: string;
}

export interface PlanGoalTable {
  id: Generated<number>;
  tenant_id: number;
  plan_id: number;
  position: number;
  number: string | null;
  title: string;
}

export interface ObjectiveTable {
  id: Generated<number>;
  tenant_id: number;
  plan_id: number;
  goal_id: number | null;
  position: number;
  number: string | null;
  title: string;
  why: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ObjectiveLinkTable {
  tenant_id: number;
  objective_id: number;
  target_id: number;
}

/** An action's plain text columns (target, outcome …) and dates come from its field list, src/domain/fields/action-fields.ts. */
export interface ActionTable extends ActionTextColumns, ActionDateColumns {
  id: Generated<number>;
  tenant_id: number;
  plan_id: number;
  objective_id: number;
  position: number;
  code: string;
  title: string;
  role: string | null;
  kind: string; // one_off | ongoing | milestone
  weight: number;
  carried_from_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The Schedule 12A paragraph a restricted action relies on; null when it is not restricted. */
  exempt_paragraph: Generated<number | null>;
}

export interface ActionLeadTable {
  id: Generated<number>;
  tenant_id: number;
  action_id: number;
  position: number;
  name: string;
  person_id: number | null;
}

export interface ActionImpactTable {
  id: Generated<number>;
  tenant_id: number;
  action_id: number;
  position: number;
  name: string;
  org_unit_id: number | null;
}

export interface ActionPartnershipTable {
  id: Generated<number>;
  tenant_id: number;
  action_id: number;
  position: number;
  name: string;
}

export interface ActionLinkTable {
  tenant_id: number;
  action_id: number;
  target_id: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  tenant_id: number | null;
  user_id: number | null;
  at: string;
  entity: string;
  entity_id: number | null;
  event: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ImportDraftTable {
  id: string; // random token
  tenant_id: number;
  user_id: number;
  filename: string | null;
  format: string;
  sheet: string | null;
  content: Buffer;
  created_at: string;
}

export interface CommitteeTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  created_at: string;
}

export interface MeetingTable {
  id: Generated<number>;
  tenant_id: number;
  committee_id: number;
  meeting_date: string;
  created_at: string;
}

export interface ReportTable {
  id: Generated<number>;
  tenant_id: number;
  meeting_id: number;
  template: string; // half-year | plan-approval
  title: string;
  as_of: string;
  reporting_officer: string | null;
  contact_officers: string; // JSON string[]
  restricted: number;
  exempt_paragraph: number | null;
  plan_ids: string; // JSON number[]
  purpose: string | null;
  background: string | null;
  main: string | null;
  considerations: string; // JSON Record<string, string>
  recommendations: string; // JSON string[]
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportIssueTable {
  id: Generated<number>;
  tenant_id: number;
  report_id: number;
  number: number;
  as_of: string;
  issued_at: string;
  issued_by_user_id: number | null;
  issued_by_name: string;
  model_json: string;
  html: string;
  docx: Buffer;
  xlsx: Buffer;
  pdf: Buffer | null;
}

export interface Database {
  tenants: TenantTable;
  org_units: OrgUnitTable;
  people: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_attempts: SignInAttemptTable;
  sso_identities: SsoIdentityTable;
  throttle_counters: ThrottleCounterTable;
  password_resets: PasswordResetTable;
  positions_changes: PositionsChangeTable;
  plan_years: PlanYearTable;
  reporting_periods: ReportingPeriodTable;
  corporate_plans: CorporatePlanTable;
  corporate_values: CorporateValueTable;
  priorities: PriorityTable;
  pledges: PledgeTable;
  service_plans: ServicePlanTable;
  plan_versions: PlanVersionTable;
  plan_goals: PlanGoalTable;
  objectives: ObjectiveTable;
  objective_priorities: ObjectiveLinkTable;
  objective_pledges: ObjectiveLinkTable;
  actions: ActionTable;
  action_leads: ActionLeadTable;
  action_impacts: ActionImpactTable;
  action_partnerships: ActionPartnershipTable;
  action_priorities: ActionLinkTable;
  action_pledges: ActionLinkTable;
  audit_events: AuditEventTable;
  status_words: StatusWordTable;
  progress_updates: ProgressUpdateTable;
  import_drafts: ImportDraftTable;
  committees: CommitteeTable;
  meetings: MeetingTable;
  reports: ReportTable;
  report_issues: ReportIssueTable;
  reminders_sent: ReminderSentTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
