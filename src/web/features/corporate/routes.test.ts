import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor } from '../../../services/index.ts';

describe('corporate plan pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let tenantId: number;
  const overview = () => t.services.corporate.overview(systemActor(tenantId));

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'c1', name: 'Test Council', email: 'admin@c1.example.gov.uk' });
    tenantId = c.tenantId;
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('offers to set up the corporate plan when there is none', async () => {
    const res = await client.get('/corporate-plan');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Corporate plan<\/h1>/);
    assert.match(res.body, /href="\/corporate-plan\/edit"[^>]*>\s*Set up the corporate plan/);
    // Priorities and pledges need a plan first.
    assert.equal((await client.get('/corporate-plan/priorities/new')).statusCode, 302);
    assert.equal((await client.get('/corporate-plan/pledges/new')).statusCode, 302);
    const early = await client.post('/corporate-plan/priorities', { title: 'Too soon' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Set up the corporate plan first/);
  });

  it('rejects a plan without a title and saves nothing', async () => {
    const res = await client.post('/corporate-plan', { title: '  ', vision: 'A vision', values: 'Respect' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#title">Enter the title<\/a>/);
    assert.match(res.body, />A vision<\/textarea>/);
    assert.equal((await overview()).plan, null);
  });

  it('sets up the plan, shows it, and edits it', async () => {
    const form = await client.get('/corporate-plan/edit');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Set up the corporate plan<\/h1>/);

    const res = await client.post('/corporate-plan', {
      title: 'Corporate Plan 2015–2020',
      periodLabel: '2015 to 2020',
      vision: 'A thriving borough.\n\nWhere everyone has a chance.',
      values: 'Respect – we treat everyone fairly\nAmbition\n\n',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/corporate-plan');
    const view = await client.get('/corporate-plan');
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /<h1 class="govuk-heading-l">Corporate Plan 2015–2020<\/h1>/);
    assert.match(view.body, /<span class="govuk-caption-l">2015 to 2020<\/span>/);
    assert.match(view.body, /<p class="govuk-body">A thriving borough\.<\/p><p class="govuk-body">Where everyone has a chance\.<\/p>/);
    assert.match(pageText(view.body), /Corporate plan saved/);
    assert.match(view.body, /<li><strong>Respect<\/strong> – we treat everyone fairly<\/li>/);
    assert.match(view.body, /<li><strong>Ambition<\/strong><\/li>/);

    const edit = await client.get('/corporate-plan/edit');
    assert.match(edit.body, /<h1 class="govuk-heading-l">Edit the corporate plan<\/h1>/);
    assert.match(edit.body, />Respect – we treat everyone fairly\nAmbition<\/textarea>/);
    const saved = await client.post('/corporate-plan', { title: 'Corporate Plan', periodLabel: '', vision: '', values: 'Openness' });
    assert.equal(saved.statusCode, 303);
    const o = await overview();
    assert.equal(o.plan?.title, 'Corporate Plan');
    assert.equal(o.plan?.period_label, null);
    assert.deepEqual(o.values.map((v) => v.name), ['Openness']);
  });

  it('adds and edits priorities as a tree', async () => {
    const form = await client.get('/corporate-plan/priorities/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Add a priority<\/h1>/);

    const res = await client.post('/corporate-plan/priorities', { title: 'Growing our economy', strapline: 'Jobs and investment', description: 'More jobs.', parentId: '' });
    assert.equal(res.statusCode, 303);
    const rootId = Number(/#priority-(\d+)$/.exec(String(res.headers.location))?.[1]);
    assert.ok(rootId > 0, String(res.headers.location));

    const child = await client.post('/corporate-plan/priorities', { title: 'Town centres', strapline: '', parentId: String(rootId) });
    assert.equal(child.statusCode, 303);
    const childId = Number(/#priority-(\d+)$/.exec(String(child.headers.location))?.[1]);

    const view = await client.get('/corporate-plan');
    assert.match(view.body, new RegExp(`id="priority-${rootId}">\\s*<h3 class="govuk-heading-m">Growing our economy</h3>\\s*<p class="govuk-body-l">Jobs and investment</p>`));
    assert.match(view.body, new RegExp(`id="priority-${childId}">\\s*<h4 class="govuk-heading-s">Town centres</h4>`));
    assert.match(view.body, new RegExp(`href="/actions\\?priority=${rootId}">See the actions that serve it`));

    // The edit form does not offer the priority itself or anything under it as its parent.
    const edit = await client.get(`/corporate-plan/priorities/${rootId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<h1 class="govuk-heading-l">Edit priority: Growing our economy<\/h1>/);
    assert.match(edit.body, /value="Growing our economy"/);
    assert.doesNotMatch(edit.body, new RegExp(`<option value="${childId}"`));
    const childEdit = await client.get(`/corporate-plan/priorities/${childId}/edit`);
    assert.match(childEdit.body, new RegExp(`<option value="${rootId}" selected>Growing our economy</option>`));

    const saved = await client.post(`/corporate-plan/priorities/${childId}`, { title: 'Vibrant town centres', strapline: 'Places people want to be', parentId: String(rootId) });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/corporate-plan#priority-${childId}`);
    const after = pageText((await client.get('/corporate-plan')).body);
    assert.match(after, /Priority Vibrant town centres saved/);
    assert.match(after, /Vibrant town centres Places people want to be/);

    // A loop is refused, and nothing changes.
    const loop = await client.post(`/corporate-plan/priorities/${rootId}`, { title: 'Growing our economy', parentId: String(childId) });
    assert.equal(loop.statusCode, 400);
    assert.match(loop.body, /href="#parentId">A priority cannot sit under itself/);
    assert.equal((await t.services.corporate.priority(systemActor(tenantId), rootId)).parent_id, null);

    const blank = await client.post('/corporate-plan/priorities', { title: '', strapline: 'kept' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /There is a problem/);
    assert.match(blank.body, /href="#title">Enter the priority<\/a>/);
    assert.match(blank.body, /value="kept"/);
    assert.equal((await overview()).flatPriorities.length, 2);
  });

  it('adds and edits numbered pledges', async () => {
    const [root] = (await overview()).priorities;
    const form = await client.get(`/corporate-plan/pledges/new?priority=${root!.id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /id="number" name="number" type="text"[^>]*value="1"/);
    assert.match(form.body, new RegExp(`<option value="${root!.id}" selected>`));

    const res = await client.post('/corporate-plan/pledges', { number: '7', text: 'We will create 500 jobs', priorityId: String(root!.id) });
    assert.equal(res.statusCode, 303);
    const id = Number(/#pledge-(\d+)$/.exec(String(res.headers.location))?.[1]);
    const view = await client.get('/corporate-plan');
    const text = pageText(view.body);
    assert.match(text, /Pledge 7 saved/);
    assert.match(text, /Pledge 7 : We will create 500 jobs/);
    assert.match(view.body, new RegExp(`<tr class="govuk-table__row" id="pledge-${id}">\\s*<th scope="row"[^>]*>7</th>`));
    assert.match(view.body, new RegExp(`href="/actions\\?pledge=${id}">See the actions that serve it`));

    const edit = await client.get(`/corporate-plan/pledges/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<title>Edit pledge 7 – Test Council<\/title>/);
    assert.match(edit.body, />We will create 500 jobs<\/textarea>/);
    const saved = await client.post(`/corporate-plan/pledges/${id}`, { number: '8', text: 'We will create 600 jobs', priorityId: '' });
    assert.equal(saved.statusCode, 303);
    const p = await t.services.corporate.pledge(systemActor(tenantId), id);
    assert.deepEqual([p.number, p.text, p.priority_id], [8, 'We will create 600 jobs', null]);

    await client.post('/corporate-plan/pledges', { number: '9', text: 'Another' });
    const dup = await client.post(`/corporate-plan/pledges/${id}`, { number: '9', text: 'Clash' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /href="#number">Pledge 9 already exists<\/a>/);
    assert.match(dup.body, /<h1 class="govuk-heading-l">Edit pledge 8<\/h1>/, 'the title names the pledge as saved');
    const bad = await client.post('/corporate-plan/pledges', { number: 'seven', text: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#text">Enter the pledge<\/a>/);
    assert.match(bad.body, /value="seven"/);
    assert.deepEqual((await overview()).pledges.map((x) => x.number), [8, 9]);
  });

  it('gives the not-found page for unknown ids', async () => {
    for (const url of ['/corporate-plan/priorities/99999/edit', '/corporate-plan/pledges/99999/edit', '/corporate-plan/pledges/x/edit']) {
      assert.equal((await client.get(url)).statusCode, 404, url);
    }
    assert.equal((await client.post('/corporate-plan/priorities/99999', { title: 'x' })).statusCode, 404);
    assert.equal((await client.post('/corporate-plan/priorities/99999', { title: '' })).statusCode, 404);
    assert.equal((await client.post('/corporate-plan/pledges/99999', { number: '1', text: 'x' })).statusCode, 404);
    assert.equal((await client.post('/corporate-plan/pledges/99999', { number: '', text: '' })).statusCode, 404);
  });

  it('refuses a form sent without the CSRF token', async () => {
    const res = await client.post('/corporate-plan', { title: 'Forged' }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal((await overview()).plan?.title, 'Corporate Plan');
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await anonymousClient(t.app).get('/corporate-plan');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/sign-in/);
  });

  it("does not show one council's priorities and pledges to another council", async () => {
    const other = await createCouncil(t.services, { slug: 'c2', name: 'Other Council', email: 'admin@c2.example.gov.uk' });
    const theirs = await signedInClient(t.app, other.email);
    const o = await overview();
    const priorityId = o.flatPriorities[0]!.id;
    const pledgeId = o.pledges[0]!.id;
    assert.equal((await theirs.get(`/corporate-plan/priorities/${priorityId}/edit`)).statusCode, 404);
    assert.equal((await theirs.post(`/corporate-plan/priorities/${priorityId}`, { title: 'Hijacked' })).statusCode, 404);
    assert.equal((await theirs.get(`/corporate-plan/pledges/${pledgeId}/edit`)).statusCode, 404);
    assert.equal((await theirs.post(`/corporate-plan/pledges/${pledgeId}`, { number: '1', text: 'Hijacked' })).statusCode, 404);
    const view = await theirs.get('/corporate-plan');
    assert.match(view.body, /Set up the corporate plan/);
    assert.doesNotMatch(view.body, /Growing our economy/);
    assert.equal((await t.services.corporate.priority(systemActor(tenantId), priorityId)).title, 'Growing our economy');
  });
});
