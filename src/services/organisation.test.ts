import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { fieldError } from '../../test/support/assertions.ts';
import { eachDialect } from '../../test/support/databases.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { systemActor, type Actor } from './context.ts';

/** Expects a ValidationError naming `field`, and returns its message. */
eachDialect('organisation service', (ctx) => {
  let actor: Actor;
  const ids = { council: 0, ced: 0, cec: 0, press: 0 };

  before(async () => {
    const tenantId = await ctx.services.councils.create({ slug: 'example', name: 'Example Council' });
    actor = systemActor(tenantId);
  });

  test('creates a council, directorate, service and team, and lists them as a tree', async () => {
    const org = ctx.services.organisation;
    ids.council = await org.createUnit(actor, { name: 'Example Council', code: 'EXC', kind: 'council', parentId: null });
    ids.ced = await org.createUnit(actor, { name: "Chief Executive's Department", code: 'ced', kind: 'directorate', parentId: String(ids.council) });
    ids.cec = await org.createUnit(actor, { name: '  Communications  ', code: ' cec ', kind: 'service', parentId: ids.ced });
    ids.press = await org.createUnit(actor, { name: 'Press Office', code: 'PRS', kind: 'team', parentId: ids.cec });

    const cec = await org.unit(actor, ids.cec);
    assert.equal(cec.name, 'Communications');
    assert.equal(cec.code, 'CEC');
    assert.equal(cec.kind, 'service');
    assert.equal(cec.parent_id, ids.ced);
    assert.equal((await org.unitByCode(actor, 'cec')).id, ids.cec);

    const tree = await org.units(actor);
    assert.deepEqual(
      tree.map((u) => [u.code, u.depth]),
      [['EXC', 0], ['CED', 1], ['CEC', 2], ['PRS', 3]],
    );
    assert.equal(tree.at(-1)!.path, "Example Council › Chief Executive's Department › Communications › Press Office");
  });

  test('updates a unit, keeping its own code', async () => {
    const org = ctx.services.organisation;
    await org.updateUnit(actor, ids.cec, { name: 'Communications and Marketing', code: 'CEC', kind: 'service', parentId: ids.ced });
    const cec = await org.unit(actor, ids.cec);
    assert.equal(cec.name, 'Communications and Marketing');
    assert.equal(cec.code, 'CEC');
  });

  test('refuses a short code already used in the council, whatever its case', async () => {
    const org = ctx.services.organisation;
    const before = (await org.units(actor)).length;
    const message = await fieldError(org.createUnit(actor, { name: 'Customer Engagement', code: 'cec', kind: 'service', parentId: ids.ced }), 'code');
    assert.match(message, /CEC is already used by Communications and Marketing/);
    await fieldError(org.updateUnit(actor, ids.press, { name: 'Press Office', code: 'CED', kind: 'team', parentId: ids.cec }), 'code');
    assert.equal((await org.units(actor)).length, before);
    assert.equal((await org.unit(actor, ids.press)).code, 'PRS');
  });

  test('checks the short code is letters and numbers', async () => {
    const org = ctx.services.organisation;
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LE-G', kind: 'service', parentId: ids.ced }), 'code'), 'Short code must use only letters and numbers, like CEC');
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: '', kind: 'service', parentId: ids.ced }), 'code'), 'Enter the short code');
    await fieldError(org.createUnit(actor, { name: '', code: 'LEG', kind: 'service', parentId: ids.ced }), 'name');
    await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LEG', kind: 'department', parentId: ids.ced }), 'kind');
  });

  test('keeps to the kinds of unit that may sit under each other', async () => {
    const org = ctx.services.organisation;
    // Only a council or a directorate may stand alone.
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LEG', kind: 'service', parentId: null }), 'parentId'), 'Select the unit this one sits under');
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LEG', kind: 'service', parentId: ids.press }), 'parentId'), 'A service cannot sit under a team');
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LEG', kind: 'directorate', parentId: ids.cec }), 'parentId'), 'A directorate cannot sit under a service');
    assert.equal(await fieldError(org.createUnit(actor, { name: 'Legal', code: 'LEG', kind: 'team', parentId: 999_999 }), 'parentId'), 'Select a valid parent unit');
    // A service may sit directly under the council, and a directorate may stand alone.
    const hr = await org.createUnit(actor, { name: 'Human Resources', code: 'HR', kind: 'service', parentId: ids.council });
    assert.equal((await org.unit(actor, hr)).parent_id, ids.council);
    const dir = await org.createUnit(actor, { name: 'Place', code: 'PLA', kind: 'directorate', parentId: null });
    assert.equal((await org.unit(actor, dir)).parent_id, null);
  });

  test('cannot move a unit under itself or one of its own units', async () => {
    const org = ctx.services.organisation;
    // Made a team, the directorate could sit under a service — but not its own.
    const message = await fieldError(org.updateUnit(actor, ids.ced, { name: "Chief Executive's Department", code: 'CED', kind: 'team', parentId: ids.cec }), 'parentId');
    assert.equal(message, 'A unit cannot sit under itself or one of its own teams');
    // A service with teams cannot become a team either.
    assert.match(await fieldError(org.updateUnit(actor, ids.cec, { name: 'Communications and Marketing', code: 'CEC', kind: 'team', parentId: ids.ced }), 'kind'), /Press Office sits under this unit/);
    await fieldError(org.updateUnit(actor, ids.ced, { name: "Chief Executive's Department", code: 'CED', kind: 'service', parentId: ids.ced }), 'parentId');
    const ced = await org.unit(actor, ids.ced);
    assert.equal(ced.kind, 'directorate');
    assert.equal(ced.parent_id, ids.council);
  });

  test('creates, reads and updates people', async () => {
    const org = ctx.services.organisation;
    const jane = await org.createPerson(actor, { name: ' Jane Smith ', jobTitle: 'Head of Communications', email: ' Jane.Smith@Example.gov.uk ', orgUnitId: String(ids.cec) });
    const bob = await org.createPerson(actor, { name: 'Bob Jones', jobTitle: '', email: '', orgUnitId: '' });

    const p = await org.person(actor, jane);
    assert.equal(p.name, 'Jane Smith');
    assert.equal(p.job_title, 'Head of Communications');
    assert.equal(p.email, 'jane.smith@example.gov.uk');
    assert.equal(p.org_unit_id, ids.cec);
    const b = await org.person(actor, bob);
    assert.deepEqual([b.job_title, b.email, b.org_unit_id], [null, null, null]);
    assert.deepEqual((await org.people(actor)).map((x) => x.name), ['Bob Jones', 'Jane Smith']);

    await org.updatePerson(actor, bob, { name: 'Robert Jones', jobTitle: 'Press Officer', email: 'rob@example.gov.uk', orgUnitId: ids.press });
    const r = await org.person(actor, bob);
    assert.deepEqual([r.name, r.job_title, r.email, r.org_unit_id], ['Robert Jones', 'Press Officer', 'rob@example.gov.uk', ids.press]);

    await fieldError(org.createPerson(actor, { name: 'Amy', email: 'not an email' }), 'email');
    await fieldError(org.createPerson(actor, { name: '' }), 'name');
    await fieldError(org.createPerson(actor, { name: 'Amy', orgUnitId: 999_999 }), 'orgUnitId');
    await fieldError(org.updatePerson(actor, bob, { name: 'Robert Jones', orgUnitId: 999_999 }), 'orgUnitId');
    await assert.rejects(org.person(actor, 999_999), NotFoundError);
    await assert.rejects(org.updatePerson(actor, 999_999, { name: 'Nobody' }), NotFoundError);
  });

  test('a viewer can read but not change the organisation', async () => {
    const org = ctx.services.organisation;
    const viewer: Actor = { tenantId: actor.tenantId, userId: null, role: 'viewer' };
    assert.ok((await org.units(viewer)).length > 0);
    await assert.rejects(org.createUnit(viewer, { name: 'Legal', code: 'LEG', kind: 'service', parentId: ids.ced }), ForbiddenError);
    await assert.rejects(org.updateUnit(viewer, ids.cec, { name: 'Renamed', code: 'CEC', kind: 'service', parentId: ids.ced }), ForbiddenError);
    await assert.rejects(org.createPerson(viewer, { name: 'Amy' }), ForbiddenError);
    assert.equal((await org.unit(actor, ids.cec)).name, 'Communications and Marketing');
  });

  test('records every change in the audit trail', async () => {
    const events = await ctx.kysely
      .selectFrom('audit_events')
      .select(['event', 'user_id', 'after_json'])
      .where('tenant_id', '=', actor.tenantId)
      .where('entity', '=', 'org_unit')
      .where('entity_id', '=', ids.cec)
      .orderBy('id')
      .execute();
    assert.deepEqual(events.map((e) => e.event), ['create', 'update']);
    assert.equal(JSON.parse(events[1]!.after_json!).name, 'Communications and Marketing');
  });

  test('keeps each council to its own units and people', async () => {
    const org = ctx.services.organisation;
    const other = systemActor(await ctx.services.councils.create({ slug: 'other', name: 'Other Council' }));
    const jane = (await org.people(actor)).find((p) => p.name === 'Jane Smith')!;

    assert.deepEqual(await org.units(other), []);
    assert.deepEqual(await org.people(other), []);
    await assert.rejects(org.unit(other, ids.cec), NotFoundError);
    await assert.rejects(org.unitByCode(other, 'CEC'), NotFoundError);
    await assert.rejects(org.updateUnit(other, ids.cec, { name: 'Taken over', code: 'CEC', kind: 'directorate', parentId: null }), NotFoundError);
    await assert.rejects(org.person(other, jane.id), NotFoundError);
    await assert.rejects(org.updatePerson(other, jane.id, { name: 'Taken over' }), NotFoundError);
    // Another council's unit is neither a parent nor a home for a person here.
    await fieldError(org.createUnit(other, { name: 'Comms', code: 'COM', kind: 'service', parentId: ids.ced }), 'parentId');
    await fieldError(org.createPerson(other, { name: 'Amy', orgUnitId: ids.cec }), 'orgUnitId');
    // Short codes are unique within a council, not across councils.
    const otherCec = await org.createUnit(other, { name: 'Communications', code: 'CEC', kind: 'directorate', parentId: null });
    assert.notEqual(otherCec, ids.cec);

    assert.equal((await org.unit(actor, ids.cec)).name, 'Communications and Marketing');
    assert.equal((await org.person(actor, jane.id)).name, 'Jane Smith');
  });

  test('council settings: name, year start and action roles', async () => {
    const org = ctx.services.organisation;
    const council = await org.council(actor);
    assert.equal(council.name, 'Example Council');
    assert.equal(council.year_start_month, 4);
    assert.deepEqual(council.roles, ['Community Leadership', 'Service Provider / Commissioner / Manager', 'Enabler']);
    await org.updateSettings(actor, { name: 'Example Borough Council', yearStartMonth: '1', actionRoles: 'Enabler\n\nLeader\n' });
    const after = await org.council(actor);
    assert.deepEqual([after.name, after.year_start_month, after.roles], ['Example Borough Council', 1, ['Enabler', 'Leader']]);
    await fieldError(org.updateSettings(actor, { name: 'X', yearStartMonth: 13, actionRoles: 'Enabler' }), 'yearStartMonth');
    await fieldError(org.updateSettings(actor, { name: 'X', yearStartMonth: 4, actionRoles: '' }), 'actionRoles');
  });
});
