import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemActor } from '../../src/services/context.ts';
import { errorSummary, launchBrowser, Session, signIn, startServer, withVisitor, type TestServer, heading, flash } from './support.ts';

// Importing and exporting a plan in a real browser over the demo council, as its performance
// officer: paste a table, check the preview, read one column differently, import it into a new org
// unit and plan year, then upload a CSV into the same plan without JavaScript, and download the
// plan. Every page the journeys land on is checked with axe against WCAG 2.2 AA (see support.ts).

const NOW = new Date('2026-11-25T12:00:00Z');
const ORG = 'WCR';
const YEAR = '2025/26';
const T = '\t';

// A waste collection service's actions as copied from a Word table. "Remarks" is not a heading
// Waymark knows, so that column is not read until the officer says what it holds.
const PASTE = [
  ['Ref', 'Action', 'Owner', 'Due', 'Status', 'Remarks'].join(T),
  ['1.1 Collect every bin on the right day Why: missed bins are the commonest complaint', '', '', '', '', ''].join(T),
  ['25-WCR01', 'Move the rural rounds to a four-day week', 'Collections Manager', '31/10/2025', 'Complete', 'Rounds changed in October'].join(T),
  ['25-WCR02', 'Put tracking screens in every collection lorry', 'Fleet Manager', 'autumnish', 'In progress', 'Half the fleet done'].join(T),
  ['1.2 Recycle more of what we collect', '', '', '', '', ''].join(T),
  ['25-WCR03', 'Deliver food waste caddies to flats', 'Recycling Officer', '31 March 2026', '', ''].join(T),
].join('\n');

const CSV = ['Objective,Action code,Action,Lead officer,Due date,% complete', '"1.3 Keep bring sites tidy",25-WCR04,Empty bottle banks twice a week,Bring Sites Officer,31/01/2026,40'].join('\r\n');

let server: TestServer;
let browser: Browser;
let officer: Session | undefined;
const state: { planId?: number } = {};

const actor = () => systemActor(server.tenantId);

describe('importing and exporting plans in a browser (axe on every page)', () => {
  before(async () => {
    server = await startServer({ clock: () => NOW });
    browser = await launchBrowser();
    const account = server.accounts.find((a) => a.role === 'performance_officer');
    assert.ok(account, 'the demo has a performance officer');
    officer = await Session.open(browser, server.baseUrl, 'performance officer sign-in');
    await officer.journey('performance officer sign-in', (v) => signIn(v, account));
  });

  after(async () => {
    await officer?.close();
    await browser?.close();
    await server?.close();
  });

  test('paste a table, preview it, read a column differently and import it into a new org unit and year', async () => {
    assert.ok(officer, 'the performance officer signed in');
    await officer.journey('import a pasted table', async (v) => {
      const { page } = v;
      await v.goto('/');
      await v.step(() => page.getByRole('link', { name: 'Import a plan', exact: true }).click());
      assert.equal(v.path, '/imports/new');
      assert.equal(await heading(page), 'Import a plan');

      // Nothing chosen: the error summary links to the file field.
      await v.step(() => page.getByRole('button', { name: 'Preview the import' }).click());
      assert.deepEqual((await errorSummary(page)).links, [
        ['Choose a file to upload, or paste a table', '#file'],
        ['Choose where to import the actions', '#target'],
      ]);

      await page.getByLabel('Or paste a table').fill(PASTE);
      await page.getByLabel('What kind of file or text is it?').selectOption({ label: 'Pasted table (copied from Word, Excel or a PDF)' });
      await page.getByRole('group', { name: 'Which plan should the actions go into?' }).getByLabel('A new plan, or the plan of another service or year').check();
      await page.getByLabel('Org unit short code').fill(ORG.toLowerCase());
      await page.getByLabel('Plan year').fill(YEAR);
      // WCR is not an org unit yet: Waymark asks for the new unit's name rather than guessing one.
      await v.step(() => page.getByRole('button', { name: 'Preview the import' }).click());
      assert.deepEqual((await errorSummary(page)).links, [
        ['No org unit has the short code WCR. Check the code, or give the name of the new org unit to create it', '#newUnitName'],
      ]);
      await page.getByLabel('Or paste a table').fill(PASTE);
      await page.getByLabel('Name of the new org unit (only if the code is new)').fill('Waste Collection');
      await v.step(() => page.getByRole('button', { name: 'Preview the import' }).click());

      assert.match(v.path, /^\/imports\/[A-Za-z0-9_-]+\?target=new&orgCode=WCR&year=2025%2F26&newUnitName=Waste\+Collection$/);
      assert.match(await page.locator('.govuk-warning-text').last().innerText(), /There is no org unit with the short code WCR\. Importing will create it, named “Waste Collection”\./);
      assert.equal(await heading(page), 'Check the import');
      const summary = (await page.locator('.govuk-summary-list').innerText()).replace(/\s+/g, ' ');
      const warnings = page.getByRole('table', { name: /Things to check/ });
      // Every row is read or named: the unread column's text is a thing to check, with its lines.
      assert.equal(
        (await warnings.innerText()).replace(/\s+/g, ' '),
        'Things to check, by line of the file or table Line What Waymark found 3 Nothing is read from the column “Remarks”, so its text was left out (lines 3–4): choose a field for it in the preview if it matters 4 Could not read “autumnish” as a date',
      );
      assert.match(summary, /Objectives 2 Actions 3 Progress updates 2 Things to check 2/);
      const first = page.getByRole('region', { name: 'Actions for 1.1 Collect every bin on the right day' });
      assert.match(await first.innerText(), /25-WCR01\s+Move the rural rounds to a four-day week\s+Collections Manager\s+31 October 2025\s+Complete/);
      assert.doesNotMatch(await first.innerText(), /Rounds changed in October/, 'the Remarks column is not read yet');

      // Read the Remarks column as the progress narrative.
      const update = page.getByLabel('Column 6: Remarks');
      assert.equal(await update.inputValue(), '');
      await update.selectOption({ label: 'Progress update' });
      await v.step(() => page.getByRole('button', { name: 'Update preview' }).click());
      assert.match(v.path, /col5=narrative/);
      assert.equal(await page.getByLabel('Column 6: Remarks').inputValue(), 'narrative');
      assert.match(await page.getByRole('region', { name: 'Actions for 1.1 Collect every bin on the right day' }).innerText(), /Rounds changed in October/);
      // The target came along and can still be changed.
      assert.equal(await page.getByLabel('Org unit short code').inputValue(), ORG);
      assert.equal(await page.getByLabel('Plan year').inputValue(), YEAR);

      await v.step(() => page.getByRole('button', { name: 'Import 3 actions' }).click());
      const m = /^\/plans\/(\d+)$/.exec(v.path);
      assert.ok(m, `landed on a plan, got ${v.path}`);
      state.planId = Number(m[1]);
      const message = await flash(page);
      assert.match(message, /Imported into WCR 2025\/26\. Objectives: 2 created, 0 updated, 0 unchanged\. Actions: 3 created, 0 updated, 0 unchanged\./);
      assert.match(message, /Created org unit WCR \(Waste Collection\)/);
      assert.match(message, /Created plan year 2025\/26/);
      for (const code of ['25-WCR01', '25-WCR02', '25-WCR03']) assert.equal(await page.getByRole('link', { name: code, exact: true }).count(), 1, code);
      assert.equal(await page.getByRole('heading', { name: '1.1 Collect every bin on the right day' }).count(), 1);
    });
  });

  test('upload a CSV file into the same plan without JavaScript, then download the plan', async () => {
    const planId = state.planId;
    assert.ok(planId, 'the first journey made the plan');
    const account = server.accounts.find((a) => a.role === 'performance_officer')!;
    await withVisitor(
      browser,
      server.baseUrl,
      'upload a CSV without JavaScript',
      async (v) => {
        const { page } = v;
        await signIn(v, account);
        await v.goto(`/plans/${planId}`);
        await v.step(() => page.getByRole('link', { name: 'Import actions into this plan' }).click());
        assert.equal(await heading(page), 'Import a plan');
        assert.equal(await page.getByRole('radio', { name: 'An existing plan' }).isChecked(), true, 'this plan is chosen');

        await page.getByLabel('Upload a file').setInputFiles({ name: 'bring-sites.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
        await v.step(() => page.getByRole('button', { name: 'Preview the import' }).click());
        assert.equal(await heading(page), 'Check the import');
        assert.match((await page.locator('.govuk-summary-list').innerText()).replace(/\s+/g, ' '), /Imported from bring-sites\.csv Read as CSV Objectives 1 Actions 1/);
        await v.step(() => page.getByRole('button', { name: 'Import 1 action' }).click());
        assert.equal(v.path, `/plans/${planId}`);
        assert.match(await flash(page), /Actions: 1 created/);
        assert.equal(await page.getByRole('link', { name: '25-WCR04', exact: true }).count(), 1);

        // Downloads do not load a page: the file arrives with its own name.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
        assert.equal(download.suggestedFilename(), 'wcr-2025-26-plan.csv');
        const path = await download.path();
        const text = await import('node:fs/promises').then((fs) => fs.readFile(path, 'utf8'));
        for (const code of ['25-WCR01', '25-WCR03', '25-WCR04']) assert.match(text, new RegExp(code));
      },
      { javaScriptEnabled: false },
    );
    const actions = (await server.runtime.services.actions.forPlanYear(actor(), ORG, YEAR)).actions;
    assert.equal(actions.length, 4);
  });
});
