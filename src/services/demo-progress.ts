import { daysInMonth, isoDate } from '../domain/dates.ts';
import { deadlineOf } from '../domain/update-timeline.ts';
import type { ActionKind } from '../domain/vocabulary.ts';
import { demoUpdates } from '../db/demo/progress.ts';
import type { DemoPlan } from '../db/demo/council.ts';
import type { Actor } from './context.ts';
import { timelinePeriod } from './positions.ts';
import type { Services } from './index.ts';

// The demo council's plans rolled forward to this year, and their progress updates, written through
// the ordinary services as the officers would have written them (src/services/demo.ts loads the rest).

/** This year's version of a plan: same objectives and actions, dates moved on, codes renumbered. */
export function rollForward(plan: DemoPlan, label: string): DemoPlan {
  const from = Number(plan.year.slice(0, 4));
  const offset = Number(label.slice(0, 4)) - from;
  const shift = (d: string | undefined) => {
    if (!d) return d;
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return isoDate(y + offset, m, Math.min(day, daysInMonth(y + offset, m)));
  };
  const prefix = (code: string) => code.replace(/^\d{2}-/, `${label.slice(2, 4)}-`);
  // Years named in the text move on with the plan ("the May 2019 elections" → "the May 2027 elections").
  const text = <T extends string | undefined>(t: T): T => (t === undefined ? t : (t.replace(/\b(20\d\d)\b/g, (y) => String(Number(y) + offset)) as T));
  return {
    ...plan,
    year: label,
    title: plan.title.replace(plan.year, label),
    vision: text(plan.vision),
    purpose: text(plan.purpose),
    areasOfFocus: text(plan.areasOfFocus),
    objectives: plan.objectives.map((o) => ({
      ...o,
      title: text(o.title),
      why: text(o.why),
      actions: o.actions.map((a) => ({
        ...a,
        code: prefix(a.code),
        title: text(a.title),
        target: text(a.target),
        outcome: text(a.outcome),
        startDate: shift(a.startDate),
        dueDate: shift(a.dueDate)!,
        carriedFrom: undefined,
      })),
    })),
  };
}

/** Progress updates for every period whose update window has opened, written on the days they would have been (src/db/demo/progress.ts). */
export async function loadProgress(
  services: Services,
  actor: Actor,
  plans: { planId: number; yearId: number }[],
  today: string,
  signOff: { yearId: number; authors: ReadonlyMap<number, number> },
): Promise<void> {
  for (const { planId, yearId } of plans) {
    const year = await services.years.get(actor, yearId);
    const detail = await services.plans.detail(actor, planId);
    const rows = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives].flatMap((o) => o.actions);
    const { graceDays } = await services.progress.settings(actor);
    const periods = year.periods.map((p) => {
      const dueOn = p.due_on ?? p.end_date;
      return { id: p.id, label: p.label, endDate: p.end_date, opensOn: p.opens_on ?? p.end_date, dueOn, lastDay: deadlineOf(timelinePeriod(p, graceDays)) };
    });
    const updates = demoUpdates(
      rows.map((a) => ({ code: a.code, title: a.title, kind: a.kind as ActionKind, startDate: a.start_date, dueDate: a.revised_due_date ?? a.due_date })),
      { start: year.start_date, end: year.end_date },
      periods,
      today,
    ).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    const last = new Map<string, number>();
    // This year's latest quarter: a lead officer's own updates for it, written by them, await sign-off.
    const latestAsAt = yearId === signOff.yearId ? updates.reduce((m, u) => (u.asAt > m ? u.asAt : m), '') : null;
    for (const u of updates) {
      const action = rows.find((a) => a.code === u.code)!;
      const author = u.asAt === latestAsAt ? action.leads.map((l) => (l.id === null ? undefined : signOff.authors.get(l.id))).find((x) => x !== undefined) : undefined;
      const id = await services.progress.recordUpdate(
        actor,
        action.id,
        {
          periodId: u.periodId,
          asAt: u.asAt,
          statusWord: u.statusWord,
          percentComplete: u.percentComplete,
          narrative: u.narrative,
          nextSteps: u.nextSteps,
          ragOverride: u.ragOverride,
          overrideReason: u.overrideReason,
          correctsId: u.corrects ? last.get(u.code) : null,
        },
        { recordedAt: u.recordedAt, ...(author !== undefined ? { onBehalfOf: author } : {}) },
      );
      last.set(u.code, id);
    }
  }
}
