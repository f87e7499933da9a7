import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { AuthenticationError, NotFoundError, TooManyAttemptsError, ValidationError } from '../domain/errors.ts';

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
    assert.ok((await auth.createUser(tenantId, { email: 'short@example.gov.uk', name: 'Short', role: 'viewer', password: '123456789012' })) > 0);
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
