import { addDays, formatUkDate, londonDate } from '../domain/dates.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { periodLocked } from '../domain/plan-years.ts';
import { latestAsAt, reportsFor, standingUpdates } from '../domain/update-timeline.ts';
import type { ReportingPeriodRow, Repos, TenantRow } from '../db/repositories/index.ts';
import { assertCanAdminister, recordChange, type Actor, type Deps } from './context.ts';
import { escapeHtml, type MailMessage, type Mailer } from './mailer.ts';
import { timeline, timelinePeriod } from './positions.ts';

// The reminder emails of each reporting period — "updates are open", "due soon" and "overdue" —
// each sent once, and chasing lead officers by hand (sign-off is in update-cycle.ts).

export const REMINDER_KINDS = ['opened', 'due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Reminders stop this many days after a period's due date, so old years are never chased. */
const REMINDERS_STOP_AFTER_DAYS = 30;
const CLOSED_STAGES = new Set(['complete', 'carried_over', 'deferred', 'cancelled']);

/** A reporting period taking updates now, and who has not updated for it. */
export interface ChaseablePeriod {
  periodId: number;
  label: string;
  /** Due date (ISO), for the page. */
  due: string;
  overdue: boolean;
  /** Actions that still need an update for the period. */
  actionsWithoutUpdate: number;
  /** Lead officers with an email address who lead one of them. */
  leads: number;
}

export interface ChaseResult {
  label: string;
  sent: number;
  failed: number;
}

/** One chase a period in this many minutes: a second click does not email everyone twice. */
const CHASE_INTERVAL_MINUTES = 10;

export interface ReminderRun {
  sent: number;
  failed: number;
}

interface Recipient {
  email: string;
  name: string;
  personId: number;
  userId: number | null;
  actionIds: Set<number>;
}

export class ReminderService {
  constructor(private readonly deps: Deps) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  private get mailer(): Mailer {
    return this.deps.mailer;
  }

  private link(path: string): string {
    return `${this.deps.publicUrl}${path}`;
  }

  // Chasing -----------------------------------------------------------------------------------

  /** The periods taking updates today (open, due soon or overdue), for performance officers and admins to chase. */
  async chaseable(actor: Actor): Promise<ChaseablePeriod[]> {
    assertCanAdminister(actor);
    const now = this.nowDate();
    const today = londonDate(now);
    const tenant = await this.repos.tenants.get(actor.tenantId);
    if (!tenant) throw new NotFoundError('Council');
    const out: ChaseablePeriod[] = [];
    for (const period of await this.repos.planYears.allPeriods(tenant.id)) {
      const kind = this.phase(tenant, period, today);
      if (!kind) continue;
      const { recipients, needing } = await this.overdueLeads(tenant, period, now);
      out.push({ periodId: period.id, label: period.label, due: period.due_on ?? period.end_date, overdue: kind === 'overdue', actionsWithoutUpdate: needing, leads: recipients.size });
    }
    return out;
  }

  /**
   * Emails each lead officer who has not updated for a period taking updates the list of their
   * actions without one ("chasing"), now rather than on the reminder schedule. Audited with how
   * many were sent. Refused for a period not taking updates, or chased in the last 10 minutes.
   */
  async chase(actor: Actor, periodId: number): Promise<ChaseResult> {
    assertCanAdminister(actor);
    const now = this.nowDate();
    const r = this.repos;
    const tenant = await r.tenants.get(actor.tenantId);
    const period = (await r.planYears.allPeriods(actor.tenantId)).find((p) => p.id === periodId);
    if (!tenant || !period) throw new NotFoundError('Reporting period');
    const kind = this.phase(tenant, period, londonDate(now));
    if (!kind) throw new ConflictError(`${period.label} is not taking updates now, so there is no one to chase.`);
    const key = `chase:${tenant.id}:${period.id}`;
    const at = now.toISOString();
    if ((await r.users.countAttempt(key, at, new Date(now.getTime() - CHASE_INTERVAL_MINUTES * 60_000).toISOString())) > 1) {
      throw new ConflictError(`Lead officers for ${period.label} were chased less than ${CHASE_INTERVAL_MINUTES} minutes ago. Wait before chasing them again.`);
    }
    const { recipients, byId, locked } = await this.overdueLeads(tenant, period, now);
    const result: ChaseResult = { label: period.label, sent: 0, failed: 0 };
    const sentTo: string[] = [];
    for (const rec of recipients.values()) {
      try {
        await this.mailer.send(this.reminderEmail(rec, period, kind === 'overdue' ? 'overdue' : 'due_soon', this.actionsOf(rec, byId), locked));
        result.sent++;
        sentTo.push(rec.email);
      } catch {
        result.failed++;
      }
    }
    // Nothing went out: the next click may try again at once.
    if (!result.sent) await r.users.clearAttempts(key);
    await recordChange(r, actor, 'reporting_period', period.id, 'chase', { after: { sent: result.sent, failed: result.failed, to: sentTo } });
    return result;
  }

  private nowDate(): Date {
    return this.deps.clock();
  }

  // Reminders ---------------------------------------------------------------------------------

  /**
   * Sends the reminders due at `now`, for every council: each lead officer (a person with an email
   * address leading actions) gets, per reporting period, "updates are open" once the window opens,
   * "due soon" from `reminder_days_before` days before the due date and "overdue" after it — the
   * last two only while an action of theirs still has no update for the period. Each reminder is
   * claimed by inserting its row in reminders_sent before it is sent, so it goes once even with
   * several servers running this at the same time.
   */
  async runReminders(now: Date = this.deps.clock()): Promise<ReminderRun> {
    const run: ReminderRun = { sent: 0, failed: 0 };
    const today = londonDate(now);
    for (const tenant of await this.repos.tenants.list()) {
      const periods = await this.repos.planYears.allPeriods(tenant.id);
      for (const period of periods) {
        const kind = this.phase(tenant, period, today);
        if (kind) await this.remindPeriod(tenant, period, kind, now, run);
      }
    }
    return run;
  }

  /** Which reminder a period calls for today, if any. */
  private phase(tenant: TenantRow, period: ReportingPeriodRow, today: string): ReminderKind | null {
    const opens = period.opens_on ?? period.start_date;
    if (opens > today) return null;
    const due = period.due_on ?? period.end_date;
    if (today > addDays(due, REMINDERS_STOP_AFTER_DAYS)) return null;
    if (today > due) return 'overdue';
    if (today >= addDays(due, -tenant.reminder_days_before)) return 'due_soon';
    return 'opened';
  }

  /**
   * The lead officers to remind for a period at `now`: each person with an email address leading an
   * action that still needs an update for it (none other than a returned one reports for the
   * period, the action had started by the period's end, and its latest update does not say it is
   * finished), with those actions.
   */
  private async overdueLeads(tenant: TenantRow, period: ReportingPeriodRow, now: Date) {
    const r = this.repos;
    const actions = await r.updateCycle.actionsOfYear(tenant.id, period.plan_year_id);
    const grace = period.grace_days ?? tenant.grace_days;
    const locked = periodLocked(period.due_on, grace, londonDate(now));
    const byId = new Map(actions.map((a) => [a.id, a]));
    const recipients = new Map<string, Recipient>();
    if (!actions.length) return { recipients, byId, locked, needing: 0 };
    const periods = (await r.planYears.periods(tenant.id, period.plan_year_id)).map((p) => timelinePeriod(p, tenant.grace_days));
    const me = periods.find((p) => p.id === period.id)!;
    const updates = (await r.progress.forActions(tenant.id, actions.map((a) => a.id))).filter((u) => u.approval !== 'returned');
    const mine = new Map<number, ReturnType<typeof timeline>[]>();
    for (const u of updates) mine.set(u.action_id, [...(mine.get(u.action_id) ?? []), timeline(u)]);
    const needing = actions.filter((a) => {
      if (a.start_date && a.start_date > period.end_date) return false;
      const standing = standingUpdates(mine.get(a.id) ?? []);
      if (standing.some((u) => reportsFor(u, me, periods))) return false;
      return !CLOSED_STAGES.has(latestAsAt(standing, '9999-12-31')?.stage ?? '');
    });
    if (!needing.length) return { recipients, byId, locked, needing: 0 };
    const users = await r.users.list(tenant.id);
    for (const lead of await r.updateCycle.leadRecipients(tenant.id, needing.map((a) => a.id))) {
      const email = lead.email.trim().toLowerCase();
      if (!email.includes('@')) continue;
      const user = users.find((u) => !u.disabled_at && (u.person_id === lead.person_id || u.email.toLowerCase() === email));
      const rec = recipients.get(email) ?? { email, name: lead.person_name, personId: lead.person_id, userId: user?.id ?? null, actionIds: new Set<number>() };
      rec.actionIds.add(lead.action_id);
      recipients.set(email, rec);
    }
    return { recipients, byId, locked, needing: needing.length };
  }

  private actionsOf(rec: Recipient, byId: Map<number, { id: number; code: string; title: string; exempt_paragraph: number | null }>) {
    return [...rec.actionIds].map((id) => byId.get(id)!).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  }

  private async remindPeriod(tenant: TenantRow, period: ReportingPeriodRow, kind: ReminderKind, now: Date, run: ReminderRun): Promise<void> {
    const r = this.repos;
    const { recipients, byId, locked } = await this.overdueLeads(tenant, period, now);
    for (const rec of recipients.values()) {
      const claim = await r.updateCycle.claimReminder({ tenantId: tenant.id, periodId: period.id, email: rec.email, userId: rec.userId, personId: rec.personId, kind, sentAt: now.toISOString() });
      if (claim === null) continue;
      try {
        await this.mailer.send(this.reminderEmail(rec, period, kind, this.actionsOf(rec, byId), locked));
        run.sent++;
      } catch {
        // Not sent: give the claim back so the next run tries again.
        await r.updateCycle.releaseReminder(claim);
        run.failed++;
      }
    }
  }

  private reminderEmail(rec: Recipient, period: ReportingPeriodRow, kind: ReminderKind, actions: { id: number; code: string; title: string; exempt_paragraph: number | null }[], locked: boolean): MailMessage {
    const due = formatUkDate(period.due_on ?? period.end_date);
    const subject = {
      opened: `Progress updates are open for ${period.label}: due ${due}`,
      due_soon: `Progress updates for ${period.label} are due on ${due}`,
      overdue: `Progress updates for ${period.label} are overdue: they were due on ${due}`,
    }[kind];
    const intro = {
      opened: `You can now record progress updates for ${period.label}. They are due by ${due}.`,
      due_soon: `Progress updates for ${period.label} are due by ${due}, and these actions you lead have none yet.`,
      overdue: locked
        ? `Progress updates for ${period.label} were due by ${due} and the period is now locked. Ask a performance officer if you still need to record an update for these actions.`
        : `Progress updates for ${period.label} were due by ${due}. These actions you lead still have none: please record one as soon as you can.`,
    }[kind];
    // Email is a weaker channel than the system: a restricted action goes by its code alone.
    const items = actions.map((a) => ({ ...a, title: emailTitle(a), url: this.link(`/actions/${a.id}/updates/new`) }));
    const text = [`Dear ${rec.name},`, '', intro, '', ...items.map((a) => `- ${a.code} ${a.title}: ${a.url}`), '', 'Waymark', ''].join('\n');
    const html = [
      `<p>Dear ${escapeHtml(rec.name)},</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<ul>${items.map((a) => `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.code)}</a> ${escapeHtml(a.title)}</li>`).join('')}</ul>`,
      '<p>Waymark</p>',
    ].join('\n');
    return { to: rec.email, subject, text, html };
  }
}

/** An action's title as an email gives it: a restricted action's title stays in Waymark. */
export function emailTitle(a: { title: string; exempt_paragraph: number | null }): string {
  return a.exempt_paragraph === null ? a.title : '(restricted: the title is shown in Waymark)';
}
