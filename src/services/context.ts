import { ForbiddenError } from '../domain/errors.ts';
import { canEditPlan, type Reach } from '../domain/permissions.ts';
import { descendantIds } from '../domain/trees.ts';
import type { ListingCache } from './listing-cache.ts';
import type { PositionCache } from './position-cache.ts';
import type { UserRole } from '../domain/vocabulary.ts';
import { canAdministerPlanning, canChangePlans, canEditPlanning } from '../domain/vocabulary.ts';
import type { Clock, Repos, Store } from '../db/repositories/index.ts';
import type { PdfRenderer } from '../reports/pdf.ts';
import type { Mailer } from './mailer.ts';

/** Who is asking: every service call is made for one council (tenant) by one user (or the system). */
export interface Actor {
  tenantId: number;
  userId: number | null;
  role: string;
  /** May see restricted items; admins always may, whatever this says. */
  clearance?: boolean;
}

/**
 * The infrastructure every service is given, built once by the composition root
 * (src/composition.ts, makeDeps). `clock` is the one clock: the repositories in `store` stamp
 * times from the same one, so audit times, recorded times and "today" always agree.
 */
export interface Deps {
  store: Store;
  clock: Clock;
  /** Prints reports as PDF (Chromium when installed). */
  pdf: PdfRenderer;
  /** Sends email: reminders, returned updates, password resets. */
  mailer: Mailer;
  /** Where Waymark is reached, for links in emails, without a trailing slash. */
  publicUrl: string;
  /**
   * Positions computed once per council and kept while its positions version stands
   * (src/services/position-cache.ts). Absent inside a transaction, whose own writes raise the
   * version only when it commits: there every position is computed in full.
   */
  positions?: PositionCache;
  /**
   * Listings many pages read alike, kept while the council's data version stands
   * (src/services/listing-cache.ts). Absent inside a transaction, like `positions`.
   */
  listings?: ListingCache;
}

export function assertCanEdit(actor: Actor): void {
  if (!canEditPlanning(actor.role)) throw new ForbiddenError('Your role can read plans but not change them.');
}

export function assertCanChangePlans(actor: Actor): void {
  if (!canChangePlans(actor.role)) throw new ForbiddenError('Only heads of service, performance officers and administrators can change plans and committee reports. Lead officers record progress on the actions they lead.');
}

export function assertCanAdminister(actor: Actor): void {
  if (!canAdministerPlanning(actor.role)) throw new ForbiddenError('Only administrators and performance officers can change council-wide set-up.');
}

/** The system acting for a council (CLI, demo loader): treated as an administrator. */
export function systemActor(tenantId: number): Actor {
  return { tenantId, userId: null, role: 'admin' };
}

/** Records a change to the audit trail: who (the actor), when, what, and the values before and after. */
export function recordChange(r: Repos, actor: Actor, entity: string, entityId: number, event: string, change: { before?: unknown; after?: unknown }): Promise<void> {
  return r.audit.record({ tenantId: actor.tenantId, userId: actor.userId, entity, entityId, event, ...change });
}

/**
 * The actor's reach for the scoped rules: the person their account belongs to (linked, or the one
 * person with the same email) and the org units they answer for (that person's unit and every
 * unit under it). The system (no user) reaches everything, as an administrator.
 */
export async function reachOf(r: Repos, actor: Actor): Promise<Reach> {
  if (actor.userId === null) return { role: 'admin', personId: null, unitIds: [] };
  const user = await r.users.get(actor.userId);
  const people = await r.people.list(actor.tenantId);
  const email = user?.email.toLowerCase();
  const person = (user?.person_id ? people.find((p) => p.id === user.person_id) : undefined) ?? people.find((p) => p.email !== null && p.email.toLowerCase() === email) ?? null;
  const units = person?.org_unit_id ? descendantIds(await r.orgUnits.list(actor.tenantId), person.org_unit_id) : [];
  return { role: actor.role as UserRole, personId: person?.id ?? null, unitIds: units };
}

/** Whether `actor` may change the plans of `unitId` (the pages show the edit buttons only then). */
export async function mayEditPlanOf(r: Repos, actor: Actor, unitId: number): Promise<boolean> {
  if (!canChangePlans(actor.role)) return false;
  if (canEditPlan({ role: actor.role as UserRole, personId: null, unitIds: [] }, unitId)) return true;
  return canEditPlan(await reachOf(r, actor), unitId);
}

/**
 * Refuses a change to a plan of `unitId` by someone whose reach does not cover it: a head of service
 * changes and approves only the plans of their own units (src/domain/permissions.ts).
 */
export async function assertCanEditPlanOf(r: Repos, actor: Actor, unitId: number): Promise<void> {
  assertCanChangePlans(actor);
  if (!(await mayEditPlanOf(r, actor, unitId))) throw new ForbiddenError('You can change only the plans of your own services. Ask a performance officer to make this change.');
}
