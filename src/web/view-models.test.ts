import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { loadDemo } from '../services/demo.ts';
import { signedInClient, testApp, type HttpClient, type TestApp } from '../../test/support/http.ts';
import { snakeCaseKeys } from '../../test/support/view-models.ts';

// Templates read view models in camelCase built by the presenters, never database rows
// (docs/architecture.md, Presenters). This renders every page the presenters build, over the demo
// council, and looks through what each template was given for a snake_case key.
//
// Pages reached only by posting a form (the merge page, a progress update that lost a race) are
// checked by their presenters' tests; the imports pages, which need a draft, are posted below.

const PAGES = [
  '/',
  '/setup',
  '/account',
  '/plans',
  '/plans/1',
  '/plans/1?asOf-day=31&asOf-month=2&asOf-year=2026',
  '/plans/new',
  '/plans/1/edit',
  '/plans/1/goals/new',
  '/plans/1/objectives/new',
  '/plans/1/versions',
  '/plans/1/versions/compare',
  '/plans/1/history',
  '/plans/2/approve',
  '/plans/2/return',
  '/plans/1/actions/new?newVersion=yes',
  '/actions',
  '/actions?light=red&sort=due&order=desc',
  '/actions?service=2&year=1',
  '/actions?dueFrom-day=40&dueFrom-month=1&dueFrom-year=2026',
  '/actions/1',
  '/actions/1?asOf=2026-06-30&knownOn=2026-07-31',
  '/actions/1/edit?newVersion=yes',
  '/actions/1/updates/new',
  '/actions/1/updates/new?corrects=1',
  '/dashboards',
  '/dashboards?asOf=2026-06-30&knownOn=2026-07-31',
  '/dashboards?asOf-day=40&asOf-month=1&asOf-year=2026',
  '/dashboards/units/1',
  '/dashboards/units/2?asOf=2026-09-30',
  '/dashboards/priorities/1',
  '/dashboards/pledges/1',
  '/dashboards/exceptions',
  '/dashboards/exceptions?service=2',
  '/dashboards/my-actions',
  '/organisation',
  '/organisation/1',
  '/organisation/new',
  '/organisation/2/edit',
  '/people',
  '/people?unit=2',
  '/people/1',
  '/people/new',
  '/people/1/edit',
  '/years',
  '/years/1',
  '/years/new',
  '/years/1/periods/1/edit',
  '/users',
  '/users/1',
  '/users/new',
  '/corporate-plan',
  '/corporate-plan/edit',
  '/corporate-plan/priorities/new',
  '/corporate-plan/priorities/1/edit',
  '/corporate-plan/pledges/new',
  '/corporate-plan/pledges/1/edit',
  '/updates/pending',
  '/settings',
  '/settings/status-words',
  '/settings/rag',
  '/settings/report-style',
  '/settings/update-cycle',
  '/committees',
  '/committees/1/edit',
  '/committees/1/delete',
  '/committees/meetings/1/edit',
  '/committees/meetings/1/delete',
  '/reports',
  '/reports/new',
  '/reports/1',
  '/reports/1/edit',
  '/reports/1/history',
  '/imports/new',
  '/nowhere',
];

describe('view models', () => {
  let t: TestApp;
  let admin: HttpClient;
  let draft = '';
  let exported = '';
  const seen: { template: string; context: Record<string, unknown> }[] = [];
  const render = nunjucks.Environment.prototype.render;

  before(async () => {
    t = await testApp({ clock: () => new Date('2026-11-20T12:00:00Z') });
    const { accounts, tenantId } = await loadDemo(t.services);
    const account = accounts.find((a) => a.role === 'admin')!;
    const actor = { tenantId, userId: 1, role: 'admin', clearance: true };
    const meeting = (await t.services.committees.meetings(actor))[0]!;
    const planIds = (await t.services.plans.list(actor)).slice(0, 2).map((p) => p.id);
    const id = await t.services.reports.create(actor, { meetingId: meeting.id, template: 'half-year', title: 'Half-year progress', asOf: '2026-09-30', planIds, restricted: 'no' });
    await t.services.reports.issue(actor, id);
    admin = await signedInClient(t.app, account.email, account.password);
    // An import waiting to be checked: a pasted table with a date nobody can read; and a Waymark export.
    const paste = ['Ref\tAction\tDue date\tStatus', '26-PRK01\tReplace the bins\t30/09/2026\tComplete', '26-PRK02\tRepaint the fences\tSummer-ish\tIn progress'].join('\n');
    draft = await t.services.imports.saveDraft(actor, { content: Buffer.from(paste), format: 'paste' });
    const json = await admin.get(`/plans/${planIds[0]}/export.json`);
    exported = await t.services.imports.saveDraft(actor, { content: json.rawPayload, filename: 'plan.json', format: 'auto' });
    // Every page rendered from here on is recorded with what its template was given.
    nunjucks.Environment.prototype.render = function (this: nunjucks.Environment, name: string, context?: object, ...rest: unknown[]) {
      seen.push({ template: name, context: { ...(context as Record<string, unknown>) } });
      return (render as (...a: unknown[]) => string).call(this, name, context, ...rest);
    } as typeof render;
  });

  after(async () => {
    nunjucks.Environment.prototype.render = render;
    await t?.close();
  });

  it('gives every converted page a view model with no snake_case keys', async () => {
    const problems: string[] = [];
    for (const url of PAGES) {
      seen.length = 0;
      const res = await admin.get(url);
      assert.ok([200, 400, 404].includes(res.statusCode), `${url} gave ${res.statusCode}`);
      assert.equal(seen.length, 1, `${url} rendered one template`);
      const keys = snakeCaseKeys(seen[0]!.context);
      if (keys.length) problems.push(`${url} (${seen[0]!.template}): ${keys.slice(0, 5).join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  it('gives the imports pages view models with no snake_case keys: the form refused, the preview and its target', async () => {
    const problems: string[] = [];
    const requests: [string, () => Promise<{ statusCode: number }>][] = [
      ['POST /imports (no file or text)', () => admin.post('/imports', { paste: '', format: 'auto', target: '' })],
      ['POST /imports (unknown unit)', () => admin.post('/imports', { paste: 'Ref\tAction\n26-PRK01\tBins', format: 'paste', target: 'new', orgCode: 'PRX', year: '2026/27' })],
      [`/imports/${draft}`, () => admin.get(`/imports/${draft}`)],
      [`/imports/${draft} (new unit)`, () => admin.get(`/imports/${draft}?target=new&orgCode=PRK&year=2026%2F27&newUnitName=Parks`)],
      [`/imports/${draft} (into plan 1)`, () => admin.get(`/imports/${draft}?target=plan&planId=1&col0=code&col1=title&col2=title`)],
      [`/imports/${draft} (nothing mapped)`, () => admin.get(`/imports/${draft}?col0=&col1=&col2=&col3=`)],
      [`/imports/${exported}`, () => admin.get(`/imports/${exported}`)],
      [`POST /imports/${draft} (refused)`, () => admin.post(`/imports/${draft}`, { target: 'new', orgCode: 'PRX', year: '2026/27', newUnitName: '', col0: 'code', col1: 'title' })],
    ];
    for (const [label, request] of requests) {
      seen.length = 0;
      const res = await request();
      assert.ok([200, 400].includes(res.statusCode), `${label} gave ${res.statusCode}`);
      assert.equal(seen.length, 1, `${label} rendered one template`);
      const keys = snakeCaseKeys(seen[0]!.context);
      if (keys.length) problems.push(`${label} (${seen[0]!.template}): ${keys.slice(0, 5).join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });
});
