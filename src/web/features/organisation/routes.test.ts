import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

describe('organisation pages', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let ids: { cex: number; dem: number; com: number };
  const unitCount = async () => (await t.services.organisation.units(actor)).length;
  const unitIdFrom = (location: unknown) => {
    const m = /^\/organisation\/(\d+)$/.exec(String(location));
    assert.ok(m, `redirected to a unit, got ${String(location)}`);
    return Number(m[1]);
  };

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'admin@borsetshire.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const org = t.services.organisation;
    const cex = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const dem = await org.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const com = await org.createUnit(actor, { name: 'Communications', code: 'COM', kind: 'service', parentId: cex });
    ids = { cex, dem, com };
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  it('lists the structure as a tree, each unit under its parent', async () => {
    await t.services.organisation.createUnit(actor, { name: 'Adult Social Care', code: 'ASC', kind: 'directorate' });
    await t.services.organisation.createUnit(actor, { name: 'Electoral Registration', code: 'ER', kind: 'team', parentId: ids.dem });
    const res = await client.get('/organisation');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Organisation<\/h1>/);
    const rows = [...res.body.matchAll(/<span class="waymark-indent-(\d)"><a class="govuk-link" href="\/organisation\/\d+">([^<]+)<\/a><\/span><\/td>\s*<td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell">([^<]+)<\/td>/g)].map(
      (m) => `${m[1]} ${m[2]!.replace('&#39;', "'")} ${m[3]} ${m[4]}`,
    );
    assert.deepEqual(rows, [
      '0 Adult Social Care ASC Directorate or department',
      "0 Chief Executive's Department CEX Directorate or department",
      '1 Communications COM Service',
      '1 Democratic Services DEM Service',
      '2 Electoral Registration ER Team',
    ]);
  });

  it('shows a unit with its parent and the units under it', async () => {
    const res = await client.get(`/organisation/${ids.cex}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Directorate or department Chief Executive's Department Short code CEX Sits under Top level/);
    assert.match(res.body, new RegExp(`<li><a class="govuk-link" href="/organisation/${ids.com}">Communications</a> \\(COM\\)</li><li><a class="govuk-link" href="/organisation/${ids.dem}">Democratic Services</a> \\(DEM\\)</li>`));
    const child = await client.get(`/organisation/${ids.dem}`);
    assert.match(pageText(child.body), /Service Democratic Services Short code DEM Sits under Chief Executive's Department Edit unit/);
    assert.match(child.body, new RegExp(`<a class="govuk-link" href="/organisation/${ids.cex}">Chief Executive&#39;s Department</a>`));
    assert.match(pageText(child.body), /Units under Democratic Services Electoral Registration \(ER\)/);
  });

  it('adds a unit and edits it', async () => {
    const form = await client.get(`/organisation/new?parent=${ids.cex}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Add a unit<\/h1>/);
    assert.match(form.body, new RegExp(`<option value="${ids.cex}" selected>Chief Executive&#39;s Department \\(CEX\\)</option>`));
    assert.match(form.body, /value="service" checked/);
    const top = await client.get('/organisation/new');
    assert.match(top.body, /value="directorate" checked/);
    assert.match(top.body, /<option value="">None \(top level\)<\/option>/);
    assert.doesNotMatch(top.body, /<option value="\d+" selected>/);

    const res = await client.post('/organisation', { name: '  Legal Services ', code: ' leg ', kind: 'service', parentId: String(ids.cex) });
    assert.equal(res.statusCode, 303);
    const id = unitIdFrom(res.headers.location);
    const view = await client.get(`/organisation/${id}`);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Legal Services added/);
    assert.match(text, /Service Legal Services Short code LEG Sits under Chief Executive's Department/);
    const unit = await t.services.organisation.unit(actor, id);
    assert.deepEqual([unit.name, unit.code, unit.kind, unit.parent_id], ['Legal Services', 'LEG', 'service', ids.cex]);

    const edit = await client.get(`/organisation/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /<h1 class="govuk-heading-l">Edit unit<\/h1>/);
    assert.match(edit.body, new RegExp(`action="/organisation/${id}"`));
    assert.match(edit.body, /name="name" type="text" value="Legal Services"/);
    assert.match(edit.body, /value="LEG"/);
    assert.match(edit.body, /value="service" checked/);
    assert.match(edit.body, new RegExp(`<option value="${ids.cex}" selected>`));
    // A unit is not offered as its own parent.
    assert.doesNotMatch(edit.body, new RegExp(`<option value="${id}"`));

    const saved = await client.post(`/organisation/${id}`, { name: 'Legal and Governance', code: 'LAG', kind: 'directorate', parentId: '' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/organisation/${id}`);
    const after = pageText((await client.get(`/organisation/${id}`)).body);
    assert.match(after, /Legal and Governance saved/);
    assert.match(after, /Directorate or department Legal and Governance Short code LAG Sits under Top level/);
    assert.match(pageText((await client.get('/organisation')).body), /Legal and Governance LAG Directorate or department/);
  });

  it('refuses a short code that another unit uses, naming it, and saves nothing', async () => {
    const before = await unitCount();
    const res = await client.post('/organisation', { name: 'Democracy Team', code: 'dem', kind: 'service', parentId: String(ids.cex) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /<a href="#code">Short code DEM is already used by Democratic Services<\/a>/);
    assert.match(res.body, /value="Democracy Team"/);
    assert.equal(await unitCount(), before);
    // Editing a unit onto another's code is refused too; keeping its own code is fine.
    const clash = await client.post(`/organisation/${ids.com}`, { name: 'Communications', code: 'DEM', kind: 'service', parentId: String(ids.cex) });
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /Short code DEM is already used by Democratic Services/);
    assert.equal((await t.services.organisation.unit(actor, ids.com)).code, 'COM');
    const same = await client.post(`/organisation/${ids.com}`, { name: 'Communications and Marketing', code: 'COM', kind: 'service', parentId: String(ids.cex) });
    assert.equal(same.statusCode, 303);
  });

  it('needs a parent for a service, and a parent that can hold it', async () => {
    const before = await unitCount();
    const orphan = await client.post('/organisation', { name: 'Orphan Service', code: 'ORP', kind: 'service', parentId: '' });
    assert.equal(orphan.statusCode, 400);
    assert.match(orphan.body, /<a href="#parentId">Select the unit this one sits under<\/a>/);
    assert.match(orphan.body, /id="parentId-error"/);
    const upsideDown = await client.post('/organisation', { name: 'Upside Down', code: 'UPD', kind: 'directorate', parentId: String(ids.dem) });
    assert.equal(upsideDown.statusCode, 400);
    assert.match(upsideDown.body, /<a href="#parentId">A directorate cannot sit under a service<\/a>/);
    const unknownParent = await client.post('/organisation', { name: 'Lost', code: 'LOST', kind: 'service', parentId: '99999' });
    assert.equal(unknownParent.statusCode, 400);
    assert.match(unknownParent.body, /<a href="#parentId">Select a valid parent unit<\/a>/);
    const blank = await client.post('/organisation', { name: '', code: 'no spaces!', kind: '', parentId: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /<a href="#name">Enter the name<\/a>/);
    assert.match(blank.body, /<a href="#code">Short code must use only letters and numbers, like CEC<\/a>/);
    assert.match(blank.body, /<a href="#kind">Select the kind of unit<\/a>/);
    assert.equal(await unitCount(), before);
  });

  it('says "Page not found" for a unit that does not exist', async () => {
    for (const url of ['/organisation/99999', '/organisation/99999/edit', '/organisation/abc', '/organisation/-1']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/, url);
    }
    const before = await unitCount();
    const post = await client.post('/organisation/99999', { name: 'Ghost', code: 'GHO', kind: 'directorate', parentId: '' });
    assert.equal(post.statusCode, 404);
    assert.equal(await unitCount(), before);
  });
});
