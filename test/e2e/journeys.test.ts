import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/services/context.ts';
import { checkedPages, dateShown, errorSummary, fillDate, launchBrowser, Session, signIn, startServer, summaryValue, withVisitor, WCAG_TAGS, type TestServer, type Visitor, heading } from './support.ts';

// The main journeys of planning, in a real browser over the demo council: sign in, create a plan,
// add an objective and actions, edit, filter, by keyboard alone and without JavaScript. Every page
// any journey lands on is checked with axe against WCAG 2.2 AA (see support.ts).
//
// The journeys build on each other (the plan made in one is used by the next), so they run in order.

// Electoral Services has no plan for 2018/19 in the demo council (src/db/demo/council.ts).
const SERVICE_OPTION = "Chief Executive's Department › Electoral Services (ELE)";
const SERVICE_FILTER_OPTION = '– Electoral Services';
const YEAR = '2018/19';
const PLAN_TITLE = 'Electoral Services Improvement Plan 2018/19';
const OBJECTIVE = { number: '1', title: 'Keep the electoral register complete and accurate', why: 'Every eligible resident should be able to vote.' };
const FIRST_CODE = '18-ELE01';
const ACTION = {
  title: 'Run a registration drive in the three market towns before the 2019 elections',
  role: 'Community Leadership',
  target: 'Register 1,500 new electors',
  outcome: 'A more complete register',
  csf: 'Libraries and leisure centres host registration points',
  environment: 'Digital forms replace paper canvass packs',
  leads: ['Lucy Hargreaves', 'Deputy Returning Officer'],
  impacts: 'Customer Services',
  impactsOther: 'Kettleford Students’ Union',
  partnership: 'Community Strategy',
  priority: 'A well-run council',
  pledge: 'Pledge 15: Make sure every eligible resident is registered to vote',
};
const EDITED_TITLE = 'Run a registration drive in the market towns and villages before May 2019';

let server: TestServer;
let browser: Browser;
/** The demo administrator, signed in once; the admin journeys run in turn in this one session. */
let admin: Session | undefined;
const state: { planId?: number; objectiveId?: number; actionId?: number } = {};

function need<K extends keyof typeof state>(key: K): number {
  const value = state[key];
  if (value === undefined) throw new Error(`An earlier journey did not leave ${key}; see its failure above.`);
  return value;
}

const actor = () => systemActor(server.tenantId);
const ourPlan = async () => (await server.runtime.services.plans.list(actor())).find((p) => p.id === state.planId);

function objectiveRegion(page: Page, number: string, title: string) {
  return page.getByRole('region', { name: `${number} ${title}`, exact: true });
}

/** As the signed-in demo administrator. */
function asAdmin(label: string, journey: (v: Visitor) => Promise<void>) {
  if (!admin) throw new Error('The administrator did not sign in; see the failure in before().');
  return admin.journey(label, journey);
}

describe('journeys in a browser (axe on every page)', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // One sign-in through the form, whose session the admin journeys below share.
    admin = await Session.open(browser, server.baseUrl, 'admin sign-in');
    await admin.journey('admin sign-in', async (v) => {
      await signIn(v, server.accounts[0]!);
      assert.equal(v.path, '/');
    });
  });

  after(async () => {
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  test('sign in: a wrong password is explained; after signing in you land where you were going', async () => {
    const account = server.accounts[0]!;
    await withVisitor(browser, server.baseUrl, 'sign in', async (v) => {
      const { page } = v;
      await v.goto('/plans');
      assert.equal(v.path, `/sign-in?next=${encodeURIComponent('/plans')}`, 'anonymous visitors are sent to sign in');
      assert.equal(await heading(page), 'Sign in to Waymark');

      await page.getByLabel('Email address').fill(account.email);
      await page.getByLabel('Password').fill('not-the-password');
      await v.step(() => page.getByRole('button', { name: 'Sign in' }).click());
      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.deepEqual(summary.links, [['Enter a correct email address and password', '#email']]);
      assert.match(await page.locator('#email-error').innerText(), /Enter a correct email address and password/);
      assert.equal(await page.getByLabel('Email address').inputValue(), account.email, 'the email address is kept');
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not echoed back');
      assert.match(await page.title(), /^Error: /);

      await page.getByLabel('Password').fill(account.password);
      await v.step(() => page.getByRole('button', { name: 'Sign in' }).click());
      assert.equal(v.path, '/plans');
      assert.equal(await heading(page), 'Service plans');
    });
  });

  test('create a service plan: a blank title is refused and nothing is saved', async () => {
    await asAdmin('create plan', async (v) => {
      const { page } = v;
      const plansBefore = (await server.runtime.services.plans.list(actor())).length;
      await v.goto('/plans');
      await v.step(() => page.getByRole('button', { name: 'Create a service plan' }).click());
      assert.equal(v.path, '/plans/new');
      assert.equal(await heading(page), 'Create a service plan');

      await page.getByLabel('Service', { exact: true }).selectOption({ label: SERVICE_OPTION });
      await page.getByLabel('Plan year').selectOption({ label: YEAR });
      await page.getByRole('group', { name: 'Kind of plan' }).getByLabel('Service improvement plan').check();
      await page.getByLabel('Vision', { exact: true }).fill('Elections that every voter can trust.');
      await v.step(() => page.getByRole('button', { name: 'Save plan' }).click());

      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.deepEqual(summary.links, [['Enter the title', '#title']]);
      assert.equal(await page.locator('a[href="#title"]').count(), 1);
      assert.match(await page.locator('#title-error').innerText(), /Enter the title/);
      assert.equal(await page.getByLabel('Vision', { exact: true }).inputValue(), 'Elections that every voter can trust.', 'what was typed is kept');
      assert.equal((await server.runtime.services.plans.list(actor())).length, plansBefore, 'nothing was created');

      await page.getByLabel('Title', { exact: true }).fill(PLAN_TITLE);
      await page.getByLabel('Purpose', { exact: true }).fill('Keep the register and run elections.');
      await page.getByLabel('Statutory responsibilities').fill('Representation of the People Act 1983\nElectoral Administration Act 2006');
      await page.getByLabel('Areas of focus for next year').fill('Individual electoral registration.');
      await v.step(() => page.getByRole('button', { name: 'Save plan' }).click());

      const match = /^\/plans\/(\d+)$/.exec(v.path);
      assert.ok(match, `expected a plan page, got ${v.path}`);
      state.planId = Number(match[1]);
      assert.equal(await heading(page), PLAN_TITLE);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Plan created/);
      assert.match(await summaryValue(page, 'Service').innerText(), /Electoral Services \(ELE\)/);
      assert.match(await summaryValue(page, 'Plan year').innerText(), /^2018\/19 \(/);
      assert.equal((await server.runtime.services.plans.list(actor())).length, plansBefore + 1);
    });
  });

  test('add an objective: it is shown on the plan with its number and why', async () => {
    const planId = need('planId');
    await asAdmin('add objective', async (v) => {
      const { page } = v;
      await v.goto(`/plans/${planId}`);
      await v.step(() => page.getByRole('button', { name: 'Add an objective' }).click());
      assert.equal(await heading(page), 'Add an objective');

      await page.getByLabel('Number (optional)').fill(OBJECTIVE.number);
      await page.getByLabel('Objective', { exact: true }).fill(OBJECTIVE.title);
      await page.getByLabel('Why (optional)').fill(OBJECTIVE.why);
      await page.getByRole('group', { name: 'Corporate priorities it serves' }).getByLabel(ACTION.priority, { exact: true }).check();
      await page.getByRole('group', { name: 'Pledges it links to' }).getByLabel(ACTION.pledge).check();
      await v.step(() => page.getByRole('button', { name: 'Save objective' }).click());

      const match = /^\/plans\/(\d+)$/.exec(v.path);
      assert.ok(match && Number(match[1]) === planId, `expected the plan page, got ${v.path}`);
      const objectiveId = Number(/#objective-(\d+)$/.exec(page.url())?.[1]);
      assert.ok(objectiveId > 0, `the plan page opens at the new objective (${page.url()})`);
      state.objectiveId = objectiveId;
      const region = objectiveRegion(page, OBJECTIVE.number, OBJECTIVE.title);
      assert.equal((await region.getByRole('heading').first().innerText()).trim(), `${OBJECTIVE.number} ${OBJECTIVE.title}`);
      assert.match(await region.innerText(), new RegExp(`Why: ${OBJECTIVE.why.replace(/\./g, '\\.')}`));
      assert.equal(await region.getByRole('link', { name: ACTION.priority }).count(), 1, 'the corporate priority is linked');
      assert.match(await region.innerText(), /No actions yet\./);
    });
  });

  test('add an action: errors keep what was typed; the saved action shows every field', async () => {
    const planId = need('planId');
    const objectiveId = need('objectiveId');
    await asAdmin('add action', async (v) => {
      const { page } = v;
      await v.goto(`/plans/${planId}`);
      await v.step(() => page.getByRole('link', { name: `Add an action to ${OBJECTIVE.number}`, exact: true }).click());
      assert.equal(await heading(page), 'Add an action');
      assert.equal(await page.getByLabel('Objective', { exact: true }).inputValue(), String(objectiveId), 'the objective is chosen');
      assert.equal(await page.getByLabel('Action code').inputValue(), FIRST_CODE, 'the code is suggested');

      // An impossible date and no action.
      await fillDate(page, 'Due date', '31', '2', '2019');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.deepEqual(summary.links, [
        ['Enter the action', '#title'],
        ['Due date must be a real date', '#dueDate-day'],
      ]);
      assert.match(await page.locator('#title-error').innerText(), /Enter the action/);
      assert.match(await page.locator('#dueDate-error').innerText(), /Due date must be a real date/);
      assert.deepEqual(await dateShown(page, 'Due date'), ['31', '2', '2019'], 'the date inputs keep what was typed');
      assert.equal(await page.getByLabel('Action code').inputValue(), FIRST_CODE);
      assert.equal((await ourPlan())?.actions, 0, 'nothing was created');

      await page.getByLabel('Action', { exact: true }).fill(ACTION.title);
      await page.getByLabel('What role will the service play?').selectOption({ label: ACTION.role });
      const description = page.getByRole('group', { name: 'Description' });
      await description.getByLabel('Target').fill(ACTION.target);
      await description.getByLabel('Outcome').fill(ACTION.outcome);
      await description.getByLabel('Critical success factors').fill(ACTION.csf);
      await description.getByLabel('Environmental impacts').fill(ACTION.environment);
      const kinds = page.getByRole('group', { name: 'Kind of action' });
      for (const label of ['One-off project', 'Ongoing (delivered at a constant rate)', 'Milestone']) assert.equal(await kinds.getByLabel(label, { exact: true }).count(), 1);
      await kinds.getByLabel('Milestone').check();
      await fillDate(page, 'Start date (optional)', '1', '4', '2018');
      await fillDate(page, 'Due date', '31', '1', '2019');
      await page.getByLabel('Lead officers').fill(ACTION.leads.join('\n'));
      await page.getByRole('group', { name: 'Other services it impacts' }).getByLabel(ACTION.impacts, { exact: true }).check();
      await page.getByLabel('Other services or bodies it impacts (optional)').fill(ACTION.impactsOther);
      await page.getByLabel('Links to partnership-wide agendas (optional)').fill(ACTION.partnership);
      await page.getByRole('group', { name: 'Corporate priorities it serves' }).getByLabel(ACTION.priority, { exact: true }).check();
      await page.getByRole('group', { name: 'Pledges it links to' }).getByLabel(ACTION.pledge).check();
      await page.getByLabel('Weight').fill('2');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());

      const match = /^\/actions\/(\d+)$/.exec(v.path);
      assert.ok(match, `expected the action page, got ${v.path}`);
      state.actionId = Number(match[1]);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Action added/);
      assert.equal(await heading(page), ACTION.title);
      const shown = async (key: string) => (await summaryValue(page, key).innerText()).trim();
      assert.equal(await shown('Action code'), FIRST_CODE);
      assert.equal(await shown('Plan'), PLAN_TITLE);
      assert.equal(await shown('Objective'), `${OBJECTIVE.number} ${OBJECTIVE.title}`);
      assert.equal(await shown('Role'), ACTION.role);
      assert.equal(await shown('Kind'), 'Milestone');
      assert.equal(await shown('Target'), ACTION.target);
      assert.equal(await shown('Outcome'), ACTION.outcome);
      assert.equal(await shown('Critical success factors'), ACTION.csf);
      assert.equal(await shown('Environmental impacts'), ACTION.environment);
      assert.equal(await shown('Start date'), '1 April 2018');
      assert.equal(await shown('Due date'), '31 January 2019');
      assert.equal(await shown('Lead officers'), ACTION.leads.join('\n'), 'two lead officers, one a line');
      assert.equal(await summaryValue(page, 'Lead officers').getByRole('link', { name: 'Lucy Hargreaves' }).count(), 1, 'a lead who is in People is linked');
      assert.equal(await shown('Other services it impacts'), `${ACTION.impacts}\n${ACTION.impactsOther}`);
      assert.equal(await shown('Partnership links'), ACTION.partnership);
      assert.equal(await shown('Corporate priorities'), ACTION.priority);
      assert.equal(await shown('Pledges'), ACTION.pledge);
      assert.equal(await shown('Weight'), '2');
      assert.equal((await ourPlan())?.actions, 1);
    });
  });

  test('edit an action; a duplicate action code in the same plan is refused', async () => {
    const actionId = need('actionId');
    const planId = need('planId');
    await asAdmin('edit action', async (v) => {
      const { page } = v;
      await v.goto(`/actions/${actionId}`);
      await v.step(() => page.getByRole('button', { name: 'Edit action' }).click());
      assert.equal(v.path, `/actions/${actionId}/edit`);
      assert.equal(await heading(page), `Edit action ${FIRST_CODE}`);
      assert.deepEqual(await dateShown(page, 'Due date'), ['31', '1', '2019'], 'the stored date is split into its boxes');
      assert.equal(await page.getByLabel('Lead officers').inputValue(), ACTION.leads.join('\n'));

      await page.getByLabel('Action', { exact: true }).fill(EDITED_TITLE);
      await fillDate(page, 'Due date', '28', '2', '2019');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
      assert.equal(v.path, `/actions/${actionId}`);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Action saved/);
      assert.equal(await heading(page), EDITED_TITLE);
      assert.equal((await summaryValue(page, 'Due date').innerText()).trim(), '28 February 2019');

      await v.step(() => summaryValue(page, 'Plan').getByRole('link').click());
      assert.equal(v.path, `/plans/${planId}`);
      const table = objectiveRegion(page, OBJECTIVE.number, OBJECTIVE.title).getByRole('table');
      const row = table.getByRole('row').filter({ hasText: FIRST_CODE });
      assert.match(await row.innerText(), new RegExp(EDITED_TITLE));
      assert.match(await row.innerText(), /28 February 2019/);

      // A second action given the first one's code.
      await v.step(() => page.getByRole('link', { name: `Add an action to ${OBJECTIVE.number}`, exact: true }).click());
      await page.getByLabel('Action code').fill(FIRST_CODE);
      await page.getByLabel('Action', { exact: true }).fill('Publish the revised register on 1 December');
      await fillDate(page, 'Due date', '1', '12', '2018');
      await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
      const summary = await errorSummary(page);
      assert.equal(summary.title, 'There is a problem');
      assert.equal(summary.links.length, 1);
      const [text, href] = summary.links[0]!;
      assert.match(text, new RegExp(`Action code ${FIRST_CODE} is already used in this plan`));
      assert.equal(href, '#code');
      assert.match(await page.locator('#code-error').innerText(), new RegExp(FIRST_CODE));
      assert.equal((await ourPlan())?.actions, 1, 'the duplicate was not saved');
    });
  });

  test('filter the action list by service and year, then by lead officer', async () => {
    need('actionId');
    await asAdmin('filter actions', async (v) => {
      const { page } = v;
      await v.goto('/actions');
      const rows = page.getByRole('table').locator('tbody tr');
      const all = await rows.count();
      await page.getByLabel('Service', { exact: true }).selectOption({ label: SERVICE_FILTER_OPTION });
      await page.getByLabel('Plan year').selectOption({ label: YEAR });
      await v.step(() => page.getByRole('button', { name: 'Filter actions' }).click());
      const query = new URL(page.url()).searchParams;
      assert.ok(query.get('service') && query.get('year'), `filters are in the address: ${v.path}`);
      // The service's own plan's one action, and the 7 in the Chief Executive's Department's plan
      // that name the Electoral Services Manager (Lucy Hargreaves, who works in Electoral Services) as
      // a lead (src/db/demo/plan-cex-2018.ts): an action belongs to the unit of its plan or of a lead.
      assert.equal(await rows.count(), 8);
      assert.match(await rows.filter({ hasText: FIRST_CODE }).innerText(), new RegExp(`${FIRST_CODE}\\s+${EDITED_TITLE}`));
      assert.equal(await page.getByRole('table').locator('caption').innerText(), '8 actions');
      // Once a service and year pick one plan, its objectives are offered.
      assert.equal(await page.getByLabel('Objective', { exact: true }).locator('option', { hasText: OBJECTIVE.title }).count(), 1);

      await page.getByLabel('Service', { exact: true }).selectOption({ label: 'All services' });
      await page.getByLabel('Plan year').selectOption({ label: 'All years' });
      await page.getByLabel('Lead officer').fill('returning officer');
      await v.step(() => page.getByRole('button', { name: 'Filter actions' }).click());
      const params = new URL(page.url()).searchParams;
      assert.deepEqual([params.get('lead'), params.get('service'), params.get('year')], ['returning officer', '', '']);
      assert.equal(await page.getByLabel('Lead officer').inputValue(), 'returning officer', 'the filter is shown as set');
      assert.equal(await rows.count(), 1, `one of ${all} actions is led by a returning officer`);
      assert.match(await rows.first().innerText(), new RegExp(FIRST_CODE));
    });
  });

  test('by keyboard alone: sign in, then add an action', async () => {
    const planId = need('planId');
    await withVisitor(browser, server.baseUrl, 'keyboard', async (v) => {
      const { page, page: { keyboard } } = v;
      const account = server.accounts[0]!;
      await v.goto('/sign-in');
      await v.tabTo(page.getByLabel('Email address'));
      await keyboard.type(account.email);
      await v.tabTo(page.getByLabel('Password'));
      await keyboard.type(account.password);
      await v.step(() => keyboard.press('Enter'));
      assert.equal(v.path, '/');

      await v.goto(`/plans/${planId}`);
      await v.tabTo(page.getByRole('link', { name: `Add an action to ${OBJECTIVE.number}`, exact: true }));
      await v.step(() => keyboard.press('Enter'));
      assert.equal(await heading(page), 'Add an action');
      assert.equal(await page.getByLabel('Action code').inputValue(), '18-ELE02');

      await v.tabTo(page.getByLabel('Action', { exact: true }));
      await keyboard.type('Publish the revised register on 1 December');
      await v.tabTo(page.getByRole('radio', { name: 'One-off project' }));
      await keyboard.press('ArrowDown');
      assert.ok(await page.getByRole('radio', { name: 'Ongoing (delivered at a constant rate)' }).isChecked(), 'arrow keys move between radios');
      await v.tabTo(page.getByRole('group', { name: 'Due date', exact: true }).getByLabel('Day'));
      await keyboard.type('1');
      await keyboard.press('Tab');
      await keyboard.type('12');
      await keyboard.press('Tab');
      await keyboard.type('2018');
      await v.tabTo(page.getByLabel('Lead officers'));
      await keyboard.type('Electoral Services Manager');
      await keyboard.press('Enter');
      await keyboard.type('Customer Services Manager');
      await v.tabTo(page.getByRole('button', { name: 'Save action' }));
      await v.step(() => keyboard.press('Enter'));

      assert.match(v.path, /^\/actions\/\d+$/);
      assert.equal(await heading(page), 'Publish the revised register on 1 December');
      assert.equal((await summaryValue(page, 'Kind').innerText()).trim(), 'Ongoing (delivered at a constant rate)');
      assert.equal((await summaryValue(page, 'Due date').innerText()).trim(), '1 December 2018');
      assert.equal((await summaryValue(page, 'Lead officers').innerText()).trim(), 'Electoral Services Manager\nCustomer Services Manager');
    });
  });

  test('without JavaScript: sign in, add an objective and an action', async () => {
    const planId = need('planId');
    await withVisitor(
      browser,
      server.baseUrl,
      'no JavaScript',
      async (v) => {
        const { page } = v;
        await v.goto(`/plans/${planId}`);
        assert.ok(v.path.startsWith('/sign-in?next='));
        assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')), false, 'the page scripts really are off');
        await signIn(v, server.accounts[0]!);
        assert.equal(v.path, `/plans/${planId}`, 'back to the page asked for');

        await v.step(() => page.getByRole('button', { name: 'Add an objective' }).click());
        await page.getByLabel('Number (optional)').fill('2');
        await v.step(() => page.getByRole('button', { name: 'Save objective' }).click());
        assert.deepEqual((await errorSummary(page)).links, [['Enter the objective', '#title']]);
        await page.getByLabel('Objective', { exact: true }).fill('Run elections that voters trust');
        await v.step(() => page.getByRole('button', { name: 'Save objective' }).click());
        assert.equal(v.path, `/plans/${planId}`);
        const region = objectiveRegion(page, '2', 'Run elections that voters trust');
        assert.match(await region.innerText(), /No actions yet\./);

        await v.step(() => region.getByRole('link', { name: 'Add an action to 2', exact: true }).click());
        assert.equal(await page.getByLabel('Action code').inputValue(), '18-ELE03');
        await fillDate(page, 'Due date', '2', '5', '');
        await v.step(() => page.getByRole('button', { name: 'Save action' }).click());
        assert.deepEqual((await errorSummary(page)).links, [
          ['Enter the action', '#title'],
          ['Due date must include a year', '#dueDate-day'],
        ]);
        assert.deepEqual(await dateShown(page, 'Due date'), ['2', '5', '']);
        await page.getByLabel('Action', { exact: true }).fill('Run the district and parish elections on 2 May 2019');
        await page.getByRole('group', { name: 'Due date', exact: true }).getByLabel('Year').fill('2019');
        await page.getByLabel('Lead officers').fill('Electoral Services Manager');
        await page.getByRole('group', { name: 'Kind of action' }).getByLabel('Milestone').check();
        await v.step(() => page.getByRole('button', { name: 'Save action' }).click());

        assert.match(v.path, /^\/actions\/\d+$/);
        assert.equal(await heading(page), 'Run the district and parish elections on 2 May 2019');
        assert.equal((await summaryValue(page, 'Due date').innerText()).trim(), '2 May 2019');
        assert.equal((await summaryValue(page, 'Objective').innerText()).trim(), '2 Run elections that voters trust');
        assert.equal((await ourPlan())?.actions, 3);
      },
      { javaScriptEnabled: false },
    );
  });

  test('every page visited passed axe', (t) => {
    assert.ok(checkedPages.length > 0);
    t.diagnostic(`axe (${WCAG_TAGS.join(', ')}) found no violations on ${checkedPages.length} pages`);
  });
});
