import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkedPages, errorSummary, launchBrowser, Session, signIn, startServer, summaryValue, WCAG_TAGS, type TestServer, heading } from './support.ts';

// Accounts in a real browser over the demo council, axe on every page: the administrator adds a
// user, the user changes their password and signs out everywhere, and the administrator disables
// someone who is signed in in another browser, whose next page is the sign-in page.

let server: TestServer;
let browser: Browser;
let admin: Session | undefined;

const NEW_USER = { name: 'Priya Sharma', email: 'priya.sharma@brackenmoor.gov.uk', password: 'lantern harbour biscuit' };
const CHANGED_PASSWORD = 'copper kettle meadow';

async function banner(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim();
}

describe('accounts in a browser (axe on every page)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await Session.open(browser, server.baseUrl, 'admin');
    await admin.journey('admin sign-in', (v) => signIn(v, server.accounts[0]!));
  });

  after(async () => {
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('an administrator adds a user: a common password is refused, then the account is made', async () => {
    await admin!.journey('add a user', async (v) => {
      const { page } = v;
      await v.goto('/');
      // Users are under Set-up in the main menu.
      await v.step(() => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Set-up', exact: true }).click());
      await v.step(() => page.getByRole('link', { name: 'Users', exact: true }).click());
      assert.equal(v.path, '/users');
      assert.equal(await heading(page), 'Users');
      await v.step(() => page.getByRole('button', { name: 'Add a user' }).click());
      assert.equal(v.path, '/users/new');

      await page.getByLabel('Name', { exact: true }).fill(NEW_USER.name);
      await page.getByLabel('Email address').fill(NEW_USER.email);
      await page.getByRole('group', { name: 'Role' }).getByLabel('Lead officer').check();
      await page.getByLabel('Password', { exact: true }).fill('Liverpool1234');
      await v.step(() => page.getByRole('button', { name: 'Create account' }).click());
      const summary = await errorSummary(page);
      assert.deepEqual(summary.links, [['Password is too easy to guess: it is on a list of common passwords. Try 3 random words', '#password']]);
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is not echoed back');
      assert.equal(await page.getByLabel('Email address').inputValue(), NEW_USER.email);

      await page.getByLabel('Password', { exact: true }).fill(NEW_USER.password);
      await v.step(() => page.getByRole('button', { name: 'Create account' }).click());
      assert.match(v.path, /^\/users\/\d+$/);
      assert.equal(await heading(page), NEW_USER.name);
      assert.match(await banner(page), /Account created for Priya Sharma/);
      assert.equal((await summaryValue(page, 'Role').innerText()).trim(), 'Lead officer');
      assert.equal((await summaryValue(page, 'Last signed in').innerText()).trim(), 'Never');
    });
  });

  test('the new user changes their password on "Your account", then signs out everywhere', async () => {
    const session = await Session.open(browser, server.baseUrl, 'new user');
    try {
      await session.journey('your account', async (v) => {
        const { page } = v;
        await signIn(v, NEW_USER);
        await v.step(() => page.getByRole('link', { name: 'Your account' }).click());
        assert.equal(v.path, '/account');
        assert.equal(await heading(page), 'Your account');
        assert.equal((await summaryValue(page, 'Email address').innerText()).trim(), NEW_USER.email);
        assert.equal((await summaryValue(page, 'Signed in on').innerText()).trim(), '1 device or browser');

        await page.getByLabel('Current password', { exact: true }).fill(NEW_USER.password);
        await page.getByLabel('New password', { exact: true }).fill(CHANGED_PASSWORD);
        await page.getByLabel('Confirm new password', { exact: true }).fill('copper kettle meadows');
        await v.step(() => page.getByRole('button', { name: 'Change password' }).click());
        assert.deepEqual((await errorSummary(page)).links, [['Enter the same new password twice', '#confirmPassword']]);
        assert.match(await page.title(), /^Error: Your account/);

        await page.getByLabel('Current password', { exact: true }).fill(NEW_USER.password);
        await page.getByLabel('New password', { exact: true }).fill(CHANGED_PASSWORD);
        await page.getByLabel('Confirm new password', { exact: true }).fill(CHANGED_PASSWORD);
        await v.step(() => page.getByRole('button', { name: 'Change password' }).click());
        assert.equal(v.path, '/account');
        assert.match(await banner(page), /Your password has been changed/);

        await v.step(() => page.getByRole('button', { name: 'Sign out everywhere' }).click());
        assert.equal(v.path, '/sign-in');
        assert.match(await banner(page), /You have been signed out on every device and browser/);
        await v.goto('/account');
        assert.equal(v.path, `/sign-in?next=${encodeURIComponent('/account')}`);
        await signIn(v, { email: NEW_USER.email, password: CHANGED_PASSWORD });
        assert.equal(v.path, '/account');
      });
    } finally {
      await session.close();
    }
  });

  test('disabling a user who is signed in elsewhere sends their next page to sign-in', async () => {
    const officer = server.accounts.find((a) => a.role === 'lead_officer')!;
    const theirs = await Session.open(browser, server.baseUrl, 'lead officer');
    try {
      await theirs.journey('lead officer signs in', async (v) => {
        await signIn(v, officer);
        await v.goto('/plans');
        assert.equal(v.path, '/plans');
      });

      await admin!.journey('disable the lead officer', async (v) => {
        const { page } = v;
        await v.goto('/users');
        await v.step(() => page.getByRole('link', { name: officer.name, exact: true }).click());
        assert.equal(await heading(page), officer.name);
        assert.equal((await summaryValue(page, 'Status').innerText()).trim(), 'Active');
        await v.step(() => page.getByRole('button', { name: 'Disable account' }).click());
        assert.match(await banner(page), new RegExp(`${officer.name}’s account is disabled and they have been signed out`));
        assert.match((await summaryValue(page, 'Status').innerText()).trim(), /^Disabled since /);
        await v.goto('/users');
        const row = page.getByRole('row').filter({ hasText: officer.email });
        assert.match(await row.innerText(), /Disabled/);
      });

      await theirs.journey('the lead officer’s next page', async (v) => {
        await v.goto('/plans');
        assert.equal(v.path, `/sign-in?next=${encodeURIComponent('/plans')}`);
        assert.equal(await heading(v.page), 'Sign in to Waymark');
        // And signing in again is refused.
        await signIn(v, officer);
        assert.deepEqual((await errorSummary(v.page)).links, [['Enter a correct email address and password', '#email']]);
      });
    } finally {
      await theirs.close();
    }
  });

  test('every page visited passed axe', (t) => {
    assert.ok(checkedPages.length > 0);
    t.diagnostic(`axe (${WCAG_TAGS.join(', ')}) found no violations on ${checkedPages.length} pages`);
  });
});
