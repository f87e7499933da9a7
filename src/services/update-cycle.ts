import { z } from 'zod';
import { addDays, formatUkDate, londonDate } from '../domain/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { canApproveUpdate } from '../domain/permissions.ts';
import { periodLocked } from '../domain/plan-years.ts';
import { latestAsAt, reportsFor, standingUpdates } from '../domain/update-timeline.ts';
import type { AwaitingRow, ReportingPeriodRow, Repos, TenantRow } from '../db/repositories/index.ts';
import { assertCanAdminister, assertCanEdit, reachOf, recordChange, type Actor, type Deps } from './context.ts';
import { timeline, timelinePeriod } from './positions.ts';
import { assertSeesUpdate, visibleUpdates } from './visibility.ts';
import { escapeHtml, type MailMessage, type Mailer } from './mailer.ts';
import { requiredText, validate, type Loose } from './validation.ts';

// The update cycle: sign-off of lead officers' progress updates by a head of service (or a
// performance officer or admin), the council's settings for it, and the reminder emails of each
// reporting period — "updates are open", "due soon" and "overdue" — each sent once.

/** Who may approve or return an update: anyone above a lead officer who can edit. */
export const APPROVER_ROLES: readonly string[] = ['head_of_service', 'performance_officer', 'admin'];
export const canApprove = (role: string): boolean => APPROVER_ROLES.includes(role);

export const REMINDER_KINDS = ['opened', 'due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Reminders stop this many days after a period's due date, so old years are never chased. */
const REMINDERS_STOP_AFTER_DAYS = 30;
const CLOSED_STAGES = new Set(['complete', 'carried_over', 'deferred', 'cancelled']);

export interface UpdateCycleSettings {
  requireApproval: boolean;
  reminderDaysBefore: number;
  reportsApprovedOnly: boolean;
}

const yesNo = (label: string) =>
  z.preprocess((v) => (v === true || v === 'yes' || v === 'true' ? 'yes' : v === false || v === 'no' || v === 'false' ? 'no' : v), z.enum(['yes', 'no'], { error: `Select yes or no for ${label}` }));

const settingsSchema = z.object({
  requireApproval: yesNo('whether updates need sign-off'),
  reminderDaysBefore: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
    z
      .number({ error: 'Days before the due date must be a whole number from 0 to 60' })
      .int('Days before the due date must be a whole number from 0 to 60')
      .min(0, 'Days before the due date must be a whole number from 0 to 60')
      .max(60, 'Days before the due date must be a whole number from 0 to 60'),
  ),
  reportsApprovedOnly: yesNo('whether reports use approved updates only'),
});
export type UpdateCycleSettingsInput = Loose<z.input<typeof settingsSchema>>;

const returnSchema = z.object({ comment: requiredText('what needs to change', 2000) });

/** What a sign-off of several updates at once did: each update is decided on its own. */
export interface BulkDecision {
  decision: 'approve' | 'return';
  /** Approved (or returned), in the order they were given. */
  done: { id: number; label: string }[];
  /** Left exactly as they were, with the reason. */
  failed: { id: number; label: string; reason: string }[];
}

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

/** At most this many updates in one go. */
export const BULK_LIMIT = 200;

export interface PendingList {
  /** Updates awaiting this user's sign-off (never their own). */
  toApprove: AwaitingRow[];
  /** This user's own updates awaiting sign-off, or returned and not yet corrected. */
  mine: AwaitingRow[];
  canApprove: boolean;
}

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

export class UpdateCycleService {
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

  // Settings ----------------------------------------------------------------------------------

  async settings(actor: Actor, r: Repos = this.repos): Promise<UpdateCycleSettings> {
    const s = await r.updateCycle.settings(actor.tenantId);
    if (!s) throw new NotFoundError('Council');
    return { requireApproval: s.require_approval === 1, reminderDaysBefore: s.reminder_days_before, reportsApprovedOnly: s.reports_approved_only === 1 };
  }

  async saveSettings(actor: Actor, input: UpdateCycleSettingsInput): Promise<void> {
    assertCanAdminister(actor);
    const v = validate(settingsSchema, input);
    const after: UpdateCycleSettings = { requireApproval: v.requireApproval === 'yes', reminderDaysBefore: v.reminderDaysBefore, reportsApprovedOnly: v.reportsApprovedOnly === 'yes' };
    await this.deps.store.transaction(async (r) => {
      const before = await this.settings(actor, r);
      await r.updateCycle.saveSettings(actor.tenantId, {
        require_approval: after.requireApproval ? 1 : 0,
        reminder_days_before: after.reminderDaysBefore,
        reports_approved_only: after.reportsApprovedOnly ? 1 : 0,
      });
      await recordChange(r, actor, 'update_cycle_settings', actor.tenantId, 'update', { before, after });
    });
  }

  // Sign-off ----------------------------------------------------------------------------------

  async pending(actor: Actor): Promise<PendingList> {
    assertCanEdit(actor);
    const r = this.repos;
    const approver = canApprove(actor.role);
    const reach = approver ? { ...(await reachOf(r, actor)), userId: actor.userId } : null;
    const toApprove = reach
      ? await visibleUpdates(r, actor, (await r.updateCycle.awaiting(actor.tenantId, ['submitted'])).filter((u) => canApproveUpdate(reach, { unitId: u.unit_id, leadPersonIds: [] }, u.author_user_id)))
      : [];
    let mine: AwaitingRow[] = [];
    if (actor.userId !== null) {
      const own = await r.updateCycle.awaiting(actor.tenantId, ['submitted', 'returned'], actor.userId);
      const corrections = await r.progress.forActions(actor.tenantId, [...new Set(own.map((u) => u.action_id))]);
      const corrected = new Set(corrections.map((u) => u.corrects_id).filter((x): x is number => x !== null));
      mine = own.filter((u) => !corrected.has(u.id));
    }
    return { toApprove, mine, canApprove: approver };
  }

  approve(actor: Actor, updateId: number): Promise<void> {
    return this.decide(actor, updateId, 'approved', null);
  }

  async returnUpdate(actor: Actor, updateId: number, input: { comment: unknown }): Promise<void> {
    assertCanEdit(actor);
    const v = validate(returnSchema, input);
    return this.decide(actor, updateId, 'returned', v.comment);
  }

  /**
   * Approves, or returns with one comment, several updates at once. Each is decided on its own, in
   * its own transaction and with its own audit entry, exactly as one at a time: one that fails (no
   * longer awaiting sign-off because someone else has just decided it, the user's own, out of
   * their reach, gone) is left untouched and reported with the reason, and the others go ahead.
   * Nothing is decided when the choice itself is wrong (nothing selected, no comment for a return).
   */
  async decideMany(actor: Actor, input: { ids: unknown; decision: unknown; comment?: unknown }): Promise<BulkDecision> {
    assertCanEdit(actor);
    const errors: Record<string, string> = {};
    const raw = ([] as unknown[]).concat(input.ids ?? []);
    const ids = [...new Set(raw.map((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : NaN)))];
    if (!ids.length) errors.updates = 'Select the updates to approve or return';
    else if (ids.some((id) => Number.isNaN(id))) errors.updates = 'Select the updates from the list';
    else if (ids.length > BULK_LIMIT) errors.updates = `Select ${BULK_LIMIT} updates or fewer at a time`;
    const decision = input.decision === 'approve' || input.decision === 'return' ? input.decision : null;
    if (!decision) errors.decision = 'Choose whether to approve or return the selected updates';
    let comment: string | null = null;
    if (decision === 'return') {
      try {
        comment = validate(returnSchema, { comment: input.comment }).comment;
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        errors.comment = err.fields.comment ?? 'Enter what needs to change';
      }
    }
    if (Object.keys(errors).length || !decision) throw new ValidationError(errors);
    if (!canApprove(actor.role)) throw new ForbiddenError('Only heads of service, performance officers and administrators can sign off updates.');
    const result: BulkDecision = { decision, done: [], failed: [] };
    for (const id of ids) {
      const label = await this.labelFor(actor, id);
      try {
        await this.decide(actor, id, decision === 'approve' ? 'approved' : 'returned', comment);
        result.done.push({ id, label });
      } catch (err) {
        const reason =
          err instanceof NotFoundError ? 'It no longer exists.' : err instanceof DomainError ? err.message : 'Something went wrong on our side; it was not changed. Try it again.';
        result.failed.push({ id, label, reason });
      }
    }
    return result;
  }

  /** How a bulk result names an update: its action's code, when the user may see it. */
  private async labelFor(actor: Actor, id: number): Promise<string> {
    try {
      const update = await this.repos.progress.get(actor.tenantId, id);
      if (!update) return `Update ${id}`;
      await assertSeesUpdate(this.repos, actor, update);
      const action = await this.repos.actions.get(actor.tenantId, update.action_id);
      return action ? `${action.code} ${action.title}` : `Update ${id}`;
    } catch {
      return `Update ${id}`;
    }
  }

  private async decide(actor: Actor, updateId: number, approval: 'approved' | 'returned', comment: string | null): Promise<void> {
    assertCanEdit(actor);
    const update = await this.repos.progress.get(actor.tenantId, updateId);
    if (!update) throw new NotFoundError('Progress update');
    await assertSeesUpdate(this.repos, actor, update);
    if (update.author_user_id !== null && update.author_user_id === actor.userId) {
      // Signing off one's own update is refused, and recorded as a security event.
      await this.repos.audit.record({
        tenantId: actor.tenantId,
        userId: actor.userId,
        entity: 'security',
        entityId: update.id,
        event: 'self_approval_refused',
        after: { progressUpdateId: update.id, actionId: update.action_id, attempted: approval },
      });
      throw new ForbiddenError('You cannot sign off your own update: ask your head of service or a performance officer.');
    }
    if (!canApprove(actor.role)) throw new ForbiddenError('Only heads of service, performance officers and administrators can sign off updates.');
    const action = await this.repos.actions.get(actor.tenantId, update.action_id);
    const plan = action ? await this.repos.plans.get(actor.tenantId, action.plan_id) : undefined;
    if (!plan) throw new NotFoundError('Progress update');
    if (!canApproveUpdate({ ...(await reachOf(this.repos, actor)), userId: actor.userId }, { unitId: plan.org_unit_id, leadPersonIds: [] }, update.author_user_id)) {
      throw new ForbiddenError('You can sign off only the updates of your own services. Ask a performance officer to sign this one off.');
    }
    await this.deps.store.transaction(async (r) => {
      const current = await r.progress.get(actor.tenantId, updateId);
      if (!current || current.approval !== 'submitted') {
        throw new ConflictError(current?.approval === 'approved' ? 'This update has already been approved.' : 'This update is not awaiting sign-off: it has already been returned.');
      }
      const at = this.deps.clock().toISOString();
      // Conditional on it still awaiting sign-off: of two approvers at the same moment, the second
      // finds it decided (PostgreSQL re-checks the condition once the first commits) and is told so.
      if (!(await r.updateCycle.decide(actor.tenantId, updateId, { approval, userId: actor.userId, at, comment }))) {
        const now = await r.progress.get(actor.tenantId, updateId);
        throw new ConflictError(now?.approval === 'approved' ? 'This update has already been approved.' : 'This update is not awaiting sign-off: it has already been returned.');
      }
      await recordChange(r, actor, 'progress_update', updateId, approval === 'approved' ? 'approve' : 'return', {
        before: { approval: current.approval },
        after: { approval, approvedAt: at, ...(comment ? { comment } : {}) },
      });
    });
    if (approval === 'returned' && update.author_user_id !== null) await this.tellAuthorReturned(actor, update.author_user_id, update.action_id, comment ?? '');
  }

  private async tellAuthorReturned(actor: Actor, authorUserId: number, actionId: number, comment: string): Promise<void> {
    const r = this.repos;
    const [author, action, by] = await Promise.all([r.users.get(authorUserId), r.actions.get(actor.tenantId, actionId), actor.userId ? r.users.get(actor.userId) : undefined]);
    if (!author || author.disabled_at || !action) return;
    const url = this.link(`/actions/${action.id}`);
    const who = by?.name ?? 'A head of service';
    await this.mailer
      .send({
        to: author.email,
        subject: `Your update for ${action.code} has been returned`,
        text: `${who} returned your progress update for ${action.code} ${emailTitle(action)}.\n\nWhat needs to change:\n${comment}\n\nCorrect the update here: ${url}\n`,
        html: `<p>${escapeHtml(who)} returned your progress update for <strong>${escapeHtml(action.code)}</strong> ${escapeHtml(emailTitle(action))}.</p><p>What needs to change:</p><blockquote>${escapeHtml(comment)}</blockquote><p><a href="${escapeHtml(url)}">Correct the update</a></p>`,
      })
      .catch(() => undefined);
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
function emailTitle(a: { title: string; exempt_paragraph: number | null }): string {
  return a.exempt_paragraph === null ? a.title : '(restricted: the title is shown in Waymark)';
}
