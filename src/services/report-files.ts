import { renderReportDocx } from '../reports/docx.ts';
import { renderReportHtml } from '../reports/html.ts';
import type { ReportModel } from '../reports/model.ts';
import { chromiumPdf, type PdfRenderer } from '../reports/pdf.ts';
import { renderReportXlsx } from '../reports/xlsx.ts';

// The files a committee report comes as: HTML, Word, Excel and PDF (printed from the HTML).

export const REPORT_FORMATS = ['html', 'docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export interface ReportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '').slice(0, 60);

/** Renders one output; PDF is printed from the HTML by `pdf` (Chromium by default). */
export async function renderFile(model: ReportModel, format: ReportFormat, name: string, pdf: PdfRenderer = chromiumPdf): Promise<ReportFile> {
  const filename = `${name}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format === 'html') return { filename, contentType, body: Buffer.from(renderReportHtml(model), 'utf8') };
  if (format === 'docx') return { filename, contentType, body: await renderReportDocx(model) };
  if (format === 'xlsx') return { filename, contentType, body: await renderReportXlsx(model) };
  return { filename, contentType, body: await pdf.render(renderReportHtml(model)) };
}
