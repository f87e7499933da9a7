import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { draftCover } from '../domain/report-drafting.ts';
import { checkStyle, REPORT_STYLES, SECTION_KEYS, type ReportStyle } from '../domain/report-sections.ts';
import { PdfUnavailableError } from '../reports/errors.ts';
import { REPORT_TEMPLATES, type ReportModel, type ReportTemplate } from '../reports/model.ts';
import type { ReportFields, ReportIssueSummary, Repos } from '../db/repositories/index.ts';
import { assertCanAdminister, assertCanChangePlans, recordChange, type Actor, type Deps } from './context.ts';
import type { PlanService } from './plans.ts';
import { exemptParagraphField } from './restriction.ts';
import { actorHasClearance } from './visibility.ts';
import type { ProgressService } from './progress.ts';
import { draftInput, draftMain } from './report-builder.ts';
import { hasControlCharacter, idList, nameList, oneOf, optionalText, requiredDate, requiredId, requiredText, validate, version, type Loose } from './validation.ts';

// Committee reports (the committees and meetings they are for are in committees.ts): the council's
// report style, and drafting reports from live data. Who may read which report is in
// report-access.ts; models, files and issued versions (stored, never regenerated) in
// report-issues.ts and report-files.ts. This service passes those calls on.

export { PdfUnavailableError, REPORT_TEMPLATES, type ReportTemplate };
export { REPORT_FORMATS, renderFile, type ReportFile, type ReportFormat } from './report-files.ts';
export type { ReportDetail } from './report-access.ts';
export type { AdHocReport } from './report-issues.ts';
import { fieldsOf, ReportAccess, type ReportDetail } from './report-access.ts';
import { ReportIssueService, type AdHocReport } from './report-issues.ts';
import type { ReportFile, ReportFormat } from './report-files.ts';

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

export class ReportService {
  private readonly access: ReportAccess;
  private readonly issuing: ReportIssueService;

  constructor(
    private readonly deps: Deps,
    plans: PlanService,
    progress: ProgressService,
  ) {
    this.access = new ReportAccess(deps);
    this.issuing = new ReportIssueService(deps, this.access, plans, progress);
  }

  private get repos(): Repos {
    return this.deps.store.repos;
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

  /** Only someone who will still see it may make a report restricted. */
  private assertMayRestrict(actor: Actor, restricted: boolean): void {
    if (restricted && !actorHasClearance(actor)) throw new ValidationError({ restricted: 'Only people with access to restricted items can mark a report restricted. Ask an administrator.' });
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
    const plans = await this.issuing.planData(actor, v.planIds, v.asOf, v.restricted);
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
    await this.access.visibleReport(actor, id);
    await this.issuing.planData(actor, v.planIds, v.asOf, v.restricted);
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
    const { report } = await this.access.detail(actor, id);
    const f = fieldsOf(report);
    const council = await this.repos.tenants.get(actor.tenantId);
    const plans = await this.issuing.planData(actor, f.planIds, f.asOf, f.restricted);
    await this.update(actor, id, expectedVersion, { ...f, main: draftMain(report.template as ReportTemplate, council?.name ?? '', f.asOf, plans) });
  }

  // Reading (report-access.ts), and models, files and issued versions (report-issues.ts) -----------

  style(actor: Actor, r?: Repos): Promise<ReportStyle> {
    return this.access.style(actor, r);
  }

  mayReadDrafts(actor: Actor, r?: Repos): Promise<boolean> {
    return this.access.mayReadDrafts(actor, r);
  }

  list(actor: Actor) {
    return this.access.list(actor);
  }

  detail(actor: Actor, id: number): Promise<ReportDetail> {
    return this.access.detail(actor, id);
  }

  model(actor: Actor, id: number, issued: ReportModel['issued'] = null): Promise<ReportModel> {
    return this.issuing.model(actor, id, issued);
  }

  adHoc(actor: Actor, opts: AdHocReport): Promise<ReportModel> {
    return this.issuing.adHoc(actor, opts);
  }

  render(actor: Actor, id: number, format: ReportFormat): Promise<ReportFile> {
    return this.issuing.render(actor, id, format);
  }

  issue(actor: Actor, id: number, expectedVersion?: number): Promise<number> {
    return this.issuing.issue(actor, id, expectedVersion);
  }

  issues(actor: Actor, id: number): Promise<ReportIssueSummary[]> {
    return this.issuing.issues(actor, id);
  }

  issuedFile(actor: Actor, id: number, number: number, format: ReportFormat): Promise<ReportFile> {
    return this.issuing.issuedFile(actor, id, number, format);
  }
}
