import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Rag } from '../domain/rag.ts';
import type { ActionKind } from '../domain/vocabulary.ts';
import { systemActor, type Actor } from './context.ts';
import type { Services } from './index.ts';

// Traffic lights worked out by hand (DESIGN.md §4), each case a small council of its own, run
// through the services on SQLite and PostgreSQL. The expected light, overdue flag and expected %
// are written here from the rule, never read back from the code under test.
//
// Unless a case says otherwise: plan year 2026/27 (1 April 2026 – 31 March 2027, 365 days) in
// quarters, each due 14 days after it ends with the council's 5 days' grace:
//   Q1 Apr–Jun due 14 Jul (taken until 19 Jul)   Q2 Jul–Sep due 14 Oct (until 19 Oct)
//   Q3 Oct–Dec due 14 Jan (until 19 Jan)         Q4 Jan–Mar due 14 Apr (until 19 Apr)
// A one-off with no dates runs 1 April – 31 March (364 days between): 30 June is day 90 (25%),
// 29 September day 181 (50%), 30 September day 182 (50%), 5 December day 248 (68%).
// An ongoing action counts days inclusively over its span (365 for the whole year): 30 June is
// 91/365 (25%), 30 September 183/365 (50%).

type Word = 'IN PROGRESS' | 'ONGOING' | 'COMPLETE' | 'NOT YET STARTED' | 'CARRIED OVER';

interface Update {
  asAt: string;
  /** When it was recorded: a date (10:00 UTC that day) or a full timestamp. */
  recorded: string;
  word: Word;
  pct?: number;
  override?: ['green' | 'amber' | 'red', string];
  /** The index (in this list) of the update this one corrects. */
  corrects?: number;
  /** The quarter (1–4) it is filed for; default the one holding its as-at date. */
  period?: number;
  /** Brought in by an import (recorded as known on its as-at date) rather than typed. */
  imported?: boolean;
}

interface Case {
  why: string;
  kind: ActionKind;
  start?: string;
  due?: string;
  revised?: string;
  updates?: Update[];
  /** Today in Europe/London (the clock is at noon UTC that day). */
  today: string;
  asOf: string;
  knownOn?: string;
  /** The council's grace days (default 5). */
  grace?: number;
  /** [quarter, its own grace days]. */
  periodGrace?: [number, number];
  halves?: boolean;
  /** Also set up 2027/28, so a date after 31 March 2027 is inside a plan year. */
  nextYear?: boolean;
  expect: { rag: Rag; overdue?: boolean; expected?: number | null; explains?: RegExp };
}

const DEC5 = '2026-12-05';

// Updates several cases share: Q1's written on 8 July, Q2's on 6 October (and corrected on 12 October).
const Q1_25: Update = { asAt: '2026-06-30', recorded: '2026-07-08', word: 'IN PROGRESS', pct: 25 };
const Q1_ONGOING: Update = { asAt: '2026-06-30', recorded: '2026-07-08', word: 'ONGOING' };
const ON_TIME: Update[] = [Q1_25, { asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 50 }];
const CORRECTED: Update[] = [
  Q1_25,
  { asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 30 },
  { asAt: '2026-09-30', recorded: '2026-10-12', word: 'IN PROGRESS', pct: 50, corrects: 1 },
];

const CASES: Case[] = [
  // Two dates on every update: what it reports on, and when it was recorded.
  {
    why: 'a quarter’s update written in the fortnight after it counts as at the quarter’s end: 50% against 50%',
    kind: 'one_off',
    updates: ON_TIME,
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 50 },
  },
  {
    why: 'as known on 5 October the Q2 update was not written yet: the Q1 update (25%) stands, judged at 30 September (50%), red',
    kind: 'one_off',
    updates: ON_TIME,
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-05',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  {
    why: 'as at 29 September the update reporting on 30 September is not used: 25% against 50% (181/364), red',
    kind: 'one_off',
    updates: ON_TIME,
    today: DEC5,
    asOf: '2026-09-29',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  {
    why: 'a correction replaces what it corrects: 30% corrected to 50% is green as known now',
    kind: 'one_off',
    updates: CORRECTED,
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 50 },
  },
  {
    why: 'as known on 10 October, before the correction (12 October), the 30% stands: 30/50 is below 70%, red',
    kind: 'one_off',
    updates: CORRECTED,
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-10',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  {
    why: 'an imported update counts as recorded on its as-at date, and an update in Q2 covers Q1 too: green as known on 30 September',
    kind: 'one_off',
    updates: [{ asAt: '2026-09-30', recorded: '2026-12-01', word: 'IN PROGRESS', pct: 50, imported: true }],
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 50 },
  },
  // "Not updated" only once a deadline (plus grace) has passed.
  {
    why: 'as at 30 June, known in December: the Q1 update written on 8 July counts, 25% of an ongoing duty against 25% (91/365)',
    kind: 'ongoing',
    updates: [Q1_25],
    today: DEC5,
    asOf: '2026-06-30',
    expect: { rag: 'green', overdue: false, expected: 25 },
  },
  {
    why: 'as at 30 June known on 30 June: nothing written yet, and Q1’s updates are not due until 14 July: not due yet',
    kind: 'ongoing',
    updates: [Q1_25],
    today: DEC5,
    asOf: '2026-06-30',
    knownOn: '2026-06-30',
    expect: { rag: 'not_due', overdue: false, expected: 25, explains: /^Not due yet: the first progress update is due by 14 July 2026 \(Quarter 1 \(April to June\)\)\.$/ },
  },
  {
    why: 'known on 19 July, the last day of grace, with no update at all: still not due',
    kind: 'ongoing',
    today: DEC5,
    asOf: '2026-06-30',
    knownOn: '2026-07-19',
    expect: { rag: 'not_due', overdue: false },
  },
  {
    why: 'known on 20 July, grace over, with no update: not updated',
    kind: 'ongoing',
    today: DEC5,
    asOf: '2026-06-30',
    knownOn: '2026-07-20',
    expect: { rag: 'not_updated', overdue: false, explains: /^Not updated: no progress update for Quarter 1 \(April to June\), due by 14 July 2026; none recorded before\.$/ },
  },
  {
    why: 'today, 5 December: Q2’s deadline has passed and there is only a Q1 update: not updated',
    kind: 'ongoing',
    updates: [Q1_25],
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'not_updated', overdue: false, explains: /Quarter 2 \(July to September\), due by 14 October 2026; last known: 25% complete, as at 30 June 2026\./ },
  },
  {
    why: 'before Q3’s deadline the Q2 update stands, judged against today: 50% against 68% (248/364) is amber',
    kind: 'one_off',
    updates: ON_TIME,
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'amber', overdue: false, expected: 68 },
  },
  {
    why: 'an action starting 1 October owed nothing for Q2: with no update it is not due, its first update due for Q3',
    kind: 'one_off',
    start: '2026-10-01',
    due: '2027-03-31',
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'not_due', overdue: false, explains: /due by 14 January 2027 \(Quarter 3 \(October to December\)\)/ },
  },
  {
    why: 'an action starting 15 September had started by Q2’s end and owed its update: not updated',
    kind: 'one_off',
    start: '2026-09-15',
    due: '2027-03-31',
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'not_updated', overdue: false },
  },
  {
    why: 'an update filed for Q2 counts for Q2 though it reports on 30 June: 25% against 50% is red, not “not updated”',
    kind: 'one_off',
    updates: [{ asAt: '2026-06-30', recorded: '2026-07-08', word: 'IN PROGRESS', pct: 25, period: 2 }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  {
    why: 'with no grace days, the day after the due date (15 October) Q2 is missed: not updated',
    kind: 'ongoing',
    updates: [Q1_ONGOING],
    grace: 0,
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-15',
    expect: { rag: 'not_updated', overdue: false },
  },
  {
    why: 'with 5 days’ grace, on 15 October the Q1 update (ongoing, reported ongoing) still stands: green',
    kind: 'ongoing',
    updates: [Q1_ONGOING],
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-15',
    expect: { rag: 'green', overdue: false },
  },
  {
    why: 'a period’s own grace days win over the council’s: Q2 with 10 days is taken until 24 October, so on 20 October the Q1 update stands',
    kind: 'ongoing',
    updates: [Q1_ONGOING],
    periodGrace: [2, 10],
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-20',
    expect: { rag: 'green', overdue: false },
  },
  {
    why: 'halves: the first half’s updates were due by 14 October (plus 5 days); on 20 October with none, not updated',
    kind: 'ongoing',
    halves: true,
    today: DEC5,
    asOf: '2026-09-30',
    knownOn: '2026-10-20',
    expect: { rag: 'not_updated', overdue: false, explains: /First half \(April to September\), due by 14 October 2026/ },
  },
  // Expected progress and overdue.
  {
    why: 'an ongoing action at 100% the day after the year ends is judged at 100% expected: green, never overdue',
    kind: 'ongoing',
    updates: [{ asAt: '2027-03-31', recorded: '2027-04-08', word: 'ONGOING', pct: 100 }],
    nextYear: true,
    today: '2027-04-25',
    asOf: '2027-04-01',
    expect: { rag: 'green', overdue: false, expected: 100 },
  },
  {
    why: 'a one-off at 90% the day after the year (its due date) ends is red and overdue',
    kind: 'one_off',
    updates: [{ asAt: '2027-03-31', recorded: '2027-04-08', word: 'IN PROGRESS', pct: 90 }],
    nextYear: true,
    today: '2027-04-25',
    asOf: '2027-04-01',
    expect: { rag: 'red', overdue: true, expected: 100, explains: /^Red: overdue – due 31 March 2027 and 90% complete\.$/ },
  },
  {
    why: 'ongoing from 1 October: on 15 October 15 of its 182 days have passed, 8% (not 54% of the year); 6% is amber',
    kind: 'ongoing',
    start: '2026-10-01',
    updates: [{ asAt: '2026-10-15', recorded: '2026-10-15', word: 'IN PROGRESS', pct: 6 }],
    today: '2026-10-15',
    asOf: '2026-10-15',
    expect: { rag: 'amber', overdue: false, expected: 8 },
  },
  {
    why: 'an ongoing duty whose span ended on 30 September is expected at 100% after it: 60% is red, but not overdue',
    kind: 'ongoing',
    due: '2026-09-30',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 60 }],
    today: DEC5,
    asOf: '2026-11-15',
    expect: { rag: 'red', overdue: false, expected: 100 },
  },
  {
    why: 'a revised due date (31 December) moves the span: 182 of 274 days is 66%; 60% is at least 90% of it, green',
    kind: 'one_off',
    due: '2026-08-31',
    revised: '2026-12-31',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 60 }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 66 },
  },
  {
    why: 'a one-off due 31 August, 90% on 30 September, is red and overdue',
    kind: 'one_off',
    due: '2026-08-31',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 90 }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'red', overdue: true, expected: 100 },
  },
  {
    why: 'completed after its due date it is complete, not overdue',
    kind: 'one_off',
    due: '2026-08-31',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'COMPLETE' }],
    today: DEC5,
    asOf: '2026-10-15',
    expect: { rag: 'complete', overdue: false, expected: null },
  },
  {
    why: 'a milestone due 31 December expects nothing before it: 0% is green',
    kind: 'milestone',
    due: '2026-12-31',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 0 }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 0 },
  },
  {
    why: 'a milestone due 30 September, 80% done, is red and overdue on 1 October',
    kind: 'milestone',
    due: '2026-09-30',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 80 }],
    today: DEC5,
    asOf: '2026-10-01',
    expect: { rag: 'red', overdue: true, expected: 100 },
  },
  // No % recorded: the kind decides, not the status word alone.
  {
    why: 'a one-off due in five days (5 October) reported "ONGOING" with no %: 97% expected (182/187), amber',
    kind: 'one_off',
    due: '2026-10-05',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-01', word: 'ONGOING' }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'amber', overdue: false, expected: 97 },
  },
  {
    why: 'an ongoing action reported "ONGOING" with no % is on track',
    kind: 'ongoing',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'ONGOING' }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 50 },
  },
  {
    why: 'an ongoing action reported "IN PROGRESS" with no % is amber: only "ongoing" says it runs at its rate',
    kind: 'ongoing',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS' }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'amber', overdue: false, expected: 50 },
  },
  {
    why: 'no % while nothing is expected yet (a one-off starting today) is green',
    kind: 'one_off',
    start: '2026-10-01',
    due: '2027-03-31',
    updates: [{ asAt: '2026-10-01', recorded: '2026-10-01', word: 'IN PROGRESS' }],
    today: '2026-10-01',
    asOf: '2026-10-01',
    expect: { rag: 'green', overdue: false, expected: 0 },
  },
  {
    why: '"NOT YET STARTED" with no % counts as 0% against 50%: red',
    kind: 'one_off',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'NOT YET STARTED' }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  // Overrides: judgements about green, amber and red only, belonging to their update.
  {
    why: 'an override to green replaces the computed amber (40% against 50%), which is kept',
    kind: 'one_off',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 40, override: ['green', 'Sign-off is booked for next week'] }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'green', overdue: false, expected: 50, explains: /^Green \(overridden from Amber\): Sign-off is booked for next week\. Amber: 40% complete/ },
  },
  {
    why: 'an override given with the Q1 update lapses when Q2 is missed: not updated',
    kind: 'one_off',
    updates: [{ asAt: '2026-06-30', recorded: '2026-07-08', word: 'IN PROGRESS', pct: 15, override: ['green', 'Funding confirmed'] }],
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'not_updated', overdue: false, explains: /The override to Green given with the last update lapsed with the missed update \(it said: Funding confirmed\)\.$/ },
  },
  {
    why: 'an override never hides overdue: due 31 October, 60% on 1 November, red and overdue with the override told beside it',
    kind: 'one_off',
    due: '2026-10-31',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 60, override: ['green', 'Nearly there'] }],
    today: DEC5,
    asOf: '2026-11-01',
    expect: { rag: 'red', overdue: true, expected: 100, explains: /An override to Green does not hide that it is overdue: Nearly there\.$/ },
  },
  {
    why: 'a later update without an override ends it: Q2’s 20% against 50% is red',
    kind: 'one_off',
    updates: [
      { asAt: '2026-06-30', recorded: '2026-07-08', word: 'IN PROGRESS', pct: 10, override: ['green', 'Start delayed by agreement'] },
      { asAt: '2026-09-30', recorded: '2026-10-06', word: 'IN PROGRESS', pct: 20 },
    ],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'red', overdue: false, expected: 50 },
  },
  {
    why: 'an override on a complete action has nothing to judge: complete',
    kind: 'one_off',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'COMPLETE', override: ['red', 'Evidence still awaited'] }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'complete', overdue: false, expected: null },
  },
  // Complete, closed, not started.
  {
    why: 'complete in Q1, it needs no Q2 update: complete, not “not updated”',
    kind: 'one_off',
    updates: [{ asAt: '2026-06-30', recorded: '2026-07-08', word: 'COMPLETE' }],
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'complete', overdue: false },
  },
  {
    why: 'carried over is closed',
    kind: 'one_off',
    updates: [{ asAt: '2026-09-30', recorded: '2026-10-06', word: 'CARRIED OVER', pct: 60 }],
    today: DEC5,
    asOf: '2026-09-30',
    expect: { rag: 'closed', overdue: false, expected: null },
  },
  {
    why: 'an action starting in January with no update is not due yet',
    kind: 'one_off',
    start: '2027-01-01',
    due: '2027-03-31',
    today: DEC5,
    asOf: DEC5,
    expect: { rag: 'not_due', overdue: false, expected: 0, explains: /^Not due yet: starts 1 January 2027\.$/ },
  },
];

/** The service's clock: moved by each case, read by the services. */
let now = new Date(`${DEC5}T12:00:00Z`);
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const stamp = (recorded: string) => (recorded.length === 10 ? `${recorded}T10:00:00.000Z` : recorded);

/** Sets up a council holding the case's one action and its updates; returns the actor and the action's id. */
async function situation(s: Services, c: Case, n: number): Promise<{ actor: Actor; actionId: number }> {
  const tenantId = await s.councils.create({ slug: `lights-${n}`, name: `Council ${n}` });
  const actor = systemActor(tenantId);
  if (c.grace !== undefined) await s.progress.saveSettings(actor, { greenPercent: 90, amberPercent: 70, graceDays: c.grace });
  const unit = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'directorate' });
  const yearId = await s.years.create(actor, { label: '2026/27', scheme: c.halves ? 'halves' : 'quarters' });
  if (c.nextYear) await s.years.create(actor, { label: '2027/28', scheme: 'quarters' });
  const periods = (await s.years.get(actor, yearId)).periods;
  if (c.periodGrace) {
    const p = periods[c.periodGrace[0] - 1]!;
    await s.years.updatePeriod(actor, yearId, p.id, { opensOn: p.opens_on, dueOn: p.due_on, graceDays: c.periodGrace[1] });
  }
  const planId = await s.plans.create(actor, { orgUnitId: unit, planYearId: yearId, title: 'Democratic Services Plan 2026/27', kind: 'service_improvement_plan' });
  const objectiveId = await s.plans.createObjective(actor, planId, { number: '1', title: 'Open decision making' });
  const actionId = await s.actions.create(actor, planId, { objectiveId, title: 'The action', kind: c.kind, startDate: c.start, dueDate: c.due, revisedDueDate: c.revised });
  const ids: number[] = [];
  for (const u of c.updates ?? []) {
    if (u.imported) {
      now = at(u.recorded);
      const stage = u.word === 'COMPLETE' ? 'complete' : u.word === 'ONGOING' ? 'ongoing' : 'in_progress';
      ids.push(await s.progress.importUpdate(actor, actionId, { asAt: u.asAt, stage, statusWord: u.word, percentComplete: u.pct ?? null, narrative: null }));
      continue;
    }
    const period = periods[(u.period ?? periods.findIndex((p) => p.start_date <= u.asAt && u.asAt <= p.end_date) + 1) - 1]!;
    ids.push(
      await s.progress.recordUpdate(
        actor,
        actionId,
        {
          periodId: period.id,
          asAt: u.asAt,
          statusWord: u.word,
          percentComplete: u.pct ?? '',
          ragOverride: u.override?.[0] ?? '',
          overrideReason: u.override?.[1] ?? '',
          correctsId: u.corrects === undefined ? null : ids[u.corrects],
        },
        { recordedAt: stamp(u.recorded) },
      ),
    );
  }
  return { actor, actionId };
}

eachDialect(
  'traffic lights worked out by hand',
  (ctx) => {
    test(`there are at least 30 cases (${CASES.length})`, () => assert.ok(CASES.length >= 30));

    CASES.forEach((c, n) => {
      test(`${n + 1}. ${c.why}`, async () => {
        now = at(c.today);
        const { actor, actionId } = await situation(ctx.services, c, n);
        now = at(c.today);
        const action = (await ctx.services.actions.detail(actor, actionId)).action;
        const [p] = await ctx.services.progress.positions(actor, [action], c.asOf, { knownOn: c.knownOn ?? null });
        const r = p!.result;
        assert.equal(r.rag, c.expect.rag, r.explanation);
        assert.equal(r.overdue, c.expect.overdue ?? false, r.explanation);
        if (c.expect.expected !== undefined) assert.equal(r.expectedPercent, c.expect.expected, r.explanation);
        if (c.expect.explains) assert.match(r.explanation, c.expect.explains);
      });
    });

    // "Today" is the Europe/London date, not the UTC one.
    test('at 00:30 BST on 15 July (23:30 UTC on the 14th) today is 15 July: an update as at 15 July is not in the future', async () => {
      now = new Date('2026-07-14T23:30:00Z');
      const c: Case = { why: '', kind: 'ongoing', today: '2026-07-15', asOf: '2026-07-15', expect: { rag: 'green' } };
      const { actor, actionId } = await situation(ctx.services, c, 100);
      now = new Date('2026-07-14T23:30:00Z');
      assert.equal(ctx.services.progress.today(), '2026-07-15');
      const [, q2] = (await ctx.services.years.get(actor, (await ctx.services.years.list(actor))[0]!.id)).periods;
      assert.ok(await ctx.services.progress.recordUpdate(actor, actionId, { periodId: q2!.id, asAt: '2026-07-15', statusWord: 'ONGOING' }));
    });

    test('at 00:30 BST on 20 July (23:30 UTC on the 19th) Q1 is locked: its last day, 19 July, has passed in London', async () => {
      const c: Case = { why: '', kind: 'ongoing', today: '2026-07-19', asOf: '2026-07-19', expect: { rag: 'green' } };
      const { actor, actionId } = await situation(ctx.services, c, 101);
      now = new Date('2026-07-19T23:30:00Z');
      const [q1] = (await ctx.services.years.get(actor, (await ctx.services.years.list(actor))[0]!.id)).periods;
      assert.match(await fieldError(ctx.services.progress.recordUpdate(actor, actionId, { periodId: q1!.id, asAt: '2026-06-30', statusWord: 'ONGOING' }), 'periodId'), /Quarter 1 .* is locked/);
      // An hour earlier (22:30 UTC, 23:30 BST on the 19th) it was still open.
      now = new Date('2026-07-19T22:30:00Z');
      assert.ok(await ctx.services.progress.recordUpdate(actor, actionId, { periodId: q1!.id, asAt: '2026-06-30', statusWord: 'ONGOING' }));
    });

    test('at 00:30 BST on 1 April 2026 the default as-at date is 1 April, in 2026/27', async () => {
      const c: Case = { why: '', kind: 'ongoing', today: '2026-04-01', asOf: '2026-04-01', expect: { rag: 'green' } };
      const { actor } = await situation(ctx.services, c, 102);
      now = new Date('2026-03-31T23:30:00Z');
      assert.equal(await ctx.services.progress.checkAsOf(actor, undefined), '2026-04-01');
    });

    // Bad input: refused with a message that says what to do; nothing written.
    test('bad dates are refused, saying what to do, and nothing is written', async () => {
      const c: Case = { why: '', kind: 'one_off', today: DEC5, asOf: DEC5, expect: { rag: 'green' } };
      const { actor, actionId } = await situation(ctx.services, c, 103);
      now = at(DEC5);
      const s = ctx.services.progress;
      assert.equal(await fieldError(s.checkAsOf(actor, '2031-01-01'), 'asOf'), 'As-at date 1 January 2031 is outside every plan year: choose a date inside one of 2026/27 (1 April 2026 to 31 March 2027).');
      const known = (asOf: string, knownOn: string) => {
        try {
          s.checkKnownOn(asOf, knownOn);
          return 'accepted';
        } catch (e) {
          assert.ok(e instanceof ValidationError);
          return e.fields.knownOn;
        }
      };
      assert.equal(known('2026-09-30', '2026-09-29'), 'As-known-on date 29 September 2026 is before the as-at date 30 September 2026: choose 30 September 2026 or later, or leave it blank for what is known now.');
      assert.equal(known('2026-09-30', '2026-12-06'), 'As-known-on date 6 December 2026 is in the future: choose 5 December 2026 or earlier, or leave it blank for what is known now.');
      assert.equal(known('2026-09-30', '2026-12-05'), 'accepted');
      // Quarter 3 takes updates on 5 December (Quarters 1 and 2 are locked).
      const q3 = (await ctx.services.years.get(actor, (await ctx.services.years.list(actor))[0]!.id)).periods[2]!;
      const record = (asAt: string) => s.recordUpdate(actor, actionId, { periodId: q3.id, asAt, statusWord: 'IN PROGRESS', percentComplete: 10 });
      assert.equal(await fieldError(record('2026-12-06'), 'asAt'), 'As-at date cannot be in the future: enter the date the update reports on, 5 December 2026 or earlier');
      assert.equal(
        await fieldError(record('2026-03-31'), 'asAt'),
        'As-at date must fall in 2026/27, between 1 April 2026 and 31 March 2027: enter the date the update reports on, normally the last day of Quarter 3 (October to December)',
      );
      assert.deepEqual(await s.history(actor, actionId), []);
    });
  },
  { clock: () => now },
);
