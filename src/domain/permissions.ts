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
