import { RAG_SERIES, STAGE_SERIES, stackedBarChart, type ChartRow, type ChartSeries } from '../domain/charts.ts';
import { formatUkDate } from '../domain/dates.ts';
import { expectedPercent } from '../domain/expected-progress.ts';
import { RAG_LABELS, RAG_SYMBOLS, RAGS, type Rag } from '../domain/rag.ts';
import { draftMainReport, listInWords, type DraftCounts, type DraftInput } from '../domain/report-drafting.ts';
import { exemptCategory, paragraphsOf, type ReportStyle } from '../domain/report-sections.ts';
import { STAGE_LABELS, STAGES, type Stage } from '../domain/stages.ts';
import type { Appendix, ExceptionRow, ProgressObjective, ProgressRow, ReportModel, ReportSection, ReportTemplate, SummaryRow } from '../reports/model.ts';
import type { PlanDetail } from './plans.ts';
import type { Position } from './progress.ts';

// Assembles a committee report from plans and their positions as at a date. No lookups happen
// here: the service gathers the data, this turns it into the model the renderers print.

export interface CoverFields {
  template: ReportTemplate;
  title: string;
  committee: string | null;
  meetingDate: string | null;
  reportingOfficer: string | null;
  contactOfficers: string[];
  restricted: boolean;
  exemptParagraph: number | null;
  asOf: string;
  purpose: string | null;
  background: string | null;
  main: string | null;
  considerations: Record<string, string>;
  recommendations: string[];
}

export interface PlanData {
  detail: PlanDetail;
  positions: Map<number, Position>;
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptySummary(service: string): SummaryRow {
  return { service, total: 0, byRag: zero(RAGS), byStage: zero(STAGES) };
}

function add(row: SummaryRow, rag: Rag, stage: Stage): void {
  row.total++;
  row.byRag[rag]++;
  row.byStage[stage]++;
}

const letter = (i: number): string => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');

function planLabel(p: PlanData, many: boolean): string {
  return many ? `${p.detail.unit.name} (${p.detail.year.label})` : p.detail.unit.name;
}

function allObjectives(d: PlanDetail) {
  return [...d.goals.flatMap((g) => g.objectives.map((o) => ({ o, goal: g.number ? `Strategic goal ${g.number}: ${g.title}` : g.title }))), ...d.objectives.map((o) => ({ o, goal: null }))].sort(
    (a, b) => a.o.position - b.o.position || a.o.id - b.o.id,
  );
}

function progressRows(p: PlanData): ProgressObjective[] {
  return allObjectives(p.detail).map(({ o, goal }) => ({
    heading: o.number ? `${o.number} ${o.title}` : o.title,
    goal,
    rows: o.actions.map((a): ProgressRow => {
      const pos = p.positions.get(a.id);
      const rag = pos?.result.rag ?? 'not_updated';
      const stage = pos?.latest ? (pos.latest.stage as Stage) : null;
      return {
        code: a.code,
        title: a.title,
        leadOfficers: a.leads.map((l) => l.name).join('; '),
        dueDate: a.revised_due_date ?? a.due_date,
        stage,
        stageLabel: stage ? STAGE_LABELS[stage] : 'No update yet',
        rag,
        ragLabel: RAG_LABELS[rag],
        ragSymbol: RAG_SYMBOLS[rag],
        ragExplanation: pos?.result.explanation ?? '',
        narrative: pos?.latest?.narrative ?? null,
        asAt: pos?.latest?.as_at ?? null,
      };
    }),
  }));
}

function chartDescription(what: string, asOf: string, rows: ChartRow[], series: ChartSeries[]): string {
  const parts = rows.map((r) => `${r.label}: ${listInWords(series.filter((s) => (r.values[s.key] ?? 0) > 0).map((s) => `${r.values[s.key]} ${s.label.toLowerCase()}`)) || 'no actions'}`);
  return `${what} as at ${formatUkDate(asOf)}. ${parts.join('. ')}.`;
}

export function buildReportModel(input: { councilName: string; style: ReportStyle; cover: CoverFields; plans: PlanData[]; issued: ReportModel['issued'] }): ReportModel {
  const { cover, plans, style } = input;
  const many = new Set(plans.map((p) => p.detail.year.label)).size > 1;
  const appendices: Appendix[] = [];
  for (const p of plans) {
    appendices.push({
      kind: 'progress',
      letter: letter(appendices.length),
      title: cover.template === 'half-year' ? `${p.detail.plan.title}: progress as at ${formatUkDate(cover.asOf)}` : p.detail.plan.title,
      plan: { title: p.detail.plan.title, orgCode: p.detail.unit.code, orgName: p.detail.unit.name, year: p.detail.year.label },
      objectives: progressRows(p),
    });
  }

  const totals = emptySummary('All services');
  const summaryRows = plans.map((p) => {
    const row = emptySummary(planLabel(p, many));
    for (const pos of p.positions.values()) {
      add(row, pos.result.rag, pos.result.stage);
      add(totals, pos.result.rag, pos.result.stage);
    }
    return row;
  });
  const exceptions: ExceptionRow[] = [];
  for (const p of plans) {
    for (const { o } of allObjectives(p.detail)) {
      for (const a of o.actions) {
        const pos = p.positions.get(a.id);
        if (!pos) continue;
        const reasons = [
          ...(pos.result.rag === 'red' ? ['Red'] : []),
          ...(pos.result.overdue ? ['Overdue'] : []),
          ...(pos.result.rag === 'not_updated' ? ['Not updated'] : []),
        ];
        if (!reasons.length) continue;
        exceptions.push({
          service: planLabel(p, many),
          code: a.code,
          title: a.title,
          leadOfficers: a.leads.map((l) => l.name).join('; '),
          dueDate: a.revised_due_date ?? a.due_date,
          reasons,
          rag: pos.result.rag,
          ragLabel: RAG_LABELS[pos.result.rag],
          ragSymbol: RAG_SYMBOLS[pos.result.rag],
          narrative: pos.latest?.narrative ?? null,
        });
      }
    }
  }

  if (cover.template === 'half-year') {
    const chart = (id: string, what: string, series: ChartSeries[], values: (r: SummaryRow) => Record<string, number>) => {
      const rows: ChartRow[] = summaryRows.map((r) => ({ label: r.service, values: values(r) }));
      const usedSeries = series.filter((s) => rows.some((r) => (r.values[s.key] ?? 0) > 0));
      const title = `${what} by service`;
      const description = chartDescription(title, cover.asOf, rows, usedSeries);
      return { id, title, description, series: usedSeries, rows, svg: stackedBarChart({ id, title, description, series: usedSeries, rows, rowHeading: 'Service' }) };
    };
    appendices.push({
      kind: 'summary',
      letter: letter(appendices.length),
      title: `Summary by service as at ${formatUkDate(cover.asOf)}`,
      rows: summaryRows,
      totals,
      ragChart: chart('rag-by-service', 'Traffic lights', RAG_SERIES, (r) => r.byRag),
      stageChart: chart('stage-by-service', 'Stages', STAGE_SERIES, (r) => r.byStage),
    });
    appendices.push({ kind: 'exceptions', letter: letter(appendices.length), title: `Exceptions: red, overdue and not updated, as at ${formatUkDate(cover.asOf)}`, rows: exceptions });
  }

  const sections: ReportSection[] = [];
  for (const s of style.sections) {
    const n = sections.length + 1;
    const numbered = (texts: { text: string; lines?: string[] }[]) => texts.map((t, i) => ({ number: `${n}.${i + 1}`, ...t }));
    let paragraphs: ReportSection['paragraphs'] = [];
    if (s.key === 'purpose') paragraphs = numbered(paragraphsOf(cover.purpose).map((text) => ({ text })));
    if (s.key === 'background') paragraphs = numbered(paragraphsOf(cover.background).map((text) => ({ text })));
    if (s.key === 'main') paragraphs = numbered(paragraphsOf(cover.main).map((text) => ({ text })));
    if (s.key === 'considerations') {
      paragraphs = numbered(style.considerations.map((g) => ({ text: g.heading, lines: g.items.map((item) => `${item}: ${cover.considerations[item]?.trim() || 'None'}`) })));
    }
    if (s.key === 'recommendations') paragraphs = numbered(cover.recommendations.map((text) => ({ text })));
    if (s.key === 'documents') {
      paragraphs = numbered(appendices.length ? appendices.map((a) => ({ text: `Appendix ${a.letter}: ${a.title}` })) : [{ text: 'None' }]);
    }
    sections.push({ number: n, heading: s.heading, paragraphs });
  }

  return {
    council: { name: input.councilName },
    template: cover.template,
    title: cover.title,
    committee: cover.committee,
    meetingDate: cover.meetingDate,
    reportingOfficer: cover.reportingOfficer,
    contactOfficers: cover.contactOfficers,
    restricted: cover.restricted,
    exemptCategory: cover.restricted ? exemptCategory(cover.exemptParagraph) : null,
    asOf: cover.asOf,
    numbering: style.numbering,
    sections,
    appendices,
    issued: input.issued,
  };
}

/** The counts and plan list the drafted text is written from. */
export function draftInput(template: ReportTemplate, councilName: string, asOf: string, plans: PlanData[]): DraftInput {
  const counts: DraftCounts = { total: 0, byRag: zero(RAGS), byStage: zero(STAGES) };
  for (const p of plans) {
    for (const pos of p.positions.values()) {
      counts.total++;
      counts.byRag[pos.result.rag]++;
      counts.byStage[pos.result.stage]++;
    }
  }
  const year = plans[0]?.detail.year;
  const elapsed = year ? expectedPercent({ asOf, kind: 'ongoing', yearStart: year.start_date, yearEnd: year.end_date, startDate: null, dueDate: null, revisedDueDate: null }) : 0;
  return {
    template,
    councilName,
    yearLabel: listInWords([...new Set(plans.map((p) => p.detail.year.label))]),
    asOf,
    elapsedPercent: elapsed,
    plans: plans.map((p) => ({
      service: p.detail.unit.name,
      title: p.detail.plan.title,
      objectives: allObjectives(p.detail).length,
      actions: p.detail.actionCount,
    })),
    counts,
  };
}

export function draftMain(template: ReportTemplate, councilName: string, asOf: string, plans: PlanData[]): string {
  return draftMainReport(draftInput(template, councilName, asOf, plans)).join('\n\n');
}
