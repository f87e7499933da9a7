import { z } from 'zod';
import { londonDate } from '../domain/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { afterEdit, refusal, statusAfter, type PlanStep } from '../domain/plan-lifecycle.ts';
import { actionDateColumns, actionDatesFromColumns, actionTextColumns, actionTextFromColumns } from '../domain/fields/action-fields.ts';
import { diffPlans, type PlanDiff, type PlanSnapshot } from '../domain/plan-diff.ts';
import type { PlanVersionListRow, Repos, ServicePlanRow } from '../db/repositories/index.ts';
import { actorHasClearance, visibleActions } from './visibility.ts';
import { assertCanEditPlanOf, recordChange, type Actor, type Deps } from './context.ts';
import { optionalDate, optionalId, optionalText, requiredText, validate, type Loose } from './validation.ts';

// The plan lifecycle (src/domain/plan-lifecycle.ts) as use cases: submit, approve (snapshotting the
// plan as a version), return to draft and publish; the versions and what changed between them.
// Editing services call `touch` inside their transactions, so editing an approved or published
// plan first makes it a draft of the next version.

const approveSchema = z.object({
  meetingId: optionalId('meeting'),
  committee: optionalText('the committee', 200),
  approvedOn: optionalDate('date of approval'),
});
export type ApproveInput = Loose<z.input<typeof approveSchema>>;

const returnSchema = z.object({ comment: requiredText('why the plan is returned to draft', 5000) });
export type ReturnInput = Loose<z.input<typeof returnSchema>>;

/** One side of a comparison: a version number, or "current" for the plan as it is now. */
export type VersionRef = number | 'current';

export interface Comparison {
  from: VersionRef;
  to: VersionRef;
  diff: PlanDiff;
}

export class PlanLifecycleService {
  constructor(private readonly deps: Deps) {}

  /** Called by every edit of a plan, its goals, objectives or actions, inside the edit's transaction. */
  async touch(actor: Actor, r: Repos, planId: number): Promise<void> {
    const plan = await r.plans.get(actor.tenantId, planId);
    if (!plan) return;
    await assertCanEditPlanOf(r, actor, plan.org_unit_id);
    const next = afterEdit({ status: plan.status, draftVersion: plan.draft_version });
    if (!next.newVersion) return;
    await r.planVersions.setLifecycle(actor.tenantId, planId, { status: next.status, draftVersion: next.draftVersion, submittedByUserId: null, submittedAt: null, returnComment: null });
    await recordChange(r, actor, 'service_plan', planId, 'new-version', { before: { status: plan.status, version: plan.draft_version }, after: { status: next.status, version: next.draftVersion } });
  }

  async submit(actor: Actor, planId: number): Promise<void> {
    await this.deps.store.transaction(async (r) => {
      const plan = await this.check(actor, r, planId, 'submit');
      await r.planVersions.setLifecycle(actor.tenantId, planId, { status: statusAfter('submit'), submittedByUserId: actor.userId, submittedAt: this.deps.clock().toISOString(), returnComment: null });
      await recordChange(r, actor, 'service_plan', planId, 'submit', { before: { status: plan.status }, after: { status: statusAfter('submit') } });
    });
  }

  /** Approves a submitted plan at a meeting (chosen from the list, or a committee and date) and snapshots it as its next version. */
  async approve(actor: Actor, planId: number, input: ApproveInput): Promise<number> {
    const v = validate(approveSchema, input);
    if (!v.meetingId && !(v.committee && v.approvedOn)) {
      const errors: Record<string, string> = {};
      if (v.committee || v.approvedOn) {
        if (!v.committee) errors.committee = 'Enter the committee';
        if (!v.approvedOn) errors.approvedOn = 'Enter the date of approval';
      } else errors.meetingId = 'Select the meeting that approved the plan, or enter the committee and date';
      throw new ValidationError(errors);
    }
    return this.deps.store.transaction(async (r) => {
      const t = actor.tenantId;
      let committee = v.committee ?? '';
      let approvedOn = v.approvedOn ?? '';
      if (v.meetingId) {
        const meeting = await r.reports.meeting(t, v.meetingId);
        if (!meeting) throw new ValidationError({ meetingId: 'Select a meeting from the list' });
        committee = meeting.committeeName;
        approvedOn = meeting.meeting_date;
      }
      const plan = await this.check(actor, r, planId, 'approve');
      const number = plan.draft_version;
      if (await r.planVersions.get(t, planId, number)) throw new ValidationError({ meetingId: `Version ${number} of this plan is already approved` });
      const user = actor.userId === null ? undefined : await r.users.get(actor.userId);
      await r.planVersions.create(t, {
        planId,
        number,
        status: statusAfter('approve'),
        approvedMeetingId: v.meetingId,
        approvedCommittee: committee,
        approvedOn,
        snapshotJson: JSON.stringify(await snapshotOf(r, t, plan)),
        createdBy: actor.userId,
        createdByName: user?.name ?? 'Waymark',
      });
      await r.planVersions.setLifecycle(t, planId, { status: statusAfter('approve'), approvedMeetingId: v.meetingId, approvedCommittee: committee, approvedOn, publishedOn: null });
      await recordChange(r, actor, 'service_plan', planId, 'approve', { before: { status: plan.status }, after: { status: statusAfter('approve'), version: number, committee, approvedOn } });
      return number;
    });
  }

  async returnToDraft(actor: Actor, planId: number, input: ReturnInput): Promise<void> {
    const v = validate(returnSchema, input);
    await this.deps.store.transaction(async (r) => {
      const plan = await this.check(actor, r, planId, 'return');
      await r.planVersions.setLifecycle(actor.tenantId, planId, { status: statusAfter('return'), submittedByUserId: null, submittedAt: null, returnComment: v.comment });
      await recordChange(r, actor, 'service_plan', planId, 'return', { before: { status: plan.status }, after: { status: statusAfter('return'), comment: v.comment } });
    });
  }

  async publish(actor: Actor, planId: number): Promise<void> {
    await this.deps.store.transaction(async (r) => {
      const plan = await this.check(actor, r, planId, 'publish');
      const today = londonDate(this.deps.clock());
      await r.planVersions.setLifecycle(actor.tenantId, planId, { status: statusAfter('publish'), publishedOn: today });
      await r.planVersions.markPublished(actor.tenantId, planId, plan.draft_version, today);
      await recordChange(r, actor, 'service_plan', planId, 'publish', { before: { status: plan.status }, after: { status: statusAfter('publish'), version: plan.draft_version, publishedOn: today } });
    });
  }

  /** The plan's approved versions, oldest first. */
  async versions(actor: Actor, planId: number): Promise<PlanVersionListRow[]> {
    const r = this.deps.store.repos;
    if (!(await r.plans.get(actor.tenantId, planId))) throw new NotFoundError('Plan');
    return r.planVersions.list(actor.tenantId, planId);
  }

  /** What changed from one version (or the plan as it is now) to another. */
  async compare(actor: Actor, planId: number, from: VersionRef, to: VersionRef): Promise<Comparison> {
    const r = this.deps.store.repos;
    const plan = await r.plans.get(actor.tenantId, planId);
    if (!plan) throw new NotFoundError('Plan');
    const side = async (ref: VersionRef): Promise<PlanSnapshot> => {
      if (ref === 'current') return snapshotOf(r, actor.tenantId, plan);
      const version = await r.planVersions.get(actor.tenantId, planId, ref);
      if (!version) throw new NotFoundError(`Version ${ref}`);
      return JSON.parse(version.snapshot_json) as PlanSnapshot;
    };
    const [before, after] = await this.hideRestricted(actor, r, planId, [await side(from), await side(to)]);
    return { from, to, diff: diffPlans(before!, after!) };
  }

  /** Leaves out of both sides the restricted actions the reader may not see (as restricted then, or now). */
  private async hideRestricted(actor: Actor, r: Repos, planId: number, sides: PlanSnapshot[]): Promise<PlanSnapshot[]> {
    if (actorHasClearance(actor)) return sides;
    const t = actor.tenantId;
    const restricted = new Set(sides.flatMap((s) => s.actions.filter((a) => a.fields.exempt_paragraph != null).map((a) => a.id)));
    for (const a of await r.actions.forPlan(t, planId)) if (a.exempt_paragraph !== null) restricted.add(a.id);
    if (!restricted.size) return sides;
    const seen = new Set((await visibleActions(r, actor, [...restricted].map((id) => ({ id, tenant_id: t, exempt_paragraph: 1 })))).map((a) => a.id));
    return sides.map((s) => ({ ...s, actions: s.actions.filter((a) => !restricted.has(a.id) || seen.has(a.id)) }));
  }

  /** The plan, when `actor` may take `step` on it now; otherwise a refusal (the wrong stage is a problem to fix, not a forbidden act). */
  private async check(actor: Actor, r: Repos, planId: number, step: PlanStep): Promise<ServicePlanRow> {
    const plan = await r.plans.get(actor.tenantId, planId);
    if (!plan) throw new NotFoundError('Plan');
    const no = refusal(step, { status: plan.status, submittedBy: plan.submitted_by_user_id }, actor);
    if (no?.reason === 'state') throw new ValidationError({ status: no.message });
    if (no) throw new ForbiddenError(no.message);
    await assertCanEditPlanOf(r, actor, plan.org_unit_id);
    return plan;
  }
}

/** The plan as it stands: its fields, goals, objectives and actions with every field and link. */
export async function snapshotOf(r: Repos, tenantId: number, plan: ServicePlanRow): Promise<PlanSnapshot> {
  const [goals, objectives, actions] = await Promise.all([r.plans.goals(tenantId, plan.id), r.objectives.forPlan(tenantId, plan.id), r.actions.forPlan(tenantId, plan.id)]);
  const [objLinks, actLinks] = await Promise.all([r.objectives.links(tenantId, objectives.map((o) => o.id)), r.actions.links(tenantId, actions.map((a) => a.id))]);
  return {
    plan: {
      title: plan.title,
      kind: plan.kind,
      org_unit_id: plan.org_unit_id,
      plan_year_id: plan.plan_year_id,
      vision: plan.vision,
      purpose: plan.purpose,
      statutory_duties: plan.statutory_duties,
      areas_of_focus: plan.areas_of_focus,
    },
    goals: goals.map((g) => ({ id: g.id, label: g.number ? `${g.number}. ${g.title}` : g.title, fields: { number: g.number, title: g.title, position: g.position } })),
    objectives: objectives.map((o) => ({
      id: o.id,
      label: o.number ? `${o.number} ${o.title}` : o.title,
      fields: { number: o.number, title: o.title, why: o.why, goal_id: o.goal_id, position: o.position, priority_ids: objLinks.priorities.get(o.id) ?? [], pledge_ids: objLinks.pledges.get(o.id) ?? [] },
    })),
    actions: actions.map((a) => {
      const l = actLinks.get(a.id);
      return {
        id: a.id,
        label: `${a.code} ${a.title}`,
        fields: {
          objective_id: a.objective_id,
          code: a.code,
          title: a.title,
          role: a.role,
          ...actionTextColumns(actionTextFromColumns(a)),
          kind: a.kind,
          ...actionDateColumns(actionDatesFromColumns(a)),
          weight: a.weight,
          carried_from_id: a.carried_from_id,
          position: a.position,
          leads: (l?.leads ?? []).map((x) => x.name),
          impacts: (l?.impacts ?? []).map((x) => x.name),
          partnerships: l?.partnerships ?? [],
          priority_ids: l?.priorityIds ?? [],
          pledge_ids: l?.pledgeIds ?? [],
          // Only when restricted, so versions saved before restrictions existed compare unchanged.
          ...(a.exempt_paragraph !== null ? { exempt_paragraph: a.exempt_paragraph } : {}),
        },
      };
    }),
  };
}
