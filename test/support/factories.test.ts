import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eachDialect } from './databases.ts';
import { council } from './factories.ts';

// The factories build what they say, through the services, and leave nothing shared between councils.

eachDialect('test factories', (ctx) => {
  test('a council with an administrator who can sign in', async () => {
    const c = await council(ctx.services, { name: 'Factory Council' });
    assert.equal((await ctx.services.councils.bySlug(c.slug)).name, 'Factory Council');
    const { user } = await ctx.services.auth.signIn(c.admin.email, c.admin.password, '127.0.0.1');
    assert.equal(user.role, 'admin');
  });

  test('users of each role, heads of service and lead officers with a person in their unit', async () => {
    const c = await council(ctx.services);
    const dem = await c.unit({ code: 'DEM', name: 'Democratic Services' });
    const users = await c.users({ unitId: dem });
    assert.deepEqual(Object.keys(users).sort(), ['admin', 'head_of_service', 'lead_officer', 'performance_officer', 'viewer']);
    for (const [role, u] of Object.entries(users)) assert.equal(u.actor.role, role);
    const head = await ctx.services.organisation.person(c.system, users.head_of_service.personId!);
    assert.equal(head.org_unit_id, dem);
    assert.equal(head.email, users.head_of_service.email);
    assert.equal(users.viewer.personId, null);
  });

  test('a plan year in halves, a plan, an action and an update', async () => {
    const c = await council(ctx.services);
    const year = await c.year({ label: '2018/19' });
    // An April year in halves: April–September and October–March (the default year start month is April).
    assert.deepEqual(year.periods.map((p) => [p.start_date, p.end_date]), [['2018-04-01', '2018-09-30'], ['2018-10-01', '2019-03-31']]);
    const plan = await c.plan({ yearId: year.id, title: 'Factory plan' });
    const action = await c.action(plan, { title: 'Mow the verges', kind: 'one_off', dueDate: '2019-03-31' });
    await c.update(action, { percentComplete: '30', narrative: 'Started.' });
    const history = await ctx.services.progress.history(c.system, action);
    assert.equal(history.length, 1);
    // The default update reports on the end of the year's first period, 30 September 2018.
    assert.equal(history[0]!.as_at, '2018-09-30');
    assert.equal(history[0]!.percent_complete, 30);
    const detail = await ctx.services.plans.detail(c.system, plan);
    assert.deepEqual(detail.objectives.flatMap((o) => o.actions.map((a) => a.title)), ['Mow the verges']);
  });

  test('two councils in one database do not clash', async () => {
    const [a, b] = [await council(ctx.services), await council(ctx.services)];
    await a.plan();
    assert.equal((await ctx.services.plans.list(b.system)).length, 0);
    assert.notEqual(a.admin.email, b.admin.email);
  });
});
