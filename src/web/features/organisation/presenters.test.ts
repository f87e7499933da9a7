import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { unitFormPage, unitFormValues, unitListPage, unitPage } from './presenters.ts';

const council = { id: 1, name: 'Mid Borough Council', code: 'MBC', kind: 'council', parent_id: null, depth: 0, path: 'Mid Borough Council', tenant_id: 1 };
const dem = { id: 2, name: 'Democratic Services', code: 'DEM', kind: 'service', parent_id: 1, depth: 1, path: 'Mid Borough Council › Democratic Services', tenant_id: 1 };
const team = { id: 3, name: 'Elections', code: 'ELE', kind: 'team', parent_id: 2, depth: 2, path: 'Mid Borough Council › Democratic Services › Elections', tenant_id: 1 };

describe('organisation presenters', () => {
  it('unitListPage: each unit with its depth', () => {
    assert.deepEqual(unitListPage({ units: [council, dem] }), {
      title: 'Organisation',
      section: 'organisation',
      units: [
        { id: 1, name: 'Mid Borough Council', code: 'MBC', kind: 'council', depth: 0 },
        { id: 2, name: 'Democratic Services', code: 'DEM', kind: 'service', depth: 1 },
      ],
    });
  });

  it('unitFormPage and unitFormValues: the parent choices by path', () => {
    const values = unitFormValues(dem);
    assert.deepEqual(values, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: 1 });
    assert.deepEqual(unitFormValues(council).parentId, '');
    const vm = unitFormPage({ id: 2, values, units: [council] });
    assert.deepEqual(vm, {
      title: 'Edit unit',
      section: 'organisation',
      kinds: ['council', 'directorate', 'service', 'team'],
      units: [{ id: 1, path: 'Mid Borough Council', code: 'MBC' }],
      id: 2,
      values: { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: 1 },
    });
  });

  it('unitPage: parent, children, its own people and plans', () => {
    const vm = unitPage({
      unit: dem,
      units: [council, dem, team],
      people: [
        { id: 8, name: 'Ann Officer', job_title: 'Head of Democratic Services', org_unit_id: 2 },
        { id: 9, name: 'Bob Elsewhere', job_title: null, org_unit_id: 3 },
      ],
      plans: [{ id: 7, title: 'Democratic Services Plan', yearLabel: '2026/27' }],
    });
    assert.deepEqual(vm, {
      title: 'Democratic Services',
      section: 'organisation',
      unit: { id: 2, name: 'Democratic Services', code: 'DEM', kind: 'service' },
      parent: { id: 1, name: 'Mid Borough Council' },
      children: [{ id: 3, name: 'Elections', code: 'ELE' }],
      people: [{ id: 8, name: 'Ann Officer', jobTitle: 'Head of Democratic Services' }],
      plans: [{ id: 7, title: 'Democratic Services Plan', yearLabel: '2026/27' }],
      breadcrumbs: [{ text: 'Organisation', href: '/organisation' }],
    });
    assert.equal(unitPage({ unit: council, units: [council], people: [], plans: [] }).parent, undefined);
    assert.deepEqual(snakeCaseKeys(vm), []);
  });
});
