import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eachDialect } from '../../test/support/databases.ts';
import { systemActor, type Actor } from './context.ts';

// Free-text search over actions on both dialects: SQLite's LIKE ignores ASCII case and PostgreSQL's
// does not, and SQLite has no default escape character; the search must behave the same on both.
//
//   A1 "Run the annual Canvass"  target "95% response"          lead Ellen Evans (a person)
//   A2 "Publish the register"    outcome "Accurate REGISTER"    lead "Electoral Services Manager"
//   A3 "Set the budget"          target "savings_identified"    lead "Chief Accountant"

eachDialect('action search', (ctx) => {
  let actor: Actor;

  before(async () => {
    const s = ctx.services;
    actor = systemActor(await s.councils.create({ slug: 'search', name: 'Search Council' }));
    const parentId = await s.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const unit = await s.organisation.createUnit(actor, { name: 'Electoral Services', code: 'ELE', kind: 'service', parentId });
    const ellen = await s.organisation.createPerson(actor, { name: 'Ellen Evans', jobTitle: 'Officer', orgUnitId: unit });
    const year = await s.years.create(actor, { label: '2018/19', scheme: 'halves' });
    const plan = await s.plans.create(actor, { orgUnitId: unit, planYearId: year, title: 'Electoral Services Plan', kind: 'business_plan' });
    const objectiveId = await s.plans.createObjective(actor, plan, { title: 'Elections' });
    const add = (code: string, title: string, more: Record<string, unknown>) => s.actions.create(actor, plan, { objectiveId, code, title, kind: 'ongoing', ...more });
    await add('A1', 'Run the annual Canvass', { target: '95% response', leadPersonIds: [ellen] });
    await add('A2', 'Publish the register', { outcome: 'Accurate REGISTER', leads: ['Electoral Services Manager'] });
    await add('A3', 'Set the budget', { target: 'savings_identified', leads: ['Chief Accountant'] });
  });

  test('finds words in code, title, target, outcome and lead officer, ignoring case, with % and _ taken literally', async () => {
    const s = ctx.services;
    const cases: [string, string[]][] = [
      ['canvass', ['A1']],
      ['CANVASS', ['A1']],
      ['a1', ['A1']],
      ['RESPONSE', ['A1']],
      ['register', ['A2']],
      ['ellen EVANS', ['A1']],
      ['manager', ['A2']],
      ['accountant', ['A3']],
      // Literal: "%" is in A1 only and "_" in A3 only (as wildcards each would match all three).
      ['%', ['A1']],
      ['_', ['A3']],
      ['s_i', ['A3']],
      ['nowhere', []],
    ];
    for (const [words, codes] of cases) {
      const rows = await s.actions.list(actor, s.actions.parseFilter({ search: words }));
      assert.deepEqual(rows.map((r) => r.code).sort(), codes, words);
    }
  });
});
