import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor } from '../../../services/index.ts';

describe('people pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let tenantId: number;
  let directorateId: number;
  let serviceId: number;
  let placeId: number;

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'c1', name: 'Test Council', email: 'admin@c1.example.gov.uk' });
    tenantId = c.tenantId;
    const actor = systemActor(tenantId);
    const org = t.services.organisation;
    directorateId = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CED', kind: 'directorate' });
    serviceId = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: String(directorateId) });
    placeId = await org.createUnit(actor, { name: 'Place', code: 'PLC', kind: 'directorate' });
    await org.createPerson(actor, { name: 'Ann Other', jobTitle: 'Head of Democratic Services', email: 'ann@c1.example.gov.uk', orgUnitId: serviceId });
    await org.createPerson(actor, { name: 'Bob Builder', jobTitle: 'Director of Place', orgUnitId: placeId });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('lists people with their job title, email and unit', async () => {
    const res = await client.get('/people');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Ann Other Head of Democratic Services ann@c1\.example\.gov\.uk Democratic Services/);
    assert.match(text, /Bob Builder Director of Place Place/);
    assert.match(res.body, /<caption class="govuk-table__caption[^"]*">2 people/);
    assert.match(res.body, /<th scope="col" class="govuk-table__header">Unit<\/th>/);
  });

  it('filters the list by unit, including the units under it', async () => {
    const res = await client.get(`/people?unit=${directorateId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Ann Other/);
    assert.doesNotMatch(res.body, /Bob Builder/);
    assert.match(res.body, new RegExp(`<option value="${directorateId}" selected>`));
    const place = await client.get(`/people?unit=${placeId}`);
    assert.match(place.body, /Bob Builder/);
    assert.doesNotMatch(place.body, /Ann Other/);
    // A unit that does not exist shows nobody rather than everybody.
    const none = await client.get('/people?unit=99999');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /No people in this unit/);
  });

  it('shows the add form with the unit tree', async () => {
    const res = await client.get('/people/new');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Add a person<\/h1>/);
    assert.match(res.body, /<title>Add a person – Test Council<\/title>/);
    assert.match(pageText(res.body), /Chief Executive's Department › Democratic Services \(DEM\)/);
    assert.match(res.body, /name="_csrf" value="[^"]+"/);
  });

  it('creates a person and shows them, then edits them', async () => {
    const created = await client.post('/people', { name: '  Carol Clerk ', jobTitle: 'Committee Officer', email: 'Carol@C1.example.gov.uk', orgUnitId: String(serviceId) });
    assert.equal(created.statusCode, 303);
    const location = String(created.headers.location);
    assert.match(location, /^\/people\/\d+$/);
    const id = Number(location.split('/').pop());

    const view = await client.get(location);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Carol Clerk saved/);
    assert.match(view.body, /<h1 class="govuk-heading-l">Carol Clerk<\/h1>/);
    assert.match(text, /Job title Committee Officer/);
    assert.match(text, /Email address carol@c1\.example\.gov\.uk/);
    assert.match(text, /Unit Chief Executive's Department › Democratic Services/);
    assert.match(view.body, new RegExp(`href="/actions\\?person=${id}"`));

    const edit = await client.get(`/people/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="Carol Clerk"/);
    assert.match(edit.body, new RegExp(`<option value="${serviceId}" selected>`));
    assert.match(edit.body, new RegExp(`action="/people/${id}"`));

    const saved = await client.post(`/people/${id}`, { name: 'Carol Clerk', jobTitle: 'Senior Committee Officer', email: '', orgUnitId: String(placeId) });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/people/${id}`);
    const after = pageText((await client.get(`/people/${id}`)).body);
    assert.match(after, /Job title Senior Committee Officer/);
    assert.match(after, /Email address Not recorded/);
    assert.match(after, /Unit Place/);

    const p = await t.services.organisation.person(systemActor(tenantId), id);
    assert.equal(p.org_unit_id, placeId);
    assert.equal(p.email, null);
  });

  it('re-renders the form with errors and saves nothing when the input is wrong', async () => {
    const before = (await t.services.organisation.people(systemActor(tenantId))).length;
    const res = await client.post('/people', { name: ' ', jobTitle: 'Clerk', email: 'not-an-email', orgUnitId: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /<title>Error: Add a person/);
    assert.match(res.body, /href="#name">Enter the name<\/a>/);
    assert.match(res.body, /href="#email">Enter an email address in the correct format/);
    assert.match(res.body, /id="name-error"/);
    assert.match(res.body, /value="Clerk"/, 'values are echoed back');
    assert.match(res.body, /value="not-an-email"/);
    assert.equal((await t.services.organisation.people(systemActor(tenantId))).length, before);
  });

  it('rejects a unit that does not exist', async () => {
    const res = await client.post('/people', { name: 'Dan', orgUnitId: '99999' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#orgUnitId">Select a valid unit<\/a>/);
  });

  it('re-renders the edit form with errors and keeps the saved person', async () => {
    const [ann] = (await t.services.organisation.people(systemActor(tenantId))).filter((p) => p.name === 'Ann Other');
    const res = await client.post(`/people/${ann!.id}`, { name: '', jobTitle: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /Enter the name/);
    assert.equal((await t.services.organisation.person(systemActor(tenantId), ann!.id)).name, 'Ann Other');
  });

  it('gives the not-found page for unknown and malformed ids', async () => {
    for (const url of ['/people/99999', '/people/99999/edit', '/people/abc', '/people/1.5/edit']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
    }
    assert.equal((await client.post('/people/99999', { name: 'Nobody' })).statusCode, 404);
    assert.equal((await client.post('/people/99999', { name: '' })).statusCode, 404);
  });

  it('refuses a form sent without the CSRF token', async () => {
    const before = (await t.services.organisation.people(systemActor(tenantId))).length;
    const res = await client.post('/people', { name: 'Eve Forger' }, { csrf: false });
    assert.equal(res.statusCode, 403);
    const wrong = await client.post('/people', { name: 'Eve Forger', _csrf: 'not-the-token' });
    assert.equal(wrong.statusCode, 403);
    assert.equal((await t.services.organisation.people(systemActor(tenantId))).length, before);
  });

  it('lets a viewer read but not change people', async () => {
    await t.services.auth.createUser(tenantId, { email: 'viewer@c1.example.gov.uk', name: 'Vic Viewer', role: 'viewer', password: 'long-enough-password' });
    const viewer = await signedInClient(t.app, 'viewer@c1.example.gov.uk');
    assert.equal((await viewer.get('/people')).statusCode, 200);
    const before = (await t.services.organisation.people(systemActor(tenantId))).length;
    assert.equal((await viewer.post('/people', { name: 'Not Allowed' })).statusCode, 403);
    assert.equal((await t.services.organisation.people(systemActor(tenantId))).length, before);
  });

  it('sends anonymous visitors to sign in', async () => {
    const anon = anonymousClient(t.app);
    for (const url of ['/people', '/people/new', '/people/1']) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.match(String(res.headers.location), /^\/sign-in/);
    }
  });

  it("does not show one council's people to another council", async () => {
    const other = await createCouncil(t.services, { slug: 'c2', name: 'Other Council', email: 'admin@c2.example.gov.uk' });
    const theirs = await signedInClient(t.app, other.email);
    const [ann] = (await t.services.organisation.people(systemActor(tenantId))).filter((p) => p.name === 'Ann Other');
    assert.equal((await theirs.get(`/people/${ann!.id}`)).statusCode, 404);
    assert.equal((await theirs.get(`/people/${ann!.id}/edit`)).statusCode, 404);
    assert.equal((await theirs.post(`/people/${ann!.id}`, { name: 'Hijacked' })).statusCode, 404);
    const list = await theirs.get('/people');
    assert.doesNotMatch(list.body, /Ann Other/);
    // Nor may they put their own people in the first council's units.
    const cross = await theirs.post('/people', { name: 'Mallory', orgUnitId: String(serviceId) });
    assert.equal(cross.statusCode, 400);
    assert.equal((await t.services.organisation.person(systemActor(tenantId), ann!.id)).name, 'Ann Other');
  });
});
