import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import axe, { type Result } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, type Response } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { buildRuntime, type Runtime } from '../../src/composition.ts';
import type { OidcConfig } from '../../src/config.ts';
import type { Mailer } from '../../src/services/mailer.ts';
import { loadDemo, type DemoAccountCredentials } from '../../src/services/demo.ts';

// End-to-end support: Waymark over a fresh SQLite file with the demo council, a real (Debian)
// Chromium, and a Visitor that runs axe-core on every page it lands on, so no journey can forget to.

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// How long one navigation (a click, a form submit) may take before the step fails.
const STEP_TIMEOUT_MS = 10_000;

/** The password every demo account gets in these tests (outside tests the demo's passwords are random). */
export const E2E_DEMO_PASSWORD = 'e2e-demo-password';

export interface TestServer {
  baseUrl: string;
  /** The demo sign-in accounts (password E2E_DEMO_PASSWORD); the first is the administrator. */
  accounts: DemoAccountCredentials[];
  /** The demo council, for checking what was (or was not) saved through the services. */
  tenantId: number;
  runtime: Runtime;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Waymark's clock (what "today" is, and so the demo's current plan year); the real clock by default. */
  clock?: () => Date;
  /** Single sign-on settings (config.oidc): without them, Waymark has no SSO. */
  oidc?: OidcConfig;
  /** The port to listen on (127.0.0.1); any free one by default. SSO needs it known in advance, for the redirect URL. */
  port?: number;
  /** Sends Waymark's emails (password reset links, reminders); by default they go nowhere. */
  mailer?: Mailer;
  /** Called with the built app before it listens: for hooks a test adds to watch requests. */
  beforeListen?: (app: FastifyInstance) => void | Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const filename = path.join(os.tmpdir(), `waymark-e2e-${process.pid}-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  const removeFiles = async () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await fs.promises.rm(filename + suffix, { force: true });
  };
  const runtime = await buildRuntime(
    { dialect: 'sqlite', filename },
    { ...(options.clock ? { clock: options.clock } : {}), ...(options.oidc ? { sso: options.oidc } : {}), ...(options.mailer ? { mailer: options.mailer } : {}) },
  );
  try {
    const { accounts, tenantId } = await loadDemo(runtime.services, { password: E2E_DEMO_PASSWORD });
    const app = await buildApp({ services: runtime.services, logLevel: 'silent' });
    await options.beforeListen?.(app);
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      accounts,
      tenantId,
      runtime,
      close: async () => {
        await app.close();
        await runtime.close();
        await removeFiles();
      },
    };
  } catch (err) {
    await runtime.close();
    await removeFiles();
    throw err;
  }
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launches the installed Chromium. Never downloads a browser; fails (never skips) when there is none. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `End-to-end tests need Chromium at ${executablePath}, and it is not there. ` +
        'Install it with `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** An axe result written for a person: rule, what it means, and where. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map(String).join(' >> ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Every page any Visitor checked in this process, for the summary. */
export const checkedPages: string[] = [];

/**
 * Runs axe-core (WCAG 2.2 AA tags, every rule with them) on a page that can run scripts.
 *
 * This is what AxeBuilder from @axe-core/playwright does in its legacy mode (inject axe-core, then
 * `axe.run` on the document), done directly because AxeBuilder costs two to three times as much per
 * page: it injects the 550 kB axe source twice for every check, and in its default mode also opens
 * a blank page for every check to merge results from cross-origin iframes. Waymark has no iframes;
 * should one appear, this fails rather than leave it unchecked.
 */
async function runAxe(page: Page): Promise<Result[]> {
  const frames = page.frames();
  if (frames.length > 1) {
    throw new Error(`${page.url()} has ${frames.length - 1} iframe(s), which this check does not reach: check them with AxeBuilder from @axe-core/playwright.`);
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    // resultTypes: every violation is still reported in full; passes and the rest keep one node
    // each, which spares axe building selectors for every node of a large page (its own advice).
    const results = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, WCAG_TAGS);
}

/**
 * Checks pages that cannot run scripts. axe is JavaScript, and a context made with
 * `javaScriptEnabled: false` cannot run it (it waits for timers that never fire), so each page
 * is copied, exactly as the script-less browser rendered it, into a page of a separate context
 * that may run axe but loads no page scripts: the DOM axe sees is the DOM the visitor saw.
 */
class ScriptlessAuditor {
  private html = '';

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  static async open(browser: Browser, options: BrowserContextOptions): Promise<ScriptlessAuditor> {
    const context = await browser.newContext({ ...options, javaScriptEnabled: true });
    const page = await context.newPage();
    const auditor = new ScriptlessAuditor(context, page);
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest()) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: auditor.html });
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    return auditor;
  }

  async check(page: Page): Promise<Result[]> {
    this.html = await page.content();
    const url = new URL(page.url());
    url.hash = '';
    await this.page.goto(url.toString(), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    return runAxe(this.page);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/**
 * A person using Waymark in one browser context. Every main-frame page load is recorded, and
 * `goto` and `step` run axe on the page they end on; `assertAllChecked` (called at the end of every
 * journey by Session and withVisitor) fails if any page was loaded without being checked.
 */
export class Visitor {
  private readonly loads: string[] = [];
  private readonly checked = new Set<number>();

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    public label: string,
    private readonly audit: (page: Page) => Promise<Result[]> = runAxe,
  ) {
    page.on('load', () => this.loads.push(page.url()));
  }

  /** The current path and query, without the origin. */
  get path(): string {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }

  /** Opens a path and checks the page it ends on (after any redirect); returns the page's response. */
  async goto(pathname: string): Promise<Response> {
    const response = await this.page.goto(this.baseUrl + pathname, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    if (!response) throw new Error(`${this.label}: no response for ${pathname}`);
    await this.expectAccessible();
    return response;
  }

  /** Does something that loads a new page (a click, Enter in a form), waits for it, then checks it. */
  async step(action: () => Promise<unknown>): Promise<void> {
    const before = this.loads.length;
    const loaded = this.page.waitForEvent('load', { timeout: STEP_TIMEOUT_MS });
    await action();
    await loaded;
    if (this.loads.length === before) throw new Error(`${this.label}: the step did not load a new page`);
    await this.expectAccessible();
  }

  /** Runs axe (WCAG 2.2 AA) on the current page; any violation fails with a readable list. */
  async expectAccessible(): Promise<void> {
    const violations = await this.audit(this.page);
    if (violations.length) {
      throw new Error(`${this.label}: accessibility violations on ${this.path}:\n${describeViolations(violations)}`);
    }
    this.checked.add(this.loads.length - 1);
    checkedPages.push(`${this.label} ${this.path}`);
  }

  /** How many pages this visitor has loaded so far. */
  get loadCount(): number {
    return this.loads.length;
  }

  /** Fails if any page loaded since load number `from` was not checked. */
  assertAllChecked(from = 0): void {
    const unchecked = this.loads.filter((_, i) => i >= from && !this.checked.has(i));
    if (unchecked.length) throw new Error(`${this.label}: pages loaded without an accessibility check:\n  ${unchecked.join('\n  ')}`);
  }

  /** Presses Tab until `target` has focus: keyboard-only journeys never click. */
  async tabTo(target: Locator, maxPresses = 80): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`${this.label}: could not reach ${String(target)} with the Tab key in ${maxPresses} presses`);
  }
}

/**
 * A browser context with one Visitor in it. Journeys run through the same session in turn share
 * its cookies (a signed-in session) and its warmed-up browser; each journey ends by checking that
 * every page it loaded passed axe. With `{ javaScriptEnabled: false }` the visitor has no
 * JavaScript at all.
 */
export class Session {
  private constructor(
    readonly visitor: Visitor,
    private readonly context: BrowserContext,
    private readonly auditor: ScriptlessAuditor | null,
  ) {}

  static async open(browser: Browser, baseUrl: string, label: string, options: BrowserContextOptions = {}): Promise<Session> {
    const contextOptions: BrowserContextOptions = { locale: 'en-GB', timezoneId: 'Europe/London', ...options };
    const context = await browser.newContext(contextOptions);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    let auditor: ScriptlessAuditor | null = null;
    try {
      if (options.javaScriptEnabled === false) auditor = await ScriptlessAuditor.open(browser, contextOptions);
      const page = await context.newPage();
      const check = auditor;
      return new Session(new Visitor(page, baseUrl, label, check ? (p) => check.check(p) : runAxe), context, auditor);
    } catch (err) {
      await context.close();
      await auditor?.close();
      throw err;
    }
  }

  /** Runs one journey, then fails if it loaded any page that axe did not check. */
  async journey(label: string, journey: (v: Visitor) => Promise<void>): Promise<void> {
    const v = this.visitor;
    v.label = label;
    const from = v.loadCount;
    await journey(v);
    v.assertAllChecked(from);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.auditor?.close();
  }
}

/** Runs `journey` as a fresh visitor (own cookies, own context), closed afterwards whatever happened. */
export async function withVisitor(
  browser: Browser,
  baseUrl: string,
  label: string,
  journey: (v: Visitor) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const session = await Session.open(browser, baseUrl, label, options);
  try {
    await session.journey(label, journey);
  } finally {
    await session.close();
  }
}

/** Signs in through the sign-in form, starting from wherever the visitor is. */
export async function signIn(v: Visitor, account: { email: string; password: string }): Promise<void> {
  if (!v.path.startsWith('/sign-in')) await v.goto('/sign-in');
  await v.page.getByLabel('Email address').fill(account.email);
  await v.page.getByLabel('Password').fill(account.password);
  await v.step(() => v.page.getByRole('button', { name: 'Sign in' }).click());
}

/** The value cell of a GOV.UK summary-list row, found by its key. */
export function summaryValue(page: Page, key: string): Locator {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) }) })
    .locator('dd.govuk-summary-list__value');
}

/** Fills the Day, Month and Year boxes of the date input whose fieldset legend is `legend`. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string): Promise<void> {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

/** What a date input shows, as [day, month, year]. */
export async function dateShown(page: Page, legend: string): Promise<string[]> {
  const group = page.getByRole('group', { name: legend, exact: true });
  return Promise.all(['Day', 'Month', 'Year'].map((part) => group.getByLabel(part).inputValue()));
}

/** The GOV.UK error summary: its title and its links as [text, href]. */
export async function errorSummary(page: Page): Promise<{ title: string; links: [string, string][] }> {
  const summary = page.locator('.govuk-error-summary');
  const title = (await summary.locator('.govuk-error-summary__title').innerText()).trim();
  const links: [string, string][] = [];
  for (const link of await summary.getByRole('link').all()) links.push([(await link.innerText()).trim(), (await link.getAttribute('href')) ?? '']);
  return { title, links };
}

/** The text of the page's one <h1>. */
export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/** The notification banner's text, whitespace collapsed. */
export async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ').trim();
}
