// A committee report as plain data: the cover report (numbered sections and paragraphs) and its
// appendices built from live data as at a date. The services assemble it; the renderers in this
// folder turn it into accessible HTML, DOCX, PDF (printed from the HTML) and XLSX. Renderers do
// no lookups and no arithmetic on the plan: every number they show is in the model.

import type { ChartRow, ChartSeries } from '../domain/charts.ts';
import type { Rag } from '../domain/rag.ts';
import type { Stage } from '../domain/stages.ts';

export const REPORT_TEMPLATES = ['half-year', 'plan-approval'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];

export interface ReportParagraph {
  /** "1.1", "3.2": the section number, a dot and the paragraph's place in the section. */
  number: string;
  /** Plain text; blank lines separate paragraphs within one numbered paragraph. */
  text: string;
  /** Lines under the paragraph, such as "Financial: None" (shown as a list without bullets). */
  lines?: string[];
}

export interface ReportSection {
  /** 1, 2, 3 … (shown as "1.0" in Northern Irish councils' papers and "1" in English ones). */
  number: number;
  heading: string;
  paragraphs: ReportParagraph[];
}

export interface ProgressRow {
  code: string;
  title: string;
  leadOfficers: string;
  /** ISO date (the revised due date when there is one). */
  dueDate: string | null;
  stage: Stage | null;
  stageLabel: string;
  rag: Rag;
  ragLabel: string;
  ragSymbol: string;
  /** The one-line reason for the traffic light, for councillors. */
  ragExplanation: string;
  narrative: string | null;
  /** ISO date of the latest update. */
  asAt: string | null;
}

export interface ProgressObjective {
  /** "1.1 Keep the register complete", or the title alone. */
  heading: string;
  goal: string | null;
  rows: ProgressRow[];
}

export interface ChartData {
  id: string;
  title: string;
  /** Alt text: what the chart shows, in words, with the numbers. */
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** The chart as accessible SVG (title, desc), made by src/domain/charts.ts. */
  svg: string;
}

export interface SummaryRow {
  service: string;
  total: number;
  byRag: Record<Rag, number>;
  byStage: Record<Stage, number>;
}

export interface ExceptionRow {
  service: string;
  code: string;
  title: string;
  leadOfficers: string;
  dueDate: string | null;
  /** Why it is an exception: "Red", "Overdue", "Not updated". */
  reasons: string[];
  rag: Rag;
  ragLabel: string;
  ragSymbol: string;
  narrative: string | null;
}

export type Appendix =
  | { kind: 'progress'; letter: string; title: string; plan: { title: string; orgCode: string; orgName: string; year: string }; objectives: ProgressObjective[] }
  | { kind: 'summary'; letter: string; title: string; rows: SummaryRow[]; totals: SummaryRow; ragChart: ChartData; stageChart: ChartData }
  | { kind: 'exceptions'; letter: string; title: string; rows: ExceptionRow[] };

export interface ReportModel {
  council: { name: string };
  template: ReportTemplate;
  /** "Report on": the report's title. */
  title: string;
  committee: string | null;
  /** ISO date of the meeting. */
  meetingDate: string | null;
  reportingOfficer: string | null;
  contactOfficers: string[];
  restricted: boolean;
  /** The Schedule 12A paragraph relied on, when restricted. */
  exemptCategory: { paragraph: number; text: string } | null;
  /** The date the appendices describe (ISO). */
  asOf: string;
  /** How section numbers are written: "1" (England) or "1.0" (Northern Ireland). */
  numbering: 'plain' | 'decimal';
  sections: ReportSection[];
  appendices: Appendix[];
  /** Set on an issued (frozen) version. */
  issued: { version: number; issuedAt: string; issuedBy: string } | null;
}
