import { descendantIds, type TreeRow } from './trees.ts';

// Which actions belong to an org unit (a directorate, service or team). A department often writes
// one plan for all its services, and the services' officers lead its actions: those actions are the
// services' work as much as the department's. So an action belongs to unit U when its plan's org
// unit is U or a unit under U, OR one of its lead officers (a person) works in U or a unit under U.
//
// This is the one rule for the unit dashboard, the exceptions page and the action list's service
// filter. The action repository's `orgUnitIds` filter is the same rule written as SQL (it must
// narrow the rows before they are read); this function is its in-memory twin, for grouping actions
// already read (a unit's children on its dashboard).

export interface UnitMembershipFacts {
  /** The org unit of the action's plan. */
  planUnitId: number;
  /** The org units of the action's lead officers who are known people (null where a person has none). */
  leadUnitIds: readonly (number | null)[];
}

/** The unit and every unit under it: the set an action must touch to belong to the unit. */
export function unitScope(units: readonly TreeRow[], unitId: number): ReadonlySet<number> {
  return new Set(descendantIds(units, unitId));
}

/** True when the action belongs to the unit whose scope (itself and its descendants) is given. */
export function belongsToUnit(scope: ReadonlySet<number>, action: UnitMembershipFacts): boolean {
  return scope.has(action.planUnitId) || action.leadUnitIds.some((id) => id !== null && scope.has(id));
}

/** The org units of an action's lead officers, from its leads (person ids) and each person's unit. */
export function leadUnitIds(leads: readonly { id: number | null }[], unitOfPerson: ReadonlyMap<number, number | null>): (number | null)[] {
  return leads.filter((l) => l.id !== null).map((l) => unitOfPerson.get(l.id!) ?? null);
}
