// The home and set-up pages' view models (see docs/architecture.md, Presenters).

/**
 * /: the council's totals, its corporate plan in a line, and the plans of the latest plan year
 * (`years` latest first, as the service lists them).
 */
export function homePage(input: {
  plans: readonly { id: number; title: string; kind: string; orgName: string; orgCode: string; planYearId: number; objectives: number; actions: number }[];
  years: readonly { id: number; label: string }[];
  corporate: { plan: { title: string } | null; flatPriorities: readonly unknown[]; pledges: readonly unknown[] };
}) {
  const { plans, years, corporate } = input;
  const latest = years[0];
  return {
    title: 'Home',
    section: 'home',
    latest: latest ? { id: latest.id, label: latest.label } : undefined,
    plans: latest
      ? plans.filter((p) => p.planYearId === latest.id).map((p) => ({ id: p.id, title: p.title, kind: p.kind, orgName: p.orgName, orgCode: p.orgCode, objectives: p.objectives, actions: p.actions }))
      : [],
    totals: { plans: plans.length, actions: plans.reduce((n, p) => n + p.actions, 0), years: years.length },
    corporate: { plan: corporate.plan ? { title: corporate.plan.title } : null, priorityCount: corporate.flatPriorities.length, pledgeCount: corporate.pledges.length },
  };
}

/** /setup: the council's set-up in one place (set-up.njk chooses the areas by the reader's role). */
export function setUpPage() {
  return { title: 'Set-up', section: 'setup' };
}
