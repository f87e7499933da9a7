import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { formatUkDate } from '../../src/domain/dates.ts';
import { RAG_LABELS, RAG_SYMBOLS, RAGS, type Rag } from '../../src/domain/rag.ts';
import { systemActor } from '../../src/services/context.ts';
import type { PositionRow } from '../../src/services/dashboards.ts';
import { checkedPages, dateShown, errorSummary, fillDate, launchBrowser, Session, signIn, startServer, summaryValue, withVisitor, WCAG_TAGS, type TestServer, type Visitor, heading } from './support.ts';

// Progress in a real browser over the demo council, with Waymark's clock fixed at 25 November 2026:
// the demo then has the 2026/27 business plan of the Chief Executive's Department (CEX) with updates
// for quarters 1 and 2, and its dashboards show the traffic lights. A lead officer records, corrects
// and overrides progress updates (with JavaScript, without it, and by keyboard alone), reads the
// dashboards and positions as at other dates; an administrator changes the status words, the
// traffic-light thresholds and a reporting period's update window. Every page any journey lands on
// is checked with axe against WCAG 2.2 AA (see support.ts).
//
// What to expect is read from the services (which action is red, what it is expected to be at) so
// the journeys follow the demo data rather than repeat it; the journeys run in order.

const NOW = new Date('2026-11-25T12:00:00Z');
const TODAY = '2026-11-25';
const TODAY_WORDS = '25 November 2026';
const YEAR = '2026/27';
const PLAN_TITLE = "Chief Executive's Department Business Plan 2026/27";
const DIRECTORATE = "Chief Executive's Department";
// A service under the directorate with a 2026/27 plan of its own.
const SERVICE_OPTION = '– Democratic Services';
const SERVICE = 'Democratic Services';

let server: TestServer;
let browser: Browser;
/** The demo lead officer (Daniel Okafor) and the demo administrator, each signed in once. */
let lead: Session | undefined;
let admin: Session | undefined;

interface Chosen {
  id: number;
  code: string;
  /** % complete expected today. */
  expected: number;
}
const ids: { plan?: number; year?: number; cex?: number; service?: number; leadJobTitle?: string } = {};
/** Actions of the 2026/27 CEX plan: one red the lead officer leads, two more for the other journeys. */
const chosen: { main?: Chosen; noScript?: Chosen; keyboard?: Chosen } = {};

const actor = () => systemActor(server.tenantId);
const services = () => server.runtime.services;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`before() did not find ${what}; see its failure above.`);
  return value;
}

/** The position of an action as the services see it, as at a date. */
async function positionOf(actionId: number, asOf = TODAY) {
  const { action } = await services().actions.detail(actor(), actionId);
  const [p] = await services().progress.positions(actor(), [action], asOf);
  return p!;
}

async function caption(page: Page): Promise<string> {
  return (await page.locator('.govuk-caption-l').innerText()).trim();
}

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim();
}

/** A traffic light as people read it: the word (the symbol beside it is decorative). */
const word = (rag: Rag) => RAG_LABELS[rag];
const lightPattern = (rag: Rag) => new RegExp(`(^|\\s)${word(rag)}(\\s|$)`);

/** The table row whose row header is `name` (an action code, a directorate). */
function rowOf(table: Locator, name: string): Locator {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });
}

/** The cells of a row under the table's column headers, as { header: text }. */
async function cellsByHeader(table: Locator, row: Locator): Promise<Record<string, string>> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
  const cells = (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
  return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
}

/** The "Progress updates" timeline on an action page, newest first. */
function timeline(page: Page): Locator {
  return page.getByRole('region', { name: 'Progress updates' }).getByRole('listitem');
}

/** Fills the progress update form. */
async function fillUpdate(page: Page, u: { status: string; percent: string; narrative: string; next?: string }): Promise<void> {
  await page.getByRole('group', { name: 'Status', exact: true }).getByLabel(u.status, { exact: true }).check();
  await page.getByLabel('% complete', { exact: true }).fill(u.percent);
  await page.getByLabel('Progress update', { exact: true }).fill(u.narrative);
  if (u.next !== undefined) await page.getByLabel('Key actions remaining', { exact: true }).fill(u.next);
}

async function historyLength(actionId: number): Promise<number> {
  return (await services().progress.history(actor(), actionId)).length;
}

/** % complete that makes an action green today, and one that makes it amber (thresholds 90% and 70%). */
const greenPercent = (c: Chosen) => String(Math.min(100, Math.ceil(c.expected)));
const amberPercent = (c: Chosen) => String(Math.round(c.expected * 0.8));

function asLead(label: string, journey: (v: Visitor) => Promise<void>) {
  if (!lead) throw new Error('The lead officer did not sign in; see the failure in before().');
  return lead.journey(label, journey);
}

function asAdmin(label: string, journey: (v: Visitor) => Promise<void>) {
  if (!admin) throw new Error('The administrator did not sign in; see the failure in before().');
  return admin.journey(label, journey);
}

describe('progress in a browser (axe on every page)', () => {
  before(async () => {
    server = await startServer({ clock: () => NOW });
    browser = await launchBrowser();
    const s = services();

    const plan = (await s.plans.list(actor())).find((p) => p.title === PLAN_TITLE);
    assert.ok(plan, `the demo has ${PLAN_TITLE} when today is ${TODAY_WORDS}`);
    ids.plan = plan.id;
    ids.year = (await s.years.list(actor())).find((y) => y.label === YEAR)?.id;
    const units = await s.organisation.units(actor());
    ids.cex = units.find((u) => u.name === DIRECTORATE)?.id;
    ids.service = units.find((u) => u.name === SERVICE)?.id;

    const leadAccount = server.accounts.find((a) => a.role === 'lead_officer')!;
    const person = (await s.organisation.people(actor())).find((p) => p.name === leadAccount.name);
    assert.ok(person, 'the demo lead officer is in People');
    ids.leadJobTitle = person.job_title ?? undefined;
    const { positions } = await s.dashboards.scope(actor(), TODAY, { plan: plan.id });
    const live = (p: PositionRow) => ['green', 'amber', 'red'].includes(p.result.rag) && !p.result.overdue && p.result.percentComplete !== null;
    const toChosen = (p: PositionRow | undefined): Chosen | undefined => p && { id: p.action.id, code: p.action.code, expected: p.result.expectedPercent ?? 0 };
    const mine = positions.filter((p) => p.action.leads.some((l) => l.id === person.id));
    // Red, compared with real expected progress, so a new % can make it green and then amber.
    const main = mine.find((p) => p.result.rag === 'red' && live(p) && (p.result.expectedPercent ?? 0) >= 30);
    chosen.main = toChosen(main);
    const noScript = mine.find((p) => p !== main && live(p) && (p.result.expectedPercent ?? 0) >= 30);
    chosen.noScript = toChosen(noScript);
    // A lead officer records updates only on the actions they lead: another of theirs, still open and not overdue.
    const open = (p: PositionRow) => !['complete', 'closed'].includes(p.result.rag) && !p.result.overdue;
    chosen.keyboard = toChosen(mine.find((p) => p !== main && p !== noScript && open(p) && (p.result.expectedPercent ?? 0) >= 30));
    assert.ok(chosen.main && chosen.noScript && chosen.keyboard, 'the demo plan has the actions these journeys need');

    lead = await Session.open(browser, server.baseUrl, 'lead officer sign-in');
    await lead.journey('lead officer sign-in', async (v) => {
      await signIn(v, leadAccount);
      assert.equal(v.path, '/');
    });
    admin = await Session.open(browser, server.baseUrl, 'admin sign-in');
    await admin.journey('admin sign-in', async (v) => {
      await signIn(v, server.accounts[0]!);
      assert.equal(v.path, '/');
    });
  });

  after(async () => {
    await lead?.close();
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('dashboards: the council, a directorate, an as-at date (refused outside every year), a priority and a pledge', async () => {
    const s = services();
    const council = await s.dashboards.council(actor(), undefined);
    assert.equal(council.asOf, TODAY);
    await asLead('dashboards', async (v) => {
      const { page } = v;
      await v.goto('/dashboards');
      assert.equal(await heading(page), 'Council dashboard');
      assert.equal(await caption(page), `${YEAR} · position as at ${TODAY_WORDS}`);

      // The headline: every traffic light as a word, with its count. Worked out by hand in
      // src/services/reports.test.ts (the demo as at 25 November 2026): CEX green 9, amber 7, red 10,
      // complete 12, closed 6, not updated 2; DEM amber 2, red 1, complete 3 — 52 actions. Updates
      // awaiting sign-off count here (officers see the position as recorded; only a returned one does not).
      const HAND: Record<Rag, number> = { green: 9, amber: 9, red: 11, complete: 15, closed: 6, not_updated: 2, not_due: 0 };
      const counts = page.getByRole('list').filter({ has: page.locator('.waymark-rag-count') }).getByRole('listitem');
      assert.deepEqual(
        (await counts.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
        RAGS.map((r) => `${HAND[r]} ${RAG_SYMBOLS[r]} ${word(r)}`),
      );

      // Each chart is an image with a name, beside a table of the same numbers.
      for (const title of ['Actions by directorate', 'Actions by service', 'Actions by stage']) {
        assert.equal(await page.getByRole('img', { name: new RegExp(`^${title} `) }).count(), 1, `${title} is one named image`);
        assert.equal(await page.getByRole('table', { name: `${title}: the numbers`, exact: true }).count(), 1, `${title} has its table`);
      }
      const byDirectorate = page.getByRole('table', { name: 'Actions by directorate: the numbers', exact: true });
      // Both 2026/27 plans (CEX and Democratic Services, under it) are the directorate's.
      const cells = await cellsByHeader(byDirectorate, rowOf(byDirectorate, DIRECTORATE));
      assert.deepEqual(cells, {
        Directorate: DIRECTORATE,
        ...Object.fromEntries(RAGS.map((r) => [word(r), String(HAND[r])])),
        Total: '52',
      });

      // Down to the directorate.
      await v.step(() => rowOf(byDirectorate, DIRECTORATE).getByRole('link', { name: DIRECTORATE }).click());
      assert.equal(v.path, `/dashboards/units/${need(ids.cex, 'the CEX directorate')}`);
      assert.equal(await heading(page), DIRECTORATE);
      assert.match(await caption(page), new RegExp(`^Directorate.* · ${YEAR} · position as at ${TODAY_WORDS}$`));
      assert.equal(await page.getByRole('img', { name: new RegExp(`^Actions by unit within ${DIRECTORATE} `) }).count(), 1);
      const byPlan = page.getByRole('table', { name: 'Actions by plan: the numbers', exact: true });
      assert.equal(await rowOf(byPlan, PLAN_TITLE).count(), 1, 'the plan has a row of its own');
      const main = need(chosen.main, 'the main action');
      const mainNow = await positionOf(main.id);
      const actionsTable = page.getByRole('table', { name: new RegExp(`^\\d+ actions as at ${TODAY_WORDS}$`) });
      const mainCells = await cellsByHeader(actionsTable, rowOf(actionsTable, main.code));
      assert.match(mainCells['Traffic light']!, lightPattern(mainNow.result.rag));
      assert.equal(mainCells['Explanation'], mainNow.result.explanation);

      // Back to the council; a date outside every plan year is refused, with the date kept.
      await v.step(() => page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Dashboards' }).click());
      assert.equal(v.path, '/dashboards');
      await fillDate(page, 'Position as at', '1', '1', '2030');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.equal(summary.links.length, 1);
      assert.match(summary.links[0]![0], /^As-at date 1 January 2030 is outside every plan year: choose a date inside one of .*2026\/27 \(1 April 2026 to 31 March 2027\)/);
      assert.equal(summary.links[0]![1], '#asOf-day');
      assert.match(await page.locator('#asOf-error').innerText(), /outside every plan year/);
      assert.deepEqual(await dateShown(page, 'Position as at'), ['1', '1', '2030']);
      assert.match(await page.title(), /^Error: /);

      // As at the end of Quarter 2, as known on its due date (14 October): the updates written on
      // 15 and 16 October are not in yet, and no deadline had passed (worked out in reports.test.ts).
      await fillDate(page, 'Position as at', '30', '9', '2026');
      await page.getByText('Show what was known on an earlier date').click();
      await fillDate(page, 'As known on (optional)', '14', '10', '2026');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      assert.equal(await caption(page), `${YEAR} · position as at 30 September 2026, as known on 14 October 2026`);
      const known: Record<Rag, number> = { green: 18, amber: 5, red: 11, complete: 13, closed: 5, not_updated: 0, not_due: 0 };
      assert.deepEqual(
        (await counts.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
        RAGS.map((r) => `${known[r]} ${RAG_SYMBOLS[r]} ${word(r)}`),
      );
      assert.deepEqual(await dateShown(page, 'As known on (optional)'), ['14', '10', '2026']);
      await fillDate(page, 'As known on (optional)', '', '', '');

      // 30 September 2018: the 2018/19 position. The same two plans: 46 + 6 actions, all in the directorate.
      await fillDate(page, 'Position as at', '30', '9', '2018');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      assert.equal(await caption(page), '2018/19 · position as at 30 September 2018');
      assert.match(await page.locator('.waymark-headline').innerText(), /^52 actions in 2018\/19 plans/);
      const thenTable = page.getByRole('table', { name: 'Actions by directorate: the numbers', exact: true });
      assert.equal((await cellsByHeader(thenTable, rowOf(thenTable, DIRECTORATE)))['Total'], '52');

      // A corporate priority and a pledge that 2018/19 actions serve; their links keep the date.
      const corporate = await s.corporate.overview(actor());
      let priority: { id: number; title: string; total: number } | undefined;
      for (const p of corporate.flatPriorities) {
        const total = (await s.dashboards.byService(actor(), '2018-09-30', { priority: p.id })).rollup.total;
        if (total > 0) {
          priority = { id: p.id, title: p.title, total };
          break;
        }
      }
      let pledge: { id: number; number: number; total: number } | undefined;
      for (const p of corporate.pledges) {
        const total = (await s.dashboards.byService(actor(), '2018-09-30', { pledge: p.id })).rollup.total;
        if (total > 0) {
          pledge = { id: p.id, number: p.number, total };
          break;
        }
      }
      assert.ok(priority && pledge, 'some 2018/19 actions serve a corporate priority and a pledge');
      const pledgeLink = page.getByRole('main').getByRole('link', { name: `Pledge ${pledge.number}`, exact: true });
      const pledgeHref = await pledgeLink.getAttribute('href');
      assert.equal(pledgeHref, `/dashboards/pledges/${pledge.id}?asOf=2018-09-30`);

      await v.step(() => page.getByRole('main').getByRole('link', { name: priority.title, exact: true }).click());
      assert.equal(v.path, `/dashboards/priorities/${priority.id}?asOf=2018-09-30`);
      assert.equal(await heading(page), priority.title);
      assert.equal(await caption(page), 'Corporate priority · 2018/19 · position as at 30 September 2018');
      assert.equal(await page.getByRole('img', { name: new RegExp(`^Actions for ${priority.title} by service `) }).count(), 1);
      assert.equal(await page.getByRole('table', { name: `Actions for ${priority.title} by service: the numbers`, exact: true }).count(), 1);
      assert.equal(await page.getByRole('table', { name: `${priority.total} action${priority.total === 1 ? '' : 's'} as at 30 September 2018`, exact: true }).count(), 1);

      await v.goto(pledgeHref);
      assert.equal(await heading(page), `Pledge ${pledge.number}`);
      assert.equal(await caption(page), 'Pledge · 2018/19 · position as at 30 September 2018');
      assert.equal(await page.getByRole('img', { name: new RegExp(`^Actions for Pledge ${pledge.number} by service `) }).count(), 1);
      assert.equal(await page.getByRole('table', { name: `${pledge.total} action${pledge.total === 1 ? '' : 's'} as at 30 September 2018`, exact: true }).count(), 1);
    });
  });

  test('record a progress update: % over 100 is refused; saved, corrected and overridden, each recomputing the traffic light', async () => {
    const main = need(chosen.main, 'the main action');
    const planId = need(ids.plan, 'the plan');
    const before = await positionOf(main.id);
    const green = greenPercent(main);
    const amber = amberPercent(main);
    await asLead('record update', async (v) => {
      const { page } = v;
      // The plan, its Progress column as at today and as at the end of quarter 2.
      await v.goto('/plans');
      await v.step(() => page.getByRole('link', { name: PLAN_TITLE, exact: true }).click());
      assert.equal(v.path, `/plans/${planId}`);
      assert.match(await page.getByRole('main').innerText(), new RegExp(`The Progress column shows each action's traffic light as at ${TODAY_WORDS}\\.`));
      const mainRow = () => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: main.code, exact: true }) });
      const progressCell = async () => (await mainRow().getByRole('cell').last().innerText()).trim();
      assert.match(await progressCell(), lightPattern(before.result.rag));
      assert.match(await progressCell(), new RegExp(`${before.result.percentComplete}% complete`));
      const atQ2 = await positionOf(main.id, '2026-09-30');
      await fillDate(page, 'Position as at', '30', '9', '2026');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      assert.match(await page.getByRole('main').innerText(), /The Progress column shows each action's traffic light as at 30 September 2026\./);
      assert.match(await progressCell(), lightPattern(atQ2.result.rag));

      await v.step(() => mainRow().getByRole('link', { name: main.code, exact: true }).click());
      assert.equal(v.path, `/actions/${main.id}`);
      assert.equal(await page.getByRole('heading', { level: 2, name: `Position as at ${TODAY_WORDS}` }).count(), 1);
      const light = summaryValue(page, 'Traffic light');
      assert.match(await light.innerText(), lightPattern(before.result.rag));
      assert.ok((await light.innerText()).includes(before.result.explanation), 'the traffic light is explained in a sentence');
      const updatesBefore = await historyLength(main.id);
      assert.equal(await timeline(page).count(), updatesBefore);

      // The form: the reporting period to use is chosen, and the date is today.
      const periods = await services().progress.periodsFor(actor(), main.id);
      const period = periods.periods.find((p) => p.id === periods.suggestedPeriodId)!;
      await v.step(() => page.getByRole('button', { name: 'Record a progress update' }).click());
      assert.equal(v.path, `/actions/${main.id}/updates/new`);
      assert.equal(await heading(page), 'Record a progress update');
      const periodSelect = page.getByLabel('Reporting period');
      assert.equal(await periodSelect.inputValue(), String(period.id), `${period.label} is suggested`);
      // 25 November 2026: Quarter 3's window opens only on 18 December (13 days before it ends), so it is proposed as not open yet.
      assert.match(await periodSelect.locator('option:checked').innerText(), new RegExp(`^${period.label.replace(/[()]/g, '\\$&')}, opens for updates on 18 December 2026, due by ${formatUkDate(period.due_on)} \\(not open yet\\)$`));
      await periodSelect.selectOption({ value: String(period.id) });
      assert.deepEqual(await dateShown(page, 'As at'), ['25', '11', '2026']);
      await fillDate(page, 'As at', '25', '11', '2026');
      await fillUpdate(page, { status: 'IN PROGRESS', percent: '150', narrative: 'The survey results are in and the draft is with the working group.', next: 'Take the draft to the management team in December.' });
      await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.deepEqual(summary.links, [['% complete must be a whole number from 0 to 100', '#percentComplete']]);
      assert.match(await page.locator('#percentComplete-error').innerText(), /% complete must be a whole number from 0 to 100/);
      assert.equal(await page.getByLabel('% complete', { exact: true }).inputValue(), '150', 'what was typed is kept');
      assert.equal(await page.getByLabel('Progress update', { exact: true }).inputValue(), 'The survey results are in and the draft is with the working group.');
      assert.ok(await page.getByRole('group', { name: 'Status', exact: true }).getByLabel('IN PROGRESS', { exact: true }).isChecked());
      assert.equal(await historyLength(main.id), updatesBefore, 'nothing was saved');

      await page.getByLabel('% complete', { exact: true }).fill(green);
      await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
      assert.equal(v.path, `/actions/${main.id}`);
      assert.match(await flash(page), /Progress update saved/);
      assert.equal(await timeline(page).count(), updatesBefore + 1);
      const top = timeline(page).first();
      assert.equal((await top.getByRole('heading', { level: 3 }).innerText()).trim(), `${period.label}: IN PROGRESS, ${green}% complete`);
      assert.match(await top.innerText(), new RegExp(`As at ${TODAY_WORDS}\\. Recorded by Daniel Okafor on ${TODAY_WORDS}\\.`));
      assert.match(await top.innerText(), /Take the draft to the management team in December\./);
      const afterSave = await positionOf(main.id);
      assert.equal(afterSave.result.rag, 'green', `${green}% against ${Math.round(main.expected)}% expected is green`);
      assert.match(await light.innerText(), lightPattern('green'));
      assert.ok((await light.innerText()).includes(afterSave.result.explanation));
      assert.equal((await summaryValue(page, '% complete').innerText()).trim(), `${green}%`);

      // A correction is a new version; the original is kept and marked as corrected.
      const originalId = Number((await top.getAttribute('id'))?.replace('update-', ''));
      await v.step(() => top.getByRole('link', { name: new RegExp(`^Correct this update for ${period.label.replace(/[()]/g, '\\$&')} recorded on ${TODAY_WORDS}$`) }).click());
      assert.equal(v.path, `/actions/${main.id}/updates/new?corrects=${originalId}`);
      assert.equal(await heading(page), 'Correct a progress update');
      assert.match(await page.locator('#correctsId').innerText(), new RegExp(`You are correcting the update for ${period.label.replace(/[()]/g, '\\$&')}, recorded ${TODAY_WORDS} by Daniel Okafor\\.`));
      assert.equal(await page.getByLabel('% complete', { exact: true }).inputValue(), green, 'the form starts from the update being corrected');
      await page.getByLabel('% complete', { exact: true }).fill(amber);
      await v.step(() => page.getByRole('button', { name: 'Save correction' }).click());
      assert.equal(v.path, `/actions/${main.id}`);
      assert.equal(await timeline(page).count(), updatesBefore + 2, 'both versions are shown');
      const [correction, original] = [timeline(page).nth(0), timeline(page).nth(1)];
      assert.equal((await correction.getByRole('heading', { level: 3 }).innerText()).trim(), `${period.label}: IN PROGRESS, ${amber}% complete`);
      assert.match(await correction.innerText(), new RegExp(`Corrects the update of ${TODAY_WORDS} by Daniel Okafor\\.`));
      assert.equal((await original.getByRole('heading', { level: 3 }).innerText()).trim(), `${period.label}: IN PROGRESS, ${green}% complete`);
      assert.match(await original.innerText(), /Corrected by a later update/);
      assert.equal(await original.getByRole('link', { name: 'See the correction' }).getAttribute('href'), `#${await correction.getAttribute('id')}`);
      assert.equal(await original.getByRole('link', { name: /^Correct this update/ }).count(), 0, 'a corrected update cannot be corrected again');
      assert.match(await light.innerText(), lightPattern('amber'));
      assert.equal((await positionOf(main.id)).result.rag, 'amber');

      // An override needs a reason; with one, both lights are shown.
      await v.step(() => page.getByRole('button', { name: 'Record a progress update' }).click());
      await fillUpdate(page, { status: 'ON TRACK', percent: amber, narrative: 'The working group signed off the draft.' });
      await page.getByText('Override the traffic light', { exact: true }).click();
      const override = page.getByRole('group', { name: 'Traffic light', exact: true });
      await override.getByLabel('Green', { exact: true }).check();
      await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
      assert.deepEqual((await errorSummary(page)).links, [['Enter the reason for overriding the traffic light', '#overrideReason']]);
      assert.ok(await page.getByRole('group', { name: 'Traffic light', exact: true }).getByLabel('Green', { exact: true }).isChecked(), 'the override is kept, and shown');
      assert.equal(await historyLength(main.id), updatesBefore + 2, 'nothing was saved');
      await page.getByLabel('Reason for the override').fill('The last piece of work is a sign-off already booked for next week.');
      await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
      assert.equal(v.path, `/actions/${main.id}`);
      assert.match(await light.innerText(), /Green\s+\(computed: Amber\)/);
      assert.match(await light.innerText(), /Green \(overridden from Amber\): The last piece of work is a sign-off already booked for next week\./);
      assert.match(await timeline(page).first().innerText(), /Traffic light overridden to\s+\S+\s+Green\. Reason: The last piece of work is a sign-off already booked for next week\./);

      // The action list (this year's actions the lead officer leads): its Traffic light column as at
      // the end of quarter 2, then today.
      const year = need(ids.year, 'the 2026/27 plan year');
      await v.goto(`/actions?year=${year}&lead=${encodeURIComponent(need(ids.leadJobTitle, 'the lead officer’s job title'))}&asOf=2026-09-30`);
      assert.match(await page.getByRole('main').innerText(), /Traffic lights show each action's position as at 30 September 2026\./);
      const list = page.getByRole('table', { name: /^\d+ actions$/ });
      const listCells = async () => cellsByHeader(list, rowOf(list, main.code));
      assert.match((await listCells())['Traffic light']!, lightPattern(atQ2.result.rag));
      assert.deepEqual(await dateShown(page, 'Position as at'), ['30', '9', '2026']);
      await fillDate(page, 'Position as at', '25', '11', '2026');
      await v.step(() => page.getByRole('button', { name: 'Filter actions' }).click());
      assert.match(await page.getByRole('main').innerText(), new RegExp(`Traffic lights show each action's position as at ${TODAY_WORDS}\\.`));
      assert.match((await listCells())['Traffic light']!, new RegExp(`^\\S+ Green\\s+\\(computed: Amber\\)\\s+${amber}% complete$`), 'the override, beside the computed light');
    });
  });

  test('exceptions for one service, and my actions with what needs an update by when', async () => {
    const s = services();
    const service = need(ids.service, SERVICE);
    await asLead('exceptions and my actions', async (v) => {
      const { page } = v;
      const all = (await s.dashboards.exceptions(actor(), undefined)).exceptions;
      await v.goto('/dashboards/exceptions');
      assert.equal(await heading(page), 'Exceptions');
      assert.equal(await page.getByRole('heading', { level: 2, name: `${all.length} actions need attention` }).count(), 1);
      const table = page.getByRole('table', { name: /^Actions that need attention as at / });
      assert.equal(await table.locator('tbody tr').count(), all.length);

      const mine = (await s.dashboards.exceptions(actor(), TODAY, { service })).exceptions;
      assert.ok(mine.length > 0 && mine.length < all.length, 'the service has some of the exceptions');
      await page.getByLabel('Service', { exact: true }).selectOption({ label: SERVICE_OPTION });
      assert.deepEqual(await dateShown(page, 'Position as at'), ['25', '11', '2026'], 'the date shown is kept');
      await v.step(() => page.getByRole('button', { name: 'Show position' }).click());
      assert.equal(await heading(page), `Exceptions: ${SERVICE}`);
      const rows = page.getByRole('table', { name: /^Actions that need attention as at / }).locator('tbody tr');
      assert.equal(await rows.count(), mine.length);
      for (const [i, p] of mine.entries()) {
        const cells = await cellsByHeader(page.getByRole('table', { name: /^Actions that need attention as at / }), rows.nth(i));
        assert.equal(cells['Code'], p.action.code, 'worst first');
        assert.equal(cells['Action'], p.action.title);
        assert.match(cells['Traffic light']!, lightPattern(p.result.rag));
        assert.equal(cells['Why'], p.result.explanation);
      }

      // The lead officer's own actions: which need an update for the period, and by when.
      await v.goto('/dashboards/my-actions');
      assert.equal(await heading(page), 'My actions');
      assert.match(await page.getByRole('main').innerText(), /Actions in 2026\/27 plans led by Daniel Okafor \(Communications Team Leader\): \d+ in all\./);
      // 25 November: Quarter 2 is locked (its updates were taken until 19 October) and Quarter 3's
      // window opens on 18 December, so no period is asked for. 26-CEX09, one of the demo's "silent"
      // actions, which he leads, missed Quarter 2: it is listed as not updated.
      assert.equal(await page.getByRole('heading', { name: /^Needs an update/ }).count(), 0);
      assert.match(
        await page.getByRole('main').innerText(),
        /No reporting period of 2026\/27 is taking updates: updates for Quarter 3 \(October to December\) open on 18 December 2026 and are due by 14 January 2027\./,
      );
      const missed = page.getByRole('region', { name: 'Not updated: the deadline has passed', exact: true }).getByRole('table');
      const missedRows = missed.locator('tbody tr');
      assert.deepEqual((await missedRows.locator('th').allInnerTexts()).map((t) => t.trim()), ['26-CEX09']);
      const missedCells = await cellsByHeader(missed, missedRows.first());
      assert.match(missedCells['Traffic light']!, /Not updated: no progress update for Quarter 2 \(July to September\), due by 14 October 2026/);
      assert.equal(await missedRows.first().getByRole('link', { name: 'Add a progress update for 26-CEX09', exact: true }).count(), 1);
      // The action updated above has a newer update (as at today): among his actions.
      const main = need(chosen.main, 'the main action');
      const upToDate = page.getByRole('region', { name: 'Your actions', exact: true }).getByRole('table');
      const mainCells = await cellsByHeader(upToDate, rowOf(upToDate, main.code));
      // The demo council signs off updates (requireApproval): his own waits for his head of service.
      assert.match(mainCells['Latest update']!, new RegExp(`^ON TRACK, ${amberPercent(main)}%, as at ${TODAY_WORDS} \\(awaiting sign-off\\)$`));
      assert.match(mainCells['Traffic light']!, /Green\s+\(computed: Amber\)/);
    });
  });

  test('without JavaScript: sign in, a refused update, then a saved one', async () => {
    const c = need(chosen.noScript, 'an action for the script-less journey');
    const account = server.accounts.find((a) => a.role === 'lead_officer')!;
    await withVisitor(
      browser,
      server.baseUrl,
      'no JavaScript',
      async (v) => {
        const { page } = v;
        await v.goto(`/actions/${c.id}`);
        assert.ok(v.path.startsWith('/sign-in?next='));
        assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')), false, 'the page scripts really are off');
        await signIn(v, account);
        assert.equal(v.path, `/actions/${c.id}`, 'back to the action');
        const updatesBefore = await historyLength(c.id);

        await v.step(() => page.getByRole('button', { name: 'Record a progress update' }).click());
        await fillUpdate(page, { status: 'ON TRACK', percent: '101', narrative: 'Press releases issued for every committee decision.' });
        await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
        assert.deepEqual((await errorSummary(page)).links, [['% complete must be a whole number from 0 to 100', '#percentComplete']]);
        assert.equal(await historyLength(c.id), updatesBefore, 'nothing was saved');

        const percent = greenPercent(c);
        await page.getByLabel('% complete', { exact: true }).fill(percent);
        await v.step(() => page.getByRole('button', { name: 'Save progress update' }).click());
        assert.equal(v.path, `/actions/${c.id}`);
        assert.match(await flash(page), /Progress update saved/);
        assert.match((await timeline(page).first().getByRole('heading', { level: 3 }).innerText()).trim(), new RegExp(`: ON TRACK, ${percent}% complete$`));
        assert.match(await summaryValue(page, 'Traffic light').innerText(), lightPattern('green'));
        assert.equal(await historyLength(c.id), updatesBefore + 1);
      },
      { javaScriptEnabled: false },
    );
  });

  test('by keyboard alone: record a progress update, through the error summary', async () => {
    const c = need(chosen.keyboard, 'an action for the keyboard journey');
    await asLead('keyboard', async (v) => {
      const { page, page: { keyboard } } = v;
      await v.goto(`/actions/${c.id}`);
      const updatesBefore = await historyLength(c.id);
      await v.tabTo(page.getByRole('button', { name: 'Record a progress update' }));
      await v.step(() => keyboard.press('Enter'));
      assert.equal(await heading(page), 'Record a progress update');

      // Into the status radios (none chosen yet): Space chooses the first, arrows move the choice.
      const statuses = page.getByRole('group', { name: 'Status', exact: true }).getByRole('radio');
      await v.tabTo(statuses.first());
      await keyboard.press('Space');
      const target = page.getByRole('radio', { name: 'IN PROGRESS', exact: true });
      for (let i = 0; i < 20 && !(await target.isChecked()); i++) await keyboard.press('ArrowDown');
      assert.ok(await target.isChecked(), 'arrow keys reach IN PROGRESS');
      await v.tabTo(page.getByLabel('% complete', { exact: true }));
      await keyboard.type('-5');
      await v.tabTo(page.getByLabel('Progress update', { exact: true }));
      await keyboard.type('The revised timetable is agreed with partners.');
      await v.tabTo(page.getByRole('button', { name: 'Save progress update' }));
      await v.step(() => keyboard.press('Enter'));

      // The error summary's link takes the keyboard to the field.
      const link = page.getByRole('link', { name: '% complete must be a whole number from 0 to 100' });
      await v.tabTo(link);
      await keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'percentComplete');
      await keyboard.press('ControlOrMeta+A');
      const percent = greenPercent(c);
      await keyboard.type(percent);
      assert.equal(await page.getByLabel('% complete', { exact: true }).inputValue(), percent);
      await v.tabTo(page.getByRole('button', { name: 'Save progress update' }));
      await v.step(() => keyboard.press('Enter'));

      assert.equal(v.path, `/actions/${c.id}`);
      assert.match((await timeline(page).first().getByRole('heading', { level: 3 }).innerText()).trim(), new RegExp(`: IN PROGRESS, ${percent}% complete$`));
      assert.match(await summaryValue(page, 'Traffic light').innerText(), lightPattern('green'));
      assert.equal(await historyLength(c.id), updatesBefore + 1);
    });
  });

  test('settings: add a status word; change the thresholds (amber at or above green is refused); a period’s update window', async () => {
    const s = services();
    const year = need(ids.year, 'the 2026/27 plan year');
    await asAdmin('settings', async (v) => {
      const { page } = v;
      // Status words: fill the first empty row.
      const words = await s.progress.vocabulary(actor());
      await v.goto('/settings/status-words');
      assert.equal(await heading(page), 'Status words');
      const n = words.length + 1;
      assert.equal(await page.getByLabel(`Status word ${n}`, { exact: true }).inputValue(), '');
      await page.getByLabel(`Status word ${n}`, { exact: true }).fill('awaiting sign-off');
      await page.getByLabel(`Stage that status word ${n} means`, { exact: true }).selectOption({ label: 'In progress' });
      await v.step(() => page.getByRole('button', { name: 'Save status words' }).click());
      assert.equal(v.path, '/settings/status-words');
      assert.match(await flash(page), /Status words saved/);
      assert.equal(await page.getByLabel(`Status word ${n}`, { exact: true }).inputValue(), 'AWAITING SIGN-OFF', 'saved in capitals');
      assert.equal(await page.getByLabel(`Stage that status word ${n} means`, { exact: true }).inputValue(), 'in_progress');
      assert.deepEqual((await s.progress.vocabulary(actor())).at(-1), { word: 'AWAITING SIGN-OFF', stage: 'in_progress' });

      // Thresholds.
      await v.goto('/settings/rag');
      assert.equal(await heading(page), 'Traffic-light thresholds');
      assert.equal(await page.getByLabel('Green threshold').inputValue(), '90');
      assert.equal(await page.getByLabel('Amber threshold').inputValue(), '70');
      await page.getByLabel('Green threshold').fill('85');
      await page.getByLabel('Amber threshold').fill('60');
      await v.step(() => page.getByRole('button', { name: 'Save thresholds' }).click());
      assert.match(await flash(page), /Traffic-light thresholds saved/);
      assert.match(await page.getByRole('main').innerText(), /Green when actual % complete is at least 85% of the expected % complete, amber when it is at least 60%, and red below that\./);
      await page.getByLabel('Amber threshold').fill('85');
      await v.step(() => page.getByRole('button', { name: 'Save thresholds' }).click());
      assert.deepEqual((await errorSummary(page)).links, [['Amber threshold must be lower than the green threshold', '#amberPercent']]);
      assert.equal(await page.getByLabel('Amber threshold').inputValue(), '85', 'what was typed is kept');
      const saved = await s.progress.settings(actor());
      assert.deepEqual([saved.greenPercent, saved.amberPercent], [85, 60], 'the refused change was not saved');

      // A reporting period's update window: the last quarter of 2026/27.
      await v.goto(`/years/${year}`);
      assert.equal(await heading(page), `Plan year ${YEAR}`);
      await v.step(() => page.getByRole('link', { name: 'Edit the update window for Quarter 4 (January to March)', exact: true }).click());
      assert.equal(await heading(page), 'Quarter 4 (January to March): update window');
      assert.deepEqual(await dateShown(page, 'Updates open on'), ['18', '3', '2027']);
      assert.deepEqual(await dateShown(page, 'Updates due on'), ['14', '4', '2027']);
      await fillDate(page, 'Updates due on', '1', '3', '2027');
      await v.step(() => page.getByRole('button', { name: 'Save update window' }).click());
      assert.deepEqual((await errorSummary(page)).links, [['The date updates are due must be the same as or after the date they open', '#dueOn-day']]);
      assert.deepEqual(await dateShown(page, 'Updates due on'), ['1', '3', '2027']);
      await fillDate(page, 'Updates due on', '21', '4', '2027');
      await page.getByLabel('Grace days (optional)').fill('3');
      await v.step(() => page.getByRole('button', { name: 'Save update window' }).click());
      assert.equal(v.path, `/years/${year}`);
      assert.match(await flash(page), /Quarter 4 \(January to March\) saved/);
      const periods = page.getByRole('table', { name: 'Reporting periods' });
      const q4 = await cellsByHeader(periods, rowOf(periods, 'Quarter 4 (January to March)'));
      assert.equal(q4['Updates open'], '18 March 2027');
      assert.equal(q4['Updates due'], '21 April 2027');
      assert.match(q4['Locks after']!, /^24 April 2027\s+3 days' grace$/);
    });
  });

  test('every page visited passed axe', (t) => {
    assert.ok(checkedPages.length > 0);
    t.diagnostic(`axe (${WCAG_TAGS.join(', ')}) found no violations on ${checkedPages.length} pages`);
  });
});
