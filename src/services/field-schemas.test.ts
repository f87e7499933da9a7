import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../domain/errors.ts';
import { actionSchema } from './action-input.ts';
import { validate } from './validation.ts';

// The form schemas built from the field lists (src/domain/fields/), against the messages the forms
// gave before the lists existed, written out by hand. Pure: no database.

/** The field's message for an input, or its parsed value when it passes. */
function outcome(schema: Parameters<typeof validate>[0], input: Record<string, unknown>, field: string): { value: unknown } | { error: string | undefined } {
  try {
    return { value: (validate(schema, input) as Record<string, unknown>)[field] };
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    return { error: err.fields[field] };
  }
}

describe('the action schema’s dates', () => {
  const base = { objectiveId: '1', title: 'Publish the plan', kind: 'one_off' };
  const cases: [string, Record<string, unknown>, string, { value: unknown } | { error: string | undefined }][] = [
    ['a blank start date is none', { startDate: '' }, 'startDate', { value: null }],
    ['three empty boxes are no date', { dueDate: '--' }, 'dueDate', { value: null }],
    ['ISO is kept', { dueDate: '2019-03-31' }, 'dueDate', { value: '2019-03-31' }],
    ['the date input is padded', { dueDate: '2019-3-1' }, 'dueDate', { value: '2019-03-01' }],
    ['a missing day', { dueDate: '2019-3-' }, 'dueDate', { error: 'Due date must include a day' }],
    ['a missing month and year', { startDate: '--12' }, 'startDate', { error: 'Start date must include a month and year' }],
    ['not a real date', { revisedDueDate: '2019-2-30' }, 'revisedDueDate', { error: 'Revised due date must be a real date' }],
    ['words', { dueDate: 'soon' }, 'dueDate', { error: 'Due date must be a real date' }],
    ['a two-digit year', { dueDate: '19-3-31' }, 'dueDate', { error: 'Due date must be a real date' }],
    ['due before the start', { startDate: '2018-04-02', dueDate: '2018-04-01' }, 'dueDate', { error: 'Due date must be the same as or after the start date' }],
    ['due on the start', { startDate: '2018-04-01', dueDate: '2018-04-01' }, 'dueDate', { value: '2018-04-01' }],
    ['revised before the start', { startDate: '2018-04-02', revisedDueDate: '2018-04-01' }, 'revisedDueDate', { error: 'Revised due date must be the same as or after the start date' }],
    ['a revised date before the first is allowed', { dueDate: '2019-03-31', revisedDueDate: '2019-01-31' }, 'revisedDueDate', { value: '2019-01-31' }],
    ['due with no start', { dueDate: '2018-04-01' }, 'dueDate', { value: '2018-04-01' }],
  ];
  for (const [name, input, field, expected] of cases) {
    test(name, () => assert.deepEqual(outcome(actionSchema, { ...base, ...input }, field), expected));
  }
});
