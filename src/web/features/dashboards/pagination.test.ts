import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { council } from '../../../../test/support/factories.ts';
import { pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Long lists at the size of a large council, a page at a time (issue 14): the action list, the
// exceptions and a directorate's actions show 50 rows a page with counts of the whole list and
// links that keep the filter; a chart with more than 20 bars gives way to its table.
//
// The council: one directorate with 22 services, each with a plan of 3 one-off actions due
// 30 September 2018 and no progress update, so as at 1 October 2018 all 66 actions are overdue —
// red, and exceptions. 66 = 50 + 16: two pages.

const AS_OF = '2018-10-01';
const rows = (html: string) => (/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr class="govuk-table__row"/g)?.length ?? 0;

describe('long lists, a page at a time', () => {
  let t: TestApp;
  let admin: HttpClient;
  let directorate: number;

  before(async () => {
    t = await testApp({ clock: () => new Date('2018-10-01T09:00:00Z') });
    const c = await council(t.services);
    directorate = await c.unit({ kind: 'directorate', name: 'Resources', code: 'RES' });
    const year = await c.year();
    for (let s = 1; s <= 22; s++) {
      const unitId = await c.unit({ name: `Service ${String(s).padStart(2, '0')}`, code: `S${s}`, parentId: directorate });
      const plan = await c.plan({ unitId, yearId: year.id });
      for (let a = 1; a <= 3; a++) await c.action(plan, { kind: 'one_off', title: `Action ${a} of service ${s}`, dueDate: '2018-09-30' });
    }
    admin = await signedInClient(t.app, c.admin.email, c.admin.password);
  });
  after(() => t.close());

  it('lists 50 actions on the first page, counts all 66 and links to the second', async () => {
    const res = await admin.get('/actions');
    assert.equal(res.statusCode, 200);
    assert.equal(rows(res.body), 50);
    const text = pageText(res.body);
    assert.match(text, /Showing 1 to 50 of 66 actions/);
    assert.match(text, /66 actions ?, Showing 1 to 50 of 66 actions/, 'the caption counts the whole list');
    assert.match(res.body, /<a class="govuk-link govuk-pagination__link" href="\/actions\?page=2" rel="next">/);
    assert.doesNotMatch(res.body, /rel="prev"/);
  });

  it('shows the last 16 on the second page, and the last page for a page past it', async () => {
    for (const page of ['2', '9']) {
      const res = await admin.get(`/actions?page=${page}`);
      assert.equal(res.statusCode, 200);
      assert.equal(rows(res.body), 16, `page ${page}`);
      assert.match(pageText(res.body), /Showing 51 to 66 of 66 actions/);
      assert.match(res.body, /href="\/actions" rel="prev"/);
      assert.doesNotMatch(res.body, /rel="next"/);
    }
  });

  it('keeps the filter, the date and the sort in the page links, and a new sort starts at page 1', async () => {
    const res = await admin.get(`/actions?asOf=${AS_OF}&light=red&sort=title&order=desc&page=1`);
    assert.equal(res.statusCode, 200);
    // All 66 are red (overdue, never updated).
    assert.match(pageText(res.body), /Showing 1 to 50 of 66 actions/);
    const next = /href="\/actions\?([^"]*)" rel="next"/.exec(res.body)?.[1]?.replaceAll('&amp;', '&');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(next)), { asOf: AS_OF, light: 'red', sort: 'title', order: 'desc', page: '2' });
    // The sort links never carry a page.
    assert.doesNotMatch(res.body, /sort=code[^"]*page=/);
  });

  it('refuses a page that is not a whole number', async () => {
    assert.equal((await admin.get('/actions?page=two')).statusCode, 400);
    assert.equal((await admin.get('/dashboards/exceptions?page=-1')).statusCode, 400);
  });

  it('pages the exceptions, with counts of all of them', async () => {
    const first = await admin.get(`/dashboards/exceptions?asOf=${AS_OF}`);
    assert.equal(first.statusCode, 200);
    const text = pageText(first.body);
    assert.match(text, /66 actions need attention/);
    assert.match(text, /Red: 66\. Overdue: 66\./);
    assert.equal(rows(first.body), 50);
    const second = await admin.get(`/dashboards/exceptions?asOf=${AS_OF}&page=2`);
    assert.equal(rows(second.body), 16);
    assert.match(pageText(second.body), /Showing 51 to 66 of 66 actions/);
  });

  it('pages a directorate’s actions, and leaves its 22 plans’ objectives to their own pages', async () => {
    const res = await admin.get(`/dashboards/units/${directorate}?asOf=${AS_OF}&page=2`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Showing 51 to 66 of 66 actions/);
    assert.match(text, /With 22 plans, each plan's objectives are on the dashboard of the unit it belongs to/);
  });

  it('gives the council overview’s 22 services as a table without a chart, and still charts the directorate', async () => {
    const res = await admin.get(`/dashboards?asOf=${AS_OF}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /aria-labelledby="rag-by-service-title/);
    assert.match(res.body, /aria-labelledby="rag-by-directorate-title/);
    assert.match(pageText(res.body), /one row for each of the 22 services, as at 1 October 2018/);
    // The table beside it has a row per service: Service 01 … Service 22.
    for (const n of ['01', '22']) assert.match(res.body, new RegExp(`>Service ${n}</a></th>`));
  });
});
