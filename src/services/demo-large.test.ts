import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { largeAction, LARGE_ACTIONS_PER_PLAN, LARGE_DIRECTORATES } from '../db/demo/large-council.ts';
import { largeYearStartMonth } from './demo-large.ts';

// The large demo council: its shape worked out by hand from src/db/demo/large-council.ts. A load of
// it is counted from the database in src/services/position-cache.test.ts, on SQLite and PostgreSQL,
// over the load its comparison uses (the large demo takes a while to load).

describe('the large demo council, on paper', () => {
  it('starts its year ten months before the month it is loaded in', () => {
    // [today, start month]: December → February (Feb–Jan: Aug–Oct, the third quarter, ended in October).
    const cases: [string, number][] = [
      ['2026-12-05', 2],
      ['2026-11-30', 1],
      ['2027-01-15', 3],
      ['2027-04-01', 6],
      ['2026-10-31', 12],
    ];
    for (const [today, month] of cases) assert.equal(largeYearStartMonth(today), month, today);
  });

  it('has 61 services under 8 directorates, 56 actions each, with every kind and some restricted', () => {
    assert.equal(LARGE_DIRECTORATES.length, 8);
    const services = LARGE_DIRECTORATES.flatMap((d) => d.services);
    assert.equal(services.length, 61);
    assert.equal(new Set([...services.map(([c]) => c), ...LARGE_DIRECTORATES.map((d) => d.code)]).size, 69, 'every short code is different');
    const actions = services.flatMap(([, name], s) => Array.from({ length: LARGE_ACTIONS_PER_PLAN }, (_, n) => largeAction(name, s, n)));
    assert.equal(actions.length, 3416);
    // By position i = 0 … 3415: i mod 20 below 12 one-off, 12–16 ongoing, 17–19 milestone: 3416 = 170×20 + 16,
    // so 170×12 + 12 = 2052 one-off, 170×5 + 4 = 854 ongoing, 170×3 = 510 milestones.
    const kinds = Object.fromEntries(['one_off', 'ongoing', 'milestone'].map((k) => [k, actions.filter((a) => a.kind === k).length]));
    assert.deepEqual(kinds, { one_off: 2052, ongoing: 854, milestone: 510 });
    // i mod 40 = 17: 3416 = 85×40 + 16, so 85 restricted.
    assert.equal(actions.filter((a) => a.exemptParagraph !== null).length, 85);
    // Titles in a plan are all different.
    for (const [s, [, name]] of services.entries()) {
      const titles = Array.from({ length: LARGE_ACTIONS_PER_PLAN }, (_, n) => largeAction(name, s, n).title);
      assert.equal(new Set(titles).size, LARGE_ACTIONS_PER_PLAN, name);
    }
  });
});
