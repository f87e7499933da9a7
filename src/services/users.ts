import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { hasClearance } from '../domain/permissions.ts';
import { USER_ROLES } from '../domain/vocabulary.ts';
import type { UserRow } from '../db/repositories/index.ts';
import type { AuthService, NewUserInput } from './auth.ts';
import { recordChange, type Actor, type Deps } from './context.ts';
import { oneOf, validate } from './validation.ts';

// User administration, for a council's administrators only: the council's accounts, new accounts,
// roles, access to restricted items, and disabling an account (which ends its sessions at once). A
// council always keeps at least one administrator who is not disabled, and no administrator can
// disable themself.

export interface UserSummary {
  id: number;
  name: string;
  email: string;
  role: string;
  disabledAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  /** The account is the actor's own. */
  isYou: boolean;
  /** The tick on the account: may see restricted items (admins see them whatever it says). */
  restrictedAccess: boolean;
  /** Sees restricted items: the tick, or being an administrator. */
  seesRestricted: boolean;
}

/** Access to restricted items, as a form gives it: 'yes' or 'no' (true and false are taken too). */
export interface RestrictedAccessInput {
  restrictedAccess?: unknown;
}

export function assertCanManageUsers(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Only administrators can manage user accounts.');
}

const roleSchema = z.object({ role: oneOf(USER_ROLES, 'a role') });

const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : v);
const restrictedAccessSchema = z.object({
  restrictedAccess: z.preprocess(yesNo, z.enum(['yes', 'no'], { error: 'Select whether they can see restricted items' })),
});
/** On a new account the question may be left out: no access. */
const newRestrictedAccessSchema = z.object({
  restrictedAccess: z.preprocess((v) => (v === undefined || v === null || v === '' ? 'no' : yesNo(v)), z.enum(['yes', 'no'], { error: 'Select whether they can see restricted items' })),
});

export class UserService {
  constructor(
    private readonly deps: Deps,
    private readonly auth: AuthService,
  ) {}

  /** Throws ForbiddenError unless the actor may manage users (for pages that show a form before any change). */
  authorise(actor: Actor): void {
    assertCanManageUsers(actor);
  }

  private summary(actor: Actor, u: UserRow): UserSummary {
    const restrictedAccess = Number(u.restricted_access) === 1;
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      disabledAt: u.disabled_at,
      lastSignInAt: u.last_sign_in_at,
      createdAt: u.created_at,
      isYou: u.id === actor.userId,
      restrictedAccess,
      seesRestricted: hasClearance(u.role, restrictedAccess),
    };
  }

  /** The council's accounts, by name. */
  async list(actor: Actor): Promise<UserSummary[]> {
    assertCanManageUsers(actor);
    return (await this.deps.store.repos.users.list(actor.tenantId)).map((u) => this.summary(actor, u));
  }

  async get(actor: Actor, id: number): Promise<UserSummary> {
    assertCanManageUsers(actor);
    const u = await this.deps.store.repos.users.get(id);
    if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
    return this.summary(actor, u);
  }

  /**
   * A new account in the actor's council, with a role and an initial password that meets the
   * policy, and (optionally, 'no' when left out) access to restricted items, which is set, and
   * audited, straight after the account is made.
   */
  async create(actor: Actor, input: NewUserInput & RestrictedAccessInput): Promise<number> {
    assertCanManageUsers(actor);
    const { restrictedAccess } = validate(newRestrictedAccessSchema, { restrictedAccess: input.restrictedAccess });
    const { restrictedAccess: _flag, ...account } = input;
    const id = await this.auth.createUser(actor.tenantId, account, actor);
    if (restrictedAccess === 'yes') await this.setRestrictedAccess(actor, id, { restrictedAccess });
    return id;
  }

  async changeRole(actor: Actor, id: number, input: { role?: unknown }): Promise<void> {
    assertCanManageUsers(actor);
    const { role } = validate(roleSchema, input);
    await this.deps.store.transaction(async (r) => {
      const u = await r.users.get(id);
      if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
      if (u.role === role) return;
      if (u.role === 'admin' && !u.disabled_at && (await r.users.lockActiveAdmins(actor.tenantId)) <= 1) {
        throw new ValidationError({ role: `${u.name} is the only administrator: make someone else an administrator first` });
      }
      await r.users.setRole(id, role);
      await recordChange(r, actor, 'user', id, 'role_change', { before: { role: u.role }, after: { role } });
    });
  }

  /**
   * Gives or takes away access to restricted items; it applies from the user's next request.
   * Administrators always have it, so it cannot be taken away from one.
   */
  async setRestrictedAccess(actor: Actor, id: number, input: RestrictedAccessInput): Promise<void> {
    assertCanManageUsers(actor);
    const on = validate(restrictedAccessSchema, input).restrictedAccess === 'yes';
    await this.deps.store.transaction(async (r) => {
      const u = await r.users.get(id);
      if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
      if (!on && u.role === 'admin') {
        throw new ValidationError({ restrictedAccess: `${u.name} is an administrator, and administrators always see restricted items: change their role first` });
      }
      const was = Number(u.restricted_access) === 1;
      if (was === on) return;
      await r.users.setRestrictedAccess(id, on);
      await recordChange(r, actor, 'user', id, 'restricted_access', { before: { restrictedAccess: was }, after: { restrictedAccess: on } });
    });
  }

  /** Disables an account: it can no longer sign in, and every session it has ends now. */
  async disable(actor: Actor, id: number): Promise<void> {
    assertCanManageUsers(actor);
    await this.deps.store.transaction(async (r) => {
      const u = await r.users.get(id);
      if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
      if (u.id === actor.userId) throw new ValidationError({ status: 'You cannot disable your own account' });
      if (u.disabled_at) return;
      if (u.role === 'admin' && (await r.users.lockActiveAdmins(actor.tenantId)) <= 1) {
        throw new ValidationError({ status: `${u.name} is the only administrator: make someone else an administrator first` });
      }
      const at = this.deps.clock().toISOString();
      await r.users.setDisabled(id, at);
      const sessions = await r.users.revokeUserSessions(id, at);
      await recordChange(r, actor, 'user', id, 'disable', { before: { disabledAt: null }, after: { disabledAt: at, sessionsEnded: sessions } });
    });
  }

  /**
   * Unlinks an account from its single sign-on identities, so that its next SSO sign-in links it
   * afresh by email (for someone whose organisation account was replaced). Returns how many went.
   */
  async unlinkSso(actor: Actor, id: number): Promise<number> {
    assertCanManageUsers(actor);
    return this.deps.store.transaction(async (r) => {
      const u = await r.users.get(id);
      if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
      const links = await r.users.ssoIdentitiesOf(id);
      if (!links.length) return 0;
      await r.users.unlinkSsoIdentities(id);
      await recordChange(r, actor, 'user', id, 'sso_unlink', { before: { identities: links.map((l) => ({ issuer: l.issuer, subject: l.subject })) }, after: { identities: [] } });
      return links.length;
    });
  }

  /** Enables a disabled account again; its old sessions stay ended, so it signs in afresh. */
  async enable(actor: Actor, id: number): Promise<void> {
    assertCanManageUsers(actor);
    await this.deps.store.transaction(async (r) => {
      const u = await r.users.get(id);
      if (!u || u.tenant_id !== actor.tenantId) throw new NotFoundError('User');
      if (!u.disabled_at) return;
      await r.users.setDisabled(id, null);
      await recordChange(r, actor, 'user', id, 'enable', { before: { disabledAt: u.disabled_at }, after: { disabledAt: null } });
    });
  }
}
