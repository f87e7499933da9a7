import { z } from 'zod';
import { formatUkDate } from '../domain/dates.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { CommitteeRow, MeetingListRow, Repos } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, recordChange, type Actor, type Deps } from './context.ts';
import { requiredDate, requiredId, requiredText, type Loose } from './validation.ts';

// Committees and their meetings: what committee reports are written for and plan approvals record.
// Set up by performance officers and admins; corrected or deleted while nothing depends on them.

const committeeSchema = z.object({ name: requiredText('the committee name', 200) });
const meetingSchema = z.object({ committeeId: requiredId('the committee'), date: requiredDate('the date of the meeting') });

export class CommitteeService {
  constructor(private readonly deps: Deps) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  committees(actor: Actor): Promise<CommitteeRow[]> {
    return this.repos.reports.committees(actor.tenantId);
  }

  async createCommittee(actor: Actor, input: Loose<z.input<typeof committeeSchema>>): Promise<number> {
    assertCanAdminister(actor);
    return audited(this.deps, actor, { entity: 'committee', event: 'create', schema: committeeSchema, input }, async (r, v) => {
      if (await r.reports.committeeByName(actor.tenantId, v.name)) throw new ValidationError({ name: `There is already a committee called ${v.name}` });
      const id = await r.reports.createCommittee(actor.tenantId, v.name);
      return id;
    });
  }

  meetings(actor: Actor, committeeId?: number): Promise<MeetingListRow[]> {
    return this.repos.reports.meetings(actor.tenantId, committeeId);
  }

  async createMeeting(actor: Actor, input: Loose<z.input<typeof meetingSchema>>): Promise<number> {
    assertCanAdminister(actor);
    return audited(this.deps, actor, { entity: 'meeting', event: 'create', schema: meetingSchema, input }, async (r, v) => {
      const committee = await r.reports.committee(actor.tenantId, v.committeeId);
      if (!committee) throw new ValidationError({ committeeId: 'Select a committee' });
      if (await r.reports.meetingOn(actor.tenantId, v.committeeId, v.date)) throw new ValidationError({ date: `${committee.name} already meets on ${formatUkDate(v.date)}` });
      const id = await r.reports.createMeeting(actor.tenantId, v.committeeId, v.date);
      return id;
    });
  }

  /** A committee of the actor's council (another council's is not found). */
  async committee(actor: Actor, id: number, r: Repos = this.repos): Promise<CommitteeRow> {
    const committee = await r.reports.committee(actor.tenantId, id);
    if (!committee) throw new NotFoundError('Committee');
    return committee;
  }

  /** A meeting of the actor's council, with its committee's name (another council's is not found). */
  async meeting(actor: Actor, id: number, r: Repos = this.repos): Promise<MeetingListRow> {
    const meeting = await r.reports.meeting(actor.tenantId, id);
    if (!meeting) throw new NotFoundError('Meeting');
    return meeting;
  }

  /** Corrects a committee's name. Names stay unique within the council. */
  async renameCommittee(actor: Actor, id: number, input: Loose<z.input<typeof committeeSchema>>): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'committee', event: 'update', schema: committeeSchema, input }, async (r, v) => {
      const before = await this.committee(actor, id, r);
      if (before.name === v.name) return { id, unchanged: true };
      const other = await r.reports.committeeByName(actor.tenantId, v.name);
      if (other && other.id !== id) throw new ValidationError({ name: `There is already a committee called ${v.name}` });
      await r.reports.renameCommittee(actor.tenantId, id, v.name);
      return { id, before: { name: before.name }, after: { name: v.name } };
    });
  }

  /** Moves a meeting to another date (or corrects its committee). A committee meets at most once a day. */
  async updateMeeting(actor: Actor, id: number, input: Loose<z.input<typeof meetingSchema>>): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'meeting', event: 'update', schema: meetingSchema, input }, async (r, v) => {
      const before = await this.meeting(actor, id, r);
      if (before.committee_id === v.committeeId && before.meeting_date === v.date) return { id, unchanged: true };
      const committee = await r.reports.committee(actor.tenantId, v.committeeId);
      if (!committee) throw new ValidationError({ committeeId: 'Select a committee' });
      const clash = await r.reports.meetingOn(actor.tenantId, v.committeeId, v.date);
      if (clash && clash.id !== id) throw new ValidationError({ date: `${committee.name} already meets on ${formatUkDate(v.date)}` });
      await r.reports.updateMeeting(actor.tenantId, id, v.committeeId, v.date);
      return { id, before: { committeeId: before.committee_id, date: before.meeting_date } };
    });
  }

  /** Why a committee cannot be deleted (it has meetings), or null when it can. */
  async committeeDeletionBlocker(actor: Actor, id: number, r: Repos = this.repos): Promise<string | null> {
    const committee = await this.committee(actor, id, r);
    const n = await r.reports.meetingCount(actor.tenantId, id);
    return n === 0 ? null : `${committee.name} has ${n === 1 ? '1 meeting: delete it' : `${n} meetings: delete them`} first`;
  }

  /** Why a meeting cannot be deleted (reports are written for it, or plan approvals record it), or null when it can. */
  async meetingDeletionBlocker(actor: Actor, id: number, r: Repos = this.repos): Promise<string | null> {
    const meeting = await this.meeting(actor, id, r);
    const { reports, approvedPlans } = await r.reports.meetingUsage(actor.tenantId, id);
    const named = `${meeting.committeeName} on ${formatUkDate(meeting.meeting_date)}`;
    if (reports > 0) return `${named} has ${reports === 1 ? '1 report: move it' : `${reports} reports: move them`} to another meeting first`;
    if (approvedPlans > 0) {
      return `${named} recorded the approval of ${approvedPlans === 1 ? '1 plan' : `${approvedPlans} plans`}: a meeting in a plan’s history cannot be deleted, but its date can be changed`;
    }
    return null;
  }

  /** Deletes a committee created by mistake: only one without meetings. */
  async deleteCommittee(actor: Actor, id: number): Promise<void> {
    assertCanAdminister(actor);
    await this.deps.store.transaction(async (r) => {
      const before = await this.committee(actor, id, r);
      const blocker = await this.committeeDeletionBlocker(actor, id, r);
      if (blocker) throw new ValidationError({ committee: blocker });
      await r.reports.deleteCommittee(actor.tenantId, id);
      await recordChange(r, actor, 'committee', id, 'delete', { before: { name: before.name } });
    });
  }

  /** Deletes a meeting created by mistake: only one with no reports and no plan approvals. */
  async deleteMeeting(actor: Actor, id: number): Promise<void> {
    assertCanAdminister(actor);
    await this.deps.store.transaction(async (r) => {
      const before = await this.meeting(actor, id, r);
      const blocker = await this.meetingDeletionBlocker(actor, id, r);
      if (blocker) throw new ValidationError({ meeting: blocker });
      await r.reports.deleteMeeting(actor.tenantId, id);
      await recordChange(r, actor, 'meeting', id, 'delete', { before: { committeeId: before.committee_id, committee: before.committeeName, date: before.meeting_date } });
    });
  }
}
