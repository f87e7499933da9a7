import { formatUkDate } from '../../../domain/dates.ts';
import { exemptCategory, type ReportStyle } from '../../../domain/report-sections.ts';
import { REPORT_TEMPLATES, type ReportDetail, type ReportFormat } from '../../../services/reports.ts';
import { checkboxItems, radioItems, restrictionItems, selectItems } from '../../items.ts';

// The committee report pages' view models (see docs/architecture.md, Presenters).

const TEMPLATE_LABELS: Record<string, string> = {
  'half-year': 'Half-year progress report',
  'plan-approval': 'Plan approval report',
};

const TEMPLATE_HINTS: Record<string, string> = {
  'half-year':
    'Progress on every action of the chosen plans as at the date: traffic lights, a summary by service with charts, and the exceptions (red, overdue and not updated actions).',
  'plan-approval': "Asks the committee to approve the chosen plans; the appendices set out each plan's objectives and actions.",
};

const FORMAT_LABELS: Record<ReportFormat, string> = { docx: 'Word (.docx)', pdf: 'PDF', html: 'HTML', xlsx: 'Excel (.xlsx)' };
/** The order downloads are offered in. */
const FORMAT_ORDER: readonly ReportFormat[] = ['docx', 'pdf', 'html', 'xlsx'];

const ANCHORS = { meetingId: 'meetingId', template: 'template', asOf: 'asOf-day', restricted: 'restricted', planIds: 'planIds', exemptParagraph: 'exemptParagraph' };

/** Each line of the council's "Other considerations", numbered in the order the form shows them. */
function considerationItems(style: ReportStyle): { heading: string; items: { index: number; item: string }[] }[] {
  let index = 0;
  return style.considerations.map((g) => ({ heading: g.heading, items: g.items.map((item) => ({ index: index++, item })) }));
}

export const flatItems = (style: ReportStyle) => style.considerations.flatMap((g) => g.items);
export const hasSection = (style: ReportStyle, key: string) => style.sections.some((s) => s.key === key);

export interface FormValues {
  meetingId: string;
  template: string;
  title: string;
  reportingOfficer: string;
  contactOfficers: string;
  restricted: string;
  exemptParagraph: string;
  planIds: string[];
  purpose: string;
  background: string;
  main: string;
  recommendations: string;
  /** Text of each consideration item, by its index in the form. */
  considerations: string[];
}

const issuedTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "25 November 2026 at 14:05" (UK time) from an ISO timestamp. */
export function issuedAtText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatUkDate(iso)} at ${issuedTime.format(d)}`;
}

const reportsCrumb = { text: 'Reports', href: '/reports' };

/** /reports: each report with its meeting, kind, as-at date and how many versions were issued. */
export function reportListPage(input: { reports: readonly { id: number; title: string; committeeName: string; meetingDate: string; template: string; as_of: string; issues: number }[] }) {
  return {
    title: 'Committee reports',
    section: 'reports',
    reports: input.reports.map((r) => ({
      id: r.id,
      title: r.title,
      committeeName: r.committeeName,
      meetingDate: formatUkDate(r.meetingDate),
      templateLabel: TEMPLATE_LABELS[r.template] ?? r.template,
      asOf: formatUkDate(r.as_of),
      issues: r.issues,
    })),
  };
}

/** /reports/new and /reports/:id/edit: the cover report's fields, with the council's own headings and considerations. */
export function reportFormPage(input: {
  id?: number;
  version?: number;
  values: FormValues;
  asOfParts: { day: string; month: string; year: string };
  errors?: Record<string, string>;
  meetings: readonly { id: number; committeeName: string; meeting_date: string }[];
  plans: readonly { id: number; title: string; orgCode: string; orgName: string; yearLabel: string; actions: number }[];
  style: ReportStyle;
}) {
  const { meetings, plans, style, ...data } = input;
  const v = data.values;
  return {
    title: data.id ? 'Edit the report' : 'Create a report',
    section: 'reports',
    meetingItems: selectItems(meetings, (m) => m.id, (m) => `${m.committeeName}, ${formatUkDate(m.meeting_date)}`, v.meetingId, 'Select a meeting'),
    hasMeetings: meetings.length > 0,
    templateItems: radioItems(REPORT_TEMPLATES, (t) => TEMPLATE_LABELS[t] ?? t, v.template).map((i) => ({ ...i, hint: { text: TEMPLATE_HINTS[i.value] ?? '' } })),
    planItems: checkboxItems(plans, (p) => p.id, (p) => `${p.orgCode} ${p.yearLabel}: ${p.title}`, v.planIds).map((item, i) => ({
      ...item,
      hint: { text: `${plans[i]!.orgName}, ${plans[i]!.actions} action${plans[i]!.actions === 1 ? '' : 's'}` },
    })),
    ...restrictionItems(v.restricted, v.exemptParagraph, 'No, it is open to the public'),
    considerationGroups: hasSection(style, 'considerations') ? considerationItems(style) : [],
    headings: Object.fromEntries(style.sections.map((s) => [s.key, s.heading])),
    style,
    errorAnchors: ANCHORS,
    breadcrumbs: [reportsCrumb, ...(data.id ? [{ text: v.title || 'Report', href: `/reports/${data.id}` }] : [])],
    ...data,
  };
}

/** /reports/:id: the cover fields, the draft's text (when the reader may see it), the downloads and the issued versions. */
export function reportPage(input: { detail: ReportDetail; plans: readonly { id: number; title: string; orgCode: string; yearLabel: string }[] }) {
  const d = input.detail;
  const r = d.report;
  const chosen = d.planIds.map((id) => input.plans.find((p) => p.id === id)).filter((p) => p !== undefined);
  const groups = considerationItems(d.style);
  return {
    title: r.title,
    section: 'reports',
    report: { id: r.id, title: r.title, version: r.version, asOf: formatUkDate(r.as_of), reportingOfficer: r.reporting_officer, purpose: r.purpose, background: r.background, main: r.main },
    meeting: { committeeName: d.meeting.committeeName, date: formatUkDate(d.meeting.meeting_date) },
    contactOfficers: d.contactOfficers,
    recommendations: d.recommendations,
    style: { sections: d.style.sections.map((s) => ({ key: s.key, heading: s.heading })) },
    draftReadable: d.draftReadable,
    plans: chosen.map((p) => ({ id: p.id, title: p.title, orgCode: p.orgCode, yearLabel: p.yearLabel })),
    templateLabel: TEMPLATE_LABELS[r.template] ?? r.template,
    exempt: r.restricted ? exemptCategory(r.exempt_paragraph) : null,
    considerationLines: groups.map((g) => ({ heading: g.heading, lines: g.items.map(({ item }) => ({ item, text: d.considerations[item]?.trim() || 'None' })) })),
    issues: d.issues.map((i) => ({ number: i.number, asOf: formatUkDate(i.as_of), issuedAtText: issuedAtText(i.issued_at), issuedByName: i.issued_by_name, hasPdf: Boolean(i.has_pdf) })),
    formats: FORMAT_ORDER.map((f) => ({ format: f, label: FORMAT_LABELS[f] })),
    anyWithoutPdf: d.issues.some((i) => !i.has_pdf),
    breadcrumbs: [reportsCrumb],
  };
}

/** The page that says why there is no PDF (the server lacks Chromium). */
export function pdfUnavailablePage(input: { message: string; reportId: number }) {
  return {
    title: 'The PDF is not available',
    section: 'reports',
    message: input.message,
    reportId: input.reportId,
    breadcrumbs: [reportsCrumb, { text: 'Report', href: `/reports/${input.reportId}` }],
  };
}
