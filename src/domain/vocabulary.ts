// The fixed vocabularies of the planning core, with the words users see.

export const ORG_UNIT_KINDS = ['council', 'directorate', 'service', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  council: 'Council',
  directorate: 'Directorate or department',
  service: 'Service',
  team: 'Team',
};
/** Which kinds of unit may sit directly under each kind. */
export const ORG_UNIT_CHILDREN: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  council: ['directorate', 'service'],
  directorate: ['service', 'team'],
  service: ['team'],
  team: [],
};

export const PLAN_KINDS = ['service_improvement_plan', 'business_plan', 'action_plan'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  service_improvement_plan: 'Service improvement plan',
  business_plan: 'Business plan',
  action_plan: 'Action plan',
};

export const ACTION_KINDS = ['one_off', 'ongoing', 'milestone'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  one_off: 'One-off project',
  ongoing: 'Ongoing (delivered at a constant rate)',
  milestone: 'Milestone',
};

export const DEFAULT_ACTION_ROLES = [
  'Community Leadership',
  'Service Provider / Commissioner / Manager',
  'Enabler',
] as const;

export const USER_ROLES = ['admin', 'performance_officer', 'head_of_service', 'lead_officer', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Administrator',
  performance_officer: 'Performance officer',
  head_of_service: 'Head of service',
  lead_officer: 'Lead officer',
  viewer: 'Viewer',
};

/** Anyone but a viewer takes part in the update cycle: records progress (on the actions in their reach) and sees sign-off. */
export function canEditPlanning(role: string): boolean {
  return (USER_ROLES as readonly string[]).includes(role) && role !== 'viewer';
}

/** Plans (their fields, goals, objectives and actions, and their approval) and committee reports: heads of service (their own units' plans), performance officers and administrators. */
export function canChangePlans(role: string): boolean {
  return role === 'admin' || role === 'performance_officer' || role === 'head_of_service';
}

/** Council-wide set-up (settings, structure, plan years, the corporate plan) is for administrators and performance officers. */
export function canAdministerPlanning(role: string): boolean {
  return role === 'admin' || role === 'performance_officer';
}
