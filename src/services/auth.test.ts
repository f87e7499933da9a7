import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { AuthenticationError, NotFoundError, TooManyAttemptsError, ValidationError } from '../domain/errors.ts';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from './auth.ts';

const PASSWORD = 'correct horse battery';

eachDialect('auth service', (ctx) => {
  let tenantId: number;
  let n = 0;
  /** A new user with its own email address, so throttling in one test does not touch another. */
  const newUser = async (role = 'lead_officer') => {
    const email = `officer${++n}@example.gov.uk`;
    const id = await ctx.services.auth.createUser(tenantId, { email, name: `Officer ${n}`, role, password: PASSWORD });
    return { id, email };
  };

  before(async () => {
    tenantId = await ctx.services.councils.create({ slug: 'example', name: 'Example Council' });
  });

  test('createUser refuses passwords shorter than 12 characters', async () => {
    const auth = ctx.services.auth;
    await assert.rejects(auth.createUser(tenantId, { email: 'short@example.gov.uk', name: 'Short', role: 'viewer', password: '12345678901' }), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.fields.password, 'Password must be 12 characters or more');
      return true;
    });
    const user = await ctx.kysely.selectFrom('users').select('id').where('email', '=', 'short@example.gov.uk').executeTakeFirst();
    assert.equal(user, undefined);
    assert.ok((await auth.createUser(tenantId, { email: 'short@example.gov.uk', name: 'Short', role: 'viewer', password: 'plum kettles' })) > 0);
  });

  test('createUser refuses common passwords and ones containing the name or email address, writing nothing', async () => {
    const auth = ctx.services.auth;
    const refused = async (input: Parameters<typeof auth.createUser>[1]) => {
      try {
        await auth.createUser(tenantId, input);
      } catch (err) {
        assert.ok(err instanceof ValidationError, String(err));
        return err.fields;
      }
      assert.fail('the account was created');
    };
    const base = { email: 'priya.sharma@example.gov.uk', name: 'Priya Sharma', role: 'lead_officer' };
    assert.match((await refused({ ...base, password: 'Password1234' })).password ?? '', /on a list of common passwords/);
    assert.match((await refused({ ...base, password: 'council2024!' })).password ?? '', /on a list of common passwords/);
    assert.equal((await refused({ ...base, password: 'priya.sharma-2024' })).password, 'Password must not contain the account’s name or email address');
    assert.equal((await refused({ ...base, password: 'x'.repeat(257) })).password, 'Password must be 256 characters or fewer');
    // Every problem at once: a bad email address and a weak password.
    assert.deepEqual(Object.keys(await refused({ ...base, email: 'not an email', password: 'qwertyuiop12' })).sort(), ['email', 'password']);
    assert.equal((await refused({ ...base, password: undefined })).password, 'Enter a password');
    const none = await ctx.kysely.selectFrom('users').select('id').where('email', '=', base.email).executeTakeFirst();
    assert.equal(none, undefined);
    assert.ok((await auth.createUser(tenantId, { ...base, password: 'lantern harbour biscuit' })) > 0);
  });

  test('createUser checks the other fields', async () => {
    const auth = ctx.services.auth;
    const fields = async (input: Parameters<typeof auth.createUser>[1]) => {
      try {
        await auth.createUser(tenantId, input);
      } catch (err) {
        assert.ok(err instanceof ValidationError, String(err));
        return Object.keys(err.fields);
      }
      return [];
    };
    assert.deepEqual(await fields({ email: 'not an email', name: 'X', role: 'viewer', password: PASSWORD }), ['email']);
    assert.deepEqual(await fields({ email: 'x@example.gov.uk', name: '', role: 'viewer', password: PASSWORD }), ['name']);
    assert.deepEqual(await fields({ email: 'x@example.gov.uk', name: 'X', role: 'overlord', password: PASSWORD }), ['role']);
    // Email addresses are unique whatever their case.
    assert.deepEqual(await fields({ email: 'SHORT@example.gov.uk', name: 'X', role: 'viewer', password: PASSWORD }), ['email']);
    await assert.rejects(auth.createUser(999_999, { email: 'x@example.gov.uk', name: 'X', role: 'viewer', password: PASSWORD }), NotFoundError);
  });

  test('stores an argon2id hash, never the password', async () => {
    const { id } = await newUser();
    const row = await ctx.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
    assert.ok(!row.password_hash!.includes(PASSWORD));
  });

  test('signing in with the right password opens a session', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser('head_of_service');
    const { token, user } = await auth.signIn(`  ${email.toUpperCase()} `, PASSWORD, '192.0.2.1');
    assert.ok(token.length >= 40);
    assert.deepEqual(
      [user.userId, user.email, user.name, user.role, user.tenantId, user.tenantName],
      [id, email, `Officer ${n}`, 'head_of_service', tenantId, 'Example Council'],
    );
    assert.ok(user.csrfToken.length >= 20);
    const again = await auth.session(token);
    assert.equal(again?.userId, id);
    assert.equal(again?.sessionId, user.sessionId);
    // Only a hash of the token is stored.
    const stored = await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.id, token);
    assert.equal(await auth.session('not-a-token'), null);
    assert.equal(await auth.session(undefined), null);
  });

  test('a wrong password or unknown account is refused', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    await assert.rejects(auth.signIn(email, 'wrong password!', '192.0.2.2'), AuthenticationError);
    await assert.rejects(auth.signIn('nobody@example.gov.uk', PASSWORD, '192.0.2.2'), AuthenticationError);
    await assert.rejects(auth.signIn('', '', '192.0.2.2'), (err: unknown) => err instanceof ValidationError && 'email' in err.fields && 'password' in err.fields);
    const failures = await ctx.kysely.selectFrom('audit_events').select('event').where('event', '=', 'sign_in_failed').execute();
    assert.ok(failures.length >= 2);
  });

  test('every sign-in and failed sign-in is audited with the email tried and the address, never the password', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser();
    const audit = () => ctx.kysely.selectFrom('audit_events').selectAll().where('entity', '=', 'user').where('event', 'like', 'sign_in%').where('after_json', 'like', `%${email}%`).orderBy('id').execute();
    await assert.rejects(auth.signIn(email, 'a wrong password guess', '198.51.100.20'), AuthenticationError);
    await auth.signIn(email.toUpperCase(), PASSWORD, '198.51.100.21');
    await assert.rejects(auth.signIn(`nobody.${email}`, 'another wrong guess', '198.51.100.22'), AuthenticationError);
    const rows = await audit();
    assert.deepEqual(
      rows.map((r) => [r.event, r.tenant_id, r.user_id, r.entity_id, JSON.parse(r.after_json ?? '{}')]),
      [
        ['sign_in_failed', tenantId, id, id, { email, ip: '198.51.100.20', reason: 'wrong_password' }],
        ['sign_in', tenantId, id, id, { email, ip: '198.51.100.21' }],
        // An unknown account belongs to no council.
        ['sign_in_failed', null, null, null, { email: `nobody.${email}`, ip: '198.51.100.22', reason: 'unknown_account' }],
      ],
    );
    for (const r of rows) {
      assert.doesNotMatch(`${r.before_json} ${r.after_json}`, /wrong guess|password guess|correct horse/);
    }
    // A sign-in refused by the throttle is audited too (one failure above, four more here).
    for (let i = 0; i < 4; i++) await assert.rejects(auth.signIn(email, `wrong ${i} password`, '198.51.100.23'), AuthenticationError);
    await assert.rejects(auth.signIn(email, PASSWORD, '198.51.100.23'), TooManyAttemptsError);
    const last = (await audit()).at(-1)!;
    assert.equal(last.event, 'sign_in_failed');
    assert.equal(JSON.parse(last.after_json ?? '{}').reason, 'too_many_attempts');
  });

  test('a sign-in records when the user last signed in', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser();
    const before = await ctx.kysely.selectFrom('users').select('last_sign_in_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(before.last_sign_in_at, null);
    const { user } = await auth.signIn(email, PASSWORD, '192.0.2.40');
    const after = await ctx.kysely.selectFrom('users').select('last_sign_in_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(after.last_sign_in_at && Math.abs(Date.parse(after.last_sign_in_at) - Date.now()) < 60_000);
    const account = await auth.account(user);
    assert.deepEqual([account.email, account.role, account.activeSessions, account.lastSignInAt], [email, 'lead_officer', 1, after.last_sign_in_at]);
  });

  test('after 5 failures even the right password is refused for a while', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    for (let i = 0; i < 5; i++) await assert.rejects(auth.signIn(email, `wrong password ${i}`, '192.0.2.3'), AuthenticationError);
    await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.3'), (err: unknown) => {
      assert.ok(err instanceof TooManyAttemptsError);
      assert.equal(err.retryAfterSeconds, 15 * 60);
      return true;
    });
    // From another address too: the limit is on the account.
    await assert.rejects(auth.signIn(email, PASSWORD, '198.51.100.7'), TooManyAttemptsError);
    // Another account from the same address is not locked out.
    const other = await newUser();
    assert.ok((await auth.signIn(other.email, PASSWORD, '192.0.2.3')).token);
  });

  test('15 simultaneous wrong passwords: at most 5 are checked, the rest are locked out, and then so is the right one', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    // All 15 start before any finishes. The limit is 5 failures, so whatever order the database
    // serves them in, no more than 5 may reach the password check; the other 10 must be refused
    // as locked (a non-atomic count lets all 15 read "0 failures so far" and be told "wrong password").
    const results = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => auth.signIn(email, `wrong guess ${i}`, `203.0.113.${i + 1}`)));
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).constructor.name : 'signed in'));
    const wrong = reasons.filter((r) => r === 'AuthenticationError').length;
    const locked = reasons.filter((r) => r === 'TooManyAttemptsError').length;
    assert.equal(wrong + locked, 15, `every attempt is refused one way or the other: ${reasons.join(', ')}`);
    assert.ok(wrong <= 5, `at most 5 answered "wrong password", got ${wrong}`);
    assert.ok(wrong >= 1, 'at least the first reaches the password check');
    // Locked now (5 failures if all five got through; otherwise the refusals were not failures, so
    // top up to exactly five) — and the right password is refused too.
    for (let i = wrong; i < 5; i++) await assert.rejects(auth.signIn(email, `late guess ${i}`, '203.0.113.99'), AuthenticationError);
    await assert.rejects(auth.signIn(email, PASSWORD, '203.0.113.100'), TooManyAttemptsError);
    const failures = await ctx.kysely.selectFrom('sign_in_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', email).where('succeeded', '=', 0).executeTakeFirstOrThrow();
    assert.equal(Number(failures.n), 5, 'exactly five failures were recorded: the locked attempts never checked a password');
  });

  test('signing out revokes the session', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    const { token, user } = await auth.signIn(email, PASSWORD, '192.0.2.4');
    const second = await auth.signIn(email, PASSWORD, '192.0.2.4');
    await auth.signOut(user);
    assert.equal(await auth.session(token), null);
    // Other sessions of the same user carry on.
    assert.equal((await auth.session(second.token))?.userId, user.userId);
    const row = await ctx.kysely.selectFrom('sessions').select('revoked_at').where('id', '=', user.sessionId).executeTakeFirstOrThrow();
    assert.ok(row.revoked_at);
  });

  test('signing out everywhere ends every session of the user, and only theirs, and is audited', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser();
    const other = await newUser();
    const a = await auth.signIn(email, PASSWORD, '192.0.2.30');
    const b = await auth.signIn(email, PASSWORD, '192.0.2.31');
    const c = await auth.signIn(email, PASSWORD, '192.0.2.32');
    const theirs = await auth.signIn(other.email, PASSWORD, '192.0.2.33');
    await auth.signOut(c.user);
    assert.equal((await auth.account(a.user)).activeSessions, 2);
    assert.equal(await auth.signOutEverywhere(b.user), 2);
    for (const s of [a, b, c]) assert.equal(await auth.session(s.token), null);
    assert.equal((await auth.session(theirs.token))?.userId, other.id);
    const live = await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    assert.deepEqual(live, []);
    const events = await ctx.kysely.selectFrom('audit_events').select(['event', 'user_id', 'after_json']).where('entity', '=', 'user').where('entity_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.event),
      ['create', 'sign_in', 'sign_in', 'sign_in', 'sign_out', 'sign_out_everywhere'],
    );
    assert.deepEqual(JSON.parse(events.at(-1)!.after_json ?? '{}'), { sessions: 2 });
    assert.equal(events.at(-1)!.user_id, id);
  });

  test('changing your password needs the current one, meets the policy, and signs out your other sessions', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser();
    const here = await auth.signIn(email, PASSWORD, '192.0.2.50');
    const elsewhere = await auth.signIn(email, PASSWORD, '192.0.2.51');
    const fields = async (input: Parameters<typeof auth.changePassword>[1]) => {
      try {
        await auth.changePassword(here.user, input, '192.0.2.50');
      } catch (err) {
        assert.ok(err instanceof ValidationError, String(err));
        return err.fields;
      }
      return {};
    };
    assert.deepEqual(await fields({}), { currentPassword: 'Enter your current password', newPassword: 'Enter new password', confirmPassword: 'Confirm your new password' });
    assert.deepEqual(await fields({ currentPassword: 'not my password', newPassword: 'lantern harbour biscuit', confirmPassword: 'lantern harbour biscuit' }), {
      currentPassword: 'Your current password is not right',
    });
    assert.deepEqual(await fields({ currentPassword: PASSWORD, newPassword: 'welcome12345', confirmPassword: 'welcome12345' }), {
      newPassword: 'New password is too easy to guess: it is on a list of common passwords. Try 3 random words',
    });
    // While the new password is refused, a mismatched confirmation is not worth mentioning.
    assert.deepEqual(await fields({ currentPassword: PASSWORD, newPassword: `${email.split('@')[0]} is me`, confirmPassword: 'x' }), {
      newPassword: 'New password must not contain the account’s name or email address',
    });
    assert.deepEqual(await fields({ currentPassword: PASSWORD, newPassword: 'lantern harbour biscuit', confirmPassword: 'lantern harbour biscuits' }), {
      confirmPassword: 'Enter the same new password twice',
    });
    assert.deepEqual(await fields({ currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }), {
      newPassword: 'New password must be different from your current password',
    });
    // Nothing has changed yet: both sessions live, the old password works.
    assert.ok(await auth.session(elsewhere.token));

    await auth.changePassword(here.user, { currentPassword: PASSWORD, newPassword: 'lantern harbour biscuit', confirmPassword: 'lantern harbour biscuit' }, '192.0.2.50');
    assert.equal((await auth.session(here.token))?.userId, id, 'this session carries on');
    assert.equal(await auth.session(elsewhere.token), null, 'every other session ends');
    await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.52'), AuthenticationError);
    assert.ok((await auth.signIn(email, 'lantern harbour biscuit', '192.0.2.52')).token);
    const events = await ctx.kysely.selectFrom('audit_events').select(['event', 'after_json']).where('entity', '=', 'user').where('entity_id', '=', id).where('event', 'like', 'password%').orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => [e.event, JSON.parse(e.after_json ?? '{}')]),
      [
        ['password_change_failed', { ip: '192.0.2.50', reason: 'wrong_password' }],
        ['password_change', { ip: '192.0.2.50', otherSessionsEnded: 1 }],
      ],
    );
    const row = await ctx.kysely.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(!row.password_hash?.includes('lantern'));
  });

  test('wrong current passwords count towards the sign-in throttle', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    const { user } = await auth.signIn(email, PASSWORD, '192.0.2.60');
    const attempt = (current: string) => auth.changePassword(user, { currentPassword: current, newPassword: 'lantern harbour biscuit', confirmPassword: 'lantern harbour biscuit' }, '192.0.2.60');
    for (let i = 0; i < 5; i++) await assert.rejects(attempt(`wrong guess ${i}`), ValidationError);
    await assert.rejects(attempt(PASSWORD), TooManyAttemptsError);
    await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.61'), TooManyAttemptsError);
  });

  test('a disabled user cannot sign in, and their sessions end', async () => {
    const auth = ctx.services.auth;
    const { id, email } = await newUser();
    const { token } = await auth.signIn(email, PASSWORD, '192.0.2.5');
    await ctx.kysely.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', id).execute();
    await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.5'), AuthenticationError);
    assert.equal(await auth.session(token), null);
  });

  test('a session ends after an hour idle or twelve hours in all', async () => {
    const auth = ctx.services.auth;
    const { email } = await newUser();
    const idle = await auth.signIn(email, PASSWORD, '192.0.2.6');
    const old = new Date(Date.now() - 61 * 60_000).toISOString();
    await ctx.kysely.updateTable('sessions').set({ last_seen_at: old }).where('id', '=', idle.user.sessionId).execute();
    assert.equal(await auth.session(idle.token), null);

    const expired = await auth.signIn(email, PASSWORD, '192.0.2.6');
    await ctx.kysely.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expired.user.sessionId).execute();
    assert.equal(await auth.session(expired.token), null);

    // Activity keeps a session alive.
    const active = await auth.signIn(email, PASSWORD, '192.0.2.6');
    const recent = new Date(Date.now() - 30 * 60_000).toISOString();
    await ctx.kysely.updateTable('sessions').set({ last_seen_at: recent }).where('id', '=', active.user.sessionId).execute();
    assert.ok(await auth.session(active.token));
    const row = await ctx.kysely.selectFrom('sessions').select('last_seen_at').where('id', '=', active.user.sessionId).executeTakeFirstOrThrow();
    assert.ok(Date.parse(row.last_seen_at) > Date.parse(recent));
  });
});

// The timeouts on Waymark's own clock (buildRuntime's `clock`), moved forward by the test.
let clockMs = Date.parse('2026-03-02T09:00:00.000Z');
const wait = (minutes: number) => {
  clockMs += minutes * 60_000;
};

eachDialect(
  'session timeouts, on the clock',
  (ctx) => {
    let tenantId: number;
    let n = 0;
    const signedIn = async () => {
      const email = `clocked${++n}@example.gov.uk`;
      await ctx.services.auth.createUser(tenantId, { email, name: `Clocked ${n}`, role: 'viewer', password: PASSWORD });
      return ctx.services.auth.signIn(email, PASSWORD, '192.0.2.70');
    };

    before(async () => {
      tenantId = await ctx.services.councils.create({ slug: 'clocked', name: 'Clocked Council' });
    });

    test(`a session ends after ${SESSION_IDLE_MINUTES} minutes without a request; each request starts the hour again`, async () => {
      const auth = ctx.services.auth;
      const { token, user } = await signedIn();
      const started = await ctx.kysely.selectFrom('sessions').select(['created_at', 'expires_at']).where('id', '=', user.sessionId).executeTakeFirstOrThrow();
      assert.equal(started.created_at, new Date(clockMs).toISOString(), 'the session starts on the clock');
      wait(59);
      assert.ok(await auth.session(token), 'after 59 minutes idle');
      wait(59);
      assert.ok(await auth.session(token), '59 minutes after the last request (118 since signing in)');
      wait(59);
      wait(1);
      assert.equal(await auth.session(token), null, 'an hour after the last request');
      // And it stays ended: a later request does not bring it back.
      wait(1);
      assert.equal(await auth.session(token), null);
    });

    test(`a session ends ${SESSION_ABSOLUTE_HOURS} hours after signing in, however busy`, async () => {
      const auth = ctx.services.auth;
      const { token } = await signedIn();
      for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_HOURS * 60 - 30; elapsed += 30) {
        wait(30);
        assert.ok(await auth.session(token), `${elapsed + 30} minutes after signing in`);
      }
      // 11 hours 30 minutes in, seen just now; at 12 hours it ends though it was used 30 minutes ago.
      wait(29);
      assert.ok(await auth.session(token), '11 hours 59 minutes after signing in');
      wait(1);
      assert.equal(await auth.session(token), null, '12 hours after signing in');
    });

    test('the sign-in throttle window is on the clock too: failures over 15 minutes old no longer count', async () => {
      const auth = ctx.services.auth;
      const email = `clocked${++n}@example.gov.uk`;
      await auth.createUser(tenantId, { email, name: `Clocked ${n}`, role: 'viewer', password: PASSWORD });
      for (let i = 0; i < 5; i++) await assert.rejects(auth.signIn(email, `wrong guess ${i}`, '192.0.2.71'), AuthenticationError);
      await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.71'), TooManyAttemptsError);
      wait(15);
      await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.71'), TooManyAttemptsError);
      wait(1);
      assert.ok((await auth.signIn(email, PASSWORD, '192.0.2.71')).token);
    });
  },
  { clock: () => new Date(clockMs) },
);
