import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemActor } from '../../src/services/context.ts';
import { E2E_DEMO_PASSWORD, launchBrowser, signIn, startServer, withVisitor, type TestServer, type Visitor } from './support.ts';

// On a 360-pixel-wide phone no page scrolls sideways (WCAG 2.2 reflow, 1.4.10): wide tables scroll
// inside their own labelled region, never the page. Checked for an administrator, a lead officer and
// a councillor on the pages they use most, including the three that used to overflow (home, my
// actions, exceptions).

const WIDTH = 360;

/** How far the page is wider than the window, and the widest thing sticking out, for a readable failure. */
async function overflow(v: Visitor): Promise<{ scrollWidth: number; culprit: string }> {
  return v.page.evaluate((width) => {
    const doc = document.documentElement;
    let culprit = '';
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && !el.closest('[role="region"][tabindex]')) {
        culprit = `${el.tagName.toLowerCase()}.${(el.className || '').toString().split(' ').join('.')} (right edge ${Math.round(r.right)})`;
        break;
      }
    }
    return { scrollWidth: doc.scrollWidth, culprit };
  }, WIDTH);
}

describe('narrow screens', () => {
  let server: TestServer;
  let browser: Browser;
  const account = (role: string) => ({ email: server.accounts.find((a) => a.role === role)!.email, password: E2E_DEMO_PASSWORD });

  before(async () => {
    server = await startServer({ clock: () => new Date('2026-11-25T12:00:00Z') });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fits the main menu on one line at 1280 px (administrator, the longest menu)', async () => {
    await withVisitor(
      browser,
      server.baseUrl,
      'admin at 1280 px',
      async (v) => {
        await signIn(v, account('admin'));
        await v.goto('/');
        const tops = await v.page.locator('.govuk-service-navigation__item').evaluateAll((items) => items.map((el) => Math.round(el.getBoundingClientRect().top)));
        assert.equal(tops.length, 7, 'Home, Dashboards, Plans, Actions, Sign-off, Reports, Set-up');
        assert.equal(new Set(tops).size, 1, `one line: tops ${tops.join(', ')}`);
      },
      { viewport: { width: 1280, height: 800 } },
    );
  });

  for (const role of ['admin', 'lead_officer', 'viewer']) {
    it(`no page scrolls sideways at ${WIDTH} px (${role})`, async () => {
      const plans = await server.runtime.services.plans.list(systemActor(server.tenantId));
      const plan = plans.find((p) => p.orgCode === 'CEX' && p.yearLabel === '2026/27')!;
      await withVisitor(
        browser,
        server.baseUrl,
        `${role} at ${WIDTH} px`,
        async (v) => {
          await signIn(v, account(role));
          const pages = ['/', '/dashboards/my-actions', '/dashboards/exceptions', '/dashboards', '/plans', `/plans/${plan.id}`, '/actions'];
          const wide: string[] = [];
          for (const p of pages) {
            await v.goto(p);
            const o = await overflow(v);
            if (o.scrollWidth > WIDTH) wide.push(`${p}: ${o.scrollWidth} px wide; ${o.culprit}`);
          }
          assert.deepEqual(wide, []);
        },
        { viewport: { width: WIDTH, height: 740 } },
      );
    });
  }
});
