import { PASSWORD_MIN_LENGTH } from '../../../domain/passwords.ts';
import { RESET_LINK_MINUTES } from '../../../services/password-resets.ts';

// The sign-in and password reset pages' view models (see docs/architecture.md, Presenters). These
// pages are shown before anyone is signed in, so each carries its own CSRF token.

type Errors = Record<string, string> | undefined;

/** /sign-in: the form, and the single sign-on button when it is set up (`ssoButtonText`). */
export function signInPage(input: { csrfToken: string; ssoButtonText?: string | null; next?: string; values?: Record<string, unknown>; errors?: Errors }) {
  const { ssoButtonText, ...data } = input;
  return { title: 'Sign in', ...(ssoButtonText ? { sso: { buttonText: ssoButtonText } } : {}), ...data };
}

/** /forgotten-password: the email address to send a reset link to. */
export function forgottenPasswordPage(input: { csrfToken: string; values?: Record<string, unknown>; errors?: Errors }) {
  return { title: 'Reset your password', values: {}, ...input };
}

/** After a reset link was asked for: the same answer whether or not the address has an account. */
export function resetLinkSentPage(input: { email: string }) {
  return { title: 'Check your email', email: input.email.trim(), minutes: RESET_LINK_MINUTES };
}

/** /reset-password/:token: the new password, typed twice. */
export function resetPasswordPage(input: { csrfToken: string; token: string; email?: string; errors?: Errors }) {
  return { title: 'Choose a new password', minLength: PASSWORD_MIN_LENGTH, ...input };
}

/** A reset link used, too old or unknown. */
export function resetLinkExpiredPage() {
  return { title: 'The link has expired' };
}
