import {
  LARGE_ACTIONS_PER_PLAN,
  LARGE_COUNCIL,
  LARGE_DIRECTORATES,
  LARGE_FIRST_NAMES,
  LARGE_LEAD_TITLES,
  LARGE_OBJECTIVES,
  LARGE_SURNAMES,
  largeAction,
} from '../db/demo/large-council.ts';
import { addDays, addMonths, daysInMonth, isoDate } from '../domain/dates.ts';
import { planYearContaining } from '../domain/plan-years.ts';
import { systemActor, type Actor } from './context.ts';
import { isEmpty, randomDemoPassword, type DemoLoadOptions, type DemoLoadResult, type DemoAccountCredentials } from './demo.ts';
import { loadProgress } from './demo-progress.ts';
import type { Services } from './index.ts';

// The large demo council (`waymark demo --scale large`): 8 directorates, 61 services, a plan of 56
// actions each (3,416 actions), progress updates for three quarters (over 9,000), committees,
// meetings and a draft report per directorate — loaded through the ordinary services, in one
// transaction, like the standard demo.
//
// Its year starts ten months before the day it is loaded (a council may choose its year start), so
// whatever the date three quarters have ended and their updates are all in: the figures a
// benchmark reads are the same size on every run.

/** The month (1–12) the large council's year starts: ten months before today's month. */
export function largeYearStartMonth(today: string): number {
  const month = Number(today.slice(5, 7));
  return ((month - 1 - 10 + 24) % 12) + 1;
}

/** Names for the n-th person of the council, distinct for the first 420. */
function personName(n: number): string {
  return `${LARGE_FIRST_NAMES[n % LARGE_FIRST_NAMES.length]!} ${LARGE_SURNAMES[Math.floor(n / LARGE_FIRST_NAMES.length) % LARGE_SURNAMES.length]!}`;
}

const emailOf = (name: string, n: number) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${n}@${LARGE_COUNCIL.domain}`;

/** A date `months` after the year start, on the month's last day. */
function monthEnd(yearStart: string, months: number): string {
  const d = addMonths(yearStart, months - 1);
  const [y, m] = d.split('-').map(Number) as [number, number];
  return isoDate(y, m, daysInMonth(y, m));
}

export function loadLargeDemo(services: Services, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  return services.atomically((s) => loadInto(s, options));
}

async function loadInto(services: Services, options: DemoLoadOptions): Promise<DemoLoadResult> {
  if (!(await isEmpty(services))) {
    throw new Error('The demo council can only be loaded into an empty database, and this one already holds a council.');
  }
  const today = services.progress.today();
  const startMonth = largeYearStartMonth(today);
  const tenantId = await services.councils.create({ slug: LARGE_COUNCIL.slug, name: LARGE_COUNCIL.name, yearStartMonth: startMonth });
  const actor = systemActor(tenantId);
  await services.organisation.updateSettings(actor, { name: LARGE_COUNCIL.name, yearStartMonth: startMonth, actionRoles: [...LARGE_COUNCIL.actionRoles] });

  // The year containing today, which started ten months before this month began.
  const span = planYearContaining(today, startMonth);
  const yearId = await services.years.create(actor, { label: span.label, scheme: 'quarters' });

  let people = 0;
  const person = async (unitId: number, jobTitle: string) => {
    const name = personName(people);
    const email = emailOf(name, people);
    people += 1;
    return { id: await services.organisation.createPerson(actor, { name, jobTitle, email, orgUnitId: unitId }), name, email };
  };

  // Directorates, services and their people: a director, and per service a head and three lead officers.
  const services_: { id: number; code: string; name: string; directorate: number; head: { id: number; name: string; email: string }; leads: number[]; leadEmails: string[] }[] = [];
  const directorates: { id: number; code: string; name: string }[] = [];
  for (const d of LARGE_DIRECTORATES) {
    const directorateId = await services.organisation.createUnit(actor, { name: d.name, code: d.code, kind: 'directorate', parentId: null });
    directorates.push({ id: directorateId, code: d.code, name: d.name });
    await person(directorateId, `Director of ${d.name}`);
    for (const [code, name] of d.services) {
      const id = await services.organisation.createUnit(actor, { name, code, kind: 'service', parentId: directorateId });
      const head = await person(id, `Head of ${name}`);
      const leads: { id: number; email: string }[] = [];
      for (const t of LARGE_LEAD_TITLES) leads.push(await person(id, `${name} ${t}`));
      services_.push({ id, code, name, directorate: directorateId, head, leads: leads.map((l) => l.id), leadEmails: leads.map((l) => l.email) });
    }
  }

  // Each service's plan: five objectives, 56 actions.
  const yearShort = span.label.slice(2, 4);
  const planIds: number[] = [];
  for (const [s, svc] of services_.entries()) {
    const planId = await services.plans.create(actor, {
      orgUnitId: svc.id,
      planYearId: yearId,
      title: `${svc.name} Service Plan ${span.label}`,
      kind: 'service_improvement_plan',
      vision: `A ${svc.name.toLowerCase()} service that residents trust and can reach easily.`,
    });
    planIds.push(planId);
    const objectiveIds: number[] = [];
    for (const [o, obj] of LARGE_OBJECTIVES.entries()) {
      objectiveIds.push(await services.plans.createObjective(actor, planId, { number: `${o + 1}`, title: obj.title, why: obj.why }));
    }
    for (let n = 0; n < LARGE_ACTIONS_PER_PLAN; n++) {
      const a = largeAction(svc.name, s, n);
      await services.actions.create(actor, planId, {
        objectiveId: objectiveIds[n % objectiveIds.length]!,
        code: `${yearShort}-${svc.code}${String(n + 1).padStart(2, '0')}`,
        title: a.title,
        role: LARGE_COUNCIL.actionRoles[n % LARGE_COUNCIL.actionRoles.length],
        target: a.target,
        kind: a.kind,
        startDate: a.startMonth ? addMonths(span.startDate, a.startMonth) : null,
        dueDate: monthEnd(span.startDate, a.dueMonth),
        leadPersonIds: a.leads.map((l) => svc.leads[l]!),
        ...(a.exemptParagraph ? { restricted: 'yes', exemptParagraph: a.exemptParagraph } : {}),
      });
    }
  }

  const accounts = await createAccounts(services, tenantId, actor, options, services_[0]!);
  await committeesAndReports(services, actor, span, planIds, directorates, services_);
  // The standard demo's courses (src/db/demo/progress.ts); no update waits for sign-off here.
  await loadProgress(services, actor, planIds.map((planId) => ({ planId, yearId })), today, { yearId, authors: new Map() });
  return { tenantId, accounts };
}

/** Sign-in accounts: an administrator, a performance officer, a head of service and a lead officer of the first service, and a councillor. */
async function createAccounts(
  services: Services,
  tenantId: number,
  actor: Actor,
  options: DemoLoadOptions,
  first: { head: { name: string; email: string }; leadEmails: string[] },
): Promise<DemoAccountCredentials[]> {
  const people = await services.organisation.people(actor);
  const lead = people.find((p) => p.email === first.leadEmails[0])!;
  const list: { email: string; name: string; role: string; restrictedAccess?: boolean }[] = [
    { email: `admin@${LARGE_COUNCIL.domain}`, name: 'Large Demo Administrator', role: 'admin' },
    { email: `performance@${LARGE_COUNCIL.domain}`, name: 'Corporate Performance Officer', role: 'performance_officer', restrictedAccess: true },
    { email: first.head.email, name: first.head.name, role: 'head_of_service' },
    { email: lead.email!, name: lead.name, role: 'lead_officer' },
    { email: `cllr.chair@${LARGE_COUNCIL.domain}`, name: 'Councillor Chair of Scrutiny', role: 'viewer' },
  ];
  const accounts: DemoAccountCredentials[] = [];
  for (const a of list) {
    const password = options.password ?? randomDemoPassword();
    const userId = await services.auth.createUser(tenantId, { email: a.email, name: a.name, role: a.role, password });
    if (a.restrictedAccess) await services.users.setRestrictedAccess(actor, userId, { restrictedAccess: 'yes' });
    accounts.push({ email: a.email, password, role: a.role, name: a.name });
  }
  return accounts;
}

/** Cabinet approves every plan three weeks before the year starts; scrutiny meets after each quarter and has a draft half-year report per directorate. */
async function committeesAndReports(
  services: Services,
  actor: Actor,
  span: { startDate: string; label: string },
  planIds: readonly number[],
  directorates: readonly { id: number; name: string }[],
  units: readonly { directorate: number }[],
): Promise<void> {
  const cabinet = await services.committees.createCommittee(actor, { name: 'Cabinet' });
  const scrutiny = await services.committees.createCommittee(actor, { name: 'Performance Scrutiny Committee' });
  const approval = await services.committees.createMeeting(actor, { committeeId: cabinet, date: weekday(addDays(span.startDate, -21)) });
  const quarterMeetings: number[] = [];
  for (const q of [1, 2, 3]) quarterMeetings.push(await services.committees.createMeeting(actor, { committeeId: scrutiny, date: weekday(addDays(monthEnd(span.startDate, q * 3), 42)) }));
  for (const planId of planIds) {
    await services.planLifecycle.submit(actor, planId);
    await services.planLifecycle.approve(actor, planId, { meetingId: approval });
  }
  const halfYear = monthEnd(span.startDate, 6);
  for (const d of directorates) {
    const ids = planIds.filter((_, i) => units[i]!.directorate === d.id);
    await services.reports.create(actor, {
      meetingId: quarterMeetings[1]!,
      template: 'half-year',
      title: `${d.name}: service plans ${span.label}, progress to the half year`,
      asOf: halfYear,
      planIds: ids,
      reportingOfficer: `Director of ${d.name}`,
    });
  }
}

/** The weekday on or before a date. */
function weekday(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, -1) : day === 0 ? addDays(iso, -2) : iso;
}
