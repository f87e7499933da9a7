import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgottenPasswordPage, resetLinkExpiredPage, resetLinkSentPage, resetPasswordPage, signInPage } from './presenters.ts';

describe('sign-in and password reset presenters', () => {
  it('signInPage: the single sign-on button only when it is set up', () => {
    assert.deepEqual(signInPage({ csrfToken: 't', ssoButtonText: null, next: '/plans', values: {} }), { title: 'Sign in', csrfToken: 't', next: '/plans', values: {} });
    assert.deepEqual(signInPage({ csrfToken: 't', ssoButtonText: 'Sign in with Microsoft', next: '/', values: { email: 'a@example.org' }, errors: { email: 'Wrong' } }), {
      title: 'Sign in',
      sso: { buttonText: 'Sign in with Microsoft' },
      csrfToken: 't',
      next: '/',
      values: { email: 'a@example.org' },
      errors: { email: 'Wrong' },
    });
  });

  it('the password reset pages', () => {
    assert.deepEqual(forgottenPasswordPage({ csrfToken: 't' }), { title: 'Reset your password', values: {}, csrfToken: 't' });
    assert.deepEqual(resetLinkSentPage({ email: ' ann@example.org ' }), { title: 'Check your email', email: 'ann@example.org', minutes: 60 });
    assert.deepEqual(resetPasswordPage({ csrfToken: 't', token: 'abc', email: 'ann@example.org' }), { title: 'Choose a new password', minLength: 12, csrfToken: 't', token: 'abc', email: 'ann@example.org' });
    assert.deepEqual(resetLinkExpiredPage(), { title: 'The link has expired' });
  });
});
