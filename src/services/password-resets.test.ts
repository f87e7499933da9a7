import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { AuthenticationError, TooManyAttemptsError, ValidationError } from '../domain/errors.ts';
import type { MailMessage, Mailer } from './mailer.ts';
import { ResetLinkExpiredError } from './password-resets.ts';

// Forgotten-password links on a fixed clock, on both dialects: what is emailed and stored, the
// hour a link lasts, single use, what using one changes, and the limit on requests.

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'lantern harbour biscuit';

let clockMs = Date.parse('2026-03-02T09:00:00.000Z');
const wait = (minutes: number) => {
  clockMs += minutes * 60_000;
};

const outbox: MailMessage[] = [];
const mailer: Mailer = {
  send: async (m) => void outbox.push(m),
  close: () => undefined,
};
const take = () => outbox.splice(0, outbox.length);
const tokenIn = (m: MailMessage) => {
  const match = /https:\/\/waymark\.example\.gov\.uk\/reset-password\/([A-Za-z0-9_-]+)/.exec(m.text);
  assert.ok(match, `a reset link in: ${m.text}`);
  return match[1]!;
};
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

eachDialect(
  'password resets, on the clock',
  (ctx) => {
    let tenantId: number;
    let n = 0;
    const newUser = async () => {
      const email = `resetter${++n}@example.gov.uk`;
      const id = await ctx.services.auth.createUser(tenantId, { email, name: `Resetter ${n}`, role: 'lead_officer', password: PASSWORD });
      return { id, email };
    };
    /** Asks for a link for `email` and returns the token from the email it sent. */
    const linkFor = async (email: string) => {
      take();
      const { delivery } = await ctx.services.passwordResets.request(email, '192.0.2.80');
      await delivery;
      const sent = take();
      assert.equal(sent.length, 1, `one email for ${email}`);
      return tokenIn(sent[0]!);
    };
    const auditSince = async (id: number) =>
      ctx.kysely.selectFrom('audit_events').select(['event', 'user_id', 'entity_id', 'after_json']).where('id', '>', id).where('event', 'like', 'password_reset%').orderBy('id').execute();
    const lastAuditId = async () => Number((await ctx.kysely.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);

    before(async () => {
      tenantId = await ctx.services.councils.create({ slug: 'resets', name: 'Resets Council' });
    });

    test('a request for an account emails it a link; only the hash of its token is stored, and the audit never holds it', async () => {
      const { id, email } = await newUser();
      const from = await lastAuditId();
      take();
      const { delivery } = await ctx.services.passwordResets.request(`  ${email.toUpperCase()} `, '192.0.2.81');
      await delivery;
      const sent = take();
      assert.deepEqual(
        sent.map((m) => [m.to, m.subject]),
        [[email, 'Reset your Waymark password']],
      );
      const token = tokenIn(sent[0]!);
      assert.match(sent[0]!.html, new RegExp(`href="https://waymark\\.example\\.gov\\.uk/reset-password/${token}"`));
      const rows = await ctx.kysely.selectFrom('password_resets').selectAll().where('user_id', '=', id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.token_hash, sha256(token));
      assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is not stored');
      // Asked at 09:00 on the test clock (plus whatever earlier tests waited): expires 60 minutes later.
      assert.equal(Date.parse(rows[0]!.expires_at) - Date.parse(rows[0]!.created_at), 60 * 60_000);
      assert.equal(rows[0]!.created_at, new Date(clockMs).toISOString());
      const audit = await auditSince(from);
      assert.deepEqual(
        audit.map((a) => [a.event, a.user_id, a.entity_id, JSON.parse(a.after_json ?? '{}')]),
        [['password_reset_requested', null, id, { email, ip: '192.0.2.81', sent: true }]],
      );
      assert.ok(!JSON.stringify(audit).includes(token));
    });

    test('unknown and disabled accounts get the same answer and no email; the audit says why', async () => {
      const disabled = await newUser();
      await ctx.kysely.updateTable('users').set({ disabled_at: new Date(clockMs).toISOString() }).where('id', '=', disabled.id).execute();
      const from = await lastAuditId();
      take();
      for (const email of ['nobody@example.gov.uk', disabled.email]) {
        const answer = await ctx.services.passwordResets.request(email, '192.0.2.82');
        assert.deepEqual(Object.keys(answer), ['delivery'], 'the same shape of answer as for a real account');
        await answer.delivery;
      }
      assert.equal(take().length, 0);
      assert.deepEqual(
        (await auditSince(from)).map((a) => JSON.parse(a.after_json ?? '{}')),
        [
          { email: 'nobody@example.gov.uk', ip: '192.0.2.82', sent: false, reason: 'unknown_account' },
          { email: disabled.email, ip: '192.0.2.82', sent: false, reason: 'account_disabled' },
        ],
      );
      assert.equal(Number((await ctx.kysely.selectFrom('password_resets').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', disabled.id).executeTakeFirstOrThrow()).n), 0);
    });

    test('a blank or malformed email address is refused with a field error', async () => {
      const cases: [unknown, string][] = [
        ['', 'Enter your email address'],
        ['   ', 'Enter your email address'],
        [undefined, 'Enter your email address'],
        ['not-an-address', 'Enter an email address in the correct format, like name@example.gov.uk'],
      ];
      for (const [input, message] of cases) {
        await assert.rejects(ctx.services.passwordResets.request(input, '192.0.2.83'), (err: unknown) => {
          assert.ok(err instanceof ValidationError);
          assert.deepEqual(err.fields, { email: message }, JSON.stringify(input));
          return true;
        });
      }
    });

    test('a link works for 60 minutes: at 59 it opens, at 60 and 61 it has expired', async () => {
      // Each row: minutes after the request, and whether the link still opens. It is issued at T
      // with expires_at = T + 60 min, and works while now < expires_at.
      const cases: [number, boolean][] = [
        [0, true],
        [59, true],
        [60, false],
        [61, false],
      ];
      for (const [minutes, opens] of cases) {
        const { email } = await newUser();
        const token = await linkFor(email);
        wait(minutes);
        if (opens) assert.deepEqual(await ctx.services.passwordResets.check(token), { email }, `${minutes} minutes`);
        else await assert.rejects(ctx.services.passwordResets.check(token), ResetLinkExpiredError, `${minutes} minutes`);
      }
    });

    test('at 61 minutes an expired link cannot set a password; at 59 it can', async () => {
      const late = await newUser();
      const lateToken = await linkFor(late.email);
      wait(61);
      await assert.rejects(ctx.services.passwordResets.complete(lateToken, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, '192.0.2.84'), ResetLinkExpiredError);
      await assert.rejects(ctx.services.auth.signIn(late.email, NEW_PASSWORD, '192.0.2.84'), AuthenticationError);

      const early = await newUser();
      const earlyToken = await linkFor(early.email);
      wait(59);
      await ctx.services.passwordResets.complete(earlyToken, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, '192.0.2.84');
      assert.ok((await ctx.services.auth.signIn(early.email, NEW_PASSWORD, '192.0.2.84')).token);
    });

    test('using a link sets the password, ends every session, cancels the other links, lifts a lock-out and is audited', async () => {
      const { id, email } = await newUser();
      const auth = ctx.services.auth;
      const { token: session } = await auth.signIn(email, PASSWORD, '192.0.2.85');
      const older = await linkFor(email);
      const token = await linkFor(email);
      // Locked out by five wrong guesses from elsewhere: even the right password is refused.
      for (let i = 0; i < 5; i++) await assert.rejects(auth.signIn(email, `wrong guess ${i}`, '198.51.100.9'), AuthenticationError);
      await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.85'), TooManyAttemptsError);
      const from = await lastAuditId();

      await ctx.services.passwordResets.complete(token, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, '192.0.2.86');

      assert.equal(await auth.session(session), null, 'the session from before has ended');
      await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.86'), AuthenticationError, 'the old password no longer works');
      assert.ok((await auth.signIn(email, NEW_PASSWORD, '192.0.2.86')).token, 'the new one does, the lock-out lifted');
      // Single use, and the older link is cancelled too.
      for (const used of [token, older]) {
        await assert.rejects(ctx.services.passwordResets.check(used), ResetLinkExpiredError);
        await assert.rejects(ctx.services.passwordResets.complete(used, { newPassword: 'another fine password', confirmPassword: 'another fine password' }, '192.0.2.86'), ResetLinkExpiredError);
      }
      const audit = await auditSince(from);
      assert.deepEqual(
        audit.map((a) => [a.event, a.user_id, a.entity_id, JSON.parse(a.after_json ?? '{}')]),
        [['password_reset', id, id, { ip: '192.0.2.86', sessionsEnded: 1, otherLinksCancelled: 1 }]],
      );
      assert.ok(!JSON.stringify(audit).includes(token) && !JSON.stringify(audit).includes(NEW_PASSWORD));
    });

    test('the new password must meet the policy and be typed twice; a refused one leaves the link usable', async () => {
      const { email } = await newUser();
      const token = await linkFor(email);
      const fields = async (input: { newPassword?: string; confirmPassword?: string }) => {
        try {
          await ctx.services.passwordResets.complete(token, input, '192.0.2.87');
        } catch (err) {
          if (err instanceof ValidationError) return err.fields;
          throw err;
        }
        return null;
      };
      assert.deepEqual(await fields({}), { newPassword: 'Enter new password', confirmPassword: 'Confirm your new password' });
      assert.deepEqual(await fields({ newPassword: 'short', confirmPassword: 'short' }), { newPassword: 'New password must be 12 characters or more' });
      assert.deepEqual(await fields({ newPassword: NEW_PASSWORD, confirmPassword: 'lantern harbour biscuits' }), { confirmPassword: 'Enter the same new password twice' });
      assert.deepEqual(await ctx.services.passwordResets.check(token), { email });
      await assert.rejects(ctx.services.auth.signIn(email, NEW_PASSWORD, '192.0.2.87'), AuthenticationError);
      assert.equal(await fields({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), null);
    });

    test('two uses of one link at the same moment: one sets the password, the other is told the link has expired', async () => {
      const { email } = await newUser();
      const token = await linkFor(email);
      const results = await Promise.allSettled(
        ['first choice password', 'second choice password'].map((p) => ctx.services.passwordResets.complete(token, { newPassword: p, confirmPassword: p }, '192.0.2.88')),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused.reason instanceof ResetLinkExpiredError);
    });

    test('unknown, malformed and made-up tokens are refused as expired', async () => {
      for (const token of ['', 'x', 'a'.repeat(43), '../../etc/passwd', undefined, 42]) {
        await assert.rejects(ctx.services.passwordResets.check(token), ResetLinkExpiredError, String(token));
      }
    });

    test('at most 3 emails an hour for one address; the 4th request is answered the same but sends nothing', async () => {
      const { email } = await newUser();
      take();
      for (let i = 1; i <= 4; i++) await (await ctx.services.passwordResets.request(email, `192.0.2.${100 + i}`)).delivery;
      // 3 allowed in the hour that began with the first request, so the 4th is held back.
      assert.equal(take().length, 3);
      const last = await ctx.kysely.selectFrom('audit_events').select('after_json').where('event', '=', 'password_reset_requested').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(last.after_json ?? '{}'), { email, ip: '192.0.2.104', sent: false, reason: 'too_many_requests' });
      // 20 minutes on, a sign-in elsewhere tidies away its own expired counters (15-minute
      // windows), but this hour-long one still holds: nothing is sent.
      wait(20);
      await assert.rejects(ctx.services.auth.signIn('someone-else@example.gov.uk', 'not the password', '192.0.2.106'), AuthenticationError);
      await (await ctx.services.passwordResets.request(email, '192.0.2.107')).delivery;
      assert.equal(take().length, 0);
      // An hour and a minute after the first, a new window: it sends again.
      wait(41);
      await (await ctx.services.passwordResets.request(email, '192.0.2.105')).delivery;
      assert.equal(take().length, 1);
    });
  },
  { clock: () => new Date(clockMs), mailer, publicUrl: 'https://waymark.example.gov.uk' },
);
