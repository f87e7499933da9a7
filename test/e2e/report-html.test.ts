import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import axe, { type Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { renderReportHtml } from '../../src/reports/html.ts';
import { sampleReportModel } from '../support/report-model.ts';
import { describeViolations, launchBrowser, WCAG_TAGS } from './support.ts';

// The committee report's HTML in a real Chromium, checked by axe-core against the WCAG 2.0, 2.1
// and 2.2 A and AA rules with zero violations allowed, on screen and as printed (the PDF is
// printed from this document).

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function axeViolations(page: Page): Promise<Result[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const results = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, WCAG_TAGS);
}

async function check(html: string, media: 'screen' | 'print', width = 1024): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 800 }, javaScriptEnabled: true });
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media });
    await page.setContent(html, { waitUntil: 'load' });
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `accessibility violations (${media}, ${width}px):\n${describeViolations(violations)}`);
  } finally {
    await context.close();
  }
}

describe('committee report HTML in Chromium', () => {
  test('a draft report passes axe (WCAG 2.2 AA) on screen and in print', async () => {
    const html = renderReportHtml(sampleReportModel());
    await check(html, 'screen');
    await check(html, 'print');
  });

  test('an issued, restricted report with plain numbering passes axe on a narrow screen', async () => {
    await check(renderReportHtml(sampleReportModel({ issued: true, restricted: true, numbering: 'plain', actions: 40 })), 'screen', 360);
  });

  test('the traffic lights and the numbers read as text, not only as colour', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.setContent(renderReportHtml(sampleReportModel()), { waitUntil: 'load' });
      const red = page.locator('.rag-red').first();
      assert.equal((await red.innerText()).replace(/\s+/g, ' ').trim(), '✖ Red');
      assert.equal(await red.locator('.rag-symbol').getAttribute('aria-hidden'), 'true');
      const charts = page.getByRole('img');
      assert.equal(await charts.count(), 2);
      assert.match((await charts.first().getAttribute('aria-labelledby')) ?? '', /title/);
      assert.ok(await page.getByRole('table', { name: /Traffic lights by service/ }).isVisible());
    } finally {
      await context.close();
    }
  });
});
