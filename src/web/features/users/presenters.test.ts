import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { newUserPage, userListPage, userPage } from './presenters.ts';

const ann = { id: 3, name: 'Ann Admin', email: 'ann@example.org', role: 'admin', disabledAt: null, lastSignInAt: '2026-11-20T14:05:00.000Z', createdAt: '2026-01-01T00:00:00.000Z', isYou: true, restrictedAccess: false, seesRestricted: true };
const ben = { id: 4, name: 'Ben Viewer', email: 'ben@example.org', role: 'viewer', disabledAt: '2026-07-01T08:00:00.000Z', lastSignInAt: null, createdAt: '2026-01-01T00:00:00.000Z', isYou: false, restrictedAccess: true, seesRestricted: true };

describe('user presenters', () => {
  it('userListPage: status, last sign-in and restricted access in words', () => {
    const vm = userListPage({ users: [ann, ben] });
    assert.deepEqual(vm, {
      title: 'Users',
      section: 'users',
      users: [
        { id: 3, name: 'Ann Admin', email: 'ann@example.org', role: 'admin', isYou: true, restrictedAccess: false, disabledAt: null, status: 'Active', lastSignIn: '2:05pm on 20 November 2026', disabledOn: '', restricted: 'Yes (administrator)' },
        { id: 4, name: 'Ben Viewer', email: 'ben@example.org', role: 'viewer', isYou: false, restrictedAccess: true, disabledAt: '2026-07-01T08:00:00.000Z', status: 'Disabled', lastSignIn: 'Never', disabledOn: '9:00am on 1 July 2026', restricted: 'Yes' },
      ],
      disabled: 1,
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('userPage: the role and restricted-access choices', () => {
    const vm = userPage({ user: ben });
    assert.equal(vm.title, 'Ben Viewer');
    assert.deepEqual(vm.roles.map((r) => [r.value, r.checked]), [
      ['admin', false],
      ['performance_officer', false],
      ['head_of_service', false],
      ['lead_officer', false],
      ['viewer', true],
    ]);
    assert.deepEqual(vm.restrictedItems, [
      { value: 'yes', text: 'Yes', checked: true },
      { value: 'no', text: 'No', checked: false },
    ]);
    assert.deepEqual(vm.breadcrumbs, [{ text: 'Users', href: '/users' }]);
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('newUserPage: no restricted access unless chosen', () => {
    const vm = newUserPage({ values: { name: 'Cat' } });
    assert.deepEqual(vm.restrictedItems, [
      { value: 'yes', text: 'Yes', checked: false },
      { value: 'no', text: 'No', checked: true },
    ]);
    assert.equal(vm.restrictedHint.endsWith(' Administrators always see them.'), true);
    assert.deepEqual(vm.values, { name: 'Cat' });
    assert.deepEqual(vm.errorAnchors, { role: 'role', restrictedAccess: 'restrictedAccess' });
  });
});
