// A realistic committee report model for the renderers' tests and benchmark: an invented district
// council's Corporate Services half-year report on two service plans. Every count in the summary,
// the exceptions and the cover report is computed from the progress rows, so tests can check
// renderers against the rows.

import { RAG_SERIES, STAGE_SERIES, stackedBarChart, type ChartRow } from '../../src/domain/charts.ts';
import { formatUkDate } from '../../src/domain/dates.ts';
import { RAG_LABELS, RAG_SYMBOLS, RAGS, type Rag } from '../../src/domain/rag.ts';
import { STAGE_LABELS, STAGES, type Stage } from '../../src/domain/stages.ts';
import type { Appendix, ChartData, ExceptionRow, ProgressObjective, ProgressRow, ReportModel, ReportSection, SummaryRow } from '../../src/reports/model.ts';

export interface SampleReportOptions {
  /** How many actions across the two plans (default 12). */
  actions?: number;
  issued?: boolean;
  restricted?: boolean;
  numbering?: ReportModel['numbering'];
}

const AS_OF = '2024-09-30';

interface PlanSeed {
  orgCode: string;
  orgName: string;
  goals: { goal: string; objectives: string[] }[];
  titles: string[];
  leads: string[];
}

const PLANS: PlanSeed[] = [
  {
    orgCode: 'DCS',
    orgName: 'Democratic and Customer Services',
    goals: [
      { goal: 'Goal 1: An open and well-run council', objectives: ['Make council decisions easy to follow', 'Keep elections safe and the register complete'] },
      { goal: 'Goal 2: Services that are easy to use', objectives: ['Answer customers first time', 'Give residents more ways to book and pay'] },
    ],
    titles: [
      'Move the committee papers archive to the new document system',
      'Run the annual canvass and publish the revised register',
      'Train every committee clerk in writing accessible documents',
      'Review the members’ allowances scheme with the independent panel',
      'Answer nine in ten stage one complaints within ten working days',
      'Publish a plain-English guide to attending council meetings',
      'Introduce online booking for register office appointments',
      'Cut the average wait at the contact centre to under three minutes',
      'Refresh the customer service standards and publish them',
      'Hold an induction programme for councillors elected at by-elections',
      'Review polling district boundaries before the statutory deadline',
      'Close the old switchboard number and redirect its callers',
    ],
    leads: ['Head of Democratic Services', 'Electoral Services Manager', 'Customer Services Manager', 'Head of Democratic Services; Committee Services Manager'],
  },
  {
    orgCode: 'ICT',
    orgName: 'Digital and ICT Services',
    goals: [
      { goal: 'Goal 3: Modern, secure technology', objectives: ['Keep our systems safe', 'Replace ageing equipment and systems'] },
      { goal: 'Goal 4: Information used well', objectives: ['Share more of our data', 'Look after our records'] },
    ],
    titles: [
      'Replace end-of-life laptops for frontline staff',
      'Move the planning system onto the hosted service contract',
      'Keep the council’s network accreditation for another year',
      'Run two phishing awareness exercises for all staff',
      'Switch off the old payroll server',
      'Publish an open data set of public toilet locations',
      'Test the recovery plan for the finance system',
      'Turn on two-step sign-in for every staff account',
      'Merge the three intranet sites into one',
      'Agree a records retention schedule with each service',
      'Add accessibility checks to the website publishing process',
      'Re-tender the wide-area network contract',
    ],
    leads: ['Head of Digital and ICT', 'ICT Security Lead', 'Information Governance Officer', 'Head of Digital and ICT; Web Team Leader'],
  },
];

/** The traffic lights in the order the sample hands them out: every kind within any 12 actions. */
const RAG_CYCLE: Rag[] = ['green', 'amber', 'red', 'complete', 'green', 'not_updated', 'closed', 'not_due', 'green', 'amber', 'complete', 'red'];
const CLOSED: Stage[] = ['carried_over', 'deferred', 'cancelled'];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

interface Made {
  row: ProgressRow;
  overdue: boolean;
}

function makeRow(plan: PlanSeed, i: number, global: number): Made {
  const rag = RAG_CYCLE[global % RAG_CYCLE.length] ?? 'green';
  const base = plan.titles[i % plan.titles.length] ?? 'Deliver the action';
  const round = Math.floor(i / plan.titles.length);
  const title = round === 0 ? base : `${base} (phase ${round + 1})`;
  const code = `24-${plan.orgCode}${String(i + 1).padStart(3, '0')}`;
  const leadOfficers = plan.leads[i % plan.leads.length] ?? 'Service Manager';
  const pct = 20 + ((i * 17) % 60);
  let stage: Stage = 'in_progress';
  let dueDate: string | null = ['2024-12-31', '2025-03-31', '2025-01-31'][i % 3] ?? null;
  let narrative: string | null = null;
  let asAt: string | null = '2024-09-27';
  let explanation = '';
  let overdue = false;
  const by = () => `by ${formatUkDate(AS_OF)} (due ${formatUkDate(dueDate)})`;
  switch (rag) {
    case 'green':
      stage = i % 2 === 0 ? 'in_progress' : 'ongoing';
      narrative = `Work is on track: ${pct + 10}% done. The project board met in September and agreed the next steps.`;
      explanation = stage === 'ongoing' ? 'Green: ongoing, delivered at a constant rate; no % complete recorded.' : `Green: ${pct + 10}% complete against ${pct}% expected ${by()}.`;
      break;
    case 'amber':
      narrative = 'Slightly behind plan because two posts were vacant over the summer.\n\nBoth posts are now filled and the team expects to catch up by December.';
      explanation = `Amber: ${pct - 15}% complete against ${pct}% expected ${by()}.`;
      break;
    case 'red':
      overdue = global % 2 === 0;
      if (overdue) dueDate = '2024-08-31';
      narrative = 'The supplier has not delivered the agreed software release, so testing cannot start. A revised date is being negotiated.';
      explanation = overdue ? `Red: overdue – due ${formatUkDate(dueDate)} and ${pct}% complete.` : `Red: 10% complete against ${pct}% expected ${by()}.`;
      break;
    case 'complete':
      stage = 'complete';
      dueDate = '2024-07-31';
      asAt = '2024-07-25';
      narrative = 'Completed ahead of the due date and reported to the portfolio holder.';
      explanation = `Complete as at ${formatUkDate(asAt)}.`;
      break;
    case 'closed':
      stage = CLOSED[i % CLOSED.length] ?? 'deferred';
      narrative = 'Paused by the senior management team while the budget for next year is agreed.';
      explanation = `Closed: ${STAGE_LABELS[stage].toLowerCase()}.`;
      break;
    case 'not_updated':
      asAt = '2024-03-28';
      narrative = 'Scoping meeting held with the service; terms of reference drafted.';
      explanation = 'Not updated: no progress update this period; last known 15% complete.';
      break;
    case 'not_due':
      stage = 'not_started';
      dueDate = '2025-03-31';
      asAt = null;
      explanation = 'Not due yet: starts 1 January 2025.';
      break;
  }
  return {
    overdue,
    row: {
      code,
      title,
      leadOfficers,
      dueDate,
      stage,
      stageLabel: STAGE_LABELS[stage],
      rag,
      ragLabel: RAG_LABELS[rag],
      ragSymbol: RAG_SYMBOLS[rag],
      ragExplanation: explanation,
      narrative,
      asAt,
    },
  };
}

function chart(id: string, title: string, kind: 'rag' | 'stage', rows: SummaryRow[]): ChartData {
  const series = kind === 'rag' ? RAG_SERIES : STAGE_SERIES;
  const chartRows: ChartRow[] = rows.map((r) => ({ label: r.service, values: { ...(kind === 'rag' ? r.byRag : r.byStage) } }));
  const description = rows
    .map((r) => {
      const parts = series.map((s) => [s.label, chartRows.find((c) => c.label === r.service)?.values[s.key] ?? 0] as const).filter(([, n]) => n > 0);
      return `${r.service}: ${r.total} actions, ${parts.map(([label, n]) => `${n} ${label}`).join(', ')}.`;
    })
    .join(' ');
  const svg = stackedBarChart({ id, title, description, series, rows: chartRows, rowHeading: 'Service' });
  return { id, title, description, series, rows: chartRows, svg };
}

/** A sample model: two plans, several objectives, every RAG kind, and exceptions, counted from the rows. */
export function sampleReportModel(options: SampleReportOptions = {}): ReportModel {
  const { actions = 12, issued = false, restricted = false, numbering = 'decimal' } = options;
  const perPlan = [Math.ceil(actions / 2), Math.floor(actions / 2)];
  const appendices: Appendix[] = [];
  const summaryRows: SummaryRow[] = [];
  const exceptions: ExceptionRow[] = [];
  let global = 0;

  for (const [p, plan] of PLANS.entries()) {
    const count = perPlan[p] ?? 0;
    const headings = plan.goals.flatMap((g, gi) => g.objectives.map((o, oi) => ({ goal: g.goal, heading: `${p * 2 + gi + 1}.${oi + 1} ${o}` })));
    const objectiveCount = Math.max(Math.min(headings.length, count), Math.ceil(count / 8));
    const objectives: ProgressObjective[] = [];
    for (let o = 0; o < objectiveCount; o++) {
      const seed = headings[o % headings.length] ?? { goal: null, heading: 'Objective' };
      const round = Math.floor(o / headings.length);
      objectives.push({ heading: round === 0 ? seed.heading : `${seed.heading} (part ${round + 1})`, goal: seed.goal, rows: [] });
    }
    const summary: SummaryRow = { service: plan.orgName, total: 0, byRag: zeros(RAGS), byStage: zeros(STAGES) };
    for (let i = 0; i < count; i++, global++) {
      const { row, overdue } = makeRow(plan, i, global);
      objectives[Math.floor((i * objectiveCount) / count)]?.rows.push(row);
      summary.total += 1;
      summary.byRag[row.rag] += 1;
      if (row.stage) summary.byStage[row.stage] += 1;
      if (row.rag === 'red' || row.rag === 'not_updated') {
        const reasons = row.rag === 'red' ? (overdue ? ['Red', 'Overdue'] : ['Red']) : ['Not updated'];
        exceptions.push({ service: plan.orgName, code: row.code, title: row.title, leadOfficers: row.leadOfficers, dueDate: row.dueDate, reasons, rag: row.rag, ragLabel: row.ragLabel, ragSymbol: row.ragSymbol, narrative: row.narrative });
      }
    }
    summaryRows.push(summary);
    appendices.push({
      kind: 'progress',
      letter: String.fromCharCode(65 + p),
      title: `${plan.orgName} service plan 2024/25: progress`,
      plan: { title: `${plan.orgName} Service Plan 2024/25`, orgCode: plan.orgCode, orgName: plan.orgName, year: '2024/25' },
      objectives,
    });
  }

  const totals: SummaryRow = { service: 'Total', total: 0, byRag: zeros(RAGS), byStage: zeros(STAGES) };
  for (const r of summaryRows) {
    totals.total += r.total;
    for (const k of RAGS) totals.byRag[k] += r.byRag[k];
    for (const k of STAGES) totals.byStage[k] += r.byStage[k];
  }
  appendices.push({
    kind: 'summary',
    letter: 'C',
    title: 'Summary of progress by service',
    rows: summaryRows,
    totals,
    ragChart: chart('rag-by-service', 'Traffic lights by service', 'rag', summaryRows),
    stageChart: chart('stage-by-service', 'Stages by service', 'stage', summaryRows),
  });
  appendices.push({ kind: 'exceptions', letter: 'D', title: 'Exceptions: actions that need attention', rows: exceptions });

  const t = totals.byRag;
  const sections: ReportSection[] = [
    section(1, 'Purpose of report', [
      'To let the committee review progress on the Democratic and Customer Services and the Digital and ICT Services plans for 2024/25 at the half-year point.',
    ]),
    section(2, 'Background', [
      'The committee agreed both service plans in April 2024. Each plan sets out the actions the two services will take this year towards the council’s corporate goals.',
      'Lead officers record progress in Waymark each quarter. Traffic lights compare the progress recorded with the progress expected by the end of September.\n\nActions delivered at a steady rate through the year are expected to be about half done; one-off projects are judged against their own start and due dates.',
    ]),
    section(3, 'Main report', [
      `Of the ${totals.total} actions in the two plans, as at ${formatUkDate(AS_OF)}: ${t.complete} complete, ${t.green} green, ${t.amber} amber, ${t.red} red, ${t.not_updated} not updated this period, ${t.not_due} not due to start yet and ${t.closed} closed.`,
      `Appendix D lists the ${exceptions.length} actions that need the committee’s attention, with the reasons.`,
    ]),
    section(4, 'Other considerations', [
      { text: 'Resources:', lines: ['Financial: none arising from this report', 'Human resources: none arising from this report', 'Risk management: actions at red are on the services’ risk registers'] },
      { text: 'Screening and impact assessments:', lines: ['Equality and good relations: not required for a progress report', 'Rural needs: not required for a progress report'] },
    ]),
    section(5, 'Recommendations', ['The committee is asked to note the progress made on both plans and the actions proposed for the exceptions in Appendix D.']),
    section(6, 'Documents attached', [
      { text: 'The appendices to this report:', lines: appendices.map((a) => `Appendix ${a.letter}: ${a.title}`) },
    ]),
  ];

  return {
    council: { name: 'Fernmoor District Council' },
    template: 'half-year',
    title: 'Corporate Services half-year progress report 2024/25',
    committee: 'Corporate Resources Committee',
    meetingDate: '2024-11-14',
    reportingOfficer: 'Director of Corporate Services',
    contactOfficers: ['Performance and Improvement Manager', 'Senior Policy Officer'],
    restricted,
    exemptCategory: restricted ? { paragraph: 3, text: 'Information relating to the financial or business affairs of any particular person (including the council)' } : null,
    asOf: AS_OF,
    numbering,
    sections,
    appendices,
    issued: issued ? { version: 2, issuedAt: '2024-11-01T10:15:00.000Z', issuedBy: 'Alex Morgan' } : null,
  };
}

function section(number: number, heading: string, paragraphs: (string | { text: string; lines: string[] })[]): ReportSection {
  return {
    number,
    heading,
    paragraphs: paragraphs.map((p, i) => ({ number: `${number}.${i + 1}`, ...(typeof p === 'string' ? { text: p } : p) })),
  };
}
