// Who may do what, as pure rules. The web applies them to routes (docs/permissions.md lists every
// route with its rule, and an authorization-matrix test holds the app to that list); the services
// apply the same role checks to every use case, so a rule holds whichever door a request uses.

import type { UserRole } from './vocabulary.ts';

/** Everyone the rules speak of: the signed-in roles, and a visitor who has not signed in. */
export type Audience = UserRole | 'anonymous';

export const AUDIENCES: readonly Audience[] = ['anonymous', 'viewer', 'lead_officer', 'head_of_service', 'performance_officer', 'admin'];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  anonymous: 'Not signed in',
  viewer: 'Viewer',
  lead_officer: 'Lead officer',
  head_of_service: 'Head of service',
  performance_officer: 'Performance officer',
  admin: 'Admin',
};

export const ROUTE_RULES = ['public', 'read', 'self', 'edit', 'setup', 'admin'] as const;
export type RouteRule = (typeof ROUTE_RULES)[number];

/** What each rule means, in the words docs/permissions.md uses. */
export const RULE_MEANINGS: Record<RouteRule, string> = {
  public: 'anyone, signed in or not',
  read: 'anyone signed in, viewers included (reading)',
  self: 'anyone signed in, for their own account or session',
  edit: 'lead officers, heads of service, performance officers and admins (changing plans, actions, progress and reports)',
  setup: 'performance officers and admins (council-wide set-up: organisation, years, corporate plan, settings, imports, committees)',
  admin: 'admins only (users, the audit trail)',
};

const ALLOWED: Record<RouteRule, readonly Audience[]> = {
  public: AUDIENCES,
  read: ['viewer', 'lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  self: ['viewer', 'lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  edit: ['lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  setup: ['performance_officer', 'admin'],
  admin: ['admin'],
};

export function allows(rule: RouteRule, who: Audience): boolean {
  return ALLOWED[rule].includes(who);
}

/**
 * A signed-in person's reach for scoped rules: their role, the person record their account is
 * linked to (lead officers own actions through it), and the org units they answer for (a head of
 * service's unit and every unit under it).
 */
export interface Reach {
  role: UserRole;
  personId: number | null;
  unitIds: readonly number[];
}

/** An action as the scoped rules see it: the org unit of its plan, and its lead officers' people. */
export interface ActionScope {
  unitId: number;
  leadPersonIds: readonly number[];
}

const COUNCIL_WIDE: readonly UserRole[] = ['admin', 'performance_officer'];

/**
 * Who may record a progress update on an action: admins and performance officers on any action,
 * a head of service on the actions of their units, a lead officer on the actions they lead.
 */
export function canUpdateAction(reach: Reach, action: ActionScope): boolean {
  if (COUNCIL_WIDE.includes(reach.role)) return true;
  if (reach.role === 'head_of_service') return reach.unitIds.includes(action.unitId);
  if (reach.role === 'lead_officer') return reach.personId !== null && action.leadPersonIds.includes(reach.personId);
  return false;
}

/**
 * Who may approve or return an update: admins and performance officers anywhere, a head of service
 * for their units; never the person who wrote it.
 */
export function canApproveUpdate(reach: Reach & { userId: number | null }, action: ActionScope, authorUserId: number | null): boolean {
  if (authorUserId !== null && reach.userId === authorUserId) return false;
  if (COUNCIL_WIDE.includes(reach.role)) return true;
  return reach.role === 'head_of_service' && reach.unitIds.includes(action.unitId);
}
