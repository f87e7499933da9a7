import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { corporatePage, corporatePlanFormPage, corporatePlanFormValues, pledgeFormPage, pledgeFormValues, priorityFormPage, priorityFormValues } from './presenters.ts';

const plan = { id: 1, tenant_id: 1, title: 'Corporate Plan 2024-28', period_label: '2024 to 2028', vision: 'A thriving borough' };
const values = [
  { id: 1, name: 'Openness', description: 'We say what we do' },
  { id: 2, name: 'Fairness', description: null },
];
const pledge4 = { id: 40, tenant_id: 1, number: 4, text: 'Webcast every meeting', priority_id: 20 };
const pledge5 = { id: 50, tenant_id: 1, number: 5, text: 'Answer within 20 days', priority_id: null };
const top = { id: 10, tenant_id: 1, parent_id: null, title: 'Good governance', strapline: 'Open and fair', description: null, depth: 0, pledges: [] };
const child = { id: 20, tenant_id: 1, parent_id: 10, title: 'Open meetings', strapline: null, description: 'Meetings in public', depth: 1, pledges: [pledge4] };
const grandchild = { id: 30, tenant_id: 1, parent_id: 20, title: 'Webcasting', strapline: null, description: null, depth: 2, pledges: [] };

describe('corporate plan presenters', () => {
  it('corporatePage: the plan, values, priorities with their pledges, and pledges with their priority', () => {
    const vm = corporatePage({ plan, values, flatPriorities: [top, child], pledges: [pledge4, pledge5] });
    assert.deepEqual(vm, {
      title: 'Corporate Plan 2024-28',
      section: 'corporate',
      plan: { title: 'Corporate Plan 2024-28', periodLabel: '2024 to 2028', vision: 'A thriving borough' },
      values: [
        { name: 'Openness', description: 'We say what we do' },
        { name: 'Fairness', description: null },
      ],
      flatPriorities: [
        { id: 10, title: 'Good governance', strapline: 'Open and fair', description: null, depth: 0, pledges: [] },
        { id: 20, title: 'Open meetings', strapline: null, description: 'Meetings in public', depth: 1, pledges: [{ id: 40, number: 4, text: 'Webcast every meeting' }] },
      ],
      pledges: [
        { id: 40, number: 4, text: 'Webcast every meeting', priorityId: 20, priorityTitle: 'Open meetings' },
        { id: 50, number: 5, text: 'Answer within 20 days', priorityId: null, priorityTitle: undefined },
      ],
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
    assert.deepEqual(corporatePage({ plan: null, values: [], flatPriorities: [], pledges: [] }).title, 'Corporate plan');
  });

  it('corporatePlanFormValues and corporatePlanFormPage: values one per line', () => {
    assert.deepEqual(corporatePlanFormValues(plan, values), { title: 'Corporate Plan 2024-28', periodLabel: '2024 to 2028', vision: 'A thriving borough', values: 'Openness – We say what we do\nFairness' });
    assert.deepEqual(corporatePlanFormValues(null, []), {});
    assert.deepEqual(corporatePlanFormPage({ exists: false, values: {} }), {
      title: 'Set up the corporate plan',
      section: 'corporate',
      breadcrumbs: [{ text: 'Corporate plan', href: '/corporate-plan' }],
      exists: false,
      values: {},
    });
  });

  it('priorityFormPage: named by path, never offering the priority itself or anything under it', () => {
    assert.deepEqual(priorityFormValues(child), { title: 'Open meetings', strapline: '', description: 'Meetings in public', parentId: 10 });
    const vm = priorityFormPage({ id: 20, current: 'Open meetings', values: priorityFormValues(child), flatPriorities: [top, child, grandchild] });
    assert.deepEqual(vm, {
      title: 'Edit priority: Open meetings',
      section: 'corporate',
      breadcrumbs: [{ text: 'Corporate plan', href: '/corporate-plan' }],
      priorities: [{ id: 10, path: 'Good governance' }],
      errorAnchors: { _: 'title' },
      id: 20,
      values: { title: 'Open meetings', strapline: '', description: 'Meetings in public', parentId: 10 },
    });
  });

  it('pledgeFormPage: every priority, by path', () => {
    assert.deepEqual(pledgeFormValues(pledge5), { number: '5', text: 'Answer within 20 days', priorityId: '' });
    const vm = pledgeFormPage({ values: { number: '6' }, flatPriorities: [top, child, grandchild] });
    assert.deepEqual(vm, {
      title: 'Add a pledge',
      section: 'corporate',
      breadcrumbs: [{ text: 'Corporate plan', href: '/corporate-plan' }],
      priorities: [
        { id: 10, path: 'Good governance' },
        { id: 20, path: 'Good governance › Open meetings' },
        { id: 30, path: 'Good governance › Open meetings › Webcasting' },
      ],
      errorAnchors: { _: 'number' },
      values: { number: '6' },
    });
  });
});
