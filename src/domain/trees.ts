// Org units and corporate priorities are trees stored as rows with a parent id.

export interface TreeRow {
  id: number;
  parent_id: number | null;
}

/** The id itself and every id below it. */
export function descendantIds(rows: readonly TreeRow[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const r of rows) if (r.parent_id !== null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const out = new Set<number>([rootId]);
  const queue = [rootId];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return [...out];
}

/** True when making `parentId` the parent of `id` would put `id` under itself. */
export function wouldCycle(rows: readonly TreeRow[], id: number, parentId: number): boolean {
  return descendantIds(rows, id).includes(parentId);
}
