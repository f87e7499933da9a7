import { z } from 'zod';
import { formatUkDate } from '../domain/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { canReadDraftReports, reportAudience } from '../domain/permissions.ts';
import { draftCover } from '../domain/report-drafting.ts';
import { checkStyle, REPORT_STYLES, SECTION_KEYS, type ReportStyle } from '../domain/report-sections.ts';
import { renderReportDocx } from '../reports/docx.ts';
import { PdfUnavailableError } from '../reports/errors.ts';
import { renderReportHtml } from '../reports/html.ts';
import { REPORT_TEMPLATES, type ReportModel, type ReportTemplate } from '../reports/model.ts';
import { chromiumPdf, type PdfRenderer } from '../reports/pdf.ts';
import { renderReportXlsx } from '../reports/xlsx.ts';
import type { MeetingListRow, ReportFields, ReportIssueSummary, ReportRow, Repos } from '../db/repositories/index.ts';
import { assertCanAdminister, assertCanChangePlans, recordChange, type Actor, type Deps } from './context.ts';
import type { PlanService } from './plans.ts';
import { exemptParagraphField } from './restriction.ts';
import { actorHasClearance } from './visibility.ts';
import type { ProgressService } from './progress.ts';
import { buildReportModel, draftInput, draftMain, type CoverFields, type PlanData } from './report-builder.ts';
import { hasControlCharacter, idList, nameList, oneOf, optionalText, requiredDate, requiredId, requiredText, validate, version, type Loose } from './validation.ts';

// Committee reports (the committees and meetings they are for are in committees.ts): reports drafted from live data, their outputs (HTML,
// DOCX, PDF, XLSX) and issued versions, which are stored and never regenerated.

export const REPORT_FORMATS = ['html', 'docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export { PdfUnavailableError, REPORT_TEMPLATES, type ReportTemplate };

export interface ReportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const reportSchema = z
  .object({
    meetingId: requiredId('the meeting'),
    template: oneOf(REPORT_TEMPLATES, 'the kind of report'),
    title: requiredText('what the report is on', 300),
    asOf: requiredDate('the as-at date'),
    reportingOfficer: optionalText('reporting officer', 200),
    contactOfficers: nameList('contact officers', 200),
    restricted: z.preprocess((v) => v === true || v === 'yes' || v === 'true', z.boolean()),
    exemptParagraph: exemptParagraphField(),
    planIds: idList('plans').refine((l) => l.length > 0, 'Choose at least one plan to report on'),
    purpose: optionalText('purpose', 5000),
    background: optionalText('background', 10000),
    main: optionalText('main report', 20000),
    considerations: z.record(z.string(), z.string().max(2000, 'Each consideration must be 2000 characters or fewer').refine((t) => !hasControlCharacter(t), 'Considerations must not contain control characters')).default({}),
    recommendations: nameList('recommendations', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.restricted && v.exemptParagraph === null) {
      ctx.addIssue({ code: 'custom', path: ['exemptParagraph'], message: 'Select the exempt information category the restricted report relies on' });
    }
  });
export type ReportInput = Loose<z.input<typeof reportSchema>>;

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

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '').slice(0, 60);

function fieldsOf(row: ReportRow): ReportFields {
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

export class ReportService {
  constructor(
    private readonly deps: Deps,
    private readonly plans: PlanService,
    private readonly progress: ProgressService,
  ) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  // Council style ---------------------------------------------------------------------------------

  async style(actor: Actor, r: Repos = this.repos): Promise<ReportStyle> {
    const tenant = await r.tenants.get(actor.tenantId);
    if (!tenant) throw new NotFoundError('Council');
    return tenant.report_style ? (JSON.parse(tenant.report_style) as ReportStyle) : REPORT_STYLES.england;
  }

  /** Chooses a default style and edits its headings, sections and considerations ("Heading: item; item" per line). */
  async saveStyle(actor: Actor, input: { base: unknown; headings?: Record<string, unknown>; include?: unknown; considerations?: unknown }): Promise<void> {
    assertCanAdminister(actor);
    const base = input.base === 'northern_ireland' ? REPORT_STYLES.northern_ireland : input.base === 'england' ? REPORT_STYLES.england : null;
    if (!base) throw new ValidationError({ base: 'Select the style of cover report' });
    const include = new Set(Array.isArray(input.include) ? input.include.map(String) : typeof input.include === 'string' ? [input.include] : SECTION_KEYS);
    const headings = input.headings ?? {};
    const sections = base.sections
      .filter((s) => include.has(s.key) || s.key === 'purpose')
      .map((s) => ({ key: s.key, heading: typeof headings[s.key] === 'string' && (headings[s.key] as string).trim() ? (headings[s.key] as string).trim().slice(0, 200) : s.heading }));
    let considerations = base.considerations;
    if (typeof input.considerations === 'string' && input.considerations.trim()) {
      considerations = input.considerations
        .split(/\r?\n/u)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((line) => {
          const [heading, items = ''] = line.split(/:(.*)/su);
          return { heading: (heading ?? '').trim(), items: items.split(';').map((i) => i.trim()).filter(Boolean) };
        });
    }
    const style: ReportStyle = { key: base.key, numbering: base.numbering, sections, considerations };
    const problem = checkStyle(style);
    if (problem) throw new ValidationError({ considerations: problem });
    await this.deps.store.transaction(async (r) => {
      const before = await this.style(actor, r);
      await r.tenants.updateReportStyle(actor.tenantId, JSON.stringify(style));
      await recordChange(r, actor, 'council', actor.tenantId, 'report_style', { before, after: style });
    });
  }

  // Reports -----------------------------------------------------------------------------------------

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
  private async visibleReport(actor: Actor, id: number, need: 'issued' | 'draft' = 'issued'): Promise<ReportRow & { draftReadable: boolean }> {
    const report = await this.repos.reports.get(actor.tenantId, id);
    if (!report || (report.restricted === 1 && !actorHasClearance(actor))) throw new NotFoundError('Report');
    const draftReadable = await this.mayReadDrafts(actor);
    if (!draftReadable && (need === 'draft' || !(await this.repos.reports.issues(actor.tenantId, id)).length)) throw new NotFoundError('Report');
    return { ...report, draftReadable };
  }

  /** Only someone who will still see it may make a report restricted. */
  private assertMayRestrict(actor: Actor, restricted: boolean): void {
    if (restricted && !actorHasClearance(actor)) throw new ValidationError({ restricted: 'Only people with access to restricted items can mark a report restricted. Ask an administrator.' });
  }

  async detail(actor: Actor, id: number): Promise<ReportDetail> {
    const { draftReadable, ...report } = await this.visibleReport(actor, id);
    const [meeting, issues, style] = await Promise.all([this.repos.reports.meeting(actor.tenantId, report.meeting_id), this.repos.reports.issues(actor.tenantId, id), this.style(actor)]);
    if (!meeting) throw new NotFoundError('Report');
    const f = fieldsOf(report);
    return { report, meeting, planIds: f.planIds, contactOfficers: f.contactOfficers, considerations: f.considerations, recommendations: f.recommendations, issues, style, draftReadable };
  }

  /**
   * Creates a draft report. Purpose, background, main report and recommendations left blank are
   * drafted from the data, for the officer to edit.
   */
  async create(actor: Actor, input: ReportInput): Promise<number> {
    assertCanChangePlans(actor);
    const v = validate(reportSchema, input);
    this.assertMayRestrict(actor, v.restricted);
    const council = await this.repos.tenants.get(actor.tenantId);
    const plans = await this.planData(actor, v.planIds, v.asOf, v.restricted);
    const drafted = draftCover({ ...draftInput(v.template, council?.name ?? '', v.asOf, plans), template: v.template });
    const fields: ReportFields = {
      ...v,
      purpose: v.purpose ?? drafted.purpose,
      background: v.background ?? drafted.background,
      main: v.main ?? draftMain(v.template, council?.name ?? '', v.asOf, plans),
      recommendations: v.recommendations.length ? v.recommendations : drafted.recommendations,
    };
    return this.deps.store.transaction(async (r) => {
      if (!(await r.reports.meeting(actor.tenantId, v.meetingId))) throw new ValidationError({ meetingId: 'Select a meeting' });
      const id = await r.reports.create(actor.tenantId, fields);
      await recordChange(r, actor, 'report', id, 'create', { after: fields });
      return id;
    });
  }

  async update(actor: Actor, id: number, expectedVersion: number, input: ReportInput): Promise<void> {
    assertCanChangePlans(actor);
    const v = validate(reportSchema, input);
    const ver = validate(version, expectedVersion);
    this.assertMayRestrict(actor, v.restricted);
    await this.visibleReport(actor, id);
    await this.planData(actor, v.planIds, v.asOf, v.restricted);
    await this.deps.store.transaction(async (r) => {
      const before = await r.reports.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Report');
      if (!(await r.reports.meeting(actor.tenantId, v.meetingId))) throw new ValidationError({ meetingId: 'Select a meeting' });
      if (!(await r.reports.update(actor.tenantId, id, ver, v))) throw new ConflictError('Someone else changed this report since you opened it.');
      await recordChange(r, actor, 'report', id, 'update', { before: fieldsOf(before), after: v });
    });
  }

  /** Replaces the main report with text drafted from the data as at the report's date. */
  async redraft(actor: Actor, id: number, expectedVersion: number): Promise<void> {
    assertCanChangePlans(actor);
    const { report } = await this.detail(actor, id);
    const f = fieldsOf(report);
    const council = await this.repos.tenants.get(actor.tenantId);
    const plans = await this.planData(actor, f.planIds, f.asOf, f.restricted);
    await this.update(actor, id, expectedVersion, { ...f, main: draftMain(report.template as ReportTemplate, council?.name ?? '', f.asOf, plans) });
  }

  /** The report as it stands now, from live data. */
  async model(actor: Actor, id: number, issued: ReportModel['issued'] = null): Promise<ReportModel> {
    await this.visibleReport(actor, id, 'draft');
    const { report, meeting } = await this.detail(actor, id);
    const f = fieldsOf(report);
    return this.buildModel(actor, { ...f, template: report.template as ReportTemplate, committee: meeting.committeeName, meetingDate: meeting.meeting_date }, f.planIds, issued);
  }

  /** A report straight from the data, without saving it (the CLI's `report`). */
  async adHoc(
    actor: Actor,
    opts: { year: string; orgCodes: string[]; asOf: string; template: ReportTemplate; title?: string; meetingDate?: string; committee?: string },
  ): Promise<ReportModel> {
    const all = await this.plans.list(actor);
    const yearPlans = all.filter((p) => p.yearLabel === opts.year);
    if (!yearPlans.length) throw new ValidationError({ year: `There are no plans for ${opts.year}` });
    const chosen = opts.orgCodes.length ? opts.orgCodes.map((code) => yearPlans.find((p) => p.orgCode === code.toUpperCase()) ?? null) : yearPlans;
    const missing = opts.orgCodes.filter((_, i) => chosen[i] === null);
    if (missing.length) throw new ValidationError({ org: `No ${opts.year} plan for ${missing.join(', ')}. Plans that year: ${yearPlans.map((p) => p.orgCode).join(', ')}` });
    const planIds = chosen.map((p) => p!.id);
    const council = await this.repos.tenants.get(actor.tenantId);
    const plans = await this.planData(actor, planIds, opts.asOf, false);
    const drafted = draftCover({ ...draftInput(opts.template, council?.name ?? '', opts.asOf, plans), template: opts.template });
    const services = plans.map((p) => p.detail.unit.name);
    const title = opts.title ?? (opts.template === 'half-year' ? `Service plans ${opts.year}: progress to ${formatUkDate(opts.asOf)}` : `Service improvement plans ${opts.year}: ${services.join(', ')}`);
    return this.buildModel(
      actor,
      {
        template: opts.template,
        title,
        committee: opts.committee ?? null,
        meetingDate: opts.meetingDate ?? null,
        reportingOfficer: null,
        contactOfficers: [],
        restricted: false,
        exemptParagraph: null,
        asOf: opts.asOf,
        purpose: drafted.purpose,
        background: drafted.background,
        main: draftMain(opts.template, council?.name ?? '', opts.asOf, plans),
        considerations: {},
        recommendations: drafted.recommendations,
      },
      planIds,
      null,
    );
  }

  /** One output of the report as it stands now. PDF throws PdfUnavailableError without Chromium. */
  async render(actor: Actor, id: number, format: ReportFormat): Promise<ReportFile> {
    const model = await this.model(actor, id);
    return renderFile(model, format, `${slug(model.title)}-draft`, this.deps.pdf);
  }

  /**
   * Issues the report: generates every output from the data as at its date and stores them with
   * who issued it and when. An issued version is never regenerated or overwritten; issuing again
   * makes the next version. PDF is stored when Chromium is installed.
   */
  async issue(actor: Actor, id: number, expectedVersion?: number): Promise<number> {
    assertCanChangePlans(actor);
    await this.visibleReport(actor, id);
    const r = this.repos;
    // Issue what the user looked at: a draft saved by someone else since then is not issued unseen.
    if (expectedVersion !== undefined) {
      const current = await r.reports.get(actor.tenantId, id);
      if (!current) throw new NotFoundError('Report');
      if (current.version !== validate(version, expectedVersion)) throw new ConflictError('Someone else changed this report since you opened it. Check the draft, then issue it.');
    }
    const existing = await r.reports.issues(actor.tenantId, id);
    const number = (existing[0]?.number ?? 0) + 1;
    const user = actor.userId ? await r.users.get(actor.userId) : undefined;
    const issuedAt = this.deps.clock().toISOString();
    const issuedBy = user?.name ?? 'Waymark';
    const model = await this.model(actor, id, { version: number, issuedAt, issuedBy });
    const html = renderReportHtml(model);
    const [docx, xlsx] = await Promise.all([renderReportDocx(model), renderReportXlsx(model)]);
    const pdf = this.deps.pdf.available() ? await this.deps.pdf.render(html) : null;
    return this.deps.store.transaction(async (tx) => {
      // Two people issuing at once would pick the same number: the unique (report, number) refuses the second.
      if (await tx.reports.issue(actor.tenantId, id, number)) throw new ConflictError(`Version ${number} was issued by someone else a moment ago.`);
      const issueId = await tx.reports.createIssue({
        tenant_id: actor.tenantId,
        report_id: id,
        number,
        as_of: model.asOf,
        issued_at: issuedAt,
        issued_by_user_id: actor.userId,
        issued_by_name: issuedBy,
        model_json: JSON.stringify(model),
        html,
        docx,
        xlsx,
        pdf,
      });
      await recordChange(tx, actor, 'report', id, 'issue', { after: { number, asOf: model.asOf, issueId, pdf: pdf !== null } });
      return number;
    });
  }

  async issues(actor: Actor, id: number): Promise<ReportIssueSummary[]> {
    await this.visibleReport(actor, id);
    return this.repos.reports.issues(actor.tenantId, id);
  }

  /** A stored file of an issued version, exactly as it was issued. */
  async issuedFile(actor: Actor, id: number, number: number, format: ReportFormat): Promise<ReportFile> {
    await this.visibleReport(actor, id);
    const issue = await this.repos.reports.issue(actor.tenantId, id, number);
    if (!issue) throw new NotFoundError('Issued report');
    const name = `${slug((JSON.parse(issue.model_json) as ReportModel).title)}-v${number}`;
    const body = format === 'html' ? Buffer.from(issue.html, 'utf8') : format === 'docx' ? issue.docx : format === 'xlsx' ? issue.xlsx : issue.pdf;
    if (!body) throw new PdfUnavailableError('This version was issued on a server without Chromium, so it has no PDF. Its Word, HTML and Excel files are stored.');
    return { filename: `${name}.${format}`, contentType: CONTENT_TYPES[format], body: Buffer.from(body) };
  }

  // -------------------------------------------------------------------------------------------------

  private async buildModel(actor: Actor, cover: CoverFields, planIds: number[], issued: ReportModel['issued']): Promise<ReportModel> {
    const [council, style, plans] = await Promise.all([this.repos.tenants.get(actor.tenantId), this.style(actor), this.planData(actor, planIds, cover.asOf, cover.restricted)]);
    return buildReportModel({ councilName: council?.name ?? '', style, cover, plans, issued });
  }

  /**
   * The chosen plans and their positions as at the date, which must fall in (or in the reporting of)
   * each plan's year. A restricted report includes restricted actions and updates; any other leaves
   * them out, whoever is drafting it (src/domain/permissions.ts, reportAudience).
   */
  private async planData(actor: Actor, planIds: number[], asOf: string, restricted: boolean): Promise<PlanData[]> {
    const audience = reportAudience(restricted);
    if (!planIds.length) throw new ValidationError({ planIds: 'Choose at least one plan to report on' });
    await this.progress.resolveAsOf(actor, asOf);
    // When the council signs off updates and says so, reports use approved updates only.
    const council = await this.repos.tenants.get(actor.tenantId);
    const approvedOnly = council?.require_approval === 1 && council.reports_approved_only === 1;
    const out: PlanData[] = [];
    for (const id of planIds) {
      const detail = await this.plans.detail(actor, id, { audience }).catch((e: unknown) => {
        throw e instanceof NotFoundError ? new ValidationError({ planIds: 'Choose plans of this council' }) : e;
      });
      const actions = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives].flatMap((o) => o.actions);
      const positions = await this.progress.positions(actor, actions, asOf, { approvedOnly, audience });
      out.push({ detail, positions: new Map(positions.map((p) => [p.action.id, p])) });
    }
    const { year } = await this.progress.resolveAsOf(actor, asOf);
    const outside = out.filter((p) => p.detail.year.id !== year.id);
    if (outside.length) {
      throw new ValidationError({
        asOf: `As-at date ${formatUkDate(asOf)} falls in ${year.label}, but ${outside.map((p) => `${p.detail.plan.title} is for ${p.detail.year.label}`).join('; ')}. Choose a date in the plans' year.`,
      });
    }
    return out;
  }
}

/** Renders one output; PDF is printed from the HTML by `pdf` (Chromium by default). */
export async function renderFile(model: ReportModel, format: ReportFormat, name: string, pdf: PdfRenderer = chromiumPdf): Promise<ReportFile> {
  const filename = `${name}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format === 'html') return { filename, contentType, body: Buffer.from(renderReportHtml(model), 'utf8') };
  if (format === 'docx') return { filename, contentType, body: await renderReportDocx(model) };
  if (format === 'xlsx') return { filename, contentType, body: await renderReportXlsx(model) };
  return { filename, contentType, body: await pdf.render(renderReportHtml(model)) };
}
