import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OBJECTIVE_FIELDS } from '../domain/fields/objective-fields.ts';
import { PLAN_FIELDS } from '../domain/fields/plan-fields.ts';
import { UPDATE_FIELDS } from '../domain/fields/update-fields.ts';
import { postedValues, savedFormValues } from './forms.ts';
import { formBody, listBody } from './schemas.ts';

// A field list's form (src/web/schemas.ts `listBody`, src/web/forms.ts `postedValues` and
// `savedFormValues`): the fields each form posted and showed before the lists drove them, written
// out by hand.

describe('the form body of a field list', () => {
  it('is a text field for each field and three boxes for a date, in the list’s order', () => {
    assert.deepEqual(Object.keys(listBody(UPDATE_FIELDS)), [
      'asAt-day',
      'asAt-month',
      'asAt-year',
      'statusWord',
      'percentComplete',
      'narrative',
      'nextSteps',
      'ragOverride',
      'overrideReason',
    ]);
    assert.deepEqual(Object.keys(listBody(OBJECTIVE_FIELDS)), ['number', 'title', 'why']);
    assert.deepEqual(Object.keys(listBody(PLAN_FIELDS)), ['title', 'kind', 'vision', 'purpose', 'statutoryDuties', 'areasOfFocus']);
  });

  it('reads a posted update: blank when missing, the date’s boxes joined as the service checks them', () => {
    const body = formBody(listBody(UPDATE_FIELDS)).parse({ _csrf: 't', 'asAt-day': '30', 'asAt-month': '9', 'asAt-year': '2018', statusWord: 'ONGOING', percentComplete: '50%', narrative: 'Canvass done' });
    assert.deepEqual(postedValues(UPDATE_FIELDS, body), {
      asAt: '2018-9-30',
      statusWord: 'ONGOING',
      percentComplete: '50%',
      narrative: 'Canvass done',
      nextSteps: '',
      ragOverride: '',
      overrideReason: '',
    });
    const blankDate = formBody(listBody(UPDATE_FIELDS)).parse({ 'asAt-day': ' ', 'asAt-month': '', 'asAt-year': '' });
    assert.equal(postedValues(UPDATE_FIELDS, blankDate).asAt, '');
  });

  it('refuses a field sent twice', () => {
    assert.equal(formBody(listBody(OBJECTIVE_FIELDS)).safeParse({ title: ['One', 'Two'] }).success, false);
  });
});

describe('a saved record as its form shows it', () => {
  it('gives each field of the list by name, blank for null and the % complete in digits without its sign', () => {
    const update = {
      id: 7,
      action_id: 3,
      period_id: 2,
      as_at: '2018-09-30',
      status_word: 'IN PROGRESS',
      percent_complete: 40,
      narrative: 'Half the wards canvassed',
      next_steps: null,
      rag_override: 'amber',
      override_reason: 'Staff shortage',
    };
    assert.deepEqual(savedFormValues(UPDATE_FIELDS, update), {
      asAt: '2018-09-30',
      statusWord: 'IN PROGRESS',
      percentComplete: '40',
      narrative: 'Half the wards canvassed',
      nextSteps: '',
      ragOverride: 'amber',
      overrideReason: 'Staff shortage',
    });
    assert.equal(savedFormValues(UPDATE_FIELDS, { ...update, percent_complete: null, rag_override: null, override_reason: null }).percentComplete, '');
    assert.equal(savedFormValues(UPDATE_FIELDS, { ...update, percent_complete: 0 }).percentComplete, '0');
  });
});
