import { ForbiddenError } from '../domain/errors.ts';
import type { Reach } from '../domain/permissions.ts';
import { descendantIds } from '../domain/trees.ts';
import type { UserRole } from '../domain/vocabulary.ts';
import { canAdministerPlanning, canEditPlanning } from '../domain/vocabulary.ts';
import type { Repos, Store } from '../db/repositories/index.ts';

/** Who is asking: every service call is made for one council (tenant) by one user (or the system). */
export interface Actor {
  tenantId: number;
  userId: number | null;
  role: string;
}

export interface ServiceDeps {
  store: Store;
}

export function assertCanEdit(actor: Actor): void {
  if (!canEditPlanning(actor.role)) throw new ForbiddenError('Your role can read plans but not change them.');
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
