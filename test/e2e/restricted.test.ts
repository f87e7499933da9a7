import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { exemptCategory } from '../../src/domain/report-sections.ts';
import { systemActor } from '../../src/services/context.ts';
import { errorSummary, flash, heading, launchBrowser, Session, signIn, startServer, summaryValue, type TestServer, type Visitor } from './support.ts';

// Restricted actions in a real browser over the demo council, axe on every page: the administrator
// marks an action of the 2026/27 CEX plan restricted (a category is required), the councillor (a
// viewer, in another browser) cannot find it anywhere until the administrator gives her access to
// restricted items, sees it on her next page without signing in again, and loses it again when the
// access is taken away. The restrict-and-save form also works without JavaScript.
// Waymark's clock is fixed at 25 November 2026, inside the demo's 2026/27 plan year.

const NOW = new Date('2026-11-25T12:00:00Z');
const PLAN_TITLE = "Chief Executive's Department Business Plan 2026/27";
const NO_CATEGORY = 'Select the exempt information category the restricted action relies on';
const RESTRICTED_LEGEND = 'Is this action restricted?';
const YES_RESTRICTED = 'Yes, it contains exempt information';
const CATEGORY_LABEL = 'Exempt information category';

let server: TestServer;
let browser: Browser;
let admin: Session | undefined;
let councillor: Session | undefined;

/** The action the administrator restricts, as the plan page showed it. */
let planPath = '';
const chosen = { id: 0, code: '', title: '' };
const second = { id: 0, code: '' };

const actor = () => systemActor(server.tenantId);
const exemptParagraphOf = async (id: number) => (await server.runtime.services.actions.detail(actor(), id)).action.exempt_paragraph;

/** "Yes: Paragraph N: …", as the action page's summary list words a restricted action. */
function restrictedRow(paragraph: number): string {
  const c = exemptCategory(paragraph);
  assert.ok(c, `paragraph ${paragraph} is an exempt category`);
  return `Yes: Paragraph ${c.paragraph}: ${c.text}`;
}

/** Opens a path like Visitor.goto (axe on the page it lands on), and gives the response's status. */
async function open(v: Visitor, path: string): Promise<number> {
  const response = await v.page.goto(v.baseUrl + path);
  assert.ok(response, `${v.label}: no response for ${path}`);
  await v.expectAccessible();
  return response.status();
}

/** The action-code links in the page's tables (the plan page's and /actions). */
async function actionCodes(page: Page): Promise<string[]> {
  return (await page.locator('tbody th a[href^="/actions/"]').allInnerTexts()).map((t) => t.trim());
}

/** The "Restricted" tag at the top of an action page. */
const restrictedTag = (page: Page) => page.locator('main .govuk-tag', { hasText: /^Restricted$/ });

describe('restricted actions in a browser (axe on every page)', () => {
  before(async () => {
    server = await startServer({ clock: () => NOW });
    browser = await launchBrowser();
    const viewer = server.accounts.find((a) => a.role === 'viewer');
    assert.ok(viewer, 'the demo has a viewer (the councillor)');
    admin = await Session.open(browser, server.baseUrl, 'admin sign-in');
    await admin.journey('admin sign-in', (v) => signIn(v, server.accounts[0]!));
    councillor = await Session.open(browser, server.baseUrl, 'councillor sign-in');
    await councillor.journey('councillor sign-in', (v) => signIn(v, viewer));
  });

  after(async () => {
    await councillor?.close();
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('the administrator marks an action restricted: a category is required, then the action page says so', async () => {
    await admin!.journey('restrict an action', async (v) => {
      const { page } = v;
      await v.goto('/plans');
      await v.step(() => page.getByRole('link', { name: PLAN_TITLE, exact: true }).click());
      assert.match(v.path, /^\/plans\/\d+$/);
      assert.equal(await heading(page), PLAN_TITLE);
      planPath = v.path;

      // The plan's first action (and its second, for the journey without JavaScript).
      const links = page.locator('.waymark-plan-table tbody th a[href^="/actions/"]');
      second.id = Number((await links.nth(1).getAttribute('href'))!.replace('/actions/', ''));
      second.code = (await links.nth(1).innerText()).trim();
      const link = links.first();
      chosen.code = (await link.innerText()).trim();
      chosen.id = Number((await link.getAttribute('href'))!.replace('/actions/', ''));
      assert.ok(chosen.code && chosen.id > 0, 'the plan has an action');
      await v.step(() => link.click());
      assert.equal(v.path, `/actions/${chosen.id}`);
      chosen.title = await heading(page);
      assert.equal(await restrictedTag(page).count(), 0, 'open to begin with');
      assert.equal((await summaryValue(page, 'Restricted').innerText()).trim(), 'No');

      // The demo's plan is approved: changing it starts a new version, and Waymark asks first.
      await v.step(() => page.getByRole('button', { name: 'Edit action' }).click());
      assert.equal(await heading(page), `Change action ${chosen.code}?`);
      await v.step(() => page.getByRole('button', { name: 'Continue' }).click());
      assert.equal(v.path, `/actions/${chosen.id}/edit?newVersion=yes`);
      assert.equal(await heading(page), `Edit action ${chosen.code}`);
      const group = page.getByRole('group', { name: RESTRICTED_LEGEND, exact: true });
      // With the mouse, on the answer's label; then Tab goes on to the category, which follows it.
      await group.getByText(YES_RESTRICTED, { exact: true }).click();
      assert.ok(await group.getByLabel(YES_RESTRICTED).isChecked());
      await page.keyboard.press('Tab');
      assert.ok(await page.getByLabel(CATEGORY_LABEL).evaluate((el) => el === document.activeElement), 'the category comes next in the tab order');
      assert.equal(await page.getByLabel(CATEGORY_LABEL).inputValue(), '');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());

      assert.equal(await heading(page), `Edit action ${chosen.code}`);
      assert.match(await page.title(), /^Error: /);
      assert.deepEqual((await errorSummary(page)).links, [[NO_CATEGORY, '#exemptParagraph']]);
      assert.match(await page.locator('#exemptParagraph-error').innerText(), new RegExp(NO_CATEGORY));
      assert.ok(await group.getByLabel(YES_RESTRICTED).isChecked(), 'the answer is kept');
      assert.equal(await exemptParagraphOf(chosen.id), null, 'nothing saved');

      await page.getByLabel(CATEGORY_LABEL).selectOption('3');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
      assert.equal(v.path, `/actions/${chosen.id}`);
      assert.match(await flash(page), /Action saved/);
      assert.equal(await heading(page), chosen.title);
      assert.equal(await restrictedTag(page).count(), 1);
      assert.equal((await summaryValue(page, 'Restricted').innerText()).trim(), restrictedRow(3));
    });
    assert.equal(await exemptParagraphOf(chosen.id), 3);
  });

  test('the councillor cannot find it until the administrator gives her access, and loses it when that is taken away', async () => {
    assert.ok(chosen.id, 'the first test restricted an action');
    const actionPath = `/actions/${chosen.id}`;
    const viewer = server.accounts.find((a) => a.role === 'viewer')!;

    await councillor!.journey('the councillor does not see it', async (v) => {
      const { page } = v;
      await v.goto(planPath);
      const onPlan = await actionCodes(page);
      assert.ok(onPlan.length > 0, 'the plan shows her its other actions');
      assert.ok(!onPlan.includes(chosen.code), `${chosen.code} is not on the plan page`);
      assert.equal(await page.locator(`#action-${chosen.id}`).count(), 0);
      await v.goto('/actions');
      const onList = await actionCodes(page);
      assert.ok(onList.length > 0, '/actions lists the other actions');
      assert.ok(!onList.includes(chosen.code), `${chosen.code} is not on /actions`);
      assert.equal(await open(v, actionPath), 404);
      assert.equal(await heading(page), 'Page not found');
      assert.equal(await page.getByText(chosen.title).count(), 0, 'the title is not given away');
    });

    /** The administrator sets the councillor's access to restricted items on her user page. */
    const setAccess = (answer: 'Yes' | 'No') =>
      admin!.journey(`access: ${answer}`, async (v) => {
        const { page } = v;
        await v.goto('/users');
        await v.step(() => page.getByRole('link', { name: viewer.name, exact: true }).click());
        assert.match(v.path, /^\/users\/\d+$/);
        assert.equal(await heading(page), viewer.name);
        assert.equal((await summaryValue(page, 'Sees restricted items').innerText()).trim(), answer === 'Yes' ? 'No' : 'Yes');
        await page.getByRole('group', { name: 'Can they see restricted items?', exact: true }).getByLabel(answer, { exact: true }).check();
        await v.step(() => page.getByRole('button', { name: 'Save access to restricted items' }).click());
        assert.match(await flash(page), new RegExp(answer === 'Yes' ? `${viewer.name} now has access to restricted items` : `${viewer.name} no longer has access to restricted items`));
        assert.equal((await summaryValue(page, 'Sees restricted items').innerText()).trim(), answer);
      });

    await setAccess('Yes');
    await councillor!.journey('the councillor’s next page shows it', async (v) => {
      const { page } = v;
      assert.equal(await open(v, actionPath), 200, 'without signing in again');
      assert.equal(await heading(page), chosen.title);
      assert.equal(await restrictedTag(page).count(), 1);
      assert.equal((await summaryValue(page, 'Restricted').innerText()).trim(), restrictedRow(3));
    });

    await setAccess('No');
    await councillor!.journey('the councillor’s next page does not', async (v) => {
      const { page } = v;
      assert.equal(await open(v, actionPath), 404);
      assert.equal(await heading(page), 'Page not found');
    });
  });

  test('without JavaScript: the restrict-and-save form works, category error included', async () => {
    const session = await Session.open(browser, server.baseUrl, 'admin without JavaScript', { javaScriptEnabled: false });
    try {
      await session.journey('restrict without JavaScript', async (v) => {
        const { page } = v;
        await signIn(v, server.accounts[0]!);
        // The plan's second action (the first is restricted already). The first test's change
        // started the plan's new draft version, so this edit is not asked about.
        const { id, code } = second;
        assert.ok(id && id !== chosen.id, 'the first test found a second action');
        await v.goto(`/actions/${id}`);
        await v.step(() => page.getByRole('button', { name: 'Edit action' }).click());
        assert.equal(await heading(page), `Edit action ${code}`);

        const group = page.getByRole('group', { name: RESTRICTED_LEGEND, exact: true });
        await group.getByLabel(YES_RESTRICTED).check();
        await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
        assert.deepEqual((await errorSummary(page)).links, [[NO_CATEGORY, '#exemptParagraph']]);
        assert.equal(await exemptParagraphOf(id), null, 'nothing saved');

        await page.getByLabel(CATEGORY_LABEL).selectOption('7');
        await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
        assert.equal(v.path, `/actions/${id}`);
        assert.equal(await restrictedTag(page).count(), 1);
        assert.equal((await summaryValue(page, 'Restricted').innerText()).trim(), restrictedRow(7));
        assert.equal(await exemptParagraphOf(id), 7);
      });
    } finally {
      await session.close();
    }
  });
});
