import { ORG_UNIT_KINDS } from '../../../domain/vocabulary.ts';

// The organisation pages' view models (see docs/architecture.md, Presenters).

type Unit = { id: number; name: string; code: string; kind: string; parent_id: number | null };
type TreeUnit = Unit & { depth: number; path: string };

/** /organisation: the tree, in order, each unit indented by its depth. */
export function unitListPage(input: { units: readonly TreeUnit[] }) {
  return {
    title: 'Organisation',
    section: 'organisation',
    units: input.units.map((u) => ({ id: u.id, name: u.name, code: u.code, kind: u.kind, depth: u.depth })),
  };
}

/** /organisation/new and /organisation/:id/edit; `units` are those the unit may sit under. */
export function unitFormPage(input: { id?: number; values: Record<string, unknown>; errors?: Record<string, string>; units: readonly TreeUnit[] }) {
  const { units, ...data } = input;
  return {
    title: data.id ? 'Edit unit' : 'Add a unit',
    section: 'organisation',
    kinds: ORG_UNIT_KINDS,
    units: units.map((u) => ({ id: u.id, path: u.path, code: u.code })),
    ...data,
  };
}

/** The unit form's values from a unit row. */
export function unitFormValues(u: Unit) {
  return { name: u.name, code: u.code, kind: u.kind, parentId: u.parent_id ?? '' };
}

/** /organisation/:id: the unit, the unit it sits under, the units under it, its plans and people. */
export function unitPage(input: {
  unit: Unit;
  units: readonly Unit[];
  people: readonly { id: number; name: string; job_title: string | null; org_unit_id: number | null }[];
  plans: readonly { id: number; title: string; yearLabel: string }[];
}) {
  const { unit } = input;
  const parent = input.units.find((u) => u.id === unit.parent_id);
  return {
    title: unit.name,
    section: 'organisation',
    unit: { id: unit.id, name: unit.name, code: unit.code, kind: unit.kind },
    parent: parent ? { id: parent.id, name: parent.name } : undefined,
    children: input.units.filter((u) => u.parent_id === unit.id).map((u) => ({ id: u.id, name: u.name, code: u.code })),
    people: input.people.filter((p) => p.org_unit_id === unit.id).map((p) => ({ id: p.id, name: p.name, jobTitle: p.job_title })),
    plans: input.plans.map((p) => ({ id: p.id, title: p.title, yearLabel: p.yearLabel })),
    breadcrumbs: [{ text: 'Organisation', href: '/organisation' }],
  };
}
