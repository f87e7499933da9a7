import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { peopleListPage, personFormPage, personFormValues, personPage } from './presenters.ts';

const dem = { id: 2, name: 'Democratic Services', code: 'DEM', path: 'Council › Democratic Services', kind: 'service', parent_id: 1, depth: 1 };
const ann = { id: 8, name: 'Ann Officer', job_title: 'Head of Democratic Services', email: 'ann@example.org', org_unit_id: 2, tenant_id: 1 };
const bob = { id: 9, name: 'Bob Nowhere', job_title: null, email: null, org_unit_id: null, tenant_id: 1 };

describe('people presenters', () => {
  it('peopleListPage: each person with their unit, and the filter', () => {
    const vm = peopleListPage({ people: [ann, bob], units: [dem], unit: dem, filtered: true });
    assert.deepEqual(vm, {
      title: 'People in Democratic Services',
      section: 'people',
      people: [
        { id: 8, name: 'Ann Officer', jobTitle: 'Head of Democratic Services', email: 'ann@example.org', unit: { id: 2, name: 'Democratic Services' } },
        { id: 9, name: 'Bob Nowhere', jobTitle: null, email: null, unit: undefined },
      ],
      units: [{ id: 2, path: 'Council › Democratic Services', code: 'DEM' }],
      unit: { id: 2, name: 'Democratic Services' },
      filtered: true,
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
    assert.equal(peopleListPage({ people: [], units: [], unit: undefined, filtered: false }).title, 'People');
  });

  it('personFormPage and personFormValues: blanks for what is not recorded', () => {
    assert.deepEqual(personFormValues(bob), { name: 'Bob Nowhere', jobTitle: '', email: '', orgUnitId: '' });
    const vm = personFormPage({ id: 8, name: 'Ann Officer', values: personFormValues(ann), units: [dem] });
    assert.deepEqual(vm, {
      title: 'Edit Ann Officer',
      section: 'people',
      units: [{ id: 2, path: 'Council › Democratic Services', code: 'DEM' }],
      breadcrumbs: [
        { text: 'People', href: '/people' },
        { text: 'Ann Officer', href: '/people/8' },
      ],
      id: 8,
      name: 'Ann Officer',
      values: { name: 'Ann Officer', jobTitle: 'Head of Democratic Services', email: 'ann@example.org', orgUnitId: 2 },
    });
    assert.deepEqual(personFormPage({ values: {}, units: [] }).breadcrumbs, [{ text: 'People', href: '/people' }]);
  });

  it('personPage', () => {
    assert.deepEqual(personPage({ person: ann, unit: dem }), {
      title: 'Ann Officer',
      section: 'people',
      person: { id: 8, name: 'Ann Officer', jobTitle: 'Head of Democratic Services', email: 'ann@example.org' },
      unit: { id: 2, path: 'Council › Democratic Services' },
      breadcrumbs: [{ text: 'People', href: '/people' }],
    });
  });
});
