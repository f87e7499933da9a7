import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { formatUkDate } from '../../src/domain/dates.ts';
import { systemActor } from '../../src/services/context.ts';
import { dateShown, errorSummary, fillDate, launchBrowser, Session, signIn, startServer, type TestServer, type Visitor, heading } from './support.ts';

// No lost edits, in two browsers at once over the demo council: the performance officer (Tom
// Whitfield) and the administrator open the same action, both change it and save; the second to
// save is shown both versions and merges them. Then both correct the same progress update. Every
// page either browser lands on (the merge pages included) is checked with axe (see support.ts).
// Waymark's clock is fixed at 25 November 2026, inside the demo's 2026/27 plan year.

const NOW = new Date('2026-11-25T12:00:00Z');
const PLAN_TITLE = "Chief Executive's Department Business Plan 2026/27";

let server: TestServer;
let browser: Browser;
/** The performance officer ("A", who saves first) and the administrator ("B", who saves second). */
let officer: Session | undefined;
let admin: Session | undefined;
let actionId = 0;
/** The performance officer's name, as the pages give it. */
let officerName = '';

const actor = () => systemActor(server.tenantId);
const services = () => server.runtime.services;
const detail = async () => (await services().actions.detail(actor(), actionId)).action;

/** Runs a step for each of the two people in turn, each in their own browser, checking every page. */
async function together(label: string, journey: (a: Visitor, b: Visitor) => Promise<void>): Promise<void> {
  if (!officer || !admin) throw new Error('The two people did not sign in; see the failure in before().');
  const b = admin;
  await officer.journey(`${label} (officer)`, (a) => b.journey(`${label} (administrator)`, (bv) => journey(a, bv)));
}

/** The merge table, and a row of it by field name. */
const mergeTable = (page: Page) => page.getByRole('table', { name: 'Their saved version and yours', exact: true });
function fieldRow(page: Page, field: string): Locator {
  return mergeTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${field} `) }) });
}
async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The "Progress updates" timeline on an action page, newest first. */
const timeline = (page: Page) => page.getByRole('region', { name: 'Progress updates' }).getByRole('listitem');

describe('two people editing the same thing (axe on every page)', () => {
  before(async () => {
    server = await startServer({ clock: () => NOW });
    browser = await launchBrowser();
    const plan = (await services().plans.list(actor())).find((p) => p.title === PLAN_TITLE);
    assert.ok(plan, `the demo has ${PLAN_TITLE}`);
    const { actions } = await services().plans.detail(actor(), plan.id).then((d) => ({ actions: [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions) }));
    const chosen = actions.find((a) => a.due_date && a.due_date > '2027-01-31' && (!a.start_date || a.start_date < '2026-12-01') && !a.revised_due_date);
    assert.ok(chosen, 'the plan has an action due after January 2027');
    actionId = chosen.id;

    const officerAccount = server.accounts.find((a) => a.role === 'performance_officer');
    assert.ok(officerAccount, 'the demo has a performance officer');
    officerName = officerAccount.name;
    officer = await Session.open(browser, server.baseUrl, 'officer sign-in');
    await officer.journey('officer sign-in', (v) => signIn(v, officerAccount));
    admin = await Session.open(browser, server.baseUrl, 'admin sign-in');
    await admin.journey('admin sign-in', (v) => signIn(v, server.accounts[0]!));
  });

  after(async () => {
    await officer?.close();
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('A changes the due date, B the title: B sees both versions, saves the merged one, and both changes are kept', async () => {
    const before = await detail();
    const newDue = before.due_date === '2027-01-29' ? '2027-01-28' : '2027-01-29';
    const [y, m, d] = newDue.split('-') as [string, string, string];
    const newTitle = `${before.title} (with the new venue)`;
    await together('different fields', async (a, b) => {
      // The demo's plan is approved: both have said yes to starting its new version (the question is
      // tested in restricted.test.ts), so each opens the form with newVersion=yes.
      await a.goto(`/actions/${actionId}/edit?newVersion=yes`);
      await b.goto(`/actions/${actionId}/edit?newVersion=yes`);
      assert.equal(await heading(b.page), `Edit action ${before.code}`);

      await fillDate(a.page, 'Due date', String(Number(d)), String(Number(m)), y);
      await a.step(() => a.page.getByRole('button', { name: 'Save action' }).click());
      assert.equal(a.path, `/actions/${actionId}`);

      await b.page.getByLabel('Action', { exact: true }).fill(newTitle);
      await b.step(() => b.page.getByRole('button', { name: 'Save action' }).click());
      const page = b.page;
      assert.equal(b.path, `/actions/${actionId}`, 'the edit page again, from the post');
      assert.equal(await heading(page), `Edit action ${before.code}`);
      const summary = await errorSummary(page);
      assert.deepEqual(summary.links, [['Someone else saved a change to this action after you opened it. Your changes have not been saved yet: choose which version of each field to keep.', '#merge']]);
      assert.match(await page.getByText(/saved changes to this action at/).innerText(), new RegExp(`^${officerName} saved changes to this action at \\d\\d:\\d\\d on \\d{1,2} \\w+ \\d{4} after you opened it\\. Your changes have not been saved yet\\.$`));
      assert.deepEqual(await cells(fieldRow(page, 'Action')), ['Action Only you changed this', before.title, newTitle, 'Which action to keep Keep theirs Use mine']);
      assert.deepEqual(await cells(fieldRow(page, 'Due date')), ['Due date Only they changed this', formatUkDate(newDue), formatUkDate(before.due_date), 'Which due date to keep Keep theirs Use mine']);
      assert.equal(await mergeTable(page).getByRole('rowheader').count(), 2, 'only the fields that differ');
      assert.ok(await fieldRow(page, 'Action').getByLabel('Use mine').isChecked());
      assert.ok(await fieldRow(page, 'Due date').getByLabel('Keep theirs').isChecked());
      assert.deepEqual(await page.locator('#merged-automatically li').allInnerTexts(), ['Action: your change kept', 'Due date: their change kept']);
      assert.equal((await detail()).title, before.title, "B's change is not saved yet");

      await b.step(() => page.getByRole('button', { name: 'Save merged version' }).click());
      assert.equal(b.path, `/actions/${actionId}`);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Action saved/);
      assert.equal(await heading(page), newTitle);
    });
    const after = await detail();
    assert.equal(after.title, newTitle, "B's title");
    assert.equal(after.due_date, newDue, "A's due date");
  });

  test('both change the title: B chooses their own, and the audit trail has both edits', async () => {
    const before = await detail();
    await together('same field', async (a, b) => {
      await a.goto(`/actions/${actionId}/edit`);
      await b.goto(`/actions/${actionId}/edit`);
      await a.page.getByLabel('Action', { exact: true }).fill(`${before.title}, says A`);
      await a.step(() => a.page.getByRole('button', { name: 'Save action' }).click());
      await b.page.getByLabel('Action', { exact: true }).fill(`${before.title}, says B`);
      await b.step(() => b.page.getByRole('button', { name: 'Save action' }).click());
      const page = b.page;
      assert.deepEqual(await cells(fieldRow(page, 'Action')), ['Action You both changed this', `${before.title}, says A`, `${before.title}, says B`, 'Which action to keep Keep theirs Use mine']);
      assert.match(await page.locator('#changed-by-both').innerText(), /^You both changed Action\. Your version is chosen; choose theirs to keep it instead\.$/);
      // By keyboard: to the choice, then the space bar.
      const mine = fieldRow(page, 'Action').getByLabel('Use mine');
      const theirs = fieldRow(page, 'Action').getByLabel('Keep theirs');
      await theirs.check();
      await b.tabTo(theirs);
      await page.keyboard.press('ArrowDown');
      assert.ok(await mine.isChecked(), 'Use mine, chosen by keyboard');
      await b.step(() => page.getByRole('button', { name: 'Save merged version' }).click());
      assert.equal(await heading(page), `${before.title}, says B`);
      // The edit page now starts from the saved version.
      await b.goto(`/actions/${actionId}/edit`);
      assert.equal(await page.getByLabel('Action', { exact: true }).inputValue(), `${before.title}, says B`);
      assert.deepEqual(await dateShown(page, 'Due date'), (await detail()).due_date!.split('-').reverse().map((x) => String(Number(x))));
    });
    assert.equal((await detail()).title, `${before.title}, says B`);
    const audit = await server.runtime.db.kysely.selectFrom('audit_events').select(['event', 'user_id', 'after_json']).where('entity', '=', 'action').where('entity_id', '=', actionId).orderBy('id').execute();
    const titles = audit.filter((e) => e.event === 'update').map((e) => (JSON.parse(e.after_json ?? '{}') as { title?: string }).title);
    assert.deepEqual(titles.slice(-2), [`${before.title}, says A`, `${before.title}, says B`], 'both edits are in the audit trail, in order');
    assert.equal(new Set(audit.slice(-4).map((e) => e.user_id)).size, 2, 'by two people');
  });

  test('progress: a second update for the period is confirmed, and a second correction corrects the latest version', async () => {
    const historyLength = async () => (await services().progress.history(actor(), actionId)).length;
    const start = await historyLength();
    await together('progress', async (a, b) => {
      // Both open the form for a new update; A records first.
      await a.goto(`/actions/${actionId}/updates/new`);
      await b.goto(`/actions/${actionId}/updates/new`);
      const fill = async (page: Page, percent: string, narrative: string) => {
        await page.getByRole('group', { name: 'Status', exact: true }).getByLabel('IN PROGRESS', { exact: true }).check();
        await page.getByLabel('% complete', { exact: true }).fill(percent);
        await page.getByLabel('Progress update', { exact: true }).fill(narrative);
      };
      await fill(a.page, '40', 'The venue is booked.');
      await a.step(() => a.page.getByRole('button', { name: 'Save progress update' }).click());
      assert.equal(a.path, `/actions/${actionId}`);
      await fill(b.page, '45', 'The venue is booked and the speakers confirmed.');
      await b.step(() => b.page.getByRole('button', { name: 'Save progress update' }).click());
      assert.equal(await b.page.getByRole('heading', { level: 2, name: 'Someone else recorded an update for this period' }).count(), 1);
      const compare = b.page.getByRole('table', { name: 'Their update and yours', exact: true });
      assert.match(await compare.innerText(), /The venue is booked\.\s+The venue is booked and the speakers confirmed\./);
      assert.equal(await historyLength(), start + 1, "B's update is not saved yet");
      await b.step(() => b.page.getByRole('button', { name: 'Record mine as well' }).click());
      assert.equal(b.path, `/actions/${actionId}`);
      assert.equal(await historyLength(), start + 2);

      // Both open "Correct this update" on the newest update (B's); A saves a correction first.
      await a.goto(`/actions/${actionId}`);
      const latestId = Number((await timeline(a.page).first().getAttribute('id'))?.replace('update-', ''));
      await a.step(() => timeline(a.page).first().getByRole('link', { name: /^Correct this update/ }).click());
      await b.step(() => timeline(b.page).first().getByRole('link', { name: /^Correct this update/ }).click());
      assert.equal(b.path, `/actions/${actionId}/updates/new?corrects=${latestId}`);
      await a.page.getByLabel('% complete', { exact: true }).fill('50');
      await a.step(() => a.page.getByRole('button', { name: 'Save correction' }).click());
      await b.page.getByLabel('Progress update', { exact: true }).fill('The speakers are confirmed; the venue is booked for March.');
      await b.step(() => b.page.getByRole('button', { name: 'Save correction' }).click());
      const page = b.page;
      assert.equal(await page.getByRole('heading', { level: 2, name: 'Someone else corrected this update first' }).count(), 1);
      assert.deepEqual((await errorSummary(page)).links, [[`${officerName} corrected this update before you did. Your correction has not been saved.`, '#conflict']]);
      const table = page.getByRole('table', { name: 'Their correction and yours', exact: true });
      const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
      assert.deepEqual(await cells(row('% complete')), ['% complete Different', '50%', '45%']);
      assert.deepEqual(await cells(row('Progress update')), ['Progress update Different', 'The venue is booked and the speakers confirmed.', 'The speakers are confirmed; the venue is booked for March.']);
      assert.match(await page.locator('#correctsId').innerText(), new RegExp(`by ${officerName}\\.`), 'the form now corrects their correction');
      assert.equal(await page.getByLabel('Progress update', { exact: true }).inputValue(), 'The speakers are confirmed; the venue is booked for March.', 'with your text');
      await b.step(() => page.getByRole('button', { name: 'Correct the latest version with my text' }).click());
      assert.equal(b.path, `/actions/${actionId}`);
      const [mine, theirs, original] = [timeline(page).nth(0), timeline(page).nth(1), timeline(page).nth(2)];
      assert.match(await mine.innerText(), /The speakers are confirmed; the venue is booked for March\./);
      assert.match(await mine.innerText(), new RegExp(`Corrects the update of .* by ${officerName}\\.`));
      assert.match(await theirs.innerText(), /Corrected by a later update/);
      assert.match(await original.innerText(), /Corrected by a later update/);
    });
    const versions = await services().progress.history(actor(), actionId);
    assert.equal(versions.length, start + 4);
    const corrected = versions.map((u) => u.corrects_id).filter((x) => x !== null);
    assert.equal(new Set(corrected).size, corrected.length, 'no update was corrected twice: one line of versions');
  });
});
