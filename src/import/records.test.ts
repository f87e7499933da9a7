import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ImportError } from '../domain/errors.ts';
import { tablesToPlan } from '../domain/import-tables.ts';
import { readSource } from './index.ts';
import { looksLikeRecords, readRecords } from './records.ts';
import type { SourceTable } from './types.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url));

function table(text: string): SourceTable {
  const r = readRecords(text);
  assert.equal(r.kind, 'tables');
  const t = r.kind === 'tables' ? r.tables[0] : undefined;
  assert.ok(t);
  return t;
}

describe('records reader', () => {
  test('blocks under heading lines become rows; multi-paragraph comments are kept whole', async () => {
    const r = await readSource(fixture('records-waste.txt'), { format: 'auto', filename: 'progress.txt' });
    assert.equal(r.format, 'records');
    const t = r.kind === 'tables' ? r.tables[0] : undefined;
    assert.equal(t?.name, 'Records');
    assert.deepEqual(t?.rows, [
      ['Action', 'Action code', 'Lead officer', 'Due date', 'Percentage complete', 'Status', 'Comments'],
      ['Strategic Goal 2: A cleaner, greener borough'],
      [
        'Reduce missed bin collections', '22-WST04', 'Head of Waste Services', '31 March 2024', '88%', 'Green',
        'Round changes went live in June.\n\nComplaints are down by a third since then.',
      ],
      [
        'Open a second reuse shop at the recycling centre', '22-WST05', 'Recycling Manager; Commercial Lead', '30 September 2024', '20%',
        'In progress', 'A unit has been found on the industrial estate.\nFit-out starts in the new year.',
      ],
    ]);
    assert.deepEqual(t?.lines, [1, 3, 5, 16]);
  });

  test('the table reads into a plan', async () => {
    const r = await readSource(fixture('records-waste.txt'), { format: 'records' });
    const t = r.kind === 'tables' ? r.tables[0] : undefined;
    const plan = tablesToPlan(t?.rows ?? [], { lines: t?.lines });
    const [first, second] = plan.objectives.flatMap((o) => o.actions);
    assert.equal(first?.code, '22-WST04');
    assert.equal(first?.dueDate, '2024-03-31');
    assert.equal(first?.percentComplete, 88);
    assert.match(first?.narrative ?? '', /^Round changes went live in June\.\s+Complaints are down/u);
    assert.deepEqual(second?.leadOfficers, ['Recycling Manager', 'Commercial Lead']);
    assert.equal(second?.status, 'in_progress');
    assert.equal(plan.objectives[0]?.goal, 'Strategic Goal 2: A cleaner, greener borough');
  });

  test('a repeated label starts a new block when there are no heading lines', () => {
    const t = table(
      [
        'Action: Publish the local plan timetable',
        'Lead officer: Planning Policy Manager',
        'Due date: 30 June 2025',
        'Action: Clear the backlog of enforcement cases',
        'Lead officer: Enforcement Team Leader',
        'Comments:',
        '',
        'Backlog is down to 40 cases.',
        'Corporate Priority: Good growth',
      ].join('\n'),
    );
    assert.deepEqual(t.rows, [
      ['Action', 'Lead officer', 'Due date', 'Comments'],
      ['Publish the local plan timetable', 'Planning Policy Manager', '30 June 2025', ''],
      ['Clear the backlog of enforcement cases', 'Enforcement Team Leader', '', 'Backlog is down to 40 cases.'],
      ['Corporate Priority: Good growth'],
    ]);
  });

  test('a heading line among an action’s labels is that action’s field', () => {
    const t = table(['Title: Plant wildflower verges', 'Corporate priority: Climate', 'Due date: May 2025'].join('\n'));
    assert.deepEqual(t.rows, [['Action', 'Corporate priority', 'Due date'], ['Plant wildflower verges', 'Climate', 'May 2025']]);
  });

  test('labels Waymark has no field for sit among known ones; a numbered title line gives the code; unlabelled paragraphs are commentary', () => {
    const t = table(
      [
        '2.01.01 Progress to adoption of the Local Plan',
        'Directorate: Place',
        'Stage: In progress',
        '',
        'Hearings closed in July.',
        'Note: dates may move.',
        '',
        'Adoption expected in February.',
      ].join('\n'),
    );
    assert.deepEqual(t.rows, [
      // "Directorate" becomes a column (which the table reader then names as not read).
      ['Action', 'Directorate', 'Stage', 'Comments', 'Action code'],
      // "Note: …" among paragraphs, with no label beside it, stays part of the commentary.
      ['Progress to adoption of the Local Plan', 'Place', 'In progress', 'Hearings closed in July.\nNote: dates may move.\n\nAdoption expected in February.', '2.01.01'],
    ]);
    assert.deepEqual(t.lines, [1, 1]);
    assert.deepEqual(t.warnings, []);
  });

  test('a line straight after a short value (a percentage, a date, a status) is commentary; after a lead officer, another name', () => {
    const t = table(
      ['Progress to adoption of the Local Plan', 'Stage: In progress', 'Percentage complete: 45%', 'The hearings closed in July.', 'Lead officer: Head of Planning;', 'Planning Policy Manager'].join('\n'),
    );
    assert.deepEqual(t.rows, [
      ['Action', 'Stage', 'Percentage complete', 'Comments', 'Lead officer'],
      ['Progress to adoption of the Local Plan', 'In progress', '45%', 'The hearings closed in July.', 'Head of Planning;\nPlanning Policy Manager'],
    ]);
  });

  test('lines outside every record are named in one warning', () => {
    const t = table(['Our actions this quarter', '', 'A line with no labels after it', 'Strategic Goal 1: Homes', 'Action: Build homes', 'Lead officer: Housing Manager'].join('\n'));
    assert.deepEqual(t.rows, [['Action', 'Lead officer'], ['Strategic Goal 1: Homes'], ['Build homes', 'Housing Manager']]);
    assert.deepEqual(t.warnings, [{ line: 1, message: 'Lines 1 and 3 are not part of any action record, so they were not read' }]);
  });

  test('text that is not a record is an ImportError', async () => {
    assert.throws(() => readRecords('Our parks are lovely.\nCome and visit: every day.'), ImportError);
    await assert.rejects(readSource(Buffer.from('Hello there\n'), { format: 'records' }), ImportError);
  });

  test('looksLikeRecords wants several known labels among the first lines', () => {
    assert.equal(looksLikeRecords(fixture('records-waste.txt').toString('utf8')), true);
    assert.equal(looksLikeRecords('Status: fine\nStatus: fine\n'), false);
    assert.equal(looksLikeRecords('Action,Due date\nMow,1/4/25\n'), false);
  });
});
