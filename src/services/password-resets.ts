import crypto from 'node:crypto';
import { z } from 'zod';
import { DomainError, ValidationError } from '../domain/errors.ts';
import { checkPassword } from '../domain/passwords.ts';
import type { AuthService } from './auth.ts';
import type { Deps } from './context.ts';
import { escapeHtml } from './mailer.ts';

// "Forgotten your password?": an email with a single-use link that lets the person set a new
// password. Whether or not there is an account for the address, the person asking is told the same
// thing and waits about as long (the email itself goes out after the answer), so the page cannot be
// used to find out who has an account. Only the sha256 of a link's token is stored. A link works
// for an hour, once; using it sets the password, cancels the user's other links, ends every session
// of the user and lifts a sign-in lock-out. Requests and completions are audited, never the token.

export const RESET_LINK_MINUTES = 60;
/** At most this many emails for one address, and this many requests from one address, in a window. */
const MAX_REQUESTS_PER_EMAIL = 3;
const MAX_REQUESTS_PER_IP = 20;
const REQUEST_WINDOW_MINUTES = 60;

/** The link is unknown, used, expired, or its account is disabled: the person must ask again. */
export class ResetLinkExpiredError extends DomainError {
  override name = 'ResetLinkExpiredError';
  constructor() {
    super('This link to reset your password has expired or has already been used');
  }
}

export interface PasswordResetInput {
  newPassword?: unknown;
  confirmPassword?: unknown;
}

/** Why a request sent no email, for the audit trail only: the person asking is always told the same. */
type NotSentReason = 'unknown_account' | 'account_disabled' | 'no_password' | 'too_many_requests';

const emailSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
  z.string().min(1, 'Enter your email address').pipe(z.email('Enter an email address in the correct format, like name@example.gov.uk')),
);

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class PasswordResetService {
  constructor(
    private readonly deps: Deps,
    private readonly auth: AuthService,
  ) {}

  private now(): number {
    return this.deps.clock().getTime();
  }

  private link(token: string): string {
    return `${this.deps.publicUrl}/reset-password/${token}`;
  }

  /**
   * Asks for a reset link for `emailInput`. Refuses only an empty or malformed address (a
   * ValidationError); otherwise returns once the request is recorded, the same way whether or not
   * an email is due. `delivery` settles when the email has been handed to the mail server (or at
   * once when there is none to send); callers answer the person without waiting for it.
   */
  async request(emailInput: unknown, ip: string): Promise<{ delivery: Promise<void> }> {
    const parsed = emailSchema.safeParse(emailInput);
    if (!parsed.success) throw new ValidationError({ email: parsed.error.issues[0]?.message ?? 'Enter your email address' });
    const email = parsed.data;
    const r = this.deps.store.repos;
    const nowMs = this.now();
    const at = new Date(nowMs).toISOString();
    const since = new Date(nowMs - REQUEST_WINDOW_MINUTES * 60_000).toISOString();
    const byEmail = await r.users.countAttempt(`reset:${email}`, at, since);
    const byIp = await r.users.countAttempt(`reset-ip:${ip}`, at, since);
    const user = await r.users.byEmail(email);
    const reason: NotSentReason | null =
      byEmail > MAX_REQUESTS_PER_EMAIL || byIp > MAX_REQUESTS_PER_IP ? 'too_many_requests' : !user ? 'unknown_account' : user.disabled_at ? 'account_disabled' : !user.password_hash ? 'no_password' : null;
    if (reason || !user) {
      await r.audit.record({ tenantId: user?.tenant_id ?? null, userId: null, entity: 'user', entityId: user?.id ?? null, event: 'password_reset_requested', after: { email, ip, sent: false, reason } });
      return { delivery: Promise.resolve() };
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(nowMs + RESET_LINK_MINUTES * 60_000).toISOString();
    await this.deps.store.transaction(async (t) => {
      await t.passwordResets.create({ tenantId: user.tenant_id, userId: user.id, tokenHash: sha256(token), createdAt: at, expiresAt });
      await t.audit.record({ tenantId: user.tenant_id, userId: null, entity: 'user', entityId: user.id, event: 'password_reset_requested', after: { email, ip, sent: true } });
    });
    const url = this.link(token);
    const delivery = this.deps.mailer;
    return {
      delivery: delivery.send({
        to: user.email,
        subject: 'Reset your Waymark password',
        text: [
          `Dear ${user.name},`,
          '',
          'Someone (we hope you) asked to reset the password of your Waymark account. To choose a new password, open this link:',
          '',
          url,
          '',
          `The link works once, for ${RESET_LINK_MINUTES} minutes. If you did not ask, ignore this email: your password has not changed.`,
          '',
          'Waymark',
        ].join('\n'),
        html: [
          `<p>Dear ${escapeHtml(user.name)},</p>`,
          '<p>Someone (we hope you) asked to reset the password of your Waymark account.</p>',
          `<p><a href="${escapeHtml(url)}">Choose a new password</a></p>`,
          `<p>The link works once, for ${RESET_LINK_MINUTES} minutes. If you did not ask, ignore this email: your password has not changed.</p>`,
          '<p>Waymark</p>',
        ].join('\n'),
      }),
    };
  }

  /** The account a link would reset (for the "set a new password" page); throws ResetLinkExpiredError when it cannot be used. */
  async check(token: unknown): Promise<{ email: string }> {
    const link = await this.usable(token);
    return { email: link.email };
  }

  private async usable(token: unknown) {
    const t = str(token);
    // Tokens are 43 base64url characters; anything else was never issued.
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(t)) throw new ResetLinkExpiredError();
    const link = await this.deps.store.repos.passwordResets.byTokenHash(sha256(t));
    if (!link || link.usedAt || link.disabledAt || Date.parse(link.expiresAt) <= this.now()) throw new ResetLinkExpiredError();
    return link;
  }

  /**
   * Sets a new password through a link: the link must still be usable and the password must meet
   * the policy and be typed twice. Uses the link up, cancels the user's other links, ends every
   * session of the user and lifts a sign-in lock-out of their email address, all in one transaction.
   */
  async complete(token: unknown, input: PasswordResetInput, ip: string): Promise<void> {
    const link = await this.usable(token);
    const next = str(input.newPassword);
    const confirm = str(input.confirmPassword);
    const errors: Record<string, string> = {};
    const policy = checkPassword(next, { email: link.email, name: link.name }, 'New password');
    if (policy) errors.newPassword = policy;
    if (!confirm) errors.confirmPassword = 'Confirm your new password';
    else if (!policy && confirm !== next) errors.confirmPassword = 'Enter the same new password twice';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const passwordHash = await this.auth.hashPassword(next);
    const at = new Date(this.now()).toISOString();
    await this.deps.store.transaction(async (t) => {
      // Used up here, conditionally: of two uses at once, only one gets past this line.
      if (!(await t.passwordResets.use(link.id, at))) throw new ResetLinkExpiredError();
      const otherLinks = await t.passwordResets.cancelForUser(link.userId, at);
      await t.users.setPasswordHash(link.userId, passwordHash);
      const sessionsEnded = await t.users.revokeUserSessions(link.userId, at);
      await t.users.clearAttempts(`email:${link.email}`);
      await t.audit.record({ tenantId: link.tenantId, userId: link.userId, entity: 'user', entityId: link.userId, event: 'password_reset', after: { ip, sessionsEnded, otherLinksCancelled: otherLinks } });
    });
  }
}
