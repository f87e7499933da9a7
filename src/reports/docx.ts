// The committee report as a Word document democratic services can edit: real heading styles
// (Title, Heading 1–3, so the navigation pane and screen readers find them), the council's name in
// the page header, tables whose header rows repeat on every page and whose rows never split,
// landscape pages for the wide appendix tables, and charts as SVG with a PNG fallback and alt text.

import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  TableLayoutType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { formatUkDate } from '../domain/dates.ts';
import type { Rag } from '../domain/rag.ts';
import { renderChartPng } from './chart-png.ts';
import { asAtText, coverRows, EXCEPTION_HEAD, NO_UPDATE, PROGRESS_HEAD, RAG_COLUMNS, RAG_FILL, sectionNumber, splitParagraphs, STAGE_COLUMNS, statusLine } from './common.ts';
import type { Appendix, ChartData, ExceptionRow, ProgressRow, ReportModel, ReportParagraph, SummaryRow } from './model.ts';

// A4 in twentieths of a point, with 2 cm margins.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const PORTRAIT_TEXT = A4.width - 2 * MARGIN; // 9638
const LANDSCAPE_TEXT = A4.height - 2 * MARGIN; // 14570
const HANGING = 851; // 1.5 cm for the paragraph numbers
const HEAD_FILL = 'F3F2F1';
const BODY_SIZE = 22; // half-points: 11 pt
const TABLE_SIZE = 18; // 9 pt

/** Column widths in twips that add up to `total`, in proportion to `weights`. */
function share(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum));
  widths[widths.length - 1] = total - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return widths;
}

// Code, Action, Lead officer, Due date, Stage, Traffic light, Latest update (landscape pages).
const PROGRESS_WIDTHS = share(LANDSCAPE_TEXT, [9, 21, 13, 10, 9, 15, 23]);
// Service, Code, Action, Due date, Reasons, Traffic light, Latest update (landscape pages).
const EXCEPTION_WIDTHS = share(LANDSCAPE_TEXT, [14, 9, 21, 10, 10, 11, 25]);

const hex = (colour: string): string => colour.replace('#', '').toUpperCase();

/** Paragraphs from text with blank lines between paragraphs and single line breaks kept. */
function textParagraphs(text: string, run: { size?: number; bold?: boolean; color?: string } = {}): Paragraph[] {
  return splitParagraphs(text).map((p) => new Paragraph({
    spacing: { after: 60 },
    children: p.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...run })),
  }));
}

interface CellOptions {
  width: number;
  header?: boolean;
  fill?: string;
  ink?: string;
  bold?: boolean;
  align?: 'left' | 'right';
}

function cell(content: string | Paragraph[], o: CellOptions): TableCell {
  const fill = o.fill ?? (o.header ? HEAD_FILL : undefined);
  const children = typeof content === 'string'
    ? [new Paragraph({
        alignment: o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: content, bold: o.header || o.bold, size: TABLE_SIZE, color: o.ink ? hex(o.ink) : undefined })],
      })]
    : content;
  return new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: fill ? { type: ShadingType.CLEAR, fill: hex(fill), color: 'auto' } : undefined,
    children,
  });
}

function table(head: readonly string[], widths: number[], rows: TableCell[][], align: ('left' | 'right')[] = []): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, { width: widths[i] ?? 1000, header: true, align: align[i] })) }),
      ...rows.map((children) => new TableRow({ cantSplit: true, children })),
    ],
  });
}

function ragCell(rag: Rag, label: string, symbol: string, why: string, width: number): TableCell {
  const { fill, ink } = RAG_FILL[rag];
  const paras = [new Paragraph({ children: [new TextRun({ text: `${symbol} ${label}`, bold: true, size: TABLE_SIZE, color: hex(ink) })] })];
  if (why) paras.push(new Paragraph({ children: [new TextRun({ text: why, size: 16, color: hex(ink) })] }));
  return cell(paras, { width, fill });
}

function updateCell(narrative: string | null, asAt: string | null, width: number): TableCell {
  const paras = textParagraphs(narrative ?? NO_UPDATE, { size: TABLE_SIZE });
  const when = asAtText(asAt);
  if (when) paras.push(new Paragraph({ children: [new TextRun({ text: when, italics: true, size: TABLE_SIZE })] }));
  return cell(paras, { width });
}

function progressCells(r: ProgressRow): TableCell[] {
  const w = PROGRESS_WIDTHS;
  return [
    cell(r.code, { width: w[0] ?? 0 }),
    cell(r.title, { width: w[1] ?? 0 }),
    cell(r.leadOfficers, { width: w[2] ?? 0 }),
    cell(formatUkDate(r.dueDate), { width: w[3] ?? 0 }),
    cell(r.stageLabel, { width: w[4] ?? 0 }),
    ragCell(r.rag, r.ragLabel, r.ragSymbol, r.ragExplanation, w[5] ?? 0),
    updateCell(r.narrative, r.asAt, w[6] ?? 0),
  ];
}

function exceptionCells(r: ExceptionRow): TableCell[] {
  const w = EXCEPTION_WIDTHS;
  return [
    cell(r.service, { width: w[0] ?? 0 }),
    cell(r.code, { width: w[1] ?? 0 }),
    cell(r.title, { width: w[2] ?? 0 }),
    cell(formatUkDate(r.dueDate), { width: w[3] ?? 0 }),
    cell(r.reasons.join(', '), { width: w[4] ?? 0 }),
    ragCell(r.rag, r.ragLabel, r.ragSymbol, '', w[5] ?? 0),
    updateCell(r.narrative, null, w[6] ?? 0),
  ];
}

function countsTable(columns: { key: string; label: string; symbol?: string }[], rows: SummaryRow[], totals: SummaryRow, pick: (r: SummaryRow) => Record<string, number>): Table {
  const first = PORTRAIT_TEXT - (columns.length + 1) * 945;
  const widths = [first, ...columns.map(() => 945), 945];
  const head = ['Service', ...columns.map((c) => (c.symbol ? `${c.symbol} ${c.label}` : c.label)), 'Total'];
  const line = (r: SummaryRow, bold: boolean) => {
    const values = pick(r);
    return [
      cell(r.service, { width: first, bold }),
      ...columns.map((c) => cell(String(values[c.key] ?? 0), { width: 945, bold, align: 'right' })),
      cell(String(r.total), { width: 945, bold, align: 'right' }),
    ];
  };
  return table(head, widths, [...rows.map((r) => line(r, false)), line({ ...totals, service: 'Total' }, true)], ['left', ...columns.map(() => 'right' as const), 'right']);
}

function chartParagraph(c: ChartData, maxWidthPx: number): Paragraph {
  const fallback = renderChartPng(c.svg);
  const k = Math.min(1, maxWidthPx / fallback.width);
  return new Paragraph({
    keepNext: true,
    spacing: { after: 120 },
    children: [new ImageRun({
      type: 'svg',
      data: Buffer.from(c.svg, 'utf8'),
      fallback: { type: 'png', data: fallback.png },
      transformation: { width: Math.round(fallback.width * k), height: Math.round(fallback.height * k) },
      altText: { title: c.title, description: c.description, name: c.id },
    })],
  });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: level, keepNext: true, pageBreakBefore, children: [new TextRun(text)] });
}

function numbered(p: ReportParagraph): Paragraph[] {
  const [first = '', ...rest] = splitParagraphs(p.text);
  const indent = { left: HANGING, hanging: HANGING };
  const runs = (text: string) => text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }));
  const out = [new Paragraph({
    indent,
    tabStops: [{ type: TabStopType.LEFT, position: HANGING }],
    spacing: { after: 120 },
    children: [new TextRun({ text: p.number, bold: true }), new TextRun({ children: [new Tab()] }), ...runs(first)],
  })];
  for (const more of rest) out.push(new Paragraph({ indent: { left: HANGING }, spacing: { after: 120 }, children: runs(more) }));
  for (const line of p.lines ?? []) out.push(new Paragraph({ indent: { left: HANGING }, spacing: { after: 60 }, children: [new TextRun(line)] }));
  return out;
}

type Block = Paragraph | Table;

function appendixBlocks(model: ReportModel, a: Appendix): { landscape: boolean; children: Block[] } {
  const asOf = formatUkDate(model.asOf);
  const children: Block[] = [heading(`Appendix ${a.letter}: ${a.title}`, HeadingLevel.HEADING_1)];
  if (a.kind === 'progress') {
    children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun(`${a.plan.title} (${a.plan.orgName}, ${a.plan.year}). Progress as at ${asOf}.`)] }));
    if (a.objectives.length === 0) children.push(new Paragraph('This plan has no actions.'));
    let previousGoal: string | null = null;
    for (const o of a.objectives) {
      if (o.goal && o.goal !== previousGoal) children.push(new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new TextRun({ text: o.goal, bold: true })] }));
      previousGoal = o.goal;
      children.push(heading(o.heading, HeadingLevel.HEADING_2));
      children.push(o.rows.length ? table(PROGRESS_HEAD, PROGRESS_WIDTHS, o.rows.map(progressCells)) : new Paragraph('No actions under this objective.'));
    }
    return { landscape: true, children };
  }
  if (a.kind === 'summary') {
    children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun(`Number of actions by service, as at ${asOf}.`)] }));
    children.push(heading(a.ragChart.title, HeadingLevel.HEADING_2), chartParagraph(a.ragChart, PORTRAIT_TEXT / 15));
    children.push(countsTable(RAG_COLUMNS, a.rows, a.totals, (r) => r.byRag));
    children.push(heading(a.stageChart.title, HeadingLevel.HEADING_2, true), chartParagraph(a.stageChart, PORTRAIT_TEXT / 15));
    children.push(countsTable(STAGE_COLUMNS, a.rows, a.totals, (r) => r.byStage));
    return { landscape: false, children };
  }
  if (a.rows.length === 0) children.push(new Paragraph(`No actions need attention as at ${asOf}.`));
  else children.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun(`Actions that need attention, as at ${asOf}.`)] }), table(EXCEPTION_HEAD, EXCEPTION_WIDTHS, a.rows.map(exceptionCells)));
  return { landscape: true, children };
}

/** The report as a Word document (.docx). */
export async function renderReportDocx(model: ReportModel): Promise<Buffer> {
  const headers = { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: model.council.name, bold: true })] })] }) };
  const footers = {
    default: new Footer({
      children: [new Paragraph({
        children: [new TextRun({ text: `${model.title}. ${statusLine(model)}. Page `, size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18 }), new TextRun({ text: ' of ', size: 18 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18 })],
      })],
    }),
  };
  const page = (landscape: boolean): ISectionOptions['properties'] => ({
    page: {
      size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    },
  });

  const cover = coverRows(model).map((r) => [cell(r.label, { width: 2800, header: true }), cell(r.value, { width: PORTRAIT_TEXT - 2800 })]);
  const coverTable = new Table({
    width: { size: PORTRAIT_TEXT, type: WidthType.DXA },
    columnWidths: [2800, PORTRAIT_TEXT - 2800],
    layout: TableLayoutType.FIXED,
    rows: cover.map((children) => new TableRow({ cantSplit: true, children })),
  });
  const body: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: statusLine(model), bold: true })] }),
    coverTable,
  ];
  for (const s of model.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, tabStops: [{ type: TabStopType.LEFT, position: HANGING }], children: [new TextRun(sectionNumber(model, s)), new TextRun({ children: [new Tab()] }), new TextRun(s.heading)] }));
    for (const p of s.paragraphs) body.push(...numbered(p));
  }

  const sections: ISectionOptions[] = [{ properties: page(false), headers, footers, children: body }];
  for (const a of model.appendices) {
    const { landscape, children } = appendixBlocks(model, a);
    sections.push({ properties: page(landscape), headers, footers, children });
  }

  const doc = new Document({
    creator: model.council.name,
    title: model.title,
    subject: model.committee ?? undefined,
    description: `${model.title}. ${statusLine(model)}. Progress as at ${formatUkDate(model.asOf)}.`,
    lastModifiedBy: model.issued?.issuedBy ?? model.council.name,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: BODY_SIZE, color: '0B0C0C' }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: 'Arial', size: 40, bold: true, color: '0B0C0C' }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: 'Arial', size: 32, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: 'Arial', size: 26, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: 'Arial', size: 24, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      },
    },
    sections,
  });
  return Packer.toBuffer(doc);
}
