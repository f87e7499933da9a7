import { addDays } from '../../domain/dates.ts';
import { expectedPercent } from '../../domain/expected-progress.ts';
import type { ActionKind } from '../../domain/vocabulary.ts';

// Progress updates for the demo council, generated so the dashboards show a realistic mix of every
// stage and traffic light. Each action follows a course (on track, slipping, stalled, finished
// early …) chosen from its position, so the demo is the same on every install.
//
// As councils collect them: each update reports on the last day of its quarter (its as-at date)
// and is written on a working day in the fortnight or so after it, up to two days past the due
// date (inside the grace days) — never after today, so an open window fills up as days go by. An
// action reports from the first period it has started in. One course in eighteen ("silent") misses
// the latest period whose deadline has passed, and says why in the update before: those few are
// "not updated" as at the end of that period.

export interface DemoUpdateAction {
  code: string;
  title: string;
  kind: ActionKind;
  startDate: string | null;
  dueDate: string | null;
}

export interface DemoUpdatePeriod {
  id: number;
  label: string;
  endDate: string;
  opensOn: string;
  dueOn: string;
  /** The last day updates are taken: the due date plus grace. */
  lastDay: string;
}

export interface DemoUpdate {
  code: string;
  periodId: number;
  asAt: string;
  statusWord: string;
  percentComplete: number | null;
  narrative: string;
  nextSteps: string | null;
  ragOverride: 'green' | 'amber' | 'red' | null;
  overrideReason: string | null;
  recordedAt: string;
  /** A correction of the update just before it (same action, same period). */
  corrects: boolean;
}

type Course = 'steady' | 'early' | 'slipping' | 'stalled' | 'ongoing' | 'silent' | 'late_start' | 'carried' | 'deferred' | 'cancelled' | 'overridden';

// Weighted so most actions are on track, as in real plans, with every other state present.
const COURSES: Course[] = ['steady', 'steady', 'ongoing', 'early', 'slipping', 'steady', 'stalled', 'ongoing', 'silent', 'steady', 'late_start', 'carried', 'slipping', 'deferred', 'overridden', 'steady', 'cancelled', 'early'];

const ON_TRACK = [
  'Work is going to plan. The project group met this period and agreed the next set of tasks.',
  'Progress is as planned: the main pieces of work are under way and partners are engaged.',
  'On schedule. Early feedback from councillors and residents has been positive.',
  'The first stage is done and the second has started, in line with the agreed timetable.',
];
const SLIPPING = [
  'Some delay while we waited for information from partners; a revised timetable has been agreed.',
  'Slower than planned because of staff vacancies in the team; cover is now in place.',
  'Behind the original timetable after the scope was widened at the request of members.',
];
const STALLED = [
  'Little progress this period: the work depends on a decision that has not yet been taken.',
  'Paused while funding is confirmed. The risk has been added to the service risk register.',
];
const DONE = [
  'Delivered. Lessons learnt have been written up and shared with the team.',
  'Completed ahead of the deadline; the outcome will be reported to the next committee.',
];
const ONGOING = [
  'Delivered as part of the service every month; no issues to report.',
  'Continuing as business as usual, with activity reported in the monthly performance pack.',
];
const NEXT = [
  'Finalise the draft and take it to the management team next month.',
  'Complete the consultation and report the findings to members.',
  'Agree the delivery plan with partners and confirm the budget.',
  'Run the pilot in one area before rolling it out across the district.',
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n / 5) * 5));
/** A figure for work in progress: never 0% (that is "not started") nor 100% (that is "complete"). */
const started = (n: number) => Math.max(5, Math.min(95, clamp(n)));

/** Days after a period ends that action i's update is written: 1 to 16, spread over the actions. */
const writtenAfter = (i: number) => 1 + ((i * 7) % 16);

/** Saturday and Sunday move to the Monday after. */
function workingDay(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, 2) : day === 0 ? addDays(iso, 1) : iso;
}

/** The updates each action would have had by `today`, for every period whose window has opened. */
export function demoUpdates(actions: readonly DemoUpdateAction[], year: { start: string; end: string }, periods: readonly DemoUpdatePeriod[], today: string): DemoUpdate[] {
  const out: DemoUpdate[] = [];
  // The period the silent ones miss: the latest whose updates are no longer taken.
  const missed = periods.filter((p) => p.lastDay < today).at(-1);
  actions.forEach((a, i) => {
    const course = COURSES[i % COURSES.length]!;
    const start = a.startDate ?? year.start;
    // The periods it writes an update for: started by the period's end, written by today.
    const writes = periods
      .filter((p) => p.opensOn <= today && start <= p.endDate && !(course === 'silent' && p === missed))
      .map((p) => ({ p, day: [workingDay(addDays(p.endDate, writtenAfter(i))), p.lastDay].sort()[0]! }))
      .filter((w) => w.day <= today);
    let finished = false;
    // A one-off action due by the end of what the demo shows: an on-track course finishes it at its
    // last update rather than leaving "as planned" beside an action that is overdue.
    const dueInView = a.kind !== 'ongoing' && a.dueDate !== null && a.dueDate <= [today, year.end].sort()[0]!;
    writes.forEach(({ p, day: recordedDay }, k) => {
      if (finished) return;
      const last = k === writes.length - 1;
      const closing = last && dueInView;
      const asAt = p.endDate;
      const expected = expectedPercent({ asOf: asAt, kind: a.kind, yearStart: year.start, yearEnd: year.end, startDate: a.startDate, dueDate: a.dueDate, revisedDueDate: null });
      const base = { code: a.code, periodId: p.id, asAt, recordedAt: `${recordedDay}T${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00.000Z`, ragOverride: null, overrideReason: null, corrects: false } as const;
      // A silent action's last update before the one it misses says why the next will be late.
      const warns = course === 'silent' && missed !== undefined && periods.indexOf(p) === periods.indexOf(missed) - 1;
      const push = (u: Omit<DemoUpdate, keyof typeof base>) =>
        out.push({ ...base, ...u, ...(warns ? { nextSteps: 'The lead officer is on leave for most of next quarter, so its update may be late.' } : {}) });
      switch (course) {
        case 'ongoing':
          if (a.kind === 'ongoing') return push({ statusWord: 'ONGOING', percentComplete: null, narrative: pick(ONGOING, i + k), nextSteps: null });
          if (expected >= 100 || closing) {
            finished = true;
            return push({ statusWord: 'COMPLETED', percentComplete: 100, narrative: pick(DONE, i + k), nextSteps: null });
          }
          return push({ statusWord: 'ON TRACK', percentComplete: started(expected), narrative: pick(ON_TRACK, i + k), nextSteps: pick(NEXT, i + k) });
        case 'early':
          if (expected >= 45 || last) {
            finished = true;
            return push({ statusWord: 'COMPLETE', percentComplete: 100, narrative: pick(DONE, i), nextSteps: null });
          }
          return push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 1.3 + 10), narrative: pick(ON_TRACK, i + k), nextSteps: pick(NEXT, i + k) });
        case 'slipping':
          return push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 0.78), narrative: pick(SLIPPING, i + k), nextSteps: pick(NEXT, i + k + 1) });
        case 'stalled':
          return push({ statusWord: k === 0 ? 'NOT YET STARTED' : 'IN PROGRESS', percentComplete: k === 0 ? 0 : started(expected * 0.4), narrative: pick(STALLED, i + k), nextSteps: 'Seek a decision from the management team so the work can restart.' });
        case 'late_start':
          if (k < 2 && !closing) return push({ statusWord: 'YET TO START', percentComplete: 0, narrative: 'Not started yet: this work is planned to begin later in the year.', nextSteps: 'Set up the project group.' });
          if (expected >= 100 || closing) {
            finished = true;
            return push({ statusWord: 'COMPLETE', percentComplete: 100, narrative: pick(DONE, i + k), nextSteps: null });
          }
          return push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 0.95), narrative: pick(ON_TRACK, i + k), nextSteps: pick(NEXT, i + k) });
        case 'carried':
          if (last && k > 0) {
            finished = true;
            return push({ statusWord: 'CARRIED OVER', percentComplete: 60, narrative: 'Carried over to next year’s plan: the remaining work depends on the new system being in place.', nextSteps: null });
          }
          return push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 0.85), narrative: pick(SLIPPING, i + k), nextSteps: pick(NEXT, i + k) });
        case 'deferred':
          if (k > 0) {
            finished = true;
            return push({ statusWord: 'ON HOLD', percentComplete: 20, narrative: 'Deferred by members until the outcome of the national review is known.', nextSteps: null });
          }
          return push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 0.9), narrative: pick(ON_TRACK, i + k), nextSteps: pick(NEXT, i + k) });
        case 'cancelled':
          if (k > 0) {
            finished = true;
            return push({ statusWord: 'CANCELLED', percentComplete: null, narrative: 'Cancelled: the need has been met through the new shared service arrangement.', nextSteps: null });
          }
          return push({ statusWord: 'NOT YET STARTED', percentComplete: 0, narrative: 'Waiting for the shared service review to report.', nextSteps: null });
        case 'overridden': {
          push({ statusWord: 'IN PROGRESS', percentComplete: started(expected * 0.8), narrative: pick(SLIPPING, i + k), nextSteps: pick(NEXT, i + k), ragOverride: 'green', overrideReason: 'The remaining work is a single sign-off already booked for next week.' } as Omit<DemoUpdate, keyof typeof base>);
          return;
        }
        default: {
          const done = expected >= 100 || closing;
          push({ statusWord: done ? 'COMPLETE' : 'IN PROGRESS', percentComplete: done ? 100 : started(expected), narrative: done ? pick(DONE, i) : pick(ON_TRACK, i + k), nextSteps: done ? null : pick(NEXT, i + k) });
          if (done) finished = true;
          // One update in the demo is corrected, to show that corrections are new versions.
          if (i === 0 && k === 0) {
            out.push({ ...out.at(-1)!, percentComplete: clamp(expected + 5), narrative: `${pick(ON_TRACK, i + k)} (Corrected: the first figure left out work done by partners.)`, recordedAt: `${recordedDay}T17:30:00.000Z`, corrects: true });
          }
        }
      }
    });
  });
  return out;
}
