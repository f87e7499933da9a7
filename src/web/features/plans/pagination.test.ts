import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { council } from '../../../../test/support/factories.ts';
import { pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// A very large plan's page, 50 actions at a time (issue 14, point 3), in plan order.
//
// The plan: objective 1.1 with 30 actions, objective 1.2 with 40, and objective 1.3 with none:
// 70 actions = 50 + 20. Page 1 holds 1.1 whole (actions 1–30) and the first 20 of 1.2 (31–50);
// page 2 the last 20 of 1.2, headed "(continued)", and the empty 1.3, which comes after the last
// action. The scorecard and the size count all 70 on both pages.

const tables = (html: string) => [...html.matchAll(/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/g)].map((m) => m[1]!.match(/<tr class="govuk-table__row"/g)?.length ?? 0);

describe('a very large plan, a page of actions at a time', () => {
  let t: TestApp;
  let admin: HttpClient;
  let plan: number;

  before(async () => {
    t = await testApp({ clock: () => new Date('2018-10-01T09:00:00Z') });
    const c = await council(t.services);
    const year = await c.year();
    plan = await c.plan({ yearId: year.id, title: 'Highways service plan', areasOfFocus: 'Winter resilience next year.' });
    const first = await c.objective(plan, { number: '1.1', title: 'Roads' });
    const second = await c.objective(plan, { number: '1.2', title: 'Bridges' });
    await c.objective(plan, { number: '1.3', title: 'Footways' });
    for (let a = 1; a <= 30; a++) await c.action(plan, { objectiveId: first, code: `RD${String(a).padStart(2, '0')}`, title: `Road work ${a}` });
    for (let a = 1; a <= 40; a++) await c.action(plan, { objectiveId: second, code: `BR${String(a).padStart(2, '0')}`, title: `Bridge work ${a}` });
    admin = await signedInClient(t.app, c.admin.email, c.admin.password);
  });
  after(() => t.close());

  it('shows the first 50 actions on page 1, counting all 70', async () => {
    const res = await admin.get(`/plans/${plan}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(tables(res.body), [30, 20]);
    const text = pageText(res.body);
    assert.match(text, /Showing 1 to 50 of 70 actions/);
    assert.match(text, /Size 70 actions/);
    assert.match(text, /All actions 70/, 'the scorecard counts the whole plan');
    assert.match(text, /1\.2 Bridges(?! \(continued\))/);
    assert.doesNotMatch(text, /1\.3 Footways/);
    assert.doesNotMatch(text, /Winter resilience/, 'areas of focus close the last page');
    assert.match(res.body, new RegExp(`href="/plans/${plan}\\?page=2" rel="next"`));
    assert.ok(Buffer.byteLength(res.body) < 150 * 1024);
  });

  it('shows the rest on page 2, the split objective marked as continued, and the last page past the end', async () => {
    for (const page of ['2', '7']) {
      const res = await admin.get(`/plans/${plan}?page=${page}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(tables(res.body), [20], `page ${page}`);
      const text = pageText(res.body);
      assert.match(text, /Showing 51 to 70 of 70 actions/);
      assert.match(text, /1\.2 Bridges \(continued\)/);
      assert.match(text, /BR21/);
      assert.doesNotMatch(text, /BR20\b/);
      assert.match(text, /1\.3 Footways/);
      assert.match(text, /No actions yet/);
      assert.match(text, /Winter resilience/);
      assert.match(res.body, new RegExp(`href="/plans/${plan}" rel="prev"`));
    }
  });

  it('keeps the as-at date in the page links, and refuses a page that is not a number', async () => {
    const res = await admin.get(`/plans/${plan}?asOf=2018-09-30`);
    assert.match(res.body, new RegExp(`href="/plans/${plan}\\?asOf=2018-09-30&amp;page=2" rel="next"`));
    assert.equal((await admin.get(`/plans/${plan}?page=two`)).statusCode, 400);
  });
});
