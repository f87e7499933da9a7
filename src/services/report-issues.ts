import { formatUkDate } from '../domain/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { reportAudience } from '../domain/permissions.ts';
import { draftCover } from '../domain/report-drafting.ts';
import { PdfUnavailableError } from '../reports/errors.ts';
import { renderReportDocx } from '../reports/docx.ts';
import { renderReportHtml } from '../reports/html.ts';
import type { ReportModel, ReportTemplate } from '../reports/model.ts';
import { renderReportXlsx } from '../reports/xlsx.ts';
import type { ReportIssueSummary, Repos } from '../db/repositories/index.ts';
import { assertCanChangePlans, recordChange, type Actor, type Deps } from './context.ts';
import type { PlanService } from './plans.ts';
import type { ProgressService } from './progress.ts';
import { fieldsOf, type ReportAccess } from './report-access.ts';
import { buildReportModel, draftInput, draftMain, type CoverFields, type PlanData } from './report-builder.ts';
import { CONTENT_TYPES, renderFile, slug, type ReportFile, type ReportFormat } from './report-files.ts';
import { validate, version } from './validation.ts';

// A committee report's model and files from live data as at its date, and its issued versions:
// stored when issued, and never regenerated or overwritten.

/** A report straight from the data, without saving it (the CLI's `report`). */
export interface AdHocReport {
  year: string;
  orgCodes: string[];
  asOf: string;
  template: ReportTemplate;
  title?: string;
  meetingDate?: string;
  committee?: string;
}

export class ReportIssueService {
  constructor(
    private readonly deps: Deps,
    private readonly access: ReportAccess,
    private readonly plans: PlanService,
    private readonly progress: ProgressService,
  ) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  /** The report as it stands now, from live data. */
  async model(actor: Actor, id: number, issued: ReportModel['issued'] = null): Promise<ReportModel> {
    await this.access.visibleReport(actor, id, 'draft');
    const { report, meeting } = await this.access.detail(actor, id);
    const f = fieldsOf(report);
    return this.buildModel(actor, { ...f, template: report.template as ReportTemplate, committee: meeting.committeeName, meetingDate: meeting.meeting_date }, f.planIds, issued);
  }

  /** A report straight from the data, without saving it (the CLI's `report`). */
  async adHoc(actor: Actor, opts: AdHocReport): Promise<ReportModel> {
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
    await this.access.visibleReport(actor, id);
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
    await this.access.visibleReport(actor, id);
    return this.repos.reports.issues(actor.tenantId, id);
  }

  /** A stored file of an issued version, exactly as it was issued. */
  async issuedFile(actor: Actor, id: number, number: number, format: ReportFormat): Promise<ReportFile> {
    await this.access.visibleReport(actor, id);
    const issue = await this.repos.reports.issue(actor.tenantId, id, number);
    if (!issue) throw new NotFoundError('Issued report');
    const name = `${slug((JSON.parse(issue.model_json) as ReportModel).title)}-v${number}`;
    const body = format === 'html' ? Buffer.from(issue.html, 'utf8') : format === 'docx' ? issue.docx : format === 'xlsx' ? issue.xlsx : issue.pdf;
    if (!body) throw new PdfUnavailableError('This version was issued on a server without Chromium, so it has no PDF. Its Word, HTML and Excel files are stored.');
    return { filename: `${name}.${format}`, contentType: CONTENT_TYPES[format], body: Buffer.from(body) };
  }

  private async buildModel(actor: Actor, cover: CoverFields, planIds: number[], issued: ReportModel['issued']): Promise<ReportModel> {
    const [council, style, plans] = await Promise.all([this.repos.tenants.get(actor.tenantId), this.access.style(actor), this.planData(actor, planIds, cover.asOf, cover.restricted)]);
    return buildReportModel({ councilName: council?.name ?? '', style, cover, plans, issued });
  }

  /**
   * The chosen plans and their positions as at the date, which must fall in (or in the reporting of)
   * each plan's year. A restricted report includes restricted actions and updates; any other leaves
   * them out, whoever is drafting it (src/domain/permissions.ts, reportAudience).
   */
  async planData(actor: Actor, planIds: number[], asOf: string, restricted: boolean): Promise<PlanData[]> {
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
