import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ImportError } from '../domain/errors.ts';
import type { ParsedPlan } from '../domain/import-tables.ts';
import { isDecidimHeader, readDecidim } from './decidim.ts';
import { readSource } from './index.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url));

function planOf(text: string): ParsedPlan {
  const r = readDecidim(text);
  assert.ok(r.kind === 'plan');
  return r.plan;
}

describe('Decidim reader', () => {
  test('results with children are objectives, their children actions; lone results go under "Actions"', async () => {
    const r = await readSource(fixture('decidim-results.csv'), { format: 'auto', filename: 'results.csv' });
    assert.equal(r.format, 'decidim');
    assert.ok(r.kind === 'plan');
    const { objectives } = r.plan;
    assert.deepEqual(
      objectives.map((o) => [o.number, o.title, o.goal, o.actions.map((a) => a.title)]),
      [
        [null, 'Plant more street trees', 'Greener streets', ['Survey verges for planting sites', 'Plant 500 trees']],
        [null, 'Actions', null, ['Reopen the park café', 'Resurface the skate park']],
      ],
    );
    assert.equal(objectives[0]?.why, 'Trees on every ward\'s main road.');
  });

  test('reads status, progress, dates, reference and the labelled description', async () => {
    const r = await readSource(fixture('decidim-results.csv'), { format: 'decidim' });
    assert.ok(r.kind === 'plan');
    const [survey, plant, cafe, skate] = r.plan.objectives.flatMap((o) => o.actions);
    assert.deepEqual(
      [survey?.code, survey?.status, survey?.percentComplete, survey?.startDate, survey?.dueDate, survey?.target, survey?.outcome],
      ['WM-ACCO-2024-02-11', 'complete', 100, '2024-04-01', '2024-09-30', '200 sites surveyed.', 'A list of sites ready for the planting season.'],
    );
    assert.deepEqual([plant?.status, plant?.percentComplete, plant?.target], ['in_progress', 43, 'Planting with volunteers over two winters.']);
    assert.deepEqual([cafe?.status, cafe?.percentComplete], ['not_started', 0]);
    assert.equal(skate?.status, null);
    assert.deepEqual(skate?.leadOfficers, []);
    assert.equal(skate?.kind, null);
    assert.deepEqual([survey?.line, skate?.line], [3, 6]);
  });

  test('an orphan parent and an unknown status are warnings with their line', async () => {
    const r = await readSource(fixture('decidim-results.csv'), { format: 'decidim' });
    assert.ok(r.kind === 'plan');
    assert.deepEqual(r.plan.warnings, [
      { line: 6, message: 'Result 14 names parent 99, which is not in the file, so it was put under “Actions”' },
      { line: 6, message: 'Unknown status “Waiting for funding”, so the status was left blank' },
    ]);
  });

  test('prefers English columns, else the first language; comma-separated works too', () => {
    const p = planOf(
      [
        'id,parent/id,title/ca,title/es,status/name/ca,progress,end_date',
        '1,,Arbres,Árboles,,,',
        '2,1,"Plantar, regar",Plantar,Completed,99.5,2025-03-31T00:00:00Z',
        '3,1,,,In progress,abc,someday',
        '4,1,Regar,Regar,Sleeping,abc,someday',
      ].join('\n'),
    );
    assert.equal(p.objectives[0]?.title, 'Arbres');
    const [a] = p.objectives[0]?.actions ?? [];
    assert.deepEqual([a?.title, a?.status, a?.percentComplete, a?.dueDate, a?.code], ['Plantar, regar', 'complete', 100, '2025-03-31', null]);
    assert.deepEqual(p.warnings, [
      { line: 4, message: 'Result 3 has no title, so it was left out' },
      { line: 5, message: 'Could not read “someday” as a date' },
      { line: 5, message: 'Unknown status “Sleeping”, so the status was left blank' },
      { line: 5, message: 'Could not read “abc” as a percentage' },
    ]);
  });

  test('a file without a title column is an ImportError', () => {
    assert.throws(() => readDecidim('id;parent/id\n1;\n'), ImportError);
  });

  test('isDecidimHeader', () => {
    assert.equal(isDecidimHeader(['id', 'parent/id', 'title/en']), true);
    assert.equal(isDecidimHeader(['id', 'title/es', 'progress']), true);
    assert.equal(isDecidimHeader(['Action', 'Title', 'Progress']), false);
  });
});
