import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { routesOf } from '../../src/app.ts';
import { systemActor } from '../../src/services/context.ts';
import type { MailMessage } from '../../src/services/mailer.ts';
import { E2E_DEMO_PASSWORD, launchBrowser, Session, signIn, startServer, withVisitor, type TestServer, type Visitor } from './support.ts';

// Every page is seen by axe: every GET route of docs/permissions.md is opened at least once in a
// real browser, as the administrator (who may open them all) or signed out, and checked against
// WCAG 2.2 AA with no violation allowed; so are the parts of pages that only show when asked for
// (closed "details", the narrow-screen menu, a password's Show button), the pages a form reveals
// (errors, the question an approved plan asks before it changes), and the other roles' versions
// of the pages they use. The test server names the route of every response it sends; the last test
// fails if any GET route the app registers (or the document lists) was never opened as a page
// here, unless NOT_PAGES below says why it is not a page.

const NOW = new Date('2026-11-25T12:00:00Z');
const ROUTE_HEADER = 'x-waymark-test-route';
const DOC = new URL('../../docs/permissions.md', import.meta.url);

/** GET routes that are not pages a person reads in the browser, each with the reason. */
const NOT_PAGES: Record<string, string> = {
  'GET /health': 'JSON for load balancers and monitoring, not a page',
  'GET /assets/govuk-frontend.css': 'the style sheet every page loads',
  'GET /assets/govuk-frontend.min.js': 'the script every page loads',
  'GET /static/*': 'our own style sheet, script and icon, loaded by every page',
  'GET /actions/export.csv': 'a download (CSV)',
  'GET /actions/export.json': 'a download (JSON)',
  'GET /actions/export.xlsx': 'a download (Excel)',
  'GET /plans/:id/export.csv': 'a download (CSV)',
  'GET /plans/:id/export.json': 'a download (JSON)',
  'GET /plans/:id/export.xlsx': 'a download (Excel)',
  'GET /settings/audit.csv': 'a download (CSV of the audit trail)',
  'GET /reports/:id/download.docx': 'a download (Word); its accessibility is checked in src/reports/docx.test.ts',
  'GET /reports/:id/issues/:n/download.docx': 'a download (Word), the stored file of an issued version',
  'GET /reports/:id/download.xlsx': 'a download (Excel)',
  'GET /reports/:id/issues/:n/download.xlsx': 'a download (Excel), the stored file of an issued version',
  'GET /reports/:id/download.pdf': 'a download (PDF printed from the HTML checked here); without Chromium on the server its 503 page is checked in test/e2e/report-pdf.test.ts',
  'GET /reports/:id/issues/:n/download.pdf': 'a download (PDF), the stored file of an issued version',
  'GET /sso/start': 'only with single sign-on configured; a redirect to the identity provider (test/e2e/sso.test.ts follows it)',
  'GET /sso/callback': 'only with single sign-on configured; redirects once signed in, its problem page is checked in test/e2e/sso.test.ts',
};

/** The GET routes docs/permissions.md lists. */
function documentedGetRoutes(): string[] {
  const out: string[] = [];
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const m = /^\|\s*GET\s*\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m) out.push(`GET ${m[1]}`);
  }
  return out;
}

describe('every page, seen by axe', () => {
  let server: TestServer;
  let browser: Browser;
  let app: FastifyInstance | undefined;
  let admin: Session;
  const mails: MailMessage[] = [];
  /** Route pattern ("GET /plans/:id") → the statuses it answered page loads with, and one address. */
  const seen = new Map<string, { statuses: Set<number>; url: string }>();
  let revealed = 0;
  const actor = () => systemActor(server.tenantId);
  const account = (role: string) => ({ email: server.accounts.find((a) => a.role === role)!.email, password: E2E_DEMO_PASSWORD });

  /** Notes the route of every page the visitor's browser loads (main frame, GET). */
  function watch(v: Visitor): void {
    v.page.on('response', (res) => {
      const req = res.request();
      if (!req.isNavigationRequest() || req.frame() !== v.page.mainFrame() || req.method() !== 'GET') return;
      const route = res.headers()[ROUTE_HEADER];
      if (!route) return;
      const entry = seen.get(`GET ${route}`) ?? { statuses: new Set<number>(), url: new URL(res.url()).pathname };
      entry.statuses.add(res.status());
      seen.set(`GET ${route}`, entry);
    });
  }

  /**
   * Opens a page, checks its status, opens every closed <details> on it (what they hide is part of
   * the page), then runs axe on it: one check covers the page with everything shown.
   */
  async function see(v: Visitor, path: string, status = 200): Promise<void> {
    const res = await v.page.goto(v.baseUrl + path, { waitUntil: 'load' });
    assert.ok(res, `no response for ${path}`);
    assert.equal(res.status(), status, `${path} answered ${res.status()}`);
    revealed += await v.page.evaluate(() => {
      const closed = Array.from(document.querySelectorAll('details:not([open])'));
      for (const d of closed) (d as HTMLDetailsElement).open = true;
      return closed.length;
    });
    await v.expectAccessible();
  }

  /**
   * A form that changes an approved plan: it opens on the question "this starts a new version",
   * whose Continue opens the form itself (nothing is saved until the form is).
   */
  async function seeForm(v: Visitor, path: string): Promise<void> {
    await see(v, path);
    const question = v.page.getByRole('button', { name: 'Continue' });
    if (await question.count()) await v.step(() => question.first().click());
    assert.ok(await v.page.locator('form[method="post"] textarea, form[method="post"] input[type="text"]').count(), `${v.path} shows a form`);
  }

  /** The first link on the page whose address (path and query) matches `pattern`. */
  async function linkTo(v: Visitor, pattern: RegExp): Promise<string> {
    const hrefs = await v.page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const href = hrefs.find((h) => pattern.test(h));
    assert.ok(href, `${v.path} has no link matching ${pattern}`);
    return href;
  }

  before(async () => {
    server = await startServer({
      clock: () => NOW,
      mailer: { send: async (m) => void mails.push(m), close: () => undefined },
      beforeListen: (built) => {
        app = built;
        built.addHook('onSend', async (request, reply, payload) => {
          if (request.routeOptions.url) reply.header(ROUTE_HEADER, request.routeOptions.url);
          return payload;
        });
      },
    });
    browser = await launchBrowser();
    admin = await Session.open(browser, server.baseUrl, 'admin');
    watch(admin.visitor);
    await admin.journey('admin signs in', (v) => signIn(v, account('admin')));
  });

  after(async () => {
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('signed out: sign in, forgotten password, and a reset link, good and used up', async () => {
    await withVisitor(browser, server.baseUrl, 'signed out', async (v) => {
      watch(v);
      await see(v, '/sign-in');
      await see(v, '/forgotten-password');
      await v.page.getByLabel('Email address').fill(account('viewer').email);
      await v.step(() => v.page.getByRole('button', { name: 'Send the link' }).click());
      const link = mails.map((m) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean);
      assert.ok(link, 'a reset link was emailed');
      await see(v, `/reset-password/${link}`);
      // A password's Show button reveals what was typed, and says so.
      const password = v.page.locator('input.govuk-password-input__input').first();
      await password.fill('typed');
      await v.page.getByRole('button', { name: /^Show/ }).first().click();
      assert.equal(await password.getAttribute('type'), 'text');
      await v.expectAccessible();
      await see(v, '/reset-password/not-a-real-token', 410);
    });
  });

  test('home, your account and the dashboards', async () => {
    await admin.journey('home and dashboards', async (v) => {
      await see(v, '/');
      await see(v, '/account');
      await see(v, '/dashboards');
      const priority = await linkTo(v, /^\/dashboards\/priorities\/\d+/);
      const pledge = await linkTo(v, /^\/dashboards\/pledges\/\d+/);
      await see(v, priority);
      await see(v, pledge);
      await see(v, '/dashboards/my-actions');
      await see(v, '/dashboards/exceptions');
      await see(v, await linkTo(v, /^\/dashboards\/units\/\d+/));
    });
  });

  test('the corporate plan, its priorities and pledges', async () => {
    await admin.journey('corporate plan', async (v) => {
      await see(v, '/corporate-plan');
      const priority = await linkTo(v, /^\/corporate-plan\/priorities\/\d+\/edit$/);
      const pledge = await linkTo(v, /^\/corporate-plan\/pledges\/\d+\/edit$/);
      await see(v, '/corporate-plan/edit');
      await see(v, '/corporate-plan/priorities/new');
      await see(v, priority);
      await see(v, '/corporate-plan/pledges/new');
      await see(v, pledge);
    });
  });

  test('the organisation and its people', async () => {
    await admin.journey('organisation and people', async (v) => {
      await see(v, '/organisation');
      const unit = await linkTo(v, /^\/organisation\/\d+$/);
      await see(v, '/organisation/new');
      await see(v, unit);
      await see(v, `${unit}/edit`);
      await see(v, '/people');
      const person = await linkTo(v, /^\/people\/\d+$/);
      await see(v, '/people/new');
      await see(v, person);
      await see(v, `${person}/edit`);
    });
  });

  test('plan years and their reporting periods', async () => {
    await admin.journey('years', async (v) => {
      await see(v, '/years');
      const year = await linkTo(v, /^\/years\/\d+$/);
      await see(v, '/years/new');
      await see(v, year);
      await see(v, await linkTo(v, /^\/years\/\d+\/periods\/\d+\/edit$/));
    });
  });

  test('an approved plan: its parts, history, versions, and the position as known on an earlier date', async () => {
    const plan = (await server.runtime.services.plans.list(actor())).find((p) => p.orgCode === 'CEX' && p.yearLabel === '2026/27')!;
    await admin.journey('an approved plan', async (v) => {
      const { page } = v;
      await see(v, '/plans');
      await see(v, '/plans/new');
      // "Show what was known on an earlier date": opened as a person would, then the position it shows.
      assert.equal((await v.goto(`/plans/${plan.id}`)).status(), 200);
      const objective = await linkTo(v, /^\/objectives\/\d+\/edit$/);
      const goal = await linkTo(v, /^\/goals\/\d+\/edit$/);
      await page.getByText('Show what was known on an earlier date').click();
      const known = page.getByRole('group', { name: 'As known on (optional)' });
      await known.getByLabel('Day').fill('25');
      await known.getByLabel('Month').fill('11');
      await known.getByLabel('Year').fill('2026');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      assert.match(await page.getByRole('main').innerText(), /as known on 25 November 2026/);

      // Changing an approved plan asks first: each form opens on the question, then on the form itself.
      for (const form of [`/plans/${plan.id}/edit`, `/plans/${plan.id}/goals/new`, goal, `/plans/${plan.id}/objectives/new`, objective, `/plans/${plan.id}/actions/new`]) await seeForm(v, form);
      await see(v, `/plans/${plan.id}/history`);
      await see(v, objective.replace(/\/edit$/, '/history'));
      await see(v, `/plans/${plan.id}/versions`);
      await see(v, await linkTo(v, /^\/plans\/\d+\/versions\/compare\?/));
    });
  });

  test('a submitted plan: approve and return', async () => {
    const plan = (await server.runtime.services.plans.list(actor())).find((p) => p.orgCode === 'DEM' && p.yearLabel === '2026/27')!;
    await admin.journey('a submitted plan', async (v) => {
      await see(v, `/plans/${plan.id}`);
      await see(v, `/plans/${plan.id}/approve`);
      await see(v, `/plans/${plan.id}/return`);
    });
  });

  test('actions: the list, an action, its form, history and a progress update with an error revealed', async () => {
    await admin.journey('actions', async (v) => {
      const { page } = v;
      await see(v, '/actions');
      const action = await linkTo(v, /^\/actions\/\d+$/);
      await see(v, action);
      await seeForm(v, `${action}/edit`);
      await see(v, `${action}/history`);
      await see(v, `${action}/updates/new`);
      // Restricted without a category: the error the exempt-category select reveals.
      await page.getByRole('group', { name: 'Is this update restricted?' }).getByLabel('Yes, it contains exempt information').check();
      await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
      assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary shows');
    });
  });

  test('the sign-off queue', async () => {
    await admin.journey('sign-off queue', async (v) => {
      await see(v, '/updates/pending');
    });
  });

  test('the Set-up page and every settings page', async () => {
    await admin.journey('settings', async (v) => {
      for (const p of ['/setup', '/settings', '/settings/status-words', '/settings/rag', '/settings/report-style', '/settings/update-cycle']) await see(v, p);
    });
  });

  test('committees, meetings and committee reports, drafted and issued', async () => {
    const s = server.runtime.services;
    const plan = (await s.plans.list(actor())).find((p) => p.orgCode === 'CEX' && p.yearLabel === '2026/27')!;
    const committee = await s.committees.createCommittee(actor(), { name: 'Licensing Committee' });
    const meetingId = await s.committees.createMeeting(actor(), { committeeId: committee, date: '2026-12-03' });
    const input = { meetingId, template: 'half-year', asOf: '2026-10-20', planIds: [plan.id], restricted: 'no' } as const;
    const draft = await s.reports.create(actor(), { ...input, title: 'Half-year progress (draft)' });
    const issued = await s.reports.create(actor(), { ...input, title: 'Half-year progress (issued)' });
    await s.reports.issue(actor(), issued);
    await admin.journey('committees and reports', async (v) => {
      await see(v, '/committees');
      // The demo's committees have meetings, so deleting one is refused; the new one can go.
      const busy = await linkTo(v, /^\/committees\/\d+\/edit$/);
      await see(v, busy);
      await see(v, busy.replace(/\/edit$/, '/delete'));
      await see(v, `/committees/${committee}/edit`);
      await see(v, `/committees/${committee}/delete`);
      await see(v, `/committees/meetings/${meetingId}/edit`);
      await see(v, `/committees/meetings/${meetingId}/delete`);
      await see(v, '/reports');
      await see(v, '/reports/new');
      await see(v, `/reports/${draft}`);
      await see(v, `/reports/${draft}/edit`);
      await see(v, `/reports/${draft}/preview`);
      await see(v, `/reports/${draft}/history`);
      await see(v, `/reports/${issued}`);
      // The HTML files are downloads: shown in the browser as a person opening the file would see them.
      await v.page.route(/\/download\.html$/, async (route) => {
        const res = await route.fetch();
        const headers = { ...res.headers() };
        delete headers['content-disposition'];
        await route.fulfill({ response: res, headers });
      });
      try {
        await see(v, `/reports/${draft}/download.html`);
        await see(v, `/reports/${issued}/issues/1/download.html`);
      } finally {
        await v.page.unroute(/\/download\.html$/);
      }
    });
  });

  test('users and imports', async () => {
    await admin.journey('users and imports', async (v) => {
      const { page } = v;
      await see(v, '/users');
      const user = await linkTo(v, /^\/users\/\d+$/);
      await see(v, '/users/new');
      await see(v, user);
      await see(v, '/imports/new');
      await page.getByLabel('Or paste a table').fill('Ref\tAction\nEP1\tPublish the register of interests');
      await page.getByRole('group', { name: 'Which plan should the actions go into?' }).getByLabel('A new plan, or the plan of another service or year').check();
      await page.getByLabel('Org unit short code').fill('EPT');
      await page.getByLabel('Plan year').fill('2026/27');
      await page.getByLabel('Name of the new org unit (only if the code is new)').fill('Every Page Team');
      await v.step(() => page.getByRole('button', { name: 'Preview the import' }).click());
      assert.match(v.path, /^\/imports\/[^/]+$/);
      await see(v, v.path);
    });
  });

  test('forms sent empty reveal their errors: the error summary and each field’s message', async () => {
    const forms = ['/organisation/new', '/people/new', '/years/new', '/corporate-plan/priorities/new', '/corporate-plan/pledges/new', '/plans/new', '/reports/new', '/users/new', '/imports/new'];
    await admin.journey('empty forms', async (v) => {
      for (const form of forms) {
        await see(v, form);
        const send = v.page.locator('main form[method="post"]').last().locator('button:not([type="button"])').last();
        await v.step(() => send.click());
        assert.ok(await v.page.locator('.govuk-error-summary').isVisible(), `${form}: the error summary shows`);
        assert.ok(await v.page.locator('.govuk-error-message').count(), `${form}: a field says what is wrong`);
      }
    });
  });

  test('the other roles’ own versions of the pages they use, and the refusal and not-found pages', async () => {
    const s = server.runtime.services;
    const plans = await s.plans.list(actor());
    const cex = plans.find((p) => p.orgCode === 'CEX' && p.yearLabel === '2026/27')!;
    const dem = plans.find((p) => p.orgCode === 'DEM' && p.yearLabel === '2026/27')!;
    const issued = (await s.reports.list(actor())).find((r) => r.title === 'Half-year progress (issued)');
    await withVisitor(browser, server.baseUrl, 'lead officer', async (v) => {
      watch(v);
      await signIn(v, account('lead_officer'));
      await see(v, '/dashboards/my-actions');
      const mine = await linkTo(v, /^\/actions\/\d+$/);
      await see(v, mine);
      await see(v, `${mine}/updates/new`);
      await see(v, '/account');
    });
    await withVisitor(browser, server.baseUrl, 'head of service', async (v) => {
      watch(v);
      await signIn(v, account('head_of_service'));
      await see(v, '/updates/pending');
      await see(v, `/plans/${dem.id}`);
      await see(v, `/plans/${dem.id}/approve`);
    });
    await withVisitor(browser, server.baseUrl, 'viewer', async (v) => {
      watch(v);
      await signIn(v, account('viewer'));
      await see(v, '/');
      await see(v, `/plans/${cex.id}`);
      await see(v, await linkTo(v, /^\/actions\/\d+$/));
      if (issued) await see(v, `/reports/${issued.id}`);
      await see(v, '/settings/update-cycle', 403);
      await see(v, '/no-such-page', 404);
    });
  });

  test('the menu a narrow screen hides behind a button, opened', async () => {
    await withVisitor(
      browser,
      server.baseUrl,
      'admin at 360 px',
      async (v) => {
        await signIn(v, account('admin'));
        const menu = v.page.getByRole('button', { name: 'Menu' });
        assert.ok(await menu.isVisible(), 'the menu button shows at 360 px');
        await menu.click();
        assert.equal(await menu.getAttribute('aria-expanded'), 'true');
        await v.expectAccessible();
      },
      { viewport: { width: 360, height: 740 } },
    );
  });

  test('every GET route was opened as a page, or is listed as not a page with the reason', () => {
    assert.ok(app, 'the app was built');
    const registered = routesOf(app).filter((r) => r.method === 'GET').map((r) => `GET ${r.url}`);
    const documented = documentedGetRoutes();
    const all = [...new Set([...registered, ...documented])].sort();
    const opened = [...seen].filter(([, e]) => [...e.statuses].some((s) => s < 300 || s === 410)).map(([route]) => route);
    const unvisited = all.filter((r) => !opened.includes(r) && !(r in NOT_PAGES));
    assert.deepEqual(unvisited, [], `GET routes never opened in a browser here (open them in test/e2e/every-page.test.ts, or say in NOT_PAGES why they are not pages):\n${unvisited.join('\n')}`);
    const stale = Object.keys(NOT_PAGES).filter((r) => !all.includes(r));
    assert.deepEqual(stale, [], 'NOT_PAGES lists routes that no longer exist');
    const listedYetOpened = Object.keys(NOT_PAGES).filter((r) => opened.includes(r));
    assert.deepEqual(listedYetOpened, [], 'NOT_PAGES lists routes that are opened as pages');
    const pages = all.length - Object.keys(NOT_PAGES).length;
    assert.ok(pages >= 60, `${pages} pages`);
    console.log(`every page: ${opened.length} of ${all.length} GET routes opened as pages (${registered.length} registered here), ${Object.keys(NOT_PAGES).length} not pages; ${revealed} closed details opened and checked`);
  });
});
