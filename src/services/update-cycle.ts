import { z } from 'zod';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { canApproveUpdate } from '../domain/permissions.ts';
import type { AwaitingRow, Repos } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, assertCanEdit, reachOf, recordChange, type Actor, type Deps } from './context.ts';
import { assertSeesUpdate, visibleUpdates } from './visibility.ts';
import { escapeHtml, type Mailer } from './mailer.ts';
import { emailTitle, ReminderService, type ChaseablePeriod, type ChaseResult, type ReminderRun } from './reminders.ts';
import { requiredText, validate, type Loose } from './validation.ts';

// The update cycle: sign-off of lead officers' progress updates by a head of service (or a
// performance officer or admin), the council's settings for it, and the reminder emails of each
// reporting period (in reminders.ts; this service passes those calls on).

export { REMINDER_KINDS, type ChaseablePeriod, type ChaseResult, type ReminderKind, type ReminderRun } from './reminders.ts';

/** Who may approve or return an update: anyone above a lead officer who can edit. */
export const APPROVER_ROLES: readonly string[] = ['head_of_service', 'performance_officer', 'admin'];
export const canApprove = (role: string): boolean => APPROVER_ROLES.includes(role);

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


/** At most this many updates in one go. */
export const BULK_LIMIT = 200;

export interface PendingList {
  /** Updates awaiting this user's sign-off (never their own). */
  toApprove: AwaitingRow[];
  /** This user's own updates awaiting sign-off, or returned and not yet corrected. */
  mine: AwaitingRow[];
  canApprove: boolean;
}

export class UpdateCycleService {
  private readonly reminders: ReminderService;

  constructor(private readonly deps: Deps) {
    this.reminders = new ReminderService(deps);
  }

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
    await audited(this.deps, actor, { entity: 'update_cycle_settings', event: 'update', schema: settingsSchema, input }, async (r, v) => {
      const after: UpdateCycleSettings = { requireApproval: v.requireApproval === 'yes', reminderDaysBefore: v.reminderDaysBefore, reportsApprovedOnly: v.reportsApprovedOnly === 'yes' };
      const before = await this.settings(actor, r);
      await r.updateCycle.saveSettings(actor.tenantId, {
        require_approval: after.requireApproval ? 1 : 0,
        reminder_days_before: after.reminderDaysBefore,
        reports_approved_only: after.reportsApprovedOnly ? 1 : 0,
      });
      return { id: actor.tenantId, before, after };
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

  // Chasing and reminders (reminders.ts) ------------------------------------------------------

  chaseable(actor: Actor): Promise<ChaseablePeriod[]> {
    return this.reminders.chaseable(actor);
  }

  chase(actor: Actor, periodId: number): Promise<ChaseResult> {
    return this.reminders.chase(actor, periodId);
  }

  runReminders(now?: Date): Promise<ReminderRun> {
    return this.reminders.runReminders(now);
  }
}
