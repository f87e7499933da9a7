// What changed between two snapshots of a plan: goals, objectives and actions added, removed and
// changed field by field. Items are matched by id (editing keeps ids), so a renamed action is
// "changed", not removed and added.

export type SnapshotValue = string | number | boolean | null | readonly (string | number)[];

export interface SnapshotItem {
  id: number;
  /** How people name it: "1.2 Webcast meetings", "26-CEX01 Publish the plan". */
  label: string;
  fields: Record<string, SnapshotValue>;
}

/** A plan as it stood: its own fields, and its goals, objectives and actions with every field. */
export interface PlanSnapshot {
  plan: Record<string, SnapshotValue>;
  goals: SnapshotItem[];
  objectives: SnapshotItem[];
  actions: SnapshotItem[];
}

export interface FieldChange {
  field: string;
  before: SnapshotValue;
  after: SnapshotValue;
}

export interface ItemChange {
  id: number;
  label: string;
  changes: FieldChange[];
}

export interface SectionDiff {
  added: SnapshotItem[];
  removed: SnapshotItem[];
  changed: ItemChange[];
}

export interface PlanDiff {
  plan: FieldChange[];
  goals: SectionDiff;
  objectives: SectionDiff;
  actions: SectionDiff;
  /** True when nothing differs. */
  same: boolean;
}

const same = (a: SnapshotValue | undefined, b: SnapshotValue | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ, in the order the fields first appear. */
export function diffFields(before: Record<string, SnapshotValue>, after: Record<string, SnapshotValue>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !same(before[k], after[k])).map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

export function diffItems(before: readonly SnapshotItem[], after: readonly SnapshotItem[]): SectionDiff {
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Map(after.map((i) => [i.id, i]));
  const changed: ItemChange[] = [];
  for (const item of after) {
    const prev = old.get(item.id);
    if (!prev) continue;
    const changes = diffFields(prev.fields, item.fields);
    if (changes.length) changed.push({ id: item.id, label: item.label, changes });
  }
  return { added: after.filter((i) => !old.has(i.id)), removed: before.filter((i) => !now.has(i.id)), changed };
}

export function diffPlans(before: PlanSnapshot, after: PlanSnapshot): PlanDiff {
  const plan = diffFields(before.plan, after.plan);
  const goals = diffItems(before.goals, after.goals);
  const objectives = diffItems(before.objectives, after.objectives);
  const actions = diffItems(before.actions, after.actions);
  const empty = (s: SectionDiff) => !s.added.length && !s.removed.length && !s.changed.length;
  return { plan, goals, objectives, actions, same: !plan.length && empty(goals) && empty(objectives) && empty(actions) };
}

/** A field name for people: due_date → "Due date". */
export function fieldLabel(field: string): string {
  const words = field.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value for people: lists joined, blanks shown as "(none)". */
export function showValue(v: SnapshotValue): string {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return '(none)';
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}
