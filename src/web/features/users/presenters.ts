import { PASSWORD_MIN_LENGTH } from '../../../domain/passwords.ts';
import { USER_ROLE_LABELS, USER_ROLES } from '../../../domain/vocabulary.ts';
import type { UserSummary } from '../../../services/users.ts';
import { ukDateTime } from './format.ts';

// The user administration pages' view models (see docs/architecture.md, Presenters).

/** What each role may do, as hints beside the role choices. */
const ROLE_HINTS: Record<(typeof USER_ROLES)[number], string> = {
  admin: 'Everything, including user accounts',
  performance_officer: 'Everything except user accounts: council set-up, imports, committees, plans, progress and reports',
  head_of_service: 'Plans, actions, progress and reports',
  lead_officer: 'Plans, actions, progress and reports',
  viewer: 'Reads everything and changes nothing, for example a councillor',
};

function roleItems(selected: string | undefined) {
  return USER_ROLES.map((r) => ({ value: r, text: USER_ROLE_LABELS[r], hint: { text: ROLE_HINTS[r] }, checked: r === selected }));
}

const RESTRICTED_HINT =
  'Restricted items are actions, progress updates and committee reports marked as exempt information under Schedule 12A. Lead officers always see restricted actions they lead.';

function restrictedItems(selected: string | undefined) {
  return [
    { value: 'yes', text: 'Yes', checked: selected === 'yes' },
    { value: 'no', text: 'No', checked: selected === 'no' },
  ];
}

/** Whether they see restricted items, in words (administrators always do). */
function restrictedText(u: UserSummary): string {
  if (u.role === 'admin') return 'Yes (administrator)';
  return u.restrictedAccess ? 'Yes' : 'No';
}

function row(u: UserSummary) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    isYou: u.isYou,
    restrictedAccess: u.restrictedAccess,
    disabledAt: u.disabledAt,
    status: u.disabledAt ? 'Disabled' : 'Active',
    lastSignIn: ukDateTime(u.lastSignInAt, 'Never'),
    disabledOn: ukDateTime(u.disabledAt),
    restricted: restrictedText(u),
  };
}

const usersCrumb = { text: 'Users', href: '/users' };

/** /users: every account, and how many are disabled. */
export function userListPage(input: { users: readonly UserSummary[] }) {
  const list = input.users.map(row);
  return { title: 'Users', section: 'users', users: list, disabled: list.filter((u) => u.disabledAt).length };
}

/** /users/new: the form; the password is never echoed back. */
export function newUserPage(input: { values: Record<string, string>; errors?: Record<string, string> }) {
  return {
    title: 'Add a user',
    section: 'users',
    roles: roleItems(input.values.role),
    restrictedItems: restrictedItems(input.values.restrictedAccess || 'no'),
    restrictedHint: `${RESTRICTED_HINT} Administrators always see them.`,
    minLength: PASSWORD_MIN_LENGTH,
    breadcrumbs: [usersCrumb],
    errorAnchors: { role: 'role', restrictedAccess: 'restrictedAccess' },
    ...input,
  };
}

/** /users/:id: the account, with the forms that change its role, restricted access and whether it is enabled. */
export function userPage(input: { user: UserSummary; errors?: Record<string, string> }) {
  const user = row(input.user);
  return {
    title: user.name,
    section: 'users',
    user,
    roles: roleItems(user.role),
    restrictedItems: restrictedItems(user.restrictedAccess ? 'yes' : 'no'),
    restrictedHint: RESTRICTED_HINT,
    breadcrumbs: [usersCrumb],
    errors: input.errors,
  };
}
