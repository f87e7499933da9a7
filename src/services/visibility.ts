import { NotFoundError } from '../domain/errors.ts';
import { canSeeAction, canSeeUpdate, hasClearance, type Viewer } from '../domain/permissions.ts';
import type { ActionRow, ProgressUpdateRow, Repos } from '../db/repositories/index.ts';
import { reachOf, type Actor } from './context.ts';

// Restricted items (docs/permissions.md): the services leave out what the reader may not see, so
// every page, export, count and report built on them is the same for the same reader. Readers with
// access to restricted items (and admins) cost nothing extra; for the others, the person behind the
// account is looked up only when something restricted is actually among the rows.

/** Whether the actor may see every restricted item. */
export function actorHasClearance(actor: Actor): boolean {
  return hasClearance(actor.role, actor.clearance === true);
}

/** The actor as the restricted-item rules see them. */
export async function viewerOf(r: Repos, actor: Actor): Promise<Viewer> {
  if (actorHasClearance(actor)) return { clearance: true, personId: null, userId: actor.userId };
  const reach = await reachOf(r, actor);
  return { clearance: false, personId: reach.personId, userId: actor.userId };
}

/** The people among an action's lead officers (names without a person record are left out). */
export const leadPersonIds = (leads: readonly { id: number | null }[] | undefined): number[] => (leads ?? []).map((l) => l.id).filter((id): id is number => id !== null);

/** Who is asking: an actor (looked up when needed), or a fixed audience such as a committee report's. */
export type Reader = Actor | { audience: Viewer };

async function resolve(r: Repos, reader: Reader): Promise<Viewer> {
  return 'audience' in reader ? reader.audience : viewerOf(r, reader);
}

const clear = (reader: Reader): boolean => ('audience' in reader ? reader.audience.clearance : actorHasClearance(reader));

/** The actions the reader may see, in the order given. */
export async function visibleActions<T extends Pick<ActionRow, 'id' | 'tenant_id' | 'exempt_paragraph'>>(r: Repos, reader: Reader, rows: T[]): Promise<T[]> {
  const restricted = rows.filter((a) => a.exempt_paragraph !== null);
  if (!restricted.length || clear(reader)) return rows;
  const viewer = await resolve(r, reader);
  const links = await r.actions.links(restricted[0]!.tenant_id, restricted.map((a) => a.id));
  const hidden = new Set(restricted.filter((a) => !canSeeAction(viewer, { exemptParagraph: a.exempt_paragraph, leadPersonIds: leadPersonIds(links.get(a.id)?.leads) })).map((a) => a.id));
  return hidden.size ? rows.filter((a) => !hidden.has(a.id)) : rows;
}

/** The progress updates the reader may see, in the order given. */
export async function visibleUpdates<T extends Pick<ProgressUpdateRow, 'action_id' | 'tenant_id' | 'exempt_paragraph' | 'author_user_id'>>(r: Repos, reader: Reader, rows: T[]): Promise<T[]> {
  const restricted = rows.filter((u) => u.exempt_paragraph !== null);
  if (!restricted.length || clear(reader)) return rows;
  const viewer = await resolve(r, reader);
  const links = await r.actions.links(restricted[0]!.tenant_id, [...new Set(restricted.map((u) => u.action_id))]);
  return rows.filter((u) => canSeeUpdate(viewer, { exemptParagraph: u.exempt_paragraph, authorUserId: u.author_user_id }, { leadPersonIds: leadPersonIds(links.get(u.action_id)?.leads) }));
}

/** An action the reader may not see does not exist for them: 404, as another council's would. */
export async function assertSeesAction(r: Repos, reader: Reader, action: Pick<ActionRow, 'id' | 'tenant_id' | 'exempt_paragraph'>): Promise<void> {
  if (!(await visibleActions(r, reader, [action])).length) throw new NotFoundError('Action');
}

/** An update the reader may not see does not exist for them. */
export async function assertSeesUpdate(r: Repos, reader: Reader, update: Pick<ProgressUpdateRow, 'action_id' | 'tenant_id' | 'exempt_paragraph' | 'author_user_id'>): Promise<void> {
  if (!(await visibleUpdates(r, reader, [update])).length) throw new NotFoundError('Progress update');
}
