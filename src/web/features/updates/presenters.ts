import { formatUkDate } from '../../../domain/dates.ts';
import type { ChaseablePeriod } from '../../../services/reminders.ts';
import type { BulkDecision, PendingList } from '../../../services/update-cycle.ts';

// The sign-off page's view model (see docs/architecture.md, Presenters).

type Awaiting = PendingList['toApprove'][number];

function awaiting(u: Awaiting) {
  return {
    id: u.id,
    actionId: u.action_id,
    actionCode: u.action_code,
    actionTitle: u.action_title,
    periodLabel: u.period_label,
    statusWord: u.status_word,
    percentComplete: u.percent_complete,
    asAt: formatUkDate(u.as_at),
    narrative: u.narrative,
    authorName: u.author_name,
    recordedAt: formatUkDate(u.recorded_at),
    returned: u.approval === 'returned',
    returnComment: u.return_comment,
  };
}

/**
 * /updates/pending: the updates awaiting this user's sign-off, the bulk decision just taken, the
 * periods whose lead officers may be chased (`chaseable`, for those who may chase), and this user's
 * own updates awaiting sign-off or returned.
 */
export function pendingPage(input: {
  pending: PendingList;
  requireApproval: boolean;
  chaseable: readonly ChaseablePeriod[] | null;
  errors?: Record<string, string>;
  comments?: Record<string, string>;
  bulk?: BulkDecision;
  selected?: number[];
  bulkComment?: string;
}) {
  const { pending } = input;
  return {
    title: 'Updates awaiting sign-off',
    section: 'updates',
    requireApproval: input.requireApproval,
    canApprove: pending.canApprove,
    toApprove: pending.toApprove.map(awaiting),
    mine: pending.mine.map(awaiting),
    chaseable: input.chaseable
      ? input.chaseable.map((c) => ({ periodId: c.periodId, label: c.label, due: formatUkDate(c.due), overdue: c.overdue, actionsWithoutUpdate: c.actionsWithoutUpdate, leads: c.leads }))
      : null,
    errors: input.errors,
    comments: input.comments ?? {},
    bulk: input.bulk
      ? { decision: input.bulk.decision, done: input.bulk.done.map((d) => ({ label: d.label })), failed: input.bulk.failed.map((f) => ({ label: f.label, reason: f.reason })) }
      : null,
    selected: input.selected ?? [],
    bulkComment: input.bulkComment ?? '',
    // The first checkbox, for the error summary's link to "select the updates".
    errorAnchors: { 'bulk-updates': pending.toApprove[0] ? `bulk-select-${pending.toApprove[0].id}` : 'bulk-updates', 'bulk-decision': 'bulk-approve' },
  };
}
