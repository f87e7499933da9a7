import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeChanges } from './audit-diff.ts';
import { ACTION_DATE_FIELDS, actionDateColumns, actionDatesFromColumns, actionDateValues } from './fields/action-fields.ts';
import { FIELD_LABELS, mapHeader, type Field } from './import-headers.ts';
import { EXPORT_COLUMNS } from './plan-export.ts';

// An action's dates in its field list (src/domain/fields/action-fields.ts), against literals worked
// out by hand from what the pieces said before the dates joined the list. The schema's messages are
// checked in src/services/field-schemas.test.ts.

describe('the action’s dates in the field list', () => {
  it('lists the dates with their columns, labels and the date each may not come before', () => {
    assert.deepEqual(
      ACTION_DATE_FIELDS.map((f) => [f.name, f.column, f.label, f.kind, f.message, f.notBefore]),
      [
        ['startDate', 'start_date', 'Start date', 'date', 'start date', null],
        ['dueDate', 'due_date', 'Due date', 'date', 'due date', 'startDate'],
        ['revisedDueDate', 'revised_due_date', 'Revised due date', 'date', 'revised due date', 'startDate'],
      ],
    );
  });

  it('maps values between names and columns', () => {
    const row = { start_date: '2018-04-01', due_date: '2019-03-31', revised_due_date: null };
    const values = { startDate: '2018-04-01', dueDate: '2019-03-31', revisedDueDate: null };
    assert.deepEqual(actionDatesFromColumns(row), values);
    assert.deepEqual(actionDateColumns(values), row);
    assert.deepEqual(actionDateValues({ dueDate: '2019-03-31' }), { startDate: null, dueDate: '2019-03-31', revisedDueDate: null });
  });

  it('the export table’s date columns', () => {
    assert.deepEqual(
      EXPORT_COLUMNS.filter((c) => c.type === 'date').map((c) => [c.field, c.header]),
      [['startDate', 'Start date'], ['dueDate', 'Due date'], ['revisedDueDate', 'Revised due date'], ['asAt', 'As at']],
    );
  });

  it('the import preview’s labels', () => {
    assert.deepEqual([FIELD_LABELS.startDate, FIELD_LABELS.dueDate, FIELD_LABELS.revisedDueDate], ['Start date', 'Due date', 'Revised due date']);
  });

  it('the header spellings each importer accepts, tried in their places', () => {
    const table: [string, Field | null][] = [
      ['Start date', 'startDate'],
      ['Planned start date', 'startDate'],
      ['Due date', 'dueDate'],
      ['Due', 'dueDate'],
      ['Deadline', 'dueDate'],
      ['Timescales', 'dueDate'],
      ['By when?', 'dueDate'],
      ['When', 'dueDate'],
      ['When we will do it', null], // "when" only as the whole header
      ['End date', 'dueDate'],
      ['Target date', 'dueDate'], // before the target's aliases
      ['Completion date', 'dueDate'],
      ['Revised due date', 'revisedDueDate'],
      ['Revised deadline', 'revisedDueDate'], // before the due date's "deadline"
      ['Revised due', 'revisedDueDate'],
      ['Lead officer deadline', 'leads'], // the lead officer is tried before the due date
    ];
    assert.deepEqual(
      table.map(([h]) => [h, mapHeader([h])[0]]),
      table,
    );
  });

  it('the audit trail’s labels, with the dates in words', () => {
    assert.deepEqual(describeChanges({ due_date: '2019-03-31', revised_due_date: null, start_date: '2018-04-01' }, { dueDate: '2019-06-30', revisedDueDate: '2019-09-30', startDate: '2018-04-01' }), [
      { field: 'Due date', from: '31 March 2019', to: '30 June 2019' },
      { field: 'Revised due date', from: null, to: '30 September 2019' },
    ]);
    assert.deepEqual(describeChanges(null, { startDate: '2018-04-01' }), [{ field: 'Start date', from: null, to: '1 April 2018' }]);
  });
});
