import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, TEST_PASSWORD, testApp, type TestApp, type TestCouncil } from '../../../../test/support/http.ts';

// "Your account": every signed-in user, viewers included, sees their account, changes their
// password and signs out everywhere. Every change needs the session's CSRF token.

const NEW_PASSWORD = 'lantern harbour biscuit';

describe('your account', () => {
  let t: TestApp;
  let council: TestCouncil;
  let n = 0;
  /** A fresh viewer account, so each test's sessions and password are its own. */
  const viewer = async () => {
    const email = `councillor${++n}@borsetshire.example.gov.uk`;
    await t.services.auth.createUser(council.tenantId, { email, name: `Councillor Number ${n}`, role: 'viewer', password: TEST_PASSWORD });
    return email;
  };

  before(async () => {
    t = await testApp();
    council = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk', userName: 'Ada Admin' });
  });
  after(() => t.close());

  it('sends someone not signed in to sign in first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/account' });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in?next=%2Faccount');
  });

  it("shows a viewer their name, email address, role and how many devices they're signed in on, with the link in the header", async () => {
    const email = await viewer();
    const other = await signedInClient(t.app, email);
    const client = await signedInClient(t.app, email);
    assert.ok(other.cookies.waymark_session);
    const home = await client.get('/');
    assert.match(home.body, /<a class="govuk-service-navigation__link" href="\/account">Your account<\/a>/);
    const res = await client.get('/account');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(res.body, /<title>Your account – Borsetshire County Council<\/title>/);
    assert.match(text, new RegExp(`Name Councillor Number ${n} Email address ${email.replace(/\./g, '\\.')} Role Viewer Last signed in \\d{1,2}:\\d\\d[ap]m on \\d{1,2} \\w+ \\d{4} Signed in on 2 devices or browsers`));
    assert.match(res.body, /aria-current="page">Your account<\/a>/);
    // The forms: change password (with the browser's password manager hints) and sign out everywhere.
    assert.match(res.body, /<form method="post" action="\/account\/password"/);
    assert.match(res.body, /name="currentPassword" type="password"[^>]*autocomplete="current-password"/);
    assert.match(res.body, /name="newPassword" type="password"[^>]*autocomplete="new-password"/);
    assert.match(res.body, /<form method="post" action="\/account\/sign-out-everywhere"/);
    assert.match(text, /Change password/);
    assert.match(text, /Sign out everywhere/);
    // No admin links for a viewer.
    assert.doesNotMatch(res.body, /href="\/users"/);
  });

  it('refuses a password change or sign out everywhere without the CSRF token, changing nothing', async () => {
    const email = await viewer();
    const client = await signedInClient(t.app, email);
    const change = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    assert.equal((await client.post('/account/password', change, { csrf: false })).statusCode, 403);
    assert.equal((await client.post('/account/password', { ...change, _csrf: 'forged' })).statusCode, 403);
    assert.equal((await client.post('/account/sign-out-everywhere', {}, { csrf: false })).statusCode, 403);
    assert.equal((await client.post('/account/sign-out-everywhere', { _csrf: 'forged' })).statusCode, 403);
    // Still signed in, with the same password.
    assert.equal((await client.get('/account')).statusCode, 200);
    assert.ok(await signedInClient(t.app, email, TEST_PASSWORD));
  });

  it('explains what is wrong with a password change, linking to each field, without echoing passwords', async () => {
    const email = await viewer();
    const client = await signedInClient(t.app, email);
    const res = await client.post('/account/password', { currentPassword: 'not my password', newPassword: 'password1234', confirmPassword: 'password1234' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Your account/);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#currentPassword">Your current password is not right<\/a>/);
    assert.match(res.body, /href="#newPassword">New password is too easy to guess: it is on a list of common passwords\. Try 3 random words<\/a>/);
    assert.doesNotMatch(res.body, /not my password|password1234/);
    const blank = await client.post('/account/password', {});
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /href="#currentPassword">Enter your current password<\/a>/);
    assert.match(blank.body, /href="#newPassword">Enter new password<\/a>/);
    assert.match(blank.body, /href="#confirmPassword">Confirm your new password<\/a>/);
    const mismatch = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    assert.match(mismatch.body, /href="#confirmPassword">Enter the same new password twice<\/a>/);
  });

  it('changes a viewer’s password: this session carries on, every other one ends, the new password signs in', async () => {
    const email = await viewer();
    const elsewhere = await signedInClient(t.app, email);
    const client = await signedInClient(t.app, email);
    const res = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');
    const page = await client.get('/account');
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /Your password has been changed\. You have been signed out everywhere else\./);
    assert.match(pageText(page.body), /Signed in on 1 device or browser/);
    const gone = await elsewhere.get('/plans');
    assert.equal(gone.statusCode, 302);
    assert.equal(gone.headers.location, '/sign-in?next=%2Fplans');
    assert.ok(await signedInClient(t.app, email, NEW_PASSWORD));
    await assert.rejects(signedInClient(t.app, email, TEST_PASSWORD), /failed with 401/);
  });

  it('signs a viewer out everywhere, this browser included, and says so on the sign-in page', async () => {
    const email = await viewer();
    const elsewhere = await signedInClient(t.app, email);
    const client = await signedInClient(t.app, email);
    const res = await client.post('/account/sign-out-everywhere');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in');
    assert.equal(client.cookies.waymark_session, undefined, 'the cookie is cleared');
    const signIn = await client.get('/sign-in');
    assert.equal(signIn.statusCode, 200);
    assert.match(pageText(signIn.body), /You have been signed out on every device and browser\. Sign in again to carry on\./);
    for (const c of [client, elsewhere]) {
      const after = await c.get('/account');
      assert.equal(after.statusCode, 302);
      assert.match(String(after.headers.location), /^\/sign-in/);
    }
    const events = await t.runtime.db.kysely.selectFrom('audit_events').select('event').where('event', '=', 'sign_out_everywhere').execute();
    assert.ok(events.length >= 1);
  });

  it('shows an administrator the Users link (under Set-up), and others not', async () => {
    const admin = await signedInClient(t.app, council.email);
    const home = await admin.get('/');
    assert.match(home.body, /href="\/setup"/);
    assert.match(pageText(home.body), /Ada Admin Your account Sign out/);
    assert.match((await admin.get('/setup')).body, /href="\/users"/);
    const anonymous = anonymousClient(t.app);
    assert.doesNotMatch((await anonymous.get('/sign-in')).body, /href="\/account"|href="\/users"/);
  });
});
