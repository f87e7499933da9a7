import crypto from 'node:crypto';
import {
  DEMO_ACCOUNTS,
  DEMO_CORPORATE_PLAN,
  DEMO_COUNCIL,
  DEMO_PEOPLE,
  DEMO_PLANS,
  DEMO_PLEDGES,
  DEMO_PRIORITIES,
  DEMO_UNITS,
  DEMO_YEARS,
} from '../db/demo/council.ts';
import { addDays, addMonths } from '../domain/dates.ts';
import { actionTextValues } from '../domain/fields/action-fields.ts';
import { planYearContaining } from '../domain/plan-years.ts';
import type { DemoPlan } from '../db/demo/council.ts';
import { systemActor, type Actor } from './context.ts';
import type { Services } from './index.ts';
import { loadProgress, rollForward } from './demo-progress.ts';

// Loads the demo council through the ordinary services, so the demo obeys every rule real data
// does (validation, codes, links, audit) and doubles as a check that those services fit together.

export interface DemoAccountCredentials {
  email: string;
  password: string;
  role: string;
  name: string;
}

export interface DemoLoadResult {
  tenantId: number;
  accounts: DemoAccountCredentials[];
}

export interface DemoLoadOptions {
  /**
   * One password for every demo account, for tests that sign in with a password they know.
   * Without it each account gets its own random password, returned in `accounts` (and printed
   * once by whoever loaded the demo): a fixed, published password would be a way in to any
   * install that loaded the demo.
   */
  password?: string;
}

// No vowels, and no digit that reads as one (0, 1, 3, 4), so a generated password can never
// spell a name or an email address; nor l (it looks like 1). 21 symbols: 16 of them ≈ 70 bits.
const PASSWORD_SYMBOLS = 'bcdfghjkmnpqrstvwxz29';

/** A random password like `kq9t-mxbd-2wfz-hnpc`: easy to copy from a console, hard to guess. */
export function randomDemoPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += PASSWORD_SYMBOLS[crypto.randomInt(PASSWORD_SYMBOLS.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export async function isEmpty(services: Services): Promise<boolean> {
  return (await services.councils.list()).length === 0;
}

/** Looks up a key the demo data refers to; a miss is a mistake in the data file, so say which. */
function lookup<K>(map: Map<K, number>, key: K, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Demo data refers to an unknown ${what}: ${String(key)}`);
  return id;
}

/**
 * Creates the demo council with its organisation, corporate plan, plan years, plans and sign-in
 * accounts. Refuses when any council exists, so it can never mix demo data into a real install.
 */
export function loadDemo(services: Services, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  // One transaction: a failure part-way leaves the database empty, so the load can simply be retried.
  return services.atomically((s) => loadInto(s, options));
}

async function loadInto(services: Services, options: DemoLoadOptions): Promise<DemoLoadResult> {
  if (!(await isEmpty(services))) {
    throw new Error('The demo council can only be loaded into an empty database, and this one already holds a council.');
  }
  const tenantId = await services.councils.create({ slug: DEMO_COUNCIL.slug, name: DEMO_COUNCIL.name, yearStartMonth: DEMO_COUNCIL.yearStartMonth });
  const actor = systemActor(tenantId);
  await services.organisation.updateSettings(actor, { name: DEMO_COUNCIL.name, yearStartMonth: DEMO_COUNCIL.yearStartMonth, actionRoles: [...DEMO_COUNCIL.actionRoles] });

  const units = new Map<string, number>();
  for (const u of DEMO_UNITS) {
    const parentId = u.parent === null ? null : lookup(units, u.parent, 'unit');
    units.set(u.code, await services.organisation.createUnit(actor, { name: u.name, code: u.code, kind: u.kind, parentId }));
  }
  for (const p of DEMO_PEOPLE) {
    await services.organisation.createPerson(actor, { name: p.name, jobTitle: p.jobTitle, email: p.email, orgUnitId: lookup(units, p.unit, 'unit') });
  }

  await services.corporate.savePlan(actor, { ...DEMO_CORPORATE_PLAN });
  const priorities = new Map<string, number>();
  for (const p of DEMO_PRIORITIES) {
    const parentId = p.parent === null ? null : lookup(priorities, p.parent, 'priority');
    priorities.set(p.key, await services.corporate.createPriority(actor, { title: p.title, strapline: p.strapline, description: p.description, parentId }));
  }
  const pledges = new Map<number, number>();
  for (const p of DEMO_PLEDGES) {
    pledges.set(p.number, await services.corporate.createPledge(actor, { number: p.number, text: p.text, priorityId: lookup(priorities, p.priority, 'priority') }));
  }
  const priorityIds = (keys: readonly string[] = []) => keys.map((k) => lookup(priorities, k, 'priority'));
  const pledgeIds = (numbers: readonly number[] = []) => numbers.map((n) => lookup(pledges, n, 'pledge'));

  const years = new Map<string, number>();
  for (const y of DEMO_YEARS) years.set(y.label, await services.years.create(actor, { label: y.label, scheme: y.scheme }));

  // A plan for the current year too, so the dashboards show a live position on first start.
  const today = services.progress.today();
  const current = planYearContaining(today, DEMO_COUNCIL.yearStartMonth);
  const plans = [...DEMO_PLANS];
  if (!years.has(current.label)) {
    years.set(current.label, await services.years.create(actor, { label: current.label, scheme: 'quarters' }));
    const latest = DEMO_PLANS.at(-1)!.year;
    for (const p of DEMO_PLANS.filter((x) => x.year === latest)) plans.push(rollForward(p, current.label));
  }

  const actions = new Map<string, number>();
  const planIds: { planId: number; yearId: number }[] = [];
  for (const plan of plans) {
    const planId = await services.plans.create(actor, {
      orgUnitId: lookup(units, plan.unit, 'unit'),
      planYearId: lookup(years, plan.year, 'plan year'),
      title: plan.title,
      kind: plan.kind,
      vision: plan.vision,
      purpose: plan.purpose,
      statutoryDuties: plan.statutoryDuties,
      areasOfFocus: plan.areasOfFocus,
    });
    planIds.push({ planId, yearId: lookup(years, plan.year, 'plan year') });
    const goals = new Map<string, number>();
    for (const g of plan.goals) goals.set(g.number, await services.plans.createGoal(actor, planId, { number: g.number, title: g.title }));
    for (const o of plan.objectives) {
      const objectiveId = await services.plans.createObjective(actor, planId, {
        number: o.number,
        title: o.title,
        why: o.why,
        goalId: o.goal === undefined ? null : lookup(goals, o.goal, 'strategic goal'),
        priorityIds: priorityIds(o.priorities),
        pledgeIds: pledgeIds(o.pledges),
      });
      for (const a of o.actions) {
        const impacts = a.impacts ?? [];
        // A unit code becomes a linked impacted service; anything else is kept as written.
        const id = await services.actions.create(actor, planId, {
          objectiveId,
          code: a.code,
          title: a.title,
          role: a.role,
          ...actionTextValues(a),
          kind: a.kind,
          startDate: a.startDate,
          dueDate: a.dueDate,
          leads: a.leads,
          impactedUnitIds: impacts.filter((i) => units.has(i)).map((i) => lookup(units, i, 'unit')),
          impactsOther: impacts.filter((i) => !units.has(i)),
          partnerships: a.partnerships ?? [],
          priorityIds: priorityIds(a.priorities),
          pledgeIds: pledgeIds(a.pledges),
          carriedFromId: a.carriedFrom === undefined ? null : lookup(actions, a.carriedFrom, 'action'),
          ...(a.exemptParagraph ? { restricted: 'yes', exemptParagraph: a.exemptParagraph } : {}),
        });
        actions.set(a.code, id);
      }
    }
  }

  const accounts: DemoAccountCredentials[] = [];
  const userIds = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) {
    const password = options.password ?? randomDemoPassword();
    const userId = await services.auth.createUser(tenantId, { email: a.email, name: a.name, role: a.role, password });
    if (a.restrictedAccess) await services.users.setRestrictedAccess(actor, userId, { restrictedAccess: 'yes' });
    accounts.push({ email: a.email, password, role: a.role, name: a.name });
    userIds.set(a.email.toLowerCase(), userId);
  }

  await approvePlans(services, actor, plans, planIds, current.label, today);

  // Sign-off: the council asks for lead officers' updates to be approved, and the demo lead
  // officer's updates for the latest quarter of this year are waiting for it.
  const cycle = await services.updateCycle.settings(actor);
  await services.updateCycle.saveSettings(actor, { requireApproval: 'yes', reminderDaysBefore: cycle.reminderDaysBefore, reportsApprovedOnly: cycle.reportsApprovedOnly ? 'yes' : 'no' });
  const leadOfficers = new Map<number, number>();
  for (const person of await services.organisation.people(actor)) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'lead_officer' && a.email.toLowerCase() === person.email?.toLowerCase());
    const userId = account ? userIds.get(account.email.toLowerCase()) : undefined;
    if (userId !== undefined) leadOfficers.set(person.id, userId);
  }
  const currentYearId = lookup(years, current.label, 'plan year');
  await loadProgress(services, actor, planIds, today, { yearId: currentYearId, authors: leadOfficers });
  return { tenantId, accounts };
}

// The committees that approve the demo's plans and hear its progress reports, each year.
const DEMO_COMMITTEES = { approves: 'Policy and Resources Committee', scrutinises: 'Audit and Scrutiny Committee' } as const;

/** The weekday on or before a date: meetings are not held at weekends. */
function weekdayOnOrBefore(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, -1) : day === 0 ? addDays(iso, -2) : iso;
}

/**
 * Committees and their meetings, and each plan through its lifecycle: every plan is submitted and
 * approved at the committee meeting before its year starts; past years' plans are published; one
 * plan of this year waits for approval, so the queue has something in it.
 */
async function approvePlans(services: Services, actor: Actor, plans: readonly DemoPlan[], planIds: readonly { planId: number; yearId: number }[], currentLabel: string, today: string): Promise<void> {
  const approves = await services.committees.createCommittee(actor, { name: DEMO_COMMITTEES.approves });
  const scrutinises = await services.committees.createCommittee(actor, { name: DEMO_COMMITTEES.scrutinises });
  const meetings = new Map<number, number>();
  for (const { yearId } of planIds) {
    if (meetings.has(yearId)) continue;
    const year = await services.years.get(actor, yearId);
    // About three weeks before the year starts, to approve its plans; in November, to hear the half-year position.
    meetings.set(yearId, await services.committees.createMeeting(actor, { committeeId: approves, date: weekdayOnOrBefore(addDays(year.start_date, -21)) }));
    await services.committees.createMeeting(actor, { committeeId: scrutinises, date: weekdayOnOrBefore(addDays(addMonths(year.start_date, 7), 20)) });
  }
  for (const [i, { planId, yearId }] of planIds.entries()) {
    const plan = plans[i]!;
    await services.planLifecycle.submit(actor, planId);
    // This year's Democratic Services plan is still waiting for the committee.
    if (plan.year === currentLabel && plan.unit === 'DEM') continue;
    await services.planLifecycle.approve(actor, planId, { meetingId: meetings.get(yearId)! });
    const year = await services.years.get(actor, yearId);
    if (year.end_date < today) await services.planLifecycle.publish(actor, planId);
  }
}
