import { z } from 'zod';
import { ConflictError } from '../domain/errors.ts';
import type { Stage } from '../domain/stages.ts';
import type { ActionRow, PlanYearRow, ProgressUpdateRow, ReportingPeriodRow } from '../db/repositories/index.ts';
import { checkRestriction, restrictionFields } from './restriction.ts';
import { UPDATE_FIELDS } from '../domain/fields/update-fields.ts';
import { fieldSchemas } from './field-schemas.ts';
import { optionalId, requiredId, type Loose } from './validation.ts';

// What a progress update form says (checked here), and the conflict when someone else's update got
// in first (src/services/progress-updates.ts records them).

const percent = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v.trim().replace(/%$/, '')) : v),
  z
    .number({ error: '% complete must be a whole number from 0 to 100' })
    .int('% complete must be a whole number from 0 to 100')
    .min(0, '% complete must be a whole number from 0 to 100')
    .max(100, '% complete must be a whole number from 0 to 100')
    .nullable(),
);

const ragOverride = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(['green', 'amber', 'red'], { error: 'Select Green, Amber or Red, or no override' }).nullable());

// The update's own fields come from its field list (src/domain/fields/update-fields.ts); the period
// and the update it corrects are relations.
export const updateSchema = z
  .object({
    periodId: requiredId('the reporting period'),
    ...fieldSchemas(UPDATE_FIELDS, { percentComplete: percent, ragOverride }),
    correctsId: optionalId('update to correct'),
    ...restrictionFields('update'),
  })
  .superRefine((v, ctx) => {
    checkRestriction(v, ctx, 'update');
    if (v.ragOverride && !v.overrideReason) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'Enter the reason for overriding the traffic light' });
    if (!v.ragOverride && v.overrideReason) ctx.addIssue({ code: 'custom', path: ['ragOverride'], message: 'Select the traffic light you are overriding to, or remove the reason' });
  });
export type ProgressUpdateInput = Loose<z.input<typeof updateSchema>>;

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

/** The periods an update of an action can be filed against, and what the form proposes. */
export interface PeriodsForAction {
  action: ActionRow;
  year: PlanYearRow;
  periods: (ReportingPeriodRow & { locked: boolean; open: boolean; opensOn: string })[];
  suggestedPeriodId: number | null;
  suggestedAsAt: string;
  today: string;
  /** When no period takes updates today: the next one to open (null when every period is locked). */
  waiting: { next: { label: string; opensOn: string } | null } | null;
}

/** How an update is recorded: `recordedAt` and `onBehalfOf` are for the system only. */
export interface RecordOptions {
  recordedAt?: string;
  seenLatestId?: number;
  onBehalfOf?: number;
}

/** An update read from an imported file. */
export interface ImportedUpdate {
  asAt: string;
  stage: Stage;
  statusWord: string | null;
  percentComplete: number | null;
  narrative: string | null;
}
