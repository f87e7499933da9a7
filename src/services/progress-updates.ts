import { z } from 'zod';
import { formatUkDate, londonDate } from '../domain/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { canUpdateAction } from '../domain/permissions.ts';
import { periodLocked } from '../domain/plan-years.ts';
import { findStatusWord, normaliseStatusWord, STAGE_LABELS } from '../domain/stages.ts';
import { canEditPlanning } from '../domain/vocabulary.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { ActionRow, PlanYearRow, Repos } from '../db/repositories/index.ts';
import { assertCanAdminister, assertCanEdit, reachOf, recordChange, type Actor, type Deps } from './context.ts';
import { latestVersion, ProgressConflictError, updateSchema, type ImportedUpdate, type PeriodsForAction, type ProgressUpdateInput, type RecordOptions, type UpdateVersion } from './progress-update-input.ts';
import type { ProgressSettingsService } from './progress-settings.ts';
import { exemptParagraphOf } from './restriction.ts';
import { validate } from './validation.ts';
import { assertSeesAction, leadPersonIds, visibleUpdates } from './visibility.ts';

// Progress updates: append-only, with corrections as new versions; who may record them; the
// periods they are filed against; an action's history of them; and updates brought in by import.

export class ProgressUpdateService {
  constructor(
    private readonly deps: Deps,
    private readonly settings: ProgressSettingsService,
  ) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }


  /**
   * The periods an update can be filed against, and whether each takes updates today. Only a period
   * taking updates today (open and not locked) is proposed without comment; when none is, the next
   * period to open is proposed and `waiting` says so (or, every period being locked, none is).
   */
  async periodsFor(actor: Actor, actionId: number): Promise<PeriodsForAction> {
    const r = this.repos;
    const { action, year } = await this.actionAndYear(actor, r, actionId);
    const { graceDays } = await this.settings.settings(actor, r);
    const today = londonDate(this.deps.clock());
    const periods = (await r.planYears.periods(actor.tenantId, year.id)).map((p) => {
      const opensOn = p.opens_on ?? p.start_date;
      return { ...p, opensOn, locked: periodLocked(p.due_on, p.grace_days ?? graceDays, today), open: opensOn <= today };
    });
    const taking = [...periods].reverse().find((p) => p.open && !p.locked) ?? null;
    const next = taking ? null : (periods.filter((p) => !p.locked && !p.open).sort((a, b) => (a.opensOn < b.opensOn ? -1 : 1))[0] ?? null);
    // With no period taking updates, the next to open is proposed, and `waiting` makes the form say so.
    const suggested = taking ?? next;
    // An update reports on the end of the period it is for, or on today when that is earlier.
    const earliest = [suggested?.end_date ?? year.end_date, today].sort()[0]!;
    const suggestedAsAt = earliest < year.start_date ? year.start_date : earliest;
    return {
      action,
      year,
      periods,
      suggestedPeriodId: suggested?.id ?? null,
      suggestedAsAt,
      today,
      waiting: taking ? null : { next: next ? { label: next.label, opensOn: next.opensOn } : null },
    };
  }

  /**
   * Records a progress update. Updates are never overwritten: a correction is a new update that
   * names the one it corrects. `recordedAt` (the system only, for imports and the demo) backdates it.
   *
   * No update is lost from sight: correcting an update that someone has already corrected is
   * refused (ProgressConflictError, `already-corrected`); and with `seenLatestId` (the newest update
   * of the action when the form was opened, 0 for none) a new update is refused when another for the
   * same period has been recorded since (`newer-update`).
   */
  async recordUpdate(actor: Actor, actionId: number, input: ProgressUpdateInput, opts: RecordOptions = {}): Promise<number> {
    assertCanEdit(actor);
    const v = validate(updateSchema, input);
    if (opts.recordedAt && actor.userId !== null) throw new ValidationError({ _: 'Only imports may backdate an update' });
    // The demo writes a lead officer's updates as that officer wrote them (the system only).
    if (opts.onBehalfOf !== undefined && actor.userId !== null) throw new ValidationError({ _: 'Only the system may record an update on behalf of someone' });
    const recordedAt = opts.recordedAt ?? this.deps.clock().toISOString();
    const today = londonDate(new Date(recordedAt));
    try {
      return await this.record(actor, actionId, input, v, opts, recordedAt, today);
    } catch (err) {
      // The index of migration 007 (one correction each) refused a second correction that got past
      // the checks: theirs is committed now, so say so as the checks would have (never a 500).
      if (v.correctsId && isUniqueViolation(err)) {
        // Inside a larger transaction (Services.atomically) PostgreSQL reads nothing more after the
        // refusal: then the plain conflict below says it.
        const all = await this.repos.progress.forActions(actor.tenantId, [actionId]).catch(() => []);
        const latest = latestVersion(all, v.correctsId);
        if (latest && latest.id !== v.correctsId) throw new ProgressConflictError('already-corrected', latest, input);
        throw new ConflictError('Someone else corrected this update before you did. Your correction has not been saved.');
      }
      throw err;
    }
  }

  private record(
    actor: Actor,
    actionId: number,
    input: ProgressUpdateInput,
    v: z.output<typeof updateSchema>,
    opts: { seenLatestId?: number; onBehalfOf?: number },
    recordedAt: string,
    today: string,
  ): Promise<number> {
    return this.deps.store.transaction(async (r) => {
      // One progress update of an action at a time (issue 12): without this, two updates from the
      // same starting point on PostgreSQL both pass the checks below before either is written.
      await r.actions.holdForProgress(actor.tenantId, actionId);
      const { action, year } = await this.actionAndYear(actor, r, actionId);
      await this.assertMayUpdate(actor, r, action);
      const { graceDays } = await this.settings.settings(actor, r);
      const period = await r.planYears.period(actor.tenantId, v.periodId);
      if (!period || period.plan_year_id !== year.id) throw new ValidationError({ periodId: `Select a reporting period of ${year.label}` });
      const grace = period.grace_days ?? graceDays;
      if (periodLocked(period.due_on, grace, today)) {
        throw new ValidationError({
          periodId: `${period.label} is locked: updates were due by ${formatUkDate(period.due_on)}${grace ? ` (with ${grace} days' grace)` : ''}. Choose a later period, or ask a performance officer to extend this one.`,
        });
      }
      // The as-at date is the date the update reports on: inside the action's plan year, never in the future.
      if (v.asAt > today) throw new ValidationError({ asAt: `As-at date cannot be in the future: enter the date the update reports on, ${formatUkDate(today)} or earlier` });
      if (v.asAt < year.start_date || v.asAt > year.end_date) {
        throw new ValidationError({ asAt: `As-at date must fall in ${year.label}, between ${formatUkDate(year.start_date)} and ${formatUkDate(year.end_date)}: enter the date the update reports on, normally the last day of ${period.label}` });
      }
      const vocabulary = await this.settings.vocabulary(actor, r);
      const word = findStatusWord(vocabulary, v.statusWord);
      if (!word) {
        throw new ValidationError({
          statusWord: `${normaliseStatusWord(v.statusWord)} is not one of the council's status words. Choose one of: ${vocabulary.map((w) => w.word).join(', ')}. An administrator can add words in Settings.`,
        });
      }
      const earlier = v.correctsId ? await r.progress.get(actor.tenantId, v.correctsId) : undefined;
      if (v.correctsId && (!earlier || earlier.action_id !== action.id || !(await visibleUpdates(r, actor, [earlier])).length)) {
        throw new ValidationError({ correctsId: 'Select an update of this action to correct' });
      }
      if (v.correctsId || opts.seenLatestId !== undefined) {
        const all = await r.progress.forActions(actor.tenantId, [action.id]);
        if (v.correctsId) {
          const latest = latestVersion(all, v.correctsId);
          if (latest && latest.id !== v.correctsId) throw new ProgressConflictError('already-corrected', latest, input);
        } else {
          const seen = opts.seenLatestId ?? 0;
          const newer = (await visibleUpdates(r, actor, all)).filter((u) => u.id > seen && u.period_id === period.id).sort((a, b) => b.id - a.id)[0];
          if (newer) throw new ProgressConflictError('newer-update', newer, input);
        }
      }
      const percentComplete = v.percentComplete ?? (word.stage === 'complete' ? 100 : null);
      const authorId = opts.onBehalfOf ?? actor.userId;
      const authorUser = authorId ? await r.users.get(authorId) : undefined;
      if (authorId && authorUser?.tenant_id !== actor.tenantId) throw new ValidationError({ _: 'The author of an update must be a user of this council' });
      const author = authorId ? (authorUser?.name ?? 'Unknown user') : 'Waymark';
      const authorRole = opts.onBehalfOf !== undefined ? authorUser?.role : actor.role;
      // Sign-off (src/services/update-cycle.ts): a lead officer's update waits for approval when the council asks for it.
      const requireApproval = (await r.tenants.get(actor.tenantId))?.require_approval === 1;
      const row = {
        approval: requireApproval && authorRole === 'lead_officer' ? 'submitted' : 'approved',
        actionId: action.id,
        periodId: period.id,
        asAt: v.asAt,
        statusWord: word.word,
        stage: word.stage,
        percentComplete,
        narrative: v.narrative,
        nextSteps: v.nextSteps,
        ragOverride: v.ragOverride,
        overrideReason: v.overrideReason,
        authorUserId: authorId,
        authorName: author,
        recordedAt,
        correctsId: v.correctsId,
        // A correction keeps the restriction of the update it corrects unless the form says otherwise.
        exemptParagraph: exemptParagraphOf(v, earlier?.exempt_paragraph ?? null),
      };
      const id = await r.progress.create(actor.tenantId, row);
      await recordChange(r, actor, 'progress_update', id, v.correctsId ? 'correct' : 'create', { after: row });
      return id;
    });
  }

  /**
   * Records an update read from an imported file. Imports bring in history, so the period windows
   * and locks that guard people's updates do not apply: the update goes to the period holding its
   * as-at date (the first or last period when the date falls outside the year) and is recorded as
   * known on its as-at date, so as-at views of the past show it. Callers run it inside the import's
   * transaction and have already checked the actor may import.
   */
  async importUpdate(
    actor: Actor,
    actionId: number,
    u: ImportedUpdate,
  ): Promise<number> {
    assertCanAdminister(actor);
    return this.deps.store.transaction(async (r) => {
      const { action, year } = await this.actionAndYear(actor, r, actionId);
      const periods = await r.planYears.periods(actor.tenantId, year.id);
      const period = periods.find((p) => p.start_date <= u.asAt && u.asAt <= p.end_date) ?? (u.asAt < year.start_date ? periods[0] : periods.at(-1));
      const vocabulary = await this.settings.vocabulary(actor, r);
      const word = (u.statusWord ? findStatusWord(vocabulary, u.statusWord) : undefined) ?? vocabulary.find((w) => w.stage === u.stage);
      const now = this.deps.clock().toISOString();
      const recordedAt = `${u.asAt}T12:00:00.000Z` < now ? `${u.asAt}T12:00:00.000Z` : now;
      const author = actor.userId ? ((await r.users.get(actor.userId))?.name ?? 'Unknown user') : 'Waymark';
      const row = {
        actionId: action.id,
        periodId: period?.id ?? null,
        asAt: u.asAt,
        statusWord: word && word.stage === u.stage ? word.word : STAGE_LABELS[u.stage].toUpperCase(),
        stage: u.stage,
        percentComplete: u.percentComplete ?? (u.stage === 'complete' ? 100 : null),
        narrative: u.narrative,
        nextSteps: null,
        ragOverride: null,
        overrideReason: null,
        authorUserId: actor.userId,
        authorName: author,
        recordedAt,
        correctsId: null,
      };
      const id = await r.progress.create(actor.tenantId, row);
      await recordChange(r, actor, 'progress_update', id, 'import', { after: row });
      return id;
    });
  }

  /**
   * Lead officers update the actions they lead; heads of service the actions they lead and those of
   * their units; performance officers and admins any action (src/domain/permissions.ts).
   */
  private async inReach(actor: Actor, r: Repos, action: ActionRow): Promise<boolean> {
    const reach = await reachOf(r, actor);
    const plan = await r.plans.get(actor.tenantId, action.plan_id);
    const links = (await r.actions.links(actor.tenantId, [action.id])).get(action.id);
    return canUpdateAction(reach, { unitId: plan?.org_unit_id ?? 0, leadPersonIds: leadPersonIds(links?.leads) });
  }

  private async assertMayUpdate(actor: Actor, r: Repos, action: ActionRow): Promise<void> {
    if (await this.inReach(actor, r, action)) return;
    throw new ForbiddenError(
      actor.role === 'lead_officer'
        ? 'You can record updates only on actions you lead. Ask a performance officer if you should be a lead officer of this action.'
        : 'You can record updates only on the actions you lead and the actions of the services you head. Ask the action’s lead officer or a performance officer to record it.',
    );
  }

  /** Whether the actor may record an update on the action (the page offers the button only then). */
  async mayUpdate(actor: Actor, action: ActionRow): Promise<boolean> {
    return canEditPlanning(actor.role) && this.inReach(actor, this.repos, action);
  }

  /** Every update of an action, newest first, with the period and whether a later one corrected it. */
  async history(actor: Actor, actionId: number): Promise<UpdateVersion[]> {
    const r = this.repos;
    const { year } = await this.actionAndYear(actor, r, actionId);
    const [rows, periods] = await Promise.all([r.progress.forActions(actor.tenantId, [actionId]).then((all) => visibleUpdates(r, actor, all)), r.planYears.periods(actor.tenantId, year.id)]);
    const correctedBy = new Map<number, number>();
    for (const u of rows) if (u.corrects_id) correctedBy.set(u.corrects_id, u.id);
    return rows
      .map((u) => ({ ...u, periodLabel: periods.find((p) => p.id === u.period_id)?.label ?? null, correctedBy: correctedBy.get(u.id) ?? null }))
      .reverse();
  }

  private async actionAndYear(actor: Actor, r: Repos, actionId: number): Promise<{ action: ActionRow; year: PlanYearRow }> {
    const action = await r.actions.get(actor.tenantId, actionId);
    if (!action) throw new NotFoundError('Action');
    await assertSeesAction(r, actor, action);
    const plan = await r.plans.get(actor.tenantId, action.plan_id);
    const year = plan ? await r.planYears.get(actor.tenantId, plan.plan_year_id) : undefined;
    if (!year) throw new NotFoundError('Action');
    return { action, year };
  }
}
