import { formatUkDate } from '../../../domain/dates.ts';
import { selectItems } from '../../items.ts';

// The committees and meetings pages' view models (see docs/architecture.md, Presenters).

type DateParts = { day: string; month: string; year: string };
type Errors = Record<string, string> | undefined;
type Committee = { id: number; name: string };
type Meeting = { id: number; committee_id: number; meeting_date: string; committeeName: string };

/** The error summary's links: the field each message is about. */
const ANCHORS = { date: 'date-day', committeeId: 'committeeId', name: 'name', committee: 'reason', meeting: 'reason' };
const crumbs = [{ text: 'Reports', href: '/reports' }];
const committeeCrumbs = [...crumbs, { text: 'Committees and meetings', href: '/committees' }];

/** /committees: each committee with its meetings, and the forms that add a committee or a meeting. */
export function committeesPage(input: {
  committees: readonly Committee[];
  meetings: readonly Meeting[];
  committee?: { name: string };
  meeting?: { committeeId: string; date: DateParts };
  errors?: Errors;
}) {
  const meeting = input.meeting ?? { committeeId: '', date: { day: '', month: '', year: '' } };
  return {
    title: 'Committees and meetings',
    section: 'reports',
    committees: input.committees.map((c) => ({
      id: c.id,
      name: c.name,
      meetings: input.meetings.filter((m) => m.committee_id === c.id).map((m) => ({ id: m.id, date: formatUkDate(m.meeting_date) })),
    })),
    committeeValues: input.committee ?? { name: '' },
    meetingValues: meeting,
    committeeItems: selectItems(input.committees, (c) => c.id, (c) => c.name, meeting.committeeId, 'Select a committee'),
    errors: input.errors,
    errorAnchors: ANCHORS,
    breadcrumbs: crumbs,
  };
}

/** /committees/:id/edit. */
export function committeeEditPage(input: { committee: Committee; values?: { name: string }; errors?: Errors }) {
  const { committee } = input;
  return {
    title: 'Change the committee',
    section: 'reports',
    committee: { id: committee.id, name: committee.name },
    values: input.values ?? { name: committee.name },
    errors: input.errors,
    errorAnchors: ANCHORS,
    breadcrumbs: committeeCrumbs,
  };
}

/** The confirmation before deleting a committee or meeting, or the reason it cannot be deleted (`blocker`). */
export function deletePage(data: { what: string; label: string; action: string; back: string; blocker: string | null; errors?: Errors }) {
  return {
    title: data.blocker ? `You cannot delete this ${data.what}` : `Are you sure you want to delete ${data.label}?`,
    section: 'reports',
    ...data,
    errorAnchors: ANCHORS,
    breadcrumbs: committeeCrumbs,
  };
}

/** The meeting label the delete page and messages use: "Council on 24 February 2027". */
export function meetingLabel(m: Pick<Meeting, 'committeeName' | 'meeting_date'>): string {
  return `${m.committeeName} on ${formatUkDate(m.meeting_date)}`;
}

/** The meeting form's values from a meeting row. */
export function meetingFormValues(m: Pick<Meeting, 'committee_id' | 'meeting_date'>, dateParts: (iso: string) => DateParts) {
  return { committeeId: String(m.committee_id), date: dateParts(m.meeting_date) };
}

/** /committees/meetings/:id/edit: move a meeting to another committee or date. */
export function meetingEditPage(input: { meeting: Meeting; committees: readonly Committee[]; values: { committeeId: string; date: DateParts }; errors?: Errors }) {
  const { meeting, values } = input;
  return {
    title: 'Change the meeting',
    section: 'reports',
    meeting: { id: meeting.id },
    meetingLabel: meetingLabel(meeting),
    values,
    committeeItems: selectItems(input.committees, (c) => c.id, (c) => c.name, values.committeeId, 'Select a committee'),
    errors: input.errors,
    errorAnchors: ANCHORS,
    breadcrumbs: committeeCrumbs,
  };
}
