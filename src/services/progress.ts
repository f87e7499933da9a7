import { z } from 'zod';
import { formatUkDate, isIsoDate, londonDate } from '../domain/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { canUpdateAction, type Viewer } from '../domain/permissions.ts';
import { periodLocked } from '../domain/plan-years.ts';
import type { RagThresholds } from '../domain/rag.ts';
import { DEFAULT_STATUS_WORDS, findStatusWord, normaliseStatusWord, STAGE_LABELS, STAGES, type Stage, type StatusWord } from '../domain/stages.ts';
import { canEditPlanning } from '../domain/vocabulary.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { ActionRow, PlanYearRow, ProgressUpdateRow, Repos, ReportingPeriodRow } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, assertCanEdit, reachOf, recordChange, type Actor, type Deps } from './context.ts';
import { defaultAsOf, positionsOf, yearSpans, type Position, type YearSpan } from './positions.ts';
import { checkRestriction, exemptParagraphOf, restrictionFields } from './restriction.ts';
import { optionalId, optionalText, requiredDate, requiredId, requiredText, validate, type Loose } from './validation.ts';
import { assertSeesAction, leadPersonIds, visibleUpdates } from './visibility.ts';

export type { Position } from './positions.ts';

// Progress updates (append-only, with corrections as new versions), the council's status words,
// and the position of any set of actions as it stood on any date (computed in positions.ts).

const percent = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v.trim().replace(/%$/, '')) : v),
  z
    .number({ error: '% complete must be a whole number from 0 to 100' })
    .int('% complete must be a whole number from 0 to 100')
    .min(0, '% complete must be a whole number from 0 to 100')
    .max(100, '% complete must be a whole number from 0 to 100')
    .nullable(),
);

const updateSchema = z
  .object({
    periodId: requiredId('the reporting period'),
    asAt: requiredDate('the as-at date'),
    statusWord: requiredText('the status', 100),
    percentComplete: percent,
    narrative: optionalText('progress update', 10000),
    nextSteps: optionalText('key actions remaining', 5000),
    ragOverride: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(['green', 'amber', 'red'], { error: 'Select Green, Amber or Red, or no override' }).nullable()),
    overrideReason: optionalText('reason for the override', 1000),
    correctsId: optionalId('update to correct'),
    ...restrictionFields('update'),
  })
  .superRefine((v, ctx) => {
    checkRestriction(v, ctx, 'update');
    if (v.ragOverride && !v.overrideReason) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Enter the reason for overriding the traffic light' });
    if (!v.ragOverride && v.overrideReason) ctx.addIssue({ code: 'custom', path: ['ragOverride'], message: 'Select the traffic light you are overriding to, or remove the reason' });
  });
export type ProgressUpdateInput = Loose<z.input<typeof updateSchema>>;

const vocabularySchema = z.object({
  words: z
    .array(z.object({ word: requiredText('the status word', 60), stage: z.enum(STAGES, { error: 'Select the stage each status word means' }) }))
    .min(1, 'Enter at least one status word'),
});

const ragSettingsSchema = z
  .object({
    greenPercent: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Green threshold must be a whole number from 1 to 100' }).int('Green threshold must be a whole number from 1 to 100').min(1, 'Green threshold must be a whole number from 1 to 100').max(100, 'Green threshold must be a whole number from 1 to 100')),
    amberPercent: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Amber threshold must be a whole number from 1 to 99' }).int('Amber threshold must be a whole number from 1 to 99').min(1, 'Amber threshold must be a whole number from 1 to 99').max(99, 'Amber threshold must be a whole number from 1 to 99')),
    graceDays: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Grace days must be a whole number from 0 to 60' }).int('Grace days must be a whole number from 0 to 60').min(0, 'Grace days must be a whole number from 0 to 60').max(60, 'Grace days must be a whole number from 0 to 60')),
  })
  .refine((v) => v.amberPercent < v.greenPercent, { path: ['amberPercent'], message: 'Amber threshold must be lower than the green threshold' });

/**
 * Someone else's update got in first, so recording this one would lose sight of theirs:
 * - `already-corrected`: the update being corrected already has a correction (`theirs` is the
 *   latest version of it), so a second correction would start a second branch;
 * - `newer-update`: since the form was opened, an update for the same period was recorded
 *   (`theirs`, the newest of them).
 * `yours` is what was submitted. Correct the latest version, or record yours as well by naming
 * `theirs` as the latest seen.
 */
export class ProgressConflictError extends ConflictError {
  override name = 'ProgressConflictError';
  constructor(
    readonly reason: 'already-corrected' | 'newer-update',
    readonly theirs: ProgressUpdateRow,
    readonly yours: ProgressUpdateInput,
  ) {
    super(
      reason === 'already-corrected'
        ? `${theirs.author_name} corrected this update before you did. Your correction has not been saved.`
        : `${theirs.author_name} recorded an update for this period after you opened the form. Your update has not been saved.`,
    );
  }
}

/** The latest version of an update: follows corrections (the newest, should there be several) to the end. */
export function latestVersion(updates: readonly ProgressUpdateRow[], id: number): ProgressUpdateRow | undefined {
  let current = updates.find((u) => u.id === id);
  const seen = new Set<number>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const from: ProgressUpdateRow = current;
    const next = updates.filter((u) => u.corrects_id === from.id).sort((a, b) => b.id - a.id)[0];
    if (!next) break;
    current = next;
  }
  return current;
}

export interface UpdateVersion extends ProgressUpdateRow {
  periodLabel: string | null;
  /** A later update corrected this one. */
  correctedBy: number | null;
}

export interface CouncilProgressSettings {
  thresholds: RagThresholds;
  greenPercent: number;
  amberPercent: number;
  graceDays: number;
}

export class ProgressService {
  constructor(private readonly deps: Deps) {}

  /** The one clock (Deps.clock). */
  clock(): Date {
    return this.deps.clock();
  }

  private get repos() {
    return this.deps.store.repos;
  }

  /** Today in Europe/London: the date every rule that means "today" uses. */
  today(): string {
    return londonDate(this.clock());
  }

  // Status words and settings ------------------------------------------------------------------

  async vocabulary(actor: Actor, r: Repos = this.repos): Promise<StatusWord[]> {
    const rows = await r.progress.statusWords(actor.tenantId);
    return rows.length ? rows.map((w) => ({ word: w.word, stage: w.stage as Stage })) : DEFAULT_STATUS_WORDS;
  }

  async saveVocabulary(actor: Actor, input: { words: { word: unknown; stage: unknown }[] }): Promise<void> {
    assertCanAdminister(actor);
    const v = validate(vocabularySchema, input);
    const words = v.words.map((w) => ({ word: normaliseStatusWord(w.word), stage: w.stage }));
    const seen = new Set<string>();
    for (const [i, w] of words.entries()) {
      if (seen.has(w.word)) throw new ValidationError({ [`words.${i}.word`]: `${w.word} appears twice` });
      seen.add(w.word);
    }
    await this.deps.store.transaction(async (r) => {
      const before = await this.vocabulary(actor, r);
      await r.progress.replaceStatusWords(actor.tenantId, words);
      await recordChange(r, actor, 'status_words', actor.tenantId, 'update', { before, after: words });
    });
  }

  async settings(actor: Actor, r: Repos = this.repos): Promise<CouncilProgressSettings> {
    const t = await r.tenants.get(actor.tenantId);
    if (!t) throw new NotFoundError('Council');
    return { thresholds: { green: t.rag_green_percent / 100, amber: t.rag_amber_percent / 100 }, greenPercent: t.rag_green_percent, amberPercent: t.rag_amber_percent, graceDays: t.grace_days };
  }

  async saveSettings(actor: Actor, input: Loose<z.input<typeof ragSettingsSchema>>): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'council', event: 'update', schema: ragSettingsSchema, input }, async (r, v) => {
      const before = await this.settings(actor, r);
      await r.tenants.updateRagSettings(actor.tenantId, v);
      return { id: actor.tenantId, before };
    });
  }

  // Updates -----------------------------------------------------------------------------------

  /**
   * The periods an update can be filed against, and whether each takes updates today. Only a period
   * taking updates today (open and not locked) is proposed without comment; when none is, the next
   * period to open is proposed and `waiting` says so (or, every period being locked, none is).
   */
  async periodsFor(
    actor: Actor,
    actionId: number,
  ): Promise<{
    action: ActionRow;
    year: PlanYearRow;
    periods: (ReportingPeriodRow & { locked: boolean; open: boolean; opensOn: string })[];
    suggestedPeriodId: number | null;
    suggestedAsAt: string;
    today: string;
    /** When no period takes updates today: the next one to open (null when every period is locked). */
    waiting: { next: { label: string; opensOn: string } | null } | null;
  }> {
    const r = this.repos;
    const { action, year } = await this.actionAndYear(actor, r, actionId);
    const { graceDays } = await this.settings(actor, r);
    const today = this.today();
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
  async recordUpdate(actor: Actor, actionId: number, input: ProgressUpdateInput, opts: { recordedAt?: string; seenLatestId?: number; onBehalfOf?: number } = {}): Promise<number> {
    assertCanEdit(actor);
    const v = validate(updateSchema, input);
    if (opts.recordedAt && actor.userId !== null) throw new ValidationError({ _: 'Only imports may backdate an update' });
    // The demo writes a lead officer's updates as that officer wrote them (the system only).
    if (opts.onBehalfOf !== undefined && actor.userId !== null) throw new ValidationError({ _: 'Only the system may record an update on behalf of someone' });
    const recordedAt = opts.recordedAt ?? this.clock().toISOString();
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
      const { graceDays } = await this.settings(actor, r);
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
      const vocabulary = await this.vocabulary(actor, r);
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
    u: { asAt: string; stage: Stage; statusWord: string | null; percentComplete: number | null; narrative: string | null },
  ): Promise<number> {
    assertCanAdminister(actor);
    return this.deps.store.transaction(async (r) => {
      const { action, year } = await this.actionAndYear(actor, r, actionId);
      const periods = await r.planYears.periods(actor.tenantId, year.id);
      const period = periods.find((p) => p.start_date <= u.asAt && u.asAt <= p.end_date) ?? (u.asAt < year.start_date ? periods[0] : periods.at(-1));
      const vocabulary = await this.vocabulary(actor, r);
      const word = (u.statusWord ? findStatusWord(vocabulary, u.statusWord) : undefined) ?? vocabulary.find((w) => w.stage === u.stage);
      const now = this.clock().toISOString();
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

  // Positions ---------------------------------------------------------------------------------

  private async yearSpans(actor: Actor): Promise<YearSpan[]> {
    return yearSpans(this.repos, actor.tenantId, (await this.settings(actor)).graceDays);
  }

  /**
   * Checks an as-at date: a real date inside one of the council's plan years. Without a date: today,
   * or — for a year already over, or named by `yearId` and not current — that year's last reporting
   * date (the end of its last period).
   */
  async checkAsOf(actor: Actor, asOf: string | undefined, yearId?: number): Promise<string> {
    return (await this.resolveAsOf(actor, asOf, yearId)).asOf;
  }

  /** `checkAsOf`, with the plan year the date falls in. */
  async resolveAsOf(actor: Actor, asOf: string | undefined, yearId?: number): Promise<{ asOf: string; year: PlanYearRow }> {
    const spans = await this.yearSpans(actor);
    const today = this.today();
    const named = yearId === undefined ? undefined : spans.find((y) => y.id === yearId);
    const date = asOf ?? (named ? (today < named.start_date ? named.start_date : today > named.end_date ? named.lastPeriodEnd : today) : defaultAsOf(spans, today));
    if (!isIsoDate(date)) throw new ValidationError({ asOf: 'As-at date must be a real date, like 2018-09-30' });
    const year = spans.find((y) => y.start_date <= date && date <= y.end_date);
    if (!year) {
      const labels = spans.map((y) => `${y.label} (${formatUkDate(y.start_date)} to ${formatUkDate(y.end_date)})`).join(', ') || 'none yet';
      throw new ValidationError({ asOf: `As-at date ${formatUkDate(date)} is outside every plan year: choose a date inside one of ${labels}.` });
    }
    return { asOf: date, year };
  }

  /**
   * Checks an "as known on" date: a real date, not before the as-at date (nothing reporting on D
   * could have been recorded before D) and not in the future. Blank means now.
   */
  checkKnownOn(asOf: string, knownOn: string | undefined | null): string | null {
    if (knownOn === undefined || knownOn === null || knownOn === '') return null;
    if (!isIsoDate(knownOn)) throw new ValidationError({ knownOn: 'As-known-on date must be a real date, like 2026-10-20' });
    if (knownOn < asOf) {
      throw new ValidationError({ knownOn: `As-known-on date ${formatUkDate(knownOn)} is before the as-at date ${formatUkDate(asOf)}: choose ${formatUkDate(asOf)} or later, or leave it blank for what is known now.` });
    }
    const today = this.today();
    if (knownOn > today) throw new ValidationError({ knownOn: `As-known-on date ${formatUkDate(knownOn)} is in the future: choose ${formatUkDate(today)} or earlier, or leave it blank for what is known now.` });
    return knownOn;
  }

  /**
   * The position of each action as at `asOf` (src/services/positions.ts): the updates reporting on
   * asOf or earlier, as known now — or, with `knownOn`, as recorded by the end of that day.
   * `approvedOnly` leaves out updates awaiting sign-off or returned (committee reports, when the
   * council says so); `audience` reads as a committee report does rather than as the actor, and a
   * report never stands on a returned update. Otherwise the actor sees updates awaiting sign-off or
   * returned only on the actions they can act on; for the rest, the approved position.
   */
  async positions(actor: Actor, actions: ActionRow[], asOf: string, opts: { approvedOnly?: boolean; audience?: Viewer; knownOn?: string | null } = {}): Promise<Position[]> {
    if (!actions.length) return [];
    const { thresholds, graceDays } = await this.settings(actor);
    return positionsOf(this.repos, opts.audience ? { audience: opts.audience } : actor, actor.tenantId, actions, asOf, {
      thresholds,
      graceDays,
      approval: opts.approvedOnly ? 'approved' : opts.audience ? 'not-returned' : 'actionable',
      knownOn: opts.knownOn ?? null,
      today: this.today(),
    });
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
