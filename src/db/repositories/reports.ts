import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type CommitteeRow = Row<'committees'>;
export type MeetingRow = Row<'meetings'>;
export type ReportRow = Row<'reports'>;
export type ReportIssueRow = Row<'report_issues'>;
export type ReportIssueSummary = Omit<ReportIssueRow, 'html' | 'docx' | 'xlsx' | 'pdf' | 'model_json'> & { has_pdf: boolean };

export interface ReportFields {
  meetingId: number;
  template: string;
  title: string;
  asOf: string;
  reportingOfficer: string | null;
  contactOfficers: string[];
  restricted: boolean;
  exemptParagraph: number | null;
  planIds: number[];
  purpose: string | null;
  background: string | null;
  main: string | null;
  considerations: Record<string, string>;
  recommendations: string[];
}

export interface MeetingListRow extends MeetingRow {
  committeeName: string;
}

const toRow = (f: ReportFields) => ({
  meeting_id: f.meetingId,
  template: f.template,
  title: f.title,
  as_of: f.asOf,
  reporting_officer: f.reportingOfficer,
  contact_officers: JSON.stringify(f.contactOfficers),
  restricted: f.restricted ? 1 : 0,
  exempt_paragraph: f.exemptParagraph,
  plan_ids: JSON.stringify(f.planIds),
  purpose: f.purpose,
  background: f.background,
  main: f.main,
  considerations: JSON.stringify(f.considerations),
  recommendations: JSON.stringify(f.recommendations),
});

export class ReportRepository extends Repository {
  committees(tenantId: number): Promise<CommitteeRow[]> {
    return this.db.selectFrom('committees').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  committee(tenantId: number, id: number): Promise<CommitteeRow | undefined> {
    return this.db.selectFrom('committees').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  committeeByName(tenantId: number, name: string): Promise<CommitteeRow | undefined> {
    return this.db.selectFrom('committees').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
  }

  createCommittee(tenantId: number, name: string): Promise<number> {
    return insertId(this.db.insertInto('committees').values({ tenant_id: tenantId, name, created_at: this.now() }));
  }

  meetings(tenantId: number, committeeId?: number): Promise<MeetingListRow[]> {
    let q = this.db
      .selectFrom('meetings as m')
      .innerJoin('committees as c', 'c.id', 'm.committee_id')
      .selectAll('m')
      .select('c.name as committeeName')
      .where('m.tenant_id', '=', tenantId);
    if (committeeId !== undefined) q = q.where('m.committee_id', '=', committeeId);
    return q.orderBy('m.meeting_date', 'desc').orderBy('c.name').execute();
  }

  meeting(tenantId: number, id: number): Promise<MeetingListRow | undefined> {
    return this.db
      .selectFrom('meetings as m')
      .innerJoin('committees as c', 'c.id', 'm.committee_id')
      .selectAll('m')
      .select('c.name as committeeName')
      .where('m.tenant_id', '=', tenantId)
      .where('m.id', '=', id)
      .executeTakeFirst();
  }

  meetingOn(tenantId: number, committeeId: number, date: string): Promise<MeetingRow | undefined> {
    return this.db.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId).where('committee_id', '=', committeeId).where('meeting_date', '=', date).executeTakeFirst();
  }

  createMeeting(tenantId: number, committeeId: number, date: string): Promise<number> {
    return insertId(this.db.insertInto('meetings').values({ tenant_id: tenantId, committee_id: committeeId, meeting_date: date, created_at: this.now() }));
  }

  renameCommittee(tenantId: number, id: number, name: string): Promise<void> {
    return this.db.updateTable('committees').set({ name }).where('tenant_id', '=', tenantId).where('id', '=', id).execute().then(() => undefined);
  }

  /** Deletes a committee; the service first makes sure it has no meetings. */
  deleteCommittee(tenantId: number, id: number): Promise<void> {
    return this.db.deleteFrom('committees').where('tenant_id', '=', tenantId).where('id', '=', id).execute().then(() => undefined);
  }

  /** How many meetings a committee has. */
  async meetingCount(tenantId: number, committeeId: number): Promise<number> {
    const row = await this.db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('committee_id', '=', committeeId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  updateMeeting(tenantId: number, id: number, committeeId: number, date: string): Promise<void> {
    return this.db.updateTable('meetings').set({ committee_id: committeeId, meeting_date: date }).where('tenant_id', '=', tenantId).where('id', '=', id).execute().then(() => undefined);
  }

  /** Deletes a meeting; the service first makes sure nothing refers to it. */
  deleteMeeting(tenantId: number, id: number): Promise<void> {
    return this.db.deleteFrom('meetings').where('tenant_id', '=', tenantId).where('id', '=', id).execute().then(() => undefined);
  }

  /** What refers to a meeting: its reports, and the plans with an approval (current or a past version) recorded at it. */
  async meetingUsage(tenantId: number, meetingId: number): Promise<{ reports: number; approvedPlans: number }> {
    const reports = await this.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst();
    const plans = await this.db
      .selectFrom('service_plans as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.tenant_id', '=', tenantId)
      .where((eb) =>
        eb.or([
          eb('p.approved_meeting_id', '=', meetingId),
          eb('p.id', 'in', eb.selectFrom('plan_versions as v').select('v.plan_id').where('v.tenant_id', '=', tenantId).where('v.approved_meeting_id', '=', meetingId)),
        ]),
      )
      .executeTakeFirst();
    return { reports: Number(reports?.n ?? 0), approvedPlans: Number(plans?.n ?? 0) };
  }

  list(tenantId: number): Promise<(ReportRow & { meetingDate: string; committeeName: string; issues: number })[]> {
    return this.db
      .selectFrom('reports as r')
      .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
      .innerJoin('committees as c', 'c.id', 'm.committee_id')
      .selectAll('r')
      .select(['m.meeting_date as meetingDate', 'c.name as committeeName'])
      .select((eb) => eb.selectFrom('report_issues as i').whereRef('i.report_id', '=', 'r.id').select((e) => e.fn.countAll<number>().as('n')).as('issues'))
      .where('r.tenant_id', '=', tenantId)
      .orderBy('m.meeting_date', 'desc')
      .orderBy('r.id', 'desc')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, issues: Number(r.issues ?? 0) })));
  }

  get(tenantId: number, id: number): Promise<ReportRow | undefined> {
    return this.db.selectFrom('reports').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  create(tenantId: number, f: ReportFields): Promise<number> {
    const at = this.now();
    return insertId(this.db.insertInto('reports').values({ tenant_id: tenantId, ...toRow(f), version: 1, created_at: at, updated_at: at }));
  }

  /** Optimistic: false when someone else saved a newer version first. */
  async update(tenantId: number, id: number, version: number, f: ReportFields): Promise<boolean> {
    const r = await this.db
      .updateTable('reports')
      .set({ ...toRow(f), version: version + 1, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  issues(tenantId: number, reportId: number): Promise<ReportIssueSummary[]> {
    return this.db
      .selectFrom('report_issues')
      .select(['id', 'tenant_id', 'report_id', 'number', 'as_of', 'issued_at', 'issued_by_user_id', 'issued_by_name'])
      .select((eb) => eb.case().when('pdf', 'is not', null).then(1).else(0).end().as('pdf_flag'))
      .where('tenant_id', '=', tenantId)
      .where('report_id', '=', reportId)
      .orderBy('number', 'desc')
      .execute()
      .then((rows) => rows.map(({ pdf_flag, ...r }) => ({ ...r, has_pdf: Number(pdf_flag) === 1 })));
  }

  issue(tenantId: number, reportId: number, number: number): Promise<ReportIssueRow | undefined> {
    return this.db.selectFrom('report_issues').selectAll().where('tenant_id', '=', tenantId).where('report_id', '=', reportId).where('number', '=', number).executeTakeFirst();
  }

  createIssue(i: Omit<ReportIssueRow, 'id'>): Promise<number> {
    return insertId(this.db.insertInto('report_issues').values(i));
  }
}
