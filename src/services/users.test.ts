import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

const PASSWORD = 'correct horse battery';

eachDialect('user administration', (ctx) => {
  let tenantId: number;
  let admin: Actor;
  let n = 0;
  /** A new account in the council, made by the administrator. */
  const newUser = async (role = 'lead_officer', in_: { tenantId: number; actor: Actor } = { tenantId, actor: admin }) => {
    const email = `person${++n}@example.gov.uk`;
    const id = await ctx.services.users.create(in_.actor, { email, name: `Person ${n}`, role, password: PASSWORD });
    return { id, email, actor: { tenantId: in_.tenantId, userId: id, role } satisfies Actor };
  };
  const events = (id: number) =>
    ctx.kysely.selectFrom('audit_events').select(['event', 'user_id', 'before_json', 'after_json']).where('entity', '=', 'user').where('entity_id', '=', id).orderBy('id').execute();
  const fieldsOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof ValidationError, String(err));
      return err.fields;
    }
    return assert.fail('not refused');
  };

  before(async () => {
    tenantId = await ctx.services.councils.create({ slug: 'example', name: 'Example Council' });
    const id = await ctx.services.auth.createUser(tenantId, { email: 'first.admin@example.gov.uk', name: 'First Admin', role: 'admin', password: PASSWORD });
    admin = { tenantId, userId: id, role: 'admin' };
  });

  test('only administrators manage users: a performance officer is refused everything', async () => {
    const po = await newUser('performance_officer');
    const someone = await newUser();
    const users = ctx.services.users;
    assert.throws(() => users.authorise(po.actor), ForbiddenError);
    await assert.rejects(users.list(po.actor), ForbiddenError);
    await assert.rejects(users.get(po.actor, someone.id), ForbiddenError);
    await assert.rejects(users.create(po.actor, { email: 'x@example.gov.uk', name: 'X', role: 'viewer', password: PASSWORD }), ForbiddenError);
    await assert.rejects(users.changeRole(po.actor, someone.id, { role: 'admin' }), ForbiddenError);
    await assert.rejects(users.changeRole(po.actor, po.id, { role: 'admin' }), ForbiddenError, 'not even to promote themself');
    await assert.rejects(users.disable(po.actor, someone.id), ForbiddenError);
    await assert.rejects(users.enable(po.actor, someone.id), ForbiddenError);
    await assert.rejects(users.setRestrictedAccess(po.actor, someone.id, { restrictedAccess: 'yes' }), ForbiddenError);
    await assert.rejects(users.setRestrictedAccess(po.actor, po.id, { restrictedAccess: 'yes' }), ForbiddenError, 'not even for themself');
    const flag = await ctx.kysely.selectFrom('users').select('restricted_access').where('id', 'in', [po.id, someone.id]).execute();
    assert.deepEqual(flag.map((u) => Number(u.restricted_access)), [0, 0]);
    assert.doesNotThrow(() => users.authorise(admin));
  });

  test("an administrator creates accounts (audited as theirs) with a password the policy accepts, and lists the council's", async () => {
    const users = ctx.services.users;
    const fields = await fieldsOf(users.create(admin, { email: 'new.starter@example.gov.uk', name: 'New Starter', role: 'viewer', password: 'welcome12345' }));
    assert.match(fields.password ?? '', /common passwords/);
    const id = await users.create(admin, { email: 'New.Starter@example.gov.uk', name: 'New Starter', role: 'viewer', password: 'lantern harbour biscuit' });
    const [created] = await events(id);
    assert.equal(created?.event, 'create');
    assert.equal(created?.user_id, admin.userId);
    assert.doesNotMatch(created?.after_json ?? '', /lantern/);
    const listed = (await users.list(admin)).find((u) => u.id === id);
    assert.deepEqual(listed && [listed.name, listed.email, listed.role, listed.disabledAt, listed.lastSignInAt, listed.isYou], ['New Starter', 'new.starter@example.gov.uk', 'viewer', null, null, false]);
    assert.equal((await users.list(admin)).find((u) => u.id === admin.userId)?.isYou, true);
    await ctx.services.auth.signIn('new.starter@example.gov.uk', 'lantern harbour biscuit', '192.0.2.9');
    assert.ok((await users.get(admin, id)).lastSignInAt, 'the last sign-in shows');
  });

  test("another council's accounts are not found, and not listed", async () => {
    const other = await ctx.services.councils.create({ slug: 'other', name: 'Other Council' });
    const otherAdmin = await ctx.services.auth.createUser(other, { email: 'other.admin@example.gov.uk', name: 'Other Admin', role: 'admin', password: PASSWORD });
    const users = ctx.services.users;
    await assert.rejects(users.get(admin, otherAdmin), NotFoundError);
    await assert.rejects(users.disable(admin, otherAdmin), NotFoundError);
    await assert.rejects(users.changeRole(admin, otherAdmin, { role: 'viewer' }), NotFoundError);
    await assert.rejects(users.enable(admin, otherAdmin), NotFoundError);
    await assert.rejects(users.setRestrictedAccess(admin, otherAdmin, { restrictedAccess: 'yes' }), NotFoundError);
    assert.ok(!(await users.list(admin)).some((u) => u.id === otherAdmin));
    const { id } = await newUser('viewer', { tenantId: other, actor: { tenantId: other, userId: otherAdmin, role: 'admin' } });
    assert.ok(!(await users.list(admin)).some((u) => u.id === id));
  });

  test('disabling an account ends all its sessions at once and stops it signing in; enabling lets it sign in again', async () => {
    const auth = ctx.services.auth;
    const users = ctx.services.users;
    const { id, email } = await newUser();
    const first = await auth.signIn(email, PASSWORD, '192.0.2.10');
    const second = await auth.signIn(email, PASSWORD, '192.0.2.11');
    await users.disable(admin, id);
    assert.equal(await auth.session(first.token), null);
    assert.equal(await auth.session(second.token), null);
    const live = await ctx.kysely.selectFrom('sessions').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    assert.deepEqual(live, [], 'the sessions are revoked, not just refused');
    await assert.rejects(auth.signIn(email, PASSWORD, '192.0.2.10'));
    const disabled = await users.get(admin, id);
    assert.ok(disabled.disabledAt);
    // Disabling again changes nothing and writes nothing.
    await users.disable(admin, id);
    await users.enable(admin, id);
    assert.equal((await users.get(admin, id)).disabledAt, null);
    assert.equal(await auth.session(first.token), null, 'enabling does not bring old sessions back');
    assert.ok((await auth.signIn(email, PASSWORD, '192.0.2.10')).token);
    await users.enable(admin, id);
    const trail = (await events(id)).filter((e) => e.event === 'disable' || e.event === 'enable');
    assert.deepEqual(
      trail.map((e) => [e.event, e.user_id, JSON.parse(e.before_json ?? 'null'), JSON.parse(e.after_json ?? 'null')]),
      [
        ['disable', admin.userId, { disabledAt: null }, { disabledAt: disabled.disabledAt, sessionsEnded: 2 }],
        ['enable', admin.userId, { disabledAt: disabled.disabledAt }, { disabledAt: null }],
      ],
    );
  });

  test('an administrator cannot disable themself', async () => {
    const fields = await fieldsOf(ctx.services.users.disable(admin, admin.userId!));
    assert.deepEqual(fields, { status: 'You cannot disable your own account' });
    assert.equal((await ctx.services.users.get(admin, admin.userId!)).disabledAt, null);
  });

  test('a role change is audited and takes effect on the next request', async () => {
    const auth = ctx.services.auth;
    const users = ctx.services.users;
    const { id, email } = await newUser('viewer');
    const { token } = await auth.signIn(email, PASSWORD, '192.0.2.12');
    await users.changeRole(admin, id, { role: 'head_of_service' });
    assert.equal((await auth.session(token))?.role, 'head_of_service');
    await users.changeRole(admin, id, { role: 'head_of_service' }); // no change, no event
    assert.deepEqual(await fieldsOf(users.changeRole(admin, id, { role: 'emperor' })), { role: 'Select a role' });
    const changes = (await events(id)).filter((e) => e.event === 'role_change');
    assert.deepEqual(
      changes.map((e) => [e.user_id, JSON.parse(e.before_json ?? 'null'), JSON.parse(e.after_json ?? 'null')]),
      [[admin.userId, { role: 'viewer' }, { role: 'head_of_service' }]],
    );
  });

  test('access to restricted items is given and taken away, audited, and applies on the next request', async () => {
    const auth = ctx.services.auth;
    const users = ctx.services.users;
    const { id, email } = await newUser('lead_officer');
    const before = await users.get(admin, id);
    assert.deepEqual([before.restrictedAccess, before.seesRestricted], [false, false]);
    const { token } = await auth.signIn(email, PASSWORD, '192.0.2.13');
    assert.equal((await auth.session(token))?.restrictedAccess, false);

    await users.setRestrictedAccess(admin, id, { restrictedAccess: 'yes' });
    assert.equal((await auth.session(token))?.restrictedAccess, true, 'the same session sees them now');
    const granted = await users.get(admin, id);
    assert.deepEqual([granted.restrictedAccess, granted.seesRestricted], [true, true]);
    assert.equal((await users.list(admin)).find((u) => u.id === id)?.restrictedAccess, true);
    await users.setRestrictedAccess(admin, id, { restrictedAccess: 'yes' }); // no change, no event

    await users.setRestrictedAccess(admin, id, { restrictedAccess: 'no' });
    assert.equal((await auth.session(token))?.restrictedAccess, false);
    await users.setRestrictedAccess(admin, id, { restrictedAccess: 'no' }); // no change, no event

    for (const bad of [undefined, '', 'maybe', 'YES']) {
      assert.deepEqual(await fieldsOf(users.setRestrictedAccess(admin, id, { restrictedAccess: bad })), { restrictedAccess: 'Select whether they can see restricted items' }, String(bad));
    }
    const changes = (await events(id)).filter((e) => e.event === 'restricted_access');
    assert.deepEqual(
      changes.map((e) => [e.user_id, JSON.parse(e.before_json ?? 'null'), JSON.parse(e.after_json ?? 'null')]),
      [
        [admin.userId, { restrictedAccess: false }, { restrictedAccess: true }],
        [admin.userId, { restrictedAccess: true }, { restrictedAccess: false }],
      ],
    );
  });

  test('administrators always see restricted items: it cannot be taken away from one', async () => {
    const users = ctx.services.users;
    const other = await newUser('admin');
    assert.equal((await users.get(admin, other.id)).seesRestricted, true, 'without the tick');
    assert.equal((await users.get(admin, other.id)).restrictedAccess, false);
    const fields = await fieldsOf(users.setRestrictedAccess(admin, other.id, { restrictedAccess: 'no' }));
    assert.deepEqual(Object.keys(fields), ['restrictedAccess']);
    assert.match(fields.restrictedAccess ?? '', /administrators always see restricted items/);
    assert.match(String((await fieldsOf(users.setRestrictedAccess(admin, admin.userId!, { restrictedAccess: 'no' }))).restrictedAccess), /administrators always see restricted items/);
    assert.equal((await ctx.services.auth.signIn(other.email, PASSWORD, '192.0.2.14')).user.restrictedAccess, true);
    assert.deepEqual((await events(other.id)).filter((e) => e.event === 'restricted_access'), []);
  });

  test('a new account may be given access to restricted items as it is made', async () => {
    const users = ctx.services.users;
    const given = await users.create(admin, { email: 'cleared@example.gov.uk', name: 'Cleared Officer', role: 'lead_officer', password: PASSWORD, restrictedAccess: 'yes' });
    const notGiven = await users.create(admin, { email: 'not.cleared@example.gov.uk', name: 'Not Cleared', role: 'lead_officer', password: PASSWORD, restrictedAccess: 'no' });
    const leftOut = await users.create(admin, { email: 'left.out@example.gov.uk', name: 'Left Out', role: 'viewer', password: PASSWORD });
    assert.deepEqual(
      await Promise.all([given, notGiven, leftOut].map(async (id) => (await users.get(admin, id)).restrictedAccess)),
      [true, false, false],
    );
    assert.deepEqual((await events(given)).map((e) => e.event), ['create', 'restricted_access']);
    assert.deepEqual((await events(notGiven)).map((e) => e.event), ['create']);
    assert.deepEqual(await fieldsOf(users.create(admin, { email: 'odd@example.gov.uk', name: 'Odd', role: 'viewer', password: PASSWORD, restrictedAccess: 'perhaps' })), {
      restrictedAccess: 'Select whether they can see restricted items',
    });
    assert.equal(await ctx.kysely.selectFrom('users').select('id').where('email', '=', 'odd@example.gov.uk').executeTakeFirst(), undefined, 'nothing is made');
  });

  test('the last administrator cannot be removed, by a role change or by disabling', async () => {
    const users = ctx.services.users;
    // A council of its own, with one administrator.
    const council = await ctx.services.councils.create({ slug: 'lone', name: 'Lone Council' });
    const loneId = await ctx.services.auth.createUser(council, { email: 'lone.admin@example.gov.uk', name: 'Lone Admin', role: 'admin', password: PASSWORD });
    const lone: Actor = { tenantId: council, userId: loneId, role: 'admin' };
    const message = 'Lone Admin is the only administrator: make someone else an administrator first';
    assert.deepEqual(await fieldsOf(users.changeRole(lone, loneId, { role: 'performance_officer' })), { role: message });
    // The system (the command line) is refused too.
    assert.deepEqual(await fieldsOf(users.disable(systemActor(council), loneId)), { status: message });
    assert.deepEqual(await fieldsOf(users.changeRole(systemActor(council), loneId, { role: 'viewer' })), { role: message });
    assert.equal((await users.get(lone, loneId)).role, 'admin');

    // With a second administrator, the first may step down; then the second is the last.
    const second = await newUser('admin', { tenantId: council, actor: lone });
    await users.changeRole(lone, loneId, { role: 'performance_officer' });
    assert.equal((await users.get(second.actor, loneId)).role, 'performance_officer');
    assert.deepEqual(await fieldsOf(users.changeRole(second.actor, second.id, { role: 'viewer' })), {
      role: `Person ${n} is the only administrator: make someone else an administrator first`,
    });
    // A disabled administrator does not count as one.
    const third = await newUser('admin', { tenantId: council, actor: second.actor });
    await users.disable(second.actor, third.id);
    assert.deepEqual(Object.keys(await fieldsOf(users.changeRole(second.actor, second.id, { role: 'viewer' }))), ['role']);
    // Demoting a disabled administrator is fine: it leaves the active ones as they were.
    await users.changeRole(second.actor, third.id, { role: 'viewer' });
    assert.equal((await users.get(second.actor, third.id)).role, 'viewer');
  });

  test('two administrators demoting each other at the same moment leave one administrator', async () => {
    const users = ctx.services.users;
    const council = await ctx.services.councils.create({ slug: 'race', name: 'Race Council' });
    const a = await ctx.services.auth.createUser(council, { email: 'race.a@example.gov.uk', name: 'Race A', role: 'admin', password: PASSWORD });
    const asA: Actor = { tenantId: council, userId: a, role: 'admin' };
    const b = await newUser('admin', { tenantId: council, actor: asA });
    const both = () => Promise.allSettled([users.changeRole(asA, b.id, { role: 'viewer' }), users.changeRole(b.actor, a, { role: 'viewer' })]);
    let race: ReturnType<typeof both> | undefined;
    if (ctx.dialect === 'postgres') {
      // Hold the council's user rows, so both changes are under way before either can finish.
      // (SQLite runs one writing transaction at a time, so there the two simply queue.)
      await ctx.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').where('tenant_id', '=', council).forUpdate().execute();
        race = both();
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
    } else race = both();
    const results = await race!;
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    assert.ok(refused?.status === 'rejected' && refused.reason instanceof ValidationError, String(refused?.status === 'rejected' && refused.reason));
    const admins = (await users.list(systemActor(council))).filter((u) => u.role === 'admin');
    assert.equal(admins.length, 1);
  });
});
