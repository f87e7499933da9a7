import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCouncil, pageText, signedInClient, TEST_PASSWORD, testApp, type HttpClient, type TestApp, type TestCouncil } from '../../../../test/support/http.ts';

// User administration pages: administrators only. Performance officers (who run everything else)
// and everyone below them get 403 on every page and every change, and nothing changes.

const NEW_PASSWORD = 'lantern harbour biscuit';

describe('user administration pages', () => {
  let t: TestApp;
  let council: TestCouncil;
  let admin: HttpClient;
  let n = 0;
  const account = async (role: string) => {
    const email = `officer${++n}@borsetshire.example.gov.uk`;
    const id = await t.services.auth.createUser(council.tenantId, { email, name: `Officer Number ${n}`, role, password: TEST_PASSWORD });
    return { id, email, name: `Officer Number ${n}` };
  };
  const userRow = (id: number) => t.runtime.db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await testApp();
    council = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk', userName: 'Ada Admin' });
    admin = await signedInClient(t.app, council.email);
  });
  after(() => t.close());

  it('lists the council’s accounts with role, access to restricted items, status and last sign-in', async () => {
    const never = await account('lead_officer');
    const gone = await account('viewer');
    const cleared = await account('head_of_service');
    const asAdmin = { tenantId: council.tenantId, userId: council.userId, role: 'admin' };
    await t.services.users.disable(asAdmin, gone.id);
    await t.services.users.setRestrictedAccess(asAdmin, cleared.id, { restrictedAccess: 'yes' });
    const res = await admin.get('/users');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Users – Borsetshire County Council<\/title>/);
    assert.match(res.body, /<th scope="col" class="govuk-table__header">Last signed in<\/th>/);
    const text = pageText(res.body);
    assert.match(res.body, /<th scope="col" class="govuk-table__header">Sees restricted items<\/th>/);
    assert.match(text, /Ada Admin \(you\) admin@borsetshire\.example\.gov\.uk Administrator Yes \(administrator\) Active \d{1,2}:\d\d[ap]m on \d{1,2} \w+ \d{4}/);
    assert.match(text, new RegExp(`${never.name} ${never.email.replace(/\./g, '\\.')} Lead officer No Active Never`));
    assert.match(text, new RegExp(`${gone.name} ${gone.email.replace(/\./g, '\\.')} Viewer No Disabled Never`));
    assert.match(text, new RegExp(`${cleared.name} ${cleared.email.replace(/\./g, '\\.')} Head of service Yes Active Never`));
    assert.match(res.body, new RegExp(`href="/users/${never.id}"`));
    assert.match(res.body, /href="\/users\/new"/);
    // Users sit under Set-up in the main menu, which is the current section.
    assert.match(res.body, /<a class="govuk-service-navigation__link" href="\/setup" aria-current="page">/, 'Set-up is the current section');
  });

  it('keeps the signed-in administrator in the header on another user’s page', async () => {
    // The page's own view model has a `user` (the account being viewed: a viewer called Officer
    // Number N). The header must still be Ada Admin's: her name, Set-up as the current section, and
    // the Sign-off link that a viewer's header does not have.
    const viewed = await account('viewer');
    const res = await admin.get(`/users/${viewed.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<span class="govuk-service-navigation__text waymark-signout__name">Ada Admin<\/span>/);
    assert.doesNotMatch(res.body, new RegExp(`waymark-signout__name">${viewed.name}<`));
    assert.match(res.body, /<a class="govuk-service-navigation__link" href="\/setup" aria-current="page">/, 'Set-up link, current');
    assert.match(res.body, /href="\/updates\/pending"/, 'Sign-off link');
    assert.match(res.body, /href="\/settings"/, 'Council settings in the footer');
    assert.match(pageText(res.body), new RegExp(`<?${viewed.name}`), 'the page itself is still about the viewed user');
  });

  it('gives performance officers, lead officers and viewers 403 on every page and change, changing nothing', async () => {
    const target = await account('lead_officer');
    for (const role of ['performance_officer', 'head_of_service', 'lead_officer', 'viewer']) {
      const who = await account(role);
      const client = await signedInClient(t.app, who.email);
      assert.doesNotMatch((await client.get('/')).body, /href="\/users"/, `${role} sees no Users link`);
      for (const url of ['/users', '/users/new', `/users/${target.id}`]) assert.equal((await client.get(url)).statusCode, 403, `${role} GET ${url}`);
      const posts: [string, Record<string, string>][] = [
        ['/users', { name: 'Sneaky', email: `sneaky.${role}@example.gov.uk`, role: 'admin', password: NEW_PASSWORD }],
        [`/users/${target.id}/role`, { role: 'admin' }],
        [`/users/${who.id}/role`, { role: 'admin' }],
        [`/users/${target.id}/disable`, {}],
        [`/users/${target.id}/enable`, {}],
        [`/users/${target.id}/restricted-access`, { restrictedAccess: 'yes' }],
        [`/users/${who.id}/restricted-access`, { restrictedAccess: 'yes' }],
      ];
      for (const [url, fields] of posts) assert.equal((await client.post(url, fields)).statusCode, 403, `${role} POST ${url}`);
    }
    assert.equal((await userRow(target.id)).role, 'lead_officer');
    assert.equal((await userRow(target.id)).disabled_at, null);
    assert.equal(Number((await userRow(target.id)).restricted_access), 0);
    const sneaky = await t.runtime.db.kysely.selectFrom('users').select('id').where('email', 'like', 'sneaky.%').execute();
    assert.deepEqual(sneaky, []);
  });

  it('creates an account with a role and a password the policy accepts, explaining what is wrong otherwise', async () => {
    const form = await admin.get('/users/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="password" type="password"[^>]*autocomplete="new-password"/);
    const bad = await admin.post('/users', { name: 'Nadia Newstarter', email: 'nadia.newstarter@borsetshire.example.gov.uk', password: 'welcome12345' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Add a user/);
    assert.match(bad.body, /href="#role">Select a role<\/a>/);
    assert.match(bad.body, /href="#password">Password is too easy to guess: it is on a list of common passwords\. Try 3 random words<\/a>/);
    assert.match(bad.body, /value="Nadia Newstarter"/, 'the name is kept');
    assert.doesNotMatch(bad.body, /welcome12345/, 'the password is not');
    const personal = await admin.post('/users', { name: 'Nadia Newstarter', email: 'nadia.newstarter@borsetshire.example.gov.uk', role: 'lead_officer', password: 'Nadia Newstarter 2026' });
    assert.match(personal.body, /href="#password">Password must not contain the account’s name or email address<\/a>/);

    const res = await admin.post('/users', { name: 'Nadia Newstarter', email: 'Nadia.Newstarter@borsetshire.example.gov.uk', role: 'lead_officer', password: NEW_PASSWORD });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, /^\/users\/\d+$/);
    const view = await admin.get(location);
    const text = pageText(view.body);
    assert.match(text, /Account created for Nadia Newstarter\. Give them their password in person or by phone, not by email\./);
    assert.match(text, /Email address nadia\.newstarter@borsetshire\.example\.gov\.uk Role Lead officer Sees restricted items No Status Active Last signed in Never/);
    assert.ok(await signedInClient(t.app, 'nadia.newstarter@borsetshire.example.gov.uk', NEW_PASSWORD));
    // Same address again: refused.
    const again = await admin.post('/users', { name: 'Nadia Again', email: 'nadia.newstarter@borsetshire.example.gov.uk', role: 'viewer', password: NEW_PASSWORD });
    assert.match(again.body, /href="#email">An account for nadia\.newstarter@borsetshire\.example\.gov\.uk already exists<\/a>/);
  });

  it('needs the CSRF token for every change', async () => {
    const target = await account('viewer');
    assert.equal((await admin.post('/users', { name: 'No Token', email: 'no.token@example.gov.uk', role: 'viewer', password: NEW_PASSWORD }, { csrf: false })).statusCode, 403);
    assert.equal((await admin.post(`/users/${target.id}/role`, { role: 'admin' }, { csrf: false })).statusCode, 403);
    assert.equal((await admin.post(`/users/${target.id}/disable`, { _csrf: 'forged' })).statusCode, 403);
    assert.equal((await userRow(target.id)).role, 'viewer');
    assert.equal((await userRow(target.id)).disabled_at, null);
  });

  it('disabling a signed-in user signs them out at once; enabling lets them sign in again', async () => {
    const target = await account('lead_officer');
    const them = await signedInClient(t.app, target.email);
    assert.equal((await them.get('/plans')).statusCode, 200);
    const page = await admin.get(`/users/${target.id}`);
    assert.match(page.body, new RegExp(`<form method="post" action="/users/${target.id}/disable"`));
    const res = await admin.post(`/users/${target.id}/disable`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/users/${target.id}`);
    const after = pageText((await admin.get(`/users/${target.id}`)).body);
    assert.match(after, new RegExp(`${target.name}’s account is disabled and they have been signed out`));
    assert.match(after, /Status Disabled since \d{1,2}:\d\d[ap]m on/);
    assert.match(after, /Enable account/);
    const next = await them.get('/plans');
    assert.equal(next.statusCode, 302);
    assert.equal(next.headers.location, '/sign-in?next=%2Fplans');
    await assert.rejects(signedInClient(t.app, target.email), /failed with 401/);

    assert.equal((await admin.post(`/users/${target.id}/enable`)).statusCode, 303);
    assert.match(pageText((await admin.get(`/users/${target.id}`)).body), /account is enabled: they can sign in again/);
    assert.ok(await signedInClient(t.app, target.email));
  });

  it('changes a role, which applies on the user’s next page', async () => {
    const target = await account('viewer');
    const them = await signedInClient(t.app, target.email);
    assert.equal((await them.get('/plans/new')).statusCode, 403);
    const res = await admin.post(`/users/${target.id}/role`, { role: 'performance_officer' });
    assert.equal(res.statusCode, 303);
    assert.match(pageText((await admin.get(`/users/${target.id}`)).body), new RegExp(`${target.name}’s role is now Performance officer`));
    assert.equal((await them.get('/plans/new')).statusCode, 200);
    const bad = await admin.post(`/users/${target.id}/role`, { role: 'emperor' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#role">Select a role<\/a>/);
  });

  it('asks on the new-account form whether they can see restricted items', async () => {
    const form = await admin.get('/users/new');
    assert.match(form.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Can they see restricted items\?\s*<\/legend>/);
    assert.match(form.body, /name="restrictedAccess" type="radio" value="no" checked/, 'No unless they say otherwise');
    const res = await admin.post('/users', { name: 'Clara Cleared', email: 'clara.cleared@borsetshire.example.gov.uk', role: 'lead_officer', restrictedAccess: 'yes', password: NEW_PASSWORD });
    assert.equal(res.statusCode, 303);
    const id = Number(String(res.headers.location).split('/').pop());
    assert.equal(Number((await userRow(id)).restricted_access), 1);
    assert.match(pageText((await admin.get(`/users/${id}`)).body), /Role Lead officer Sees restricted items Yes Status Active/);
    const bad = await admin.post('/users', { name: 'Odd One', email: 'odd.one@borsetshire.example.gov.uk', role: 'viewer', restrictedAccess: 'perhaps', password: NEW_PASSWORD });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#restrictedAccess">Select whether they can see restricted items<\/a>/);
  });

  it('gives and takes away access to restricted items, which applies on the user’s next request', async () => {
    const target = await account('lead_officer');
    const them = await signedInClient(t.app, target.email);
    const session = async () => (await t.services.auth.session(them.cookies.waymark_session))?.restrictedAccess;
    assert.equal(await session(), false);

    const page = await admin.get(`/users/${target.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<form method="post" action="/users/${target.id}/restricted-access"`));
    assert.match(page.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Can they see restricted items\?\s*<\/legend>/);
    assert.match(pageText(page.body), /Restricted items are actions, progress updates and committee reports marked as exempt information under Schedule 12A\. Lead officers always see restricted actions they lead\./);
    assert.match(page.body, /name="restrictedAccess" type="radio" value="no" checked/);
    assert.match(pageText(page.body), /Role Lead officer Sees restricted items No Status/);

    const res = await admin.post(`/users/${target.id}/restricted-access`, { restrictedAccess: 'yes' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/users/${target.id}`);
    const after = await admin.get(`/users/${target.id}`);
    assert.match(pageText(after.body), new RegExp(`${target.name} now has access to restricted items`));
    assert.match(pageText(after.body), /Role Lead officer Sees restricted items Yes Status/);
    assert.match(after.body, /name="restrictedAccess" type="radio" value="yes" checked/);
    assert.equal((await them.get('/plans')).statusCode, 200, 'still signed in');
    assert.equal(await session(), true, 'their own session has it, without signing in again');

    const bad = await admin.post(`/users/${target.id}/restricted-access`, { restrictedAccess: 'perhaps' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: /);
    assert.match(bad.body, /href="#restrictedAccess">Select whether they can see restricted items<\/a>/);
    assert.equal((await admin.post(`/users/${target.id}/restricted-access`, {})).statusCode, 400);
    assert.equal(Number((await userRow(target.id)).restricted_access), 1, 'a bad answer changes nothing');

    assert.equal((await admin.post(`/users/${target.id}/restricted-access`, { restrictedAccess: 'no' })).statusCode, 303);
    assert.match(pageText((await admin.get(`/users/${target.id}`)).body), new RegExp(`${target.name} no longer has access to restricted items`));
    assert.equal(await session(), false);
    assert.equal((await admin.post(`/users/${target.id}/restricted-access`, { restrictedAccess: 'yes' }, { csrf: false })).statusCode, 403, 'needs the CSRF token');
    assert.equal(Number((await userRow(target.id)).restricted_access), 0);
  });

  it('shows that administrators always see restricted items, and will not take it away', async () => {
    const own = await admin.get(`/users/${council.userId}`);
    const text = pageText(own.body);
    assert.match(text, /Sees restricted items Yes \(administrator\)/);
    assert.match(text, /Ada Admin is an administrator, so they always see restricted items\./);
    assert.doesNotMatch(own.body, /action="\/users\/\d+\/restricted-access"/);
    const res = await admin.post(`/users/${council.userId}/restricted-access`, { restrictedAccess: 'no' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#restrictedAccess">Ada Admin is an administrator, and administrators always see restricted items: change their role first<\/a>/);
  });

  it('will not let an administrator disable themself or remove the last administrator', async () => {
    const own = await admin.get(`/users/${council.userId}`);
    assert.equal(own.statusCode, 200);
    assert.match(pageText(own.body), /You cannot disable your own account\. Another administrator can\./);
    assert.doesNotMatch(own.body, /action="\/users\/\d+\/disable"/);
    const disable = await admin.post(`/users/${council.userId}/disable`);
    assert.equal(disable.statusCode, 400);
    assert.match(disable.body, /href="#status">You cannot disable your own account<\/a>/);
    const demote = await admin.post(`/users/${council.userId}/role`, { role: 'performance_officer' });
    assert.equal(demote.statusCode, 400);
    assert.match(demote.body, /href="#role">Ada Admin is the only administrator: make someone else an administrator first<\/a>/);
    const row = await userRow(council.userId);
    assert.deepEqual([row.role, row.disabled_at], ['admin', null]);
    assert.equal((await admin.get('/users')).statusCode, 200, 'still an administrator, still signed in');
  });

  it("gives 404 for an account in another council, or an id that isn't one", async () => {
    const other = await createCouncil(t.services, { slug: 'other', name: 'Other Council', email: 'admin@other.example.gov.uk' });
    for (const url of [`/users/${other.userId}`, '/users/999999', '/users/not-a-number']) assert.equal((await admin.get(url)).statusCode, 404, url);
    assert.equal((await admin.post(`/users/${other.userId}/disable`)).statusCode, 404);
    assert.equal((await admin.post(`/users/${other.userId}/restricted-access`, { restrictedAccess: 'yes' })).statusCode, 404);
    assert.equal((await userRow(other.userId)).disabled_at, null);
  });

  it('lets an administrator hand over and step down, landing on their account page', async () => {
    const successor = await account('performance_officer');
    assert.equal((await admin.post(`/users/${successor.id}/role`, { role: 'admin' })).statusCode, 303);
    const res = await admin.post(`/users/${council.userId}/role`, { role: 'performance_officer' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    const page = await admin.get('/account');
    const users = await admin.get('/users');
    // The successor puts things back before anything is asserted, whatever happens below.
    const successorClient = await signedInClient(t.app, successor.email);
    assert.equal((await successorClient.post(`/users/${council.userId}/role`, { role: 'admin' })).statusCode, 303);
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /Ada Admin’s role is now Performance officer/);
    assert.equal(users.statusCode, 403);
    assert.equal((await admin.get('/users')).statusCode, 200);
  });
});
