// Words every renderer shows the same way: section numbers, the draft or issued line, the cover
// table's rows and the columns of the appendix tables. Plain strings; no format knows about another.

import { RAG_SERIES, textColourOn } from '../domain/charts.ts';
import { formatUkDate } from '../domain/dates.ts';
import { RAG_LABELS, RAG_SYMBOLS, RAGS, type Rag } from '../domain/rag.ts';
import { STAGE_LABELS, STAGES, type Stage } from '../domain/stages.ts';
import type { ReportModel, ReportSection } from './model.ts';

/** "1" (England) or "1.0" (Northern Ireland), as the model's numbering says. */
export function sectionNumber(model: Pick<ReportModel, 'numbering'>, section: Pick<ReportSection, 'number'>): string {
  return model.numbering === 'decimal' ? `${section.number}.0` : String(section.number);
}

/** "Issued version 2, issued on 1 November 2024 by Alex Morgan", or "Draft". */
export function statusLine(model: Pick<ReportModel, 'issued'>): string {
  const i = model.issued;
  return i ? `Issued version ${i.version}, issued on ${formatUkDate(i.issuedAt)} by ${i.issuedBy}` : 'Draft';
}

/** The "Restricted" cover field: "No", or "Yes" with the exempt paragraph relied on. */
export function restrictedText(model: Pick<ReportModel, 'restricted' | 'exemptCategory'>): string {
  if (!model.restricted) return 'No';
  const e = model.exemptCategory;
  return e ? `Yes. Exempt information under paragraph ${e.paragraph}: ${e.text}` : 'Yes';
}

export interface CoverRow {
  label: string;
  value: string;
}

/** The cover table, in order: Report on, Committee (when set), Date of meeting, officers, Restricted. */
export function coverRows(model: ReportModel): CoverRow[] {
  const rows: CoverRow[] = [{ label: 'Report on', value: model.title }];
  if (model.committee) rows.push({ label: 'Committee', value: model.committee });
  rows.push(
    { label: 'Date of meeting', value: model.meetingDate ? formatUkDate(model.meetingDate) : 'Not set' },
    { label: 'Reporting officer', value: model.reportingOfficer ?? 'Not set' },
    { label: 'Contact officer(s)', value: model.contactOfficers.length ? model.contactOfficers.join('; ') : 'Not set' },
    { label: 'Restricted', value: restrictedText(model) },
  );
  return rows;
}

/** Paragraph text split at blank lines into the paragraphs it holds. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** "As at 27 September 2024", or '' when the date is unknown. */
export function asAtText(asAt: string | null): string {
  return asAt ? `As at ${formatUkDate(asAt)}` : '';
}

export const NO_UPDATE = 'No update recorded';

export const PROGRESS_HEAD = ['Code', 'Action', 'Lead officer', 'Due date', 'Stage', 'Traffic light', 'Latest update'] as const;
export const EXCEPTION_HEAD = ['Service', 'Code', 'Action', 'Due date', 'Reasons', 'Traffic light', 'Latest update'] as const;

/** RAG columns of the summary: every RAG in order, with its word and symbol. */
export const RAG_COLUMNS: { key: Rag; label: string; symbol: string }[] = RAGS.map((key) => ({ key, label: RAG_LABELS[key], symbol: RAG_SYMBOLS[key] }));
export const STAGE_COLUMNS: { key: Stage; label: string }[] = STAGES.map((key) => ({ key, label: STAGE_LABELS[key] }));

/** The colour of each RAG (as in the charts) and the text colour that reads on it at ≥ 4.5:1. */
export const RAG_FILL = Object.fromEntries(
  RAGS.map((key) => {
    const fill = RAG_SERIES.find((s) => s.key === key)?.colour ?? '#ffffff';
    return [key, { fill, ink: textColourOn(fill) }];
  }),
) as Record<Rag, { fill: string; ink: string }>;
