import { formatUkDate, isIsoDate, londonDate } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Viewer } from '../domain/permissions.ts';
import type { StatusWord } from '../domain/stages.ts';
import type { ActionRow, PlanYearRow, Repos } from '../db/repositories/index.ts';
import type { Actor, Deps } from './context.ts';
import type { PositionCache } from './position-cache.ts';
import { defaultAsOf, positionsOf, yearSpans, type Position, type YearSpan } from './positions.ts';
import { ProgressSettingsService, type CouncilProgressSettings, type RagSettingsInput, type VocabularyInput } from './progress-settings.ts';
import type { ImportedUpdate, PeriodsForAction, ProgressUpdateInput, RecordOptions, UpdateVersion } from './progress-update-input.ts';
import { ProgressUpdateService } from './progress-updates.ts';

export type { Position } from './positions.ts';
export type { CouncilProgressSettings } from './progress-settings.ts';
export { latestVersion, ProgressConflictError, type ProgressUpdateInput } from './progress-update-input.ts';
export type { UpdateVersion } from './progress-update-input.ts';

// Progress, as the rest of Waymark asks for it: today and the as-at dates on the one clock, and
// the position of any set of actions as it stood on any date (computed in positions.ts). The
// council's status words and RAG settings are in progress-settings.ts, and the updates themselves
// in progress-updates.ts; this service passes those calls on, so callers need only this one.

export class ProgressService {
  readonly settingsService: ProgressSettingsService;
  readonly updates: ProgressUpdateService;

  constructor(private readonly deps: Deps) {
    this.settingsService = new ProgressSettingsService(deps);
    this.updates = new ProgressUpdateService(deps, this.settingsService);
  }

  /** The one clock (Deps.clock). */
  clock(): Date {
    return this.deps.clock();
  }

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  /** Today in Europe/London: the date every rule that means "today" uses. */
  today(): string {
    return londonDate(this.clock());
  }

  // Status words and settings (progress-settings.ts) ----------------------------------------------

  vocabulary(actor: Actor, r?: Repos): Promise<StatusWord[]> {
    return this.settingsService.vocabulary(actor, r);
  }

  saveVocabulary(actor: Actor, input: VocabularyInput): Promise<void> {
    return this.settingsService.saveVocabulary(actor, input);
  }

  settings(actor: Actor, r?: Repos): Promise<CouncilProgressSettings> {
    return this.settingsService.settings(actor, r);
  }

  saveSettings(actor: Actor, input: RagSettingsInput): Promise<void> {
    return this.settingsService.saveSettings(actor, input);
  }

  // Updates (progress-updates.ts) -----------------------------------------------------------------

  periodsFor(actor: Actor, actionId: number): Promise<PeriodsForAction> {
    return this.updates.periodsFor(actor, actionId);
  }

  recordUpdate(actor: Actor, actionId: number, input: ProgressUpdateInput, opts?: RecordOptions): Promise<number> {
    return this.updates.recordUpdate(actor, actionId, input, opts);
  }

  importUpdate(actor: Actor, actionId: number, u: ImportedUpdate): Promise<number> {
    return this.updates.importUpdate(actor, actionId, u);
  }

  mayUpdate(actor: Actor, action: ActionRow): Promise<boolean> {
    return this.updates.mayUpdate(actor, action);
  }

  history(actor: Actor, actionId: number): Promise<UpdateVersion[]> {
    return this.updates.history(actor, actionId);
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

  /** What the positions cache has done (src/services/position-cache.ts); null without one (inside a transaction). */
  cacheStats(): PositionCache['stats'] | null {
    return this.deps.positions ? { ...this.deps.positions.stats } : null;
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
    const reader = opts.audience ? { audience: opts.audience } : actor;
    const options = {
      thresholds,
      graceDays,
      approval: opts.approvedOnly ? ('approved' as const) : opts.audience ? ('not-returned' as const) : ('actionable' as const),
      knownOn: opts.knownOn ?? null,
      today: this.today(),
    };
    const cache = this.deps.positions;
    return cache ? cache.positions(this.repos, reader, actor.tenantId, actions, asOf, options) : positionsOf(this.repos, reader, actor.tenantId, actions, asOf, options);
  }
}
