import { NotFoundError } from '../domain/errors.ts';
import { canReadDraftReports } from '../domain/permissions.ts';
import { REPORT_STYLES, type ReportStyle } from '../domain/report-sections.ts';
import type { MeetingListRow, ReportFields, ReportIssueSummary, ReportRow, Repos } from '../db/repositories/index.ts';
import type { Actor, Deps } from './context.ts';
import { actorHasClearance } from './visibility.ts';

// Who may read which committee report, and reading one: restricted reports only with access to
// restricted items, drafts only for those who may read drafts; the council's report style.

export interface ReportDetail {
  report: ReportRow;
  meeting: MeetingListRow;
  planIds: number[];
  contactOfficers: string[];
  considerations: Record<string, string>;
  recommendations: string[];
  issues: ReportIssueSummary[];
  style: ReportStyle;
  /** Whether the reader may see the current draft (its text, preview and draft downloads), not only issued versions. */
  draftReadable: boolean;
}

export function fieldsOf(row: ReportRow): ReportFields {
  return {
    meetingId: row.meeting_id,
    template: row.template,
    title: row.title,
    asOf: row.as_of,
    reportingOfficer: row.reporting_officer,
    contactOfficers: JSON.parse(row.contact_officers) as string[],
    restricted: row.restricted === 1,
    exemptParagraph: row.exempt_paragraph,
    planIds: JSON.parse(row.plan_ids) as number[],
    purpose: row.purpose,
    background: row.background,
    main: row.main,
    considerations: JSON.parse(row.considerations) as Record<string, string>,
    recommendations: JSON.parse(row.recommendations) as string[],
  };
}

export class ReportAccess {
  constructor(private readonly deps: Deps) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  async style(actor: Actor, r: Repos = this.repos): Promise<ReportStyle> {
    const tenant = await r.tenants.get(actor.tenantId);
    if (!tenant) throw new NotFoundError('Council');
    return tenant.report_style ? (JSON.parse(tenant.report_style) as ReportStyle) : REPORT_STYLES.england;
  }

  /**
   * Whether the actor may read drafts: reports not issued yet and the current draft of issued ones.
   * Councillors only when the council allows it (Settings; src/domain/permissions.ts).
   */
  async mayReadDrafts(actor: Actor, r: Repos = this.repos): Promise<boolean> {
    if (canReadDraftReports(actor.role, false)) return true;
    return canReadDraftReports(actor.role, (await r.tenants.get(actor.tenantId))?.councillors_read_drafts === 1);
  }

  /**
   * The reports the actor may see: restricted ones only with access to restricted items, and
   * reports not issued yet only for those who may read drafts.
   */
  async list(actor: Actor) {
    const rows = await this.repos.reports.list(actor.tenantId);
    const drafts = await this.mayReadDrafts(actor);
    return rows.filter((r) => (r.restricted !== 1 || actorHasClearance(actor)) && (drafts || r.issues > 0));
  }

  /**
   * A restricted report does not exist for someone without access to restricted items; nor does a
   * report not issued yet for someone who may not read drafts. `need: 'draft'` (the live text,
   * preview and draft downloads, its change history) asks for draft access even for an issued report.
   */
  async visibleReport(actor: Actor, id: number, need: 'issued' | 'draft' = 'issued'): Promise<ReportRow & { draftReadable: boolean }> {
    const report = await this.repos.reports.get(actor.tenantId, id);
    if (!report || (report.restricted === 1 && !actorHasClearance(actor))) throw new NotFoundError('Report');
    const draftReadable = await this.mayReadDrafts(actor);
    if (!draftReadable && (need === 'draft' || !(await this.repos.reports.issues(actor.tenantId, id)).length)) throw new NotFoundError('Report');
    return { ...report, draftReadable };
  }

  async detail(actor: Actor, id: number): Promise<ReportDetail> {
    const { draftReadable, ...report } = await this.visibleReport(actor, id);
    const [meeting, issues, style] = await Promise.all([this.repos.reports.meeting(actor.tenantId, report.meeting_id), this.repos.reports.issues(actor.tenantId, id), this.style(actor)]);
    if (!meeting) throw new NotFoundError('Report');
    const f = fieldsOf(report);
    return { report, meeting, planIds: f.planIds, contactOfficers: f.contactOfficers, considerations: f.considerations, recommendations: f.recommendations, issues, style, draftReadable };
  }
}
