import { PASSWORD_MIN_LENGTH } from '../../../domain/passwords.ts';
import type { AccountSummary } from '../../../services/auth-types.ts';
import { ukDateTime } from '../users/format.ts';

// "Your account": its view model (see docs/architecture.md, Presenters).

/** /account: who you are signed in as, when you last signed in, and on how many devices. */
export function accountPage(input: { account: AccountSummary; errors?: Record<string, string> }) {
  const { account } = input;
  return {
    title: 'Your account',
    section: 'account',
    account: { name: account.name, email: account.email, role: account.role, activeSessions: account.activeSessions },
    lastSignIn: ukDateTime(account.lastSignInAt, 'Not recorded'),
    minLength: PASSWORD_MIN_LENGTH,
    ...(input.errors ? { errors: input.errors } : {}),
  };
}
