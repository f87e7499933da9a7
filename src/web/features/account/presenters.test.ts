import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountPage } from './presenters.ts';

describe('account presenter', () => {
  it('accountPage: the last sign-in in UK time, or "Not recorded"', () => {
    const account = { name: 'Ann Officer', email: 'ann@example.org', role: 'lead_officer', activeSessions: 2, lastSignInAt: '2026-07-01T08:30:00.000Z' };
    assert.deepEqual(accountPage({ account }), {
      title: 'Your account',
      section: 'account',
      account: { name: 'Ann Officer', email: 'ann@example.org', role: 'lead_officer', activeSessions: 2 },
      lastSignIn: '9:30am on 1 July 2026',
      minLength: 12,
    });
    const vm = accountPage({ account: { ...account, lastSignInAt: null }, errors: { newPassword: 'Enter a new password' } });
    assert.equal(vm.lastSignIn, 'Not recorded');
    assert.deepEqual(vm.errors, { newPassword: 'Enter a new password' });
  });
});
