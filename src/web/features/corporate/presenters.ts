// The corporate plan pages' view models (see docs/architecture.md, Presenters).

type Plan = { title: string; period_label: string | null; vision: string | null };
type Value = { name: string; description: string | null };
type Pledge = { id: number; number: number; text: string; priority_id: number | null };
type Priority = { id: number; parent_id: number | null; title: string; strapline: string | null; description: string | null };
type Data = { id?: number; values: Record<string, unknown>; errors?: Record<string, string> };

const crumbs = [{ text: 'Corporate plan', href: '/corporate-plan' }];

/** /corporate-plan: vision, values, the priorities in tree order with their pledges, and the pledges. */
export function corporatePage(input: { plan: Plan | null; values: readonly Value[]; flatPriorities: readonly (Priority & { depth: number; pledges: readonly Pledge[] })[]; pledges: readonly Pledge[] }) {
  const { plan } = input;
  const priorityTitles = new Map(input.flatPriorities.map((p) => [p.id, p.title]));
  return {
    title: plan ? plan.title : 'Corporate plan',
    section: 'corporate',
    plan: plan ? { title: plan.title, periodLabel: plan.period_label, vision: plan.vision } : null,
    values: input.values.map((v) => ({ name: v.name, description: v.description })),
    flatPriorities: input.flatPriorities.map((p) => ({
      id: p.id,
      title: p.title,
      strapline: p.strapline,
      description: p.description,
      depth: p.depth,
      pledges: p.pledges.map((pl) => ({ id: pl.id, number: pl.number, text: pl.text })),
    })),
    pledges: input.pledges.map((p) => ({
      id: p.id,
      number: p.number,
      text: p.text,
      priorityId: p.priority_id,
      priorityTitle: p.priority_id !== null ? priorityTitles.get(p.priority_id) : undefined,
    })),
  };
}

/** The corporate plan form's values: the plan's fields and its values one per line ("Name – description"). */
export function corporatePlanFormValues(plan: Plan | null, values: readonly Value[]) {
  return plan
    ? { title: plan.title, periodLabel: plan.period_label ?? '', vision: plan.vision ?? '', values: values.map((v) => (v.description ? `${v.name} – ${v.description}` : v.name)).join('\n') }
    : {};
}

/** /corporate-plan/edit. */
export function corporatePlanFormPage(input: Data & { exists: boolean }) {
  return { title: input.exists ? 'Edit the corporate plan' : 'Set up the corporate plan', section: 'corporate', breadcrumbs: crumbs, ...input };
}

/** Priorities for a drop-down, each named with the priorities above it, so the tree reads in a flat list. */
function priorityOptions(flat: readonly { id: number; parent_id: number | null; title: string }[]): { id: number; path: string }[] {
  const paths = new Map<number, string>();
  return flat.map((p) => {
    const parent = p.parent_id !== null ? paths.get(p.parent_id) : undefined;
    const path = parent ? `${parent} › ${p.title}` : p.title;
    paths.set(p.id, path);
    return { id: p.id, path };
  });
}

/** The priority form's values from a priority row. */
export function priorityFormValues(p: Priority) {
  return { title: p.title, strapline: p.strapline ?? '', description: p.description ?? '', parentId: p.parent_id ?? '' };
}

/** /corporate-plan/priorities/new and …/:id/edit; `current` is the priority's title now. */
export function priorityFormPage(input: Data & { current?: string; flatPriorities: readonly Priority[] }) {
  const { current, flatPriorities, ...data } = input;
  // A priority cannot sit under itself or anything beneath it, so those are not offered.
  const excluded = new Set<number>();
  if (data.id) {
    excluded.add(data.id);
    for (const p of flatPriorities) if (p.parent_id !== null && excluded.has(p.parent_id)) excluded.add(p.id);
  }
  return {
    title: data.id ? `Edit priority: ${current ?? ''}` : 'Add a priority',
    section: 'corporate',
    breadcrumbs: crumbs,
    priorities: priorityOptions(flatPriorities).filter((p) => !excluded.has(p.id)),
    errorAnchors: { _: 'title' },
    ...data,
  };
}

/** The pledge form's values from a pledge row. */
export function pledgeFormValues(p: Pledge) {
  return { number: String(p.number), text: p.text, priorityId: p.priority_id ?? '' };
}

/** /corporate-plan/pledges/new and …/:id/edit; `current` is the pledge's number now. */
export function pledgeFormPage(input: Data & { current?: string; flatPriorities: readonly Priority[] }) {
  const { current, flatPriorities, ...data } = input;
  return {
    title: data.id ? `Edit pledge ${current ?? ''}` : 'Add a pledge',
    section: 'corporate',
    breadcrumbs: crumbs,
    priorities: priorityOptions(flatPriorities),
    errorAnchors: { _: 'number' },
    ...data,
  };
}
