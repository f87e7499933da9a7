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

export const ROUTE_RULES = ['public', 'read', 'self', 'edit', 'plan', 'setup', 'admin'] as const;
export type RouteRule = (typeof ROUTE_RULES)[number];

/** What each rule means, in the words docs/permissions.md uses. */
export const RULE_MEANINGS: Record<RouteRule, string> = {
  public: 'anyone, signed in or not',
  read: 'anyone signed in, viewers included (reading)',
  self: 'anyone signed in, for their own account or session',
  edit: 'lead officers, heads of service, performance officers and admins (progress updates and sign-off, each within the person\'s reach)',
  plan: 'heads of service, performance officers and admins (changing plans, their goals, objectives and actions, plan approval, committee reports; a head of service only their own units\' plans)',
  setup: 'performance officers and admins (council-wide set-up: organisation, years, corporate plan, settings, imports, committees)',
  admin: 'admins only (users, the audit trail)',
};

const ALLOWED: Record<RouteRule, readonly Audience[]> = {
  public: AUDIENCES,
  read: ['viewer', 'lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  self: ['viewer', 'lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  edit: ['lead_officer', 'head_of_service', 'performance_officer', 'admin'],
  plan: ['head_of_service', 'performance_officer', 'admin'],
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
/** The roles whose reach is their units: a head of service heads their unit and every unit under it. */
const HEADS_UNITS: readonly UserRole[] = ['head_of_service'];
/** The roles that record progress updates at all (the route rule "edit"). */
const UPDATERS: readonly UserRole[] = ['lead_officer', 'head_of_service', 'performance_officer', 'admin'];

/** The signed-in person is one of the action's lead officers. */
export function leadsAction(reach: Reach, action: ActionScope): boolean {
  return reach.personId !== null && action.leadPersonIds.includes(reach.personId);
}

/** The signed-in person heads the action's unit: a role scoped to the plan's unit or a unit above it. */
export function headsUnit(reach: Reach, unitId: number): boolean {
  return HEADS_UNITS.includes(reach.role) && reach.unitIds.includes(unitId);
}

/**
 * Who may record a progress update on an action: admins and performance officers on any action;
 * for every other role that records updates, the union of "leads this action" and "heads this
 * unit" — so a head of service updates the actions of their units and also any action they lead
 * elsewhere, and a lead officer the actions they lead. Viewers never.
 */
export function canUpdateAction(reach: Reach, action: ActionScope): boolean {
  if (!UPDATERS.includes(reach.role)) return false;
  if (COUNCIL_WIDE.includes(reach.role)) return true;
  return leadsAction(reach, action) || headsUnit(reach, action.unitId);
}

/**
 * Who may change a plan (its fields, goals, objectives and actions) and take it through approval:
 * admins and performance officers any plan, a head of service the plans of their units.
 */
export function canEditPlan(reach: Reach, unitId: number): boolean {
  if (COUNCIL_WIDE.includes(reach.role)) return true;
  return headsUnit(reach, unitId);
}

/**
 * Who may approve or return an update: admins and performance officers anywhere, a head of service
 * for their units; never the person who wrote it.
 */
export function canApproveUpdate(reach: Reach & { userId: number | null }, action: ActionScope, authorUserId: number | null): boolean {
  if (authorUserId !== null && reach.userId === authorUserId) return false;
  if (COUNCIL_WIDE.includes(reach.role)) return true;
  return headsUnit(reach, action.unitId);
}

// Restricted items ----------------------------------------------------------------------------

/**
 * Who is looking, for the restricted-item rules: whether they have access to restricted items
 * (admins always do; others when an admin has ticked it on their account), the person record their
 * account belongs to, and their user id.
 */
export interface Viewer {
  clearance: boolean;
  personId: number | null;
  userId: number | null;
}

/**
 * Drafts of committee reports (reports not issued yet, and the current draft of those that are) are
 * the officers' working copies: councillors (viewers) read them only when the council allows it.
 * Issued versions are for everyone who may see the report.
 */
export function canReadDraftReports(role: string, councilAllowsCouncillors: boolean): boolean {
  return role !== 'viewer' || councilAllowsCouncillors;
}

/** Admins always see restricted items; anyone else when their account says so. */
export function hasClearance(role: string, restrictedAccess: boolean): boolean {
  return role === 'admin' || restrictedAccess;
}

/** A restricted action is seen by people with access to restricted items and by its own lead officers. */
export function canSeeAction(viewer: Viewer, action: { exemptParagraph: number | null; leadPersonIds: readonly number[] }): boolean {
  if (action.exemptParagraph === null || viewer.clearance) return true;
  return viewer.personId !== null && action.leadPersonIds.includes(viewer.personId);
}

/** A restricted update is seen by people with access to restricted items, its author and the action's lead officers. */
export function canSeeUpdate(viewer: Viewer, update: { exemptParagraph: number | null; authorUserId: number | null }, action: { leadPersonIds: readonly number[] }): boolean {
  if (update.exemptParagraph === null || viewer.clearance) return true;
  if (viewer.userId !== null && update.authorUserId === viewer.userId) return true;
  return viewer.personId !== null && action.leadPersonIds.includes(viewer.personId);
}

/** A restricted report is seen only by people with access to restricted items. */
export function canSeeReport(viewer: Viewer, report: { restricted: boolean }): boolean {
  return !report.restricted || viewer.clearance;
}

/** Who may mark an action or a report restricted: only someone who will still see it. */
export function canRestrict(viewer: Viewer): boolean {
  return viewer.clearance;
}

/**
 * The audience a committee report is written for: a restricted report (considered in private)
 * includes restricted actions and updates; any other report is for the public and leaves them out.
 */
export function reportAudience(restricted: boolean): Viewer {
  return { clearance: restricted, personId: null, userId: null };
}
