import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { historyPage } from './presenters.ts';

const entry = {
  id: 501,
  at: '2026-06-30T13:05:00.000Z',
  when: '30 June 2026 at 2:05pm',
  who: 'Ann Officer',
  entity: 'objective',
  entityLabel: 'Objective',
  about: null,
  event: 'update',
  eventLabel: 'Updated',
  heading: 'Updated',
  isNew: false,
  changes: [{ field: 'Why', from: null, to: 'Trust' }],
};

describe('history presenter', () => {
  it('historyPage: an objective’s trail, linked back into its plan', () => {
    const vm = historyPage({ subject: 'objective', id: 11, title: 'Open meetings', planId: 7, objectives: [], entries: [entry] });
    assert.deepEqual(vm, {
      title: 'History of Open meetings',
      section: 'plans',
      history: {
        subject: 'objective',
        title: 'Open meetings',
        objectives: [],
        entries: [{ id: 501, at: '2026-06-30T13:05:00.000Z', when: '30 June 2026 at 2:05pm', who: 'Ann Officer', heading: 'Updated', isNew: false, changes: [{ field: 'Why', from: null, to: 'Trust' }] }],
      },
      subjectWord: 'objective',
      subjectHref: '/plans/7#objective-11',
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Plan', href: '/plans/7' },
        { text: 'Open meetings', href: '/plans/7#objective-11' },
      ],
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('historyPage: each subject in its own section, with its own breadcrumbs', () => {
    const of = (subject: 'plan' | 'action' | 'report') => historyPage({ subject, id: 3, title: 'T', planId: null, objectives: [{ id: 11, title: 'Open meetings' }], entries: [] });
    assert.deepEqual(
      (['plan', 'action', 'report'] as const).map((s) => [of(s).section, of(s).subjectHref, of(s).breadcrumbs[0]]),
      [
        ['plans', '/plans/3', { text: 'Plans', href: '/plans' }],
        ['actions', '/actions/3', { text: 'Actions', href: '/actions' }],
        ['reports', '/reports/3', { text: 'Reports', href: '/reports' }],
      ],
    );
    assert.deepEqual(of('plan').history.objectives, [{ id: 11, title: 'Open meetings' }]);
  });
});
