// The people pages' view models (see docs/architecture.md, Presenters).

type Person = { id: number; name: string; job_title: string | null; email: string | null; org_unit_id: number | null };
type TreeUnit = { id: number; name: string; code: string; path: string };

const peopleCrumb = { text: 'People', href: '/people' };

/** /people: the people (already filtered to the chosen unit and those under it), and the filter. */
export function peopleListPage(input: { people: readonly Person[]; units: readonly TreeUnit[]; unit: TreeUnit | undefined; filtered: boolean }) {
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const { unit } = input;
  return {
    title: unit ? `People in ${unit.name}` : 'People',
    section: 'people',
    people: input.people.map((p) => {
      const u = p.org_unit_id !== null ? byId.get(p.org_unit_id) : undefined;
      return { id: p.id, name: p.name, jobTitle: p.job_title, email: p.email, unit: u ? { id: u.id, name: u.name } : undefined };
    }),
    units: input.units.map((u) => ({ id: u.id, path: u.path, code: u.code })),
    unit: unit ? { id: unit.id, name: unit.name } : undefined,
    filtered: input.filtered,
  };
}

/** /people/new and /people/:id/edit. */
export function personFormPage(input: { id?: number; name?: string; values: Record<string, unknown>; errors?: Record<string, string>; units: readonly TreeUnit[] }) {
  const { units, ...data } = input;
  return {
    title: data.id ? `Edit ${data.name ?? 'person'}` : 'Add a person',
    section: 'people',
    units: units.map((u) => ({ id: u.id, path: u.path, code: u.code })),
    breadcrumbs: data.id ? [peopleCrumb, { text: data.name ?? 'Person', href: `/people/${data.id}` }] : [peopleCrumb],
    ...data,
  };
}

/** The person form's values from a person row. */
export function personFormValues(p: Person) {
  return { name: p.name, jobTitle: p.job_title ?? '', email: p.email ?? '', orgUnitId: p.org_unit_id ?? '' };
}

/** /people/:id. */
export function personPage(input: { person: Person; unit: { id: number; path: string } | undefined }) {
  const { person, unit } = input;
  return {
    title: person.name,
    section: 'people',
    person: { id: person.id, name: person.name, jobTitle: person.job_title, email: person.email },
    unit: unit ? { id: unit.id, path: unit.path } : undefined,
    breadcrumbs: [peopleCrumb],
  };
}
