// Text drafted from the data for a committee report, which the officer edits before issuing. The
// wording is Waymark's own; every number is computed from the counts given. Pure.

import { formatUkDate } from './dates.ts';
import { RAG_LABELS, RAGS, type Rag } from './rag.ts';
import { STAGE_LABELS, STAGES, type Stage } from './stages.ts';

export interface DraftCounts {
  total: number;
  byRag: Record<Rag, number>;
  byStage: Record<Stage, number>;
}

export interface DraftInput {
  template: 'half-year' | 'plan-approval';
  councilName: string;
  yearLabel: string;
  asOf: string;
  /** Share of the plan year gone by the as-at date, 0–100. */
  elapsedPercent: number;
  plans: { service: string; title: string; objectives: number; actions: number }[];
  counts: DraftCounts;
}

/** "12 (26%)": a count with its share of the total, rounded to a whole per cent. */
export function countWithShare(n: number, total: number): string {
  return total > 0 ? `${n} (${Math.round((n / total) * 100)}%)` : String(n);
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function breakdown<K extends string>(keys: readonly K[], counts: Record<K, number>, labels: Record<K, string>, total: number): string {
  return listInWords(keys.filter((k) => counts[k] > 0).map((k) => `${countWithShare(counts[k], total)} ${labels[k].toLowerCase()}`));
}

/** The main report's drafted paragraphs (separated into a list; the officer edits them). */
export function draftMainReport(input: DraftInput): string[] {
  const { counts } = input;
  const services = listInWords(input.plans.map((p) => p.service));
  if (input.template === 'plan-approval') {
    const objectives = input.plans.reduce((n, p) => n + p.objectives, 0);
    const paras = [
      `The ${input.plans.length === 1 ? 'plan' : 'plans'} for ${input.yearLabel} set out the priorities of ${services} for the year ahead: ${plural(objectives, 'objective')} delivered through ${plural(counts.total, 'action')}, each with a lead officer and a due date.`,
    ];
    for (const p of input.plans) paras.push(`${p.title}: ${plural(p.objectives, 'objective')} and ${plural(p.actions, 'action')}.`);
    paras.push('Progress against the plans will be reported to this committee at the half-year point and at the end of the year.');
    return paras;
  }
  const ragText = breakdown(RAGS, counts.byRag, RAG_LABELS, counts.total);
  const stageText = breakdown(STAGES, counts.byStage, STAGE_LABELS, counts.total);
  return [
    `This report shows progress on ${plural(counts.total, 'action')} in the ${input.yearLabel} plans of ${services}, as at ${formatUkDate(input.asOf)}, when ${input.elapsedPercent}% of the year had passed.`,
    `Members can expect an action that is delivered at a steady rate through the year to be about ${input.elapsedPercent}% complete by now. One-off projects are different: each is judged against its own start and due dates, so a project due before this date should be finished, and one due later may rightly show less progress so far. The traffic light of every action compares its progress with what was expected of it by this date, and the appendix explains each one.`,
    `Of the ${plural(counts.total, 'action')}: ${ragText || 'none has a traffic light yet'}.`,
    `By stage: ${stageText || 'no updates have been recorded yet'}.`,
  ];
}

/** Purpose, background and recommendations to start from, per template. */
export function draftCover(input: Pick<DraftInput, 'template' | 'yearLabel' | 'asOf' | 'plans' | 'councilName'>): { purpose: string; background: string; recommendations: string[] } {
  const services = listInWords(input.plans.map((p) => p.service));
  if (input.template === 'plan-approval') {
    return {
      purpose: `To ask members to consider and approve the ${input.yearLabel} service improvement ${input.plans.length === 1 ? 'plan' : 'plans'} for ${services}.`,
      background: `Each service of ${input.councilName} sets out in an annual plan what it will do to improve, and how that supports the council's corporate priorities.\n\nPlans are agreed by the relevant committee before the year's work begins, and progress against them is reported to members during the year.`,
      recommendations: [`That the committee approves the ${input.yearLabel} service improvement ${input.plans.length === 1 ? 'plan' : 'plans'} for ${services}.`],
    };
  }
  return {
    purpose: `To inform members of the progress made on the ${input.yearLabel} service ${input.plans.length === 1 ? 'plan' : 'plans'} for ${services} up to ${formatUkDate(input.asOf)}.`,
    background: `Every service of ${input.councilName} has an annual plan setting out its objectives, the actions that will deliver them, who leads each action and when it is due.\n\nProgress is reported to this committee twice a year. This report covers the first half of the year.`,
    recommendations: [`That members note the progress made on the ${input.yearLabel} service ${input.plans.length === 1 ? 'plan' : 'plans'} for ${services}.`],
  };
}
