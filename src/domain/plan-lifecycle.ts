// A service plan's lifecycle, as pure rules: draft → submitted → approved (by a committee at a
// meeting) → published. Who may take each step, and what editing an approved plan does.

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved',
  published: 'Published',
};

export const PLAN_STEPS = ['submit', 'approve', 'return', 'publish'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

const FROM: Record<PlanStep, readonly PlanStatus[]> = {
  submit: ['draft'],
  approve: ['submitted'],
  return: ['submitted'],
  publish: ['approved'],
};

const TO: Record<PlanStep, PlanStatus> = { submit: 'submitted', approve: 'approved', return: 'draft', publish: 'published' };

const ROLES: Record<PlanStep, readonly string[]> = {
  submit: ['head_of_service', 'performance_officer', 'admin'],
  approve: ['head_of_service', 'performance_officer', 'admin'],
  return: ['head_of_service', 'performance_officer', 'admin'],
  publish: ['performance_officer', 'admin'],
};

const STEP_NAMES: Record<PlanStep, string> = { submit: 'submit this plan for approval', approve: 'approve this plan', return: 'return this plan to draft', publish: 'publish this plan' };

export interface LifecyclePlan {
  status: string;
  /** The user who submitted it for approval, when it is submitted. */
  submittedBy: number | null;
}

export interface LifecycleActor {
  role: string;
  userId: number | null;
}

/** Why a step is refused: the plan is not at the right stage, the role may not, or it is the submitter's own plan. */
export interface Refusal {
  reason: 'state' | 'role' | 'own-submission';
  message: string;
}

export function isPlanStatus(s: string): s is PlanStatus {
  return (PLAN_STATUSES as readonly string[]).includes(s);
}

export function statusLabel(s: string): string {
  return isPlanStatus(s) ? PLAN_STATUS_LABELS[s] : s;
}

/** The status a step leads to. */
export function statusAfter(step: PlanStep): PlanStatus {
  return TO[step];
}

/** Null when `who` may take `step` on `plan`; otherwise why not. The stage is checked first, then the role. */
export function refusal(step: PlanStep, plan: LifecyclePlan, who: LifecycleActor): Refusal | null {
  if (!FROM[step].some((s) => s === plan.status)) {
    const needs = FROM[step].map((s) => PLAN_STATUS_LABELS[s].toLowerCase()).join(' or ');
    return { reason: 'state', message: `You cannot ${STEP_NAMES[step]}: it is ${statusLabel(plan.status).toLowerCase()}, not ${needs}.` };
  }
  if (!ROLES[step].includes(who.role)) return { reason: 'role', message: `Your role cannot ${STEP_NAMES[step]}.` };
  if ((step === 'approve' || step === 'return') && who.userId !== null && who.userId === plan.submittedBy) {
    return { reason: 'own-submission', message: `You submitted this plan, so someone else must ${step === 'approve' ? 'approve it' : 'return it to draft'}.` };
  }
  return null;
}

/** The steps `who` may take now: the buttons to show. */
export function availableSteps(plan: LifecyclePlan, who: LifecycleActor): PlanStep[] {
  return PLAN_STEPS.filter((step) => refusal(step, plan, who) === null);
}

/**
 * What editing does to the lifecycle: an approved or published plan goes back to draft as a new
 * version (its approved snapshot stays as it was); a draft or submitted plan stays as it is.
 */
export function afterEdit(plan: { status: string; draftVersion: number }): { status: string; draftVersion: number; newVersion: boolean } {
  if (plan.status === 'approved' || plan.status === 'published') return { status: 'draft', draftVersion: plan.draftVersion + 1, newVersion: true };
  return { ...plan, newVersion: false };
}
