import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { homePage, setUpPage } from './presenters.ts';

const plan = (id: number, planYearId: number, actions: number) => ({ id, title: `Plan ${id}`, kind: 'business_plan', status: 'draft', orgUnitId: 3, orgName: 'Democratic Services', orgCode: 'DEM', planYearId, yearLabel: '', yearStart: '', objectives: 2, actions });

describe('home presenters', () => {
  it('homePage: totals over every year, and the plans of the latest year', () => {
    const vm = homePage({
      plans: [plan(1, 2, 5), plan(2, 1, 7)],
      years: [
        { id: 2, label: '2026/27' },
        { id: 1, label: '2025/26' },
      ],
      corporate: { plan: { title: 'Corporate Plan 2024-28' }, flatPriorities: [{}, {}, {}], pledges: [{}] },
    });
    assert.deepEqual(vm, {
      title: 'Home',
      section: 'home',
      latest: { id: 2, label: '2026/27' },
      plans: [{ id: 1, title: 'Plan 1', kind: 'business_plan', orgName: 'Democratic Services', orgCode: 'DEM', objectives: 2, actions: 5 }],
      totals: { plans: 2, actions: 12, years: 2 },
      corporate: { plan: { title: 'Corporate Plan 2024-28' }, priorityCount: 3, pledgeCount: 1 },
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('homePage: a council with no years yet', () => {
    assert.deepEqual(homePage({ plans: [], years: [], corporate: { plan: null, flatPriorities: [], pledges: [] } }), {
      title: 'Home',
      section: 'home',
      latest: undefined,
      plans: [],
      totals: { plans: 0, actions: 0, years: 0 },
      corporate: { plan: null, priorityCount: 0, pledgeCount: 0 },
    });
  });

  it('setUpPage', () => {
    assert.deepEqual(setUpPage(), { title: 'Set-up', section: 'setup' });
  });
});
