import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../domain/errors.ts';
import { actionSchema } from './action-input.ts';
import { objectiveSchema, planSchema } from './plans.ts';
import { updateSchema } from './progress-update-input.ts';
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

/** Runs a table of [name, input, field, expected] against a schema, over a base input that passes. */
function table(schema: Parameters<typeof validate>[0], base: Record<string, unknown>, cases: [string, Record<string, unknown>, string, { value: unknown } | { error: string | undefined }][]) {
  for (const [name, input, field, expected] of cases) {
    test(name, () => assert.deepEqual(outcome(schema, { ...base, ...input }, field), expected));
  }
}

const long = (n: number) => 'x'.repeat(n);

describe('the plan schema', () => {
  table(planSchema, { orgUnitId: '1', planYearId: '2', title: 'Legal Services plan', kind: 'business_plan' }, [
    ['a title is required', { title: '  ' }, 'title', { error: 'Enter the title' }],
    ['a title is trimmed', { title: ' Plan ' }, 'title', { value: 'Plan' }],
    ['300 characters of title', { title: long(300) }, 'title', { value: long(300) }],
    ['301 characters of title', { title: long(301) }, 'title', { error: 'The title must be 300 characters or fewer' }],
    ['an unknown kind', { kind: 'wish_list' }, 'kind', { error: 'Select the kind of plan' }],
    ['a blank vision is none', { vision: '' }, 'vision', { value: null }],
    ['5001 characters of purpose', { purpose: long(5001) }, 'purpose', { error: 'Purpose must be 5000 characters or fewer' }],
    ['statutory responsibilities with a control character', { statutoryDuties: 'a\u0007b' }, 'statutoryDuties', { error: 'Statutory responsibilities must not contain control characters' }],
    ['areas of focus over the limit', { areasOfFocus: long(5001) }, 'areasOfFocus', { error: 'Areas of focus for next year must be 5000 characters or fewer' }],
    ['the service is still a relation', { orgUnitId: '' }, 'orgUnitId', { error: 'Select the service' }],
  ]);
});

describe('the objective schema', () => {
  table(objectiveSchema, { title: 'Improve the canvass' }, [
    ['a title is required', { title: '' }, 'title', { error: 'Enter the objective' }],
    ['501 characters of title', { title: long(501) }, 'title', { error: 'The objective must be 500 characters or fewer' }],
    ['a blank number is none', { number: ' ' }, 'number', { value: null }],
    ['"I.2" is read as 1.2', { number: 'I.2' }, 'number', { value: '1.2' }],
    ['a number like 1.1', { number: '1-1' }, 'number', { error: 'Number must be like 1.1' }],
    ['21 characters of number', { number: '1'.repeat(21) }, 'number', { error: 'Number must be 20 characters or fewer' }],
    ['a blank why is none', { why: '' }, 'why', { value: null }],
    ['5001 characters of why', { why: long(5001) }, 'why', { error: 'Why must be 5000 characters or fewer' }],
  ]);
});

describe('the progress update schema', () => {
  table(updateSchema, { periodId: '1', asAt: '2018-09-30', statusWord: 'In progress' }, [
    ['an as-at date is required', { asAt: '' }, 'asAt', { error: 'Enter the as-at date' }],
    ['the as-at date’s missing year', { asAt: '-9-30' }, 'asAt', { error: 'The as-at date must include a year' }],
    ['not a real as-at date', { asAt: '2018-9-31' }, 'asAt', { error: 'The as-at date must be a real date' }],
    ['a status is required', { statusWord: '' }, 'statusWord', { error: 'Enter the status' }],
    ['101 characters of status', { statusWord: long(101) }, 'statusWord', { error: 'The status must be 100 characters or fewer' }],
    ['% complete with its sign', { percentComplete: '45%' }, 'percentComplete', { value: 45 }],
    ['% complete over 100', { percentComplete: '101' }, 'percentComplete', { error: '% complete must be a whole number from 0 to 100' }],
    ['10000 characters of progress', { narrative: long(10000) }, 'narrative', { value: long(10000) }],
    ['10001 characters of progress', { narrative: long(10001) }, 'narrative', { error: 'Progress update must be 10000 characters or fewer' }],
    ['5001 characters of next steps', { nextSteps: long(5001) }, 'nextSteps', { error: 'Key actions remaining must be 5000 characters or fewer' }],
    ['an override needs a reason', { ragOverride: 'green' }, 'overrideReason', { error: 'Enter the reason for overriding the traffic light' }],
    ['an unknown override', { ragOverride: 'blue' }, 'ragOverride', { error: 'Select Green, Amber or Red, or no override' }],
    ['1001 characters of reason', { ragOverride: 'red', overrideReason: long(1001) }, 'overrideReason', { error: 'Reason for the override must be 1000 characters or fewer' }],
  ]);
});
