import type { History, HistorySubject } from '../../../services/audit.ts';

// The history page's view model (see docs/architecture.md, Presenters).

type Crumb = { text: string; href: string };

const SUBJECT_WORDS: Record<HistorySubject, string> = { plan: 'plan', objective: 'objective', action: 'action', report: 'report' };

/** Where the record lives, and the breadcrumbs back to it. */
function placeOf(subject: HistorySubject, id: number, title: string, planId: number | null): { href: string; breadcrumbs: Crumb[] } {
  switch (subject) {
    case 'plan':
      return { href: `/plans/${id}`, breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: title, href: `/plans/${id}` }] };
    case 'objective': {
      const href = `/plans/${planId}#objective-${id}`;
      return { href, breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: 'Plan', href: `/plans/${planId}` }, { text: title, href }] };
    }
    case 'action':
      return { href: `/actions/${id}`, breadcrumbs: [{ text: 'Actions', href: '/actions' }, { text: title, href: `/actions/${id}` }] };
    case 'report':
      return { href: `/reports/${id}`, breadcrumbs: [{ text: 'Reports', href: '/reports' }, { text: title, href: `/reports/${id}` }] };
  }
}

/** /plans|objectives|actions|reports/:id/history: the record's audit trail, newest first. */
export function historyPage(h: History) {
  const { href, breadcrumbs } = placeOf(h.subject, h.id, h.title, h.planId);
  return {
    title: `History of ${h.title}`,
    section: h.subject === 'report' ? 'reports' : h.subject === 'action' ? 'actions' : 'plans',
    history: {
      subject: h.subject,
      title: h.title,
      objectives: h.objectives.map((o) => ({ id: o.id, title: o.title })),
      entries: h.entries.map((e) => ({ id: e.id, at: e.at, when: e.when, who: e.who, heading: e.heading, isNew: e.isNew, changes: e.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })) })),
    },
    subjectWord: SUBJECT_WORDS[h.subject],
    subjectHref: href,
    breadcrumbs,
  };
}
