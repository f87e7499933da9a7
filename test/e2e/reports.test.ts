import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemActor } from '../../src/services/context.ts';
import { errorSummary, fillDate, launchBrowser, Session, signIn, startServer, summaryValue, type TestServer, heading, flash } from './support.ts';

// A committee report in a real browser over the demo council, as its performance officer: add a
// committee and its meeting, create a half-year progress report on the two 2026/27 plans, preview
// it (the standalone report document is checked with axe too), issue it and download the issued
// Word file; then meet the edit form's error summary and the report style setting. Every page the journey lands on is checked with axe against WCAG 2.2 AA.

const NOW = new Date('2026-11-25T12:00:00Z');
// A committee the demo does not have (it has Policy and Resources, and Audit and Scrutiny).
const COMMITTEE = 'Corporate Services Committee';
const TITLE = 'Service plans 2026/27: progress to 30 September 2026';

let server: TestServer;
let browser: Browser;
let officer: Session | undefined;

describe('committee reports in a browser (axe on every page)', () => {
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

  test('add a committee and meeting, create a half-year report, preview it, issue it and download the issued Word file', async () => {
    assert.ok(officer, 'the performance officer signed in');
    await officer.journey('committee report', async (v) => {
      const { page } = v;
      await v.goto('/');
      await v.step(() => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click());
      assert.equal(v.path, '/reports');
      assert.equal(await heading(page), 'Committee reports');

      // The committee and its meeting.
      await v.step(() => page.getByRole('link', { name: 'Committees and meetings' }).click());
      assert.equal(await heading(page), 'Committees and meetings');
      await page.getByLabel('Committee name').fill(COMMITTEE);
      await v.step(() => page.getByRole('button', { name: 'Add committee' }).click());
      assert.equal(await flash(page), `Success Committee added: ${COMMITTEE}`);
      await page.getByLabel('Committee', { exact: true }).selectOption({ label: COMMITTEE });
      await fillDate(page, 'Date of the meeting', '10', '12', '2026');
      await v.step(() => page.getByRole('button', { name: 'Add meeting' }).click());
      assert.equal(await flash(page), 'Success Meeting added');

      // The report, for that meeting.
      await v.step(() => page.getByRole('link', { name: `Create a report for ${COMMITTEE} on 10 December 2026` }).click());
      assert.equal(await heading(page), 'Create a report');
      assert.equal(await page.getByLabel('Meeting').locator('option:checked').innerText(), `${COMMITTEE}, 10 December 2026`);
      assert.equal(await page.getByRole('radio', { name: 'Half-year progress report' }).isChecked(), true);
      await page.getByRole('checkbox', { name: /^CEX 2026\/27: / }).check();
      await page.getByRole('checkbox', { name: /^DEM 2026\/27: / }).check();
      await fillDate(page, 'As at', '30', '9', '2026');
      await page.getByLabel('Report on').fill(TITLE);
      await page.getByLabel('Reporting officer (optional)').fill('Director of Corporate Services');
      await v.step(() => page.getByRole('button', { name: 'Create report' }).click());
      const m = /^\/reports\/(\d+)$/.exec(v.path);
      assert.ok(m, `landed on the report, got ${v.path}`);
      const reportId = Number(m[1]);
      assert.equal(await heading(page), TITLE);
      assert.match(await flash(page), /Report created/);
      assert.equal((await summaryValue(page, 'Committee').innerText()).trim(), COMMITTEE);
      assert.equal((await summaryValue(page, 'As at').innerText()).trim(), '30 September 2026');
      assert.match(await page.locator('main').innerText(), /To inform members of the progress made on the 2026\/27 service plans/);

      // The preview: the report document itself.
      await v.step(() => page.getByRole('button', { name: 'Preview', exact: true }).click());
      assert.equal(v.path, `/reports/${reportId}/preview`);
      assert.equal(await heading(page), TITLE);
      assert.equal(await page.getByRole('heading', { name: '1 Purpose of the report' }).count(), 1);
      await v.goto(`/reports/${reportId}`);

      // Issue it.
      assert.match(await page.locator('.govuk-warning-text').innerText(), /An issued version is frozen/);
      await v.step(() => page.getByRole('button', { name: 'Issue this version' }).click());
      assert.equal(await flash(page), 'Success Issued version 1');
      const versions = page.getByRole('table', { name: /Issued versions of this report/ });
      assert.match((await versions.innerText()).replace(/\s+/g, ' '), /Version 1 30 September 2026 25 November 2026 at 12:00 Tom Whitfield/);

      // Download the issued Word file.
      const [download] = await Promise.all([page.waitForEvent('download'), versions.getByRole('link', { name: 'Word (.docx) of version 1' }).click()]);
      assert.equal(download.suggestedFilename(), 'service-plans-2026-27-progress-to-30-september-2026-v1.docx');
      const file = await download.path();
      const bytes = await fs.promises.readFile(file);
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a Word file is a zip');
      const stored = await server.runtime.services.reports.issuedFile(systemActor(server.tenantId), reportId, 1, 'docx');
      assert.ok(Buffer.compare(bytes, stored.body) === 0, 'the download is the stored file');

      // Editing: a restricted report needs its exempt category, and the error summary says so.
      await v.step(() => page.getByRole('button', { name: 'Edit', exact: true }).click());
      assert.equal(await heading(page), 'Edit the report');
      await page.getByRole('radio', { name: 'Yes, it contains exempt information' }).check();
      await v.step(() => page.getByRole('button', { name: 'Save report' }).click());
      assert.deepEqual((await errorSummary(page)).links, [['Select the exempt information category the restricted report relies on', '#exemptParagraph']]);

      // The council's report style is one of its settings.
      await v.goto('/settings');
      await v.step(() => page.getByRole('link', { name: 'Committee report style' }).click());
      assert.equal(await heading(page), 'Committee report style');
      assert.equal(await page.getByRole('radio', { name: 'England' }).isChecked(), true);
    });
  });

  test('correct a misspelt committee, move its meeting, then delete both after confirming', async () => {
    assert.ok(officer, 'the performance officer signed in');
    await officer.journey('committee corrections', async (v) => {
      const { page } = v;
      await v.goto('/committees');
      await page.getByLabel('Committee name').fill('Licensing Sub-Comittee');
      await v.step(() => page.getByRole('button', { name: 'Add committee' }).click());
      await page.getByLabel('Committee', { exact: true }).selectOption({ label: 'Licensing Sub-Comittee' });
      await fillDate(page, 'Date of the meeting', '14', '1', '2027');
      await v.step(() => page.getByRole('button', { name: 'Add meeting' }).click());

      // Rename: a blank name is refused with the error summary, then the right name is saved.
      await v.step(() => page.getByRole('link', { name: 'Change or delete Licensing Sub-Comittee' }).click());
      assert.equal(await heading(page), 'Change the committee');
      await page.getByLabel('Committee name').fill('');
      await v.step(() => page.getByRole('button', { name: 'Save' }).click());
      assert.equal((await errorSummary(page)).links.length, 1);
      await page.getByLabel('Committee name').fill('Licensing Sub-Committee');
      await v.step(() => page.getByRole('button', { name: 'Save' }).click());
      assert.equal(await flash(page), 'Success Committee saved: Licensing Sub-Committee');

      // Move the meeting: its date is the link to change it.
      await v.step(() => page.getByRole('link', { name: '14 January 2027', exact: true }).click());
      assert.equal(await heading(page), 'Change the meeting');
      await fillDate(page, 'Date of the meeting', '21', '1', '2027');
      await v.step(() => page.getByRole('button', { name: 'Save' }).click());
      assert.equal(await flash(page), 'Success Meeting saved');

      // A committee with a meeting cannot be deleted; the page says why.
      await v.step(() => page.getByRole('link', { name: 'Change or delete Licensing Sub-Committee' }).click());
      await v.step(() => page.getByRole('link', { name: 'Delete Licensing Sub-Committee' }).click());
      assert.equal(await heading(page), 'You cannot delete this committee');
      assert.match(await page.locator('main').innerText(), /has 1 meeting: delete (it|them) first/);

      // Delete the meeting, then the committee, each after confirming.
      await v.goto('/committees');
      await v.step(() => page.getByRole('link', { name: '21 January 2027', exact: true }).click());
      await v.step(() => page.getByRole('link', { name: /^Delete/ }).click());
      assert.match(await heading(page), /^Are you sure you want to delete/);
      await v.step(() => page.getByRole('button', { name: 'Yes, delete the meeting' }).click());
      assert.equal(await flash(page), 'Success Meeting deleted: Licensing Sub-Committee on 21 January 2027');
      await v.step(() => page.getByRole('link', { name: 'Change or delete Licensing Sub-Committee' }).click());
      await v.step(() => page.getByRole('link', { name: 'Delete Licensing Sub-Committee' }).click());
      await v.step(() => page.getByRole('button', { name: 'Yes, delete the committee' }).click());
      assert.equal(await flash(page), 'Success Committee deleted: Licensing Sub-Committee');
      assert.equal(await page.getByRole('link', { name: 'Change or delete Licensing Sub-Committee' }).count(), 0);
      assert.equal(await page.getByLabel('Committee', { exact: true }).locator('option', { hasText: 'Licensing' }).count(), 0);
    });
  });
});
