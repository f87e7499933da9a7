import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeChanges } from './audit-diff.ts';
import { OBJECTIVE_FIELDS, objectiveFieldsFromColumns } from './fields/objective-fields.ts';
import { PLAN_FIELDS, planFieldColumns, planFieldsFromColumns, planFieldValues, withPlanFields, type PlanColumns, type PlanValues } from './fields/plan-fields.ts';
import { UPDATE_FIELDS } from './fields/update-fields.ts';
import { FIELD_LABELS, mapHeader, type Field } from './import-headers.ts';
import { EXPORT_COLUMNS } from './plan-export.ts';

// The field lists of plans, objectives and progress updates (src/domain/fields/), and what they
// drive, against literals worked out by hand from what each piece said before the lists existed.
// The form schemas' messages are checked in src/services/field-schemas.test.ts.

describe('the plan’s field list', () => {
  it('lists its own fields, not the service or year they belong to', () => {
    assert.deepEqual(
      PLAN_FIELDS.map((f) => [f.name, f.column, f.label, f.kind, f.exportHeader, f.auditLabel]),
      [
        ['title', 'title', 'Title', 'text', 'Title', 'Title'],
        ['kind', 'kind', 'Kind', 'enum', 'Kind', 'Kind'],
        ['vision', 'vision', 'Vision', 'longText', 'Vision', 'Vision'],
        ['purpose', 'purpose', 'Purpose', 'longText', 'Purpose', 'Purpose'],
        ['statutoryDuties', 'statutory_duties', 'Statutory responsibilities', 'longText', 'Statutory duties', 'Statutory responsibilities'],
        ['areasOfFocus', 'areas_of_focus', 'Areas of focus for next year', 'longText', 'Areas of focus', 'Areas of focus for next year'],
      ],
    );
  });

  it('maps values between names and columns', () => {
    const row = { title: 'Legal Services plan', kind: 'business_plan', vision: null, purpose: 'P', statutory_duties: 'S', areas_of_focus: null };
    const values = { title: 'Legal Services plan', kind: 'business_plan', vision: null, purpose: 'P', statutoryDuties: 'S', areasOfFocus: null };
    assert.deepEqual(planFieldsFromColumns(row), values);
    assert.deepEqual(planFieldColumns(values), row);
    // A plan row's other columns are not the list's.
    const planRow = { ...row, id: 4, org_unit_id: 2, status: 'draft' };
    assert.deepEqual(planFieldsFromColumns(planRow), values);
    // Title and kind are NOT NULL: the repository's columns say so (checked by the compiler).
    // @ts-expect-error a plan's title is never null
    const untitled: PlanColumns = { ...row, title: null };
    // @ts-expect-error nor its kind
    const kindless: PlanValues = { ...values, kind: null };
    assert.ok(untitled && kindless);
  });

  it('takes the fields an imported file gives, each given one in place of the plan’s own', () => {
    assert.deepEqual(planFieldValues(null), { title: null, kind: null, vision: null, purpose: null, statutoryDuties: null, areasOfFocus: null });
    assert.deepEqual(planFieldValues({ title: 'Electoral Services Business Plan 2018/19', purpose: 'Run the elections' }), {
      title: 'Electoral Services Business Plan 2018/19',
      kind: null,
      vision: null,
      purpose: 'Run the elections',
      statutoryDuties: null,
      areasOfFocus: null,
    });
    const own = { title: 'Legal Services plan', kind: 'business_plan', vision: 'V', purpose: null, statutoryDuties: 'S', areasOfFocus: null };
    assert.deepEqual(withPlanFields(own, { title: null, kind: null, vision: 'New vision', purpose: null, statutoryDuties: null, areasOfFocus: 'Digital' }), {
      title: 'Legal Services plan',
      kind: 'business_plan',
      vision: 'New vision',
      purpose: null,
      statutoryDuties: 'S',
      areasOfFocus: 'Digital',
    });
    assert.deepEqual(withPlanFields(own, {}), own);
  });

  it('the audit trail’s labels, the kind in words', () => {
    assert.deepEqual(describeChanges({ statutory_duties: null, areas_of_focus: 'A', kind: 'business_plan' }, { statutoryDuties: 'Elections', areasOfFocus: 'B', kind: 'action_plan' }), [
      { field: 'Statutory responsibilities', from: null, to: 'Elections' },
      { field: 'Areas of focus for next year', from: 'A', to: 'B' },
      { field: 'Kind', from: 'Business plan', to: 'Action plan' },
    ]);
  });
});

describe('the objective’s field list', () => {
  it('lists number, title and why, not the goal, priorities or pledges', () => {
    assert.deepEqual(
      OBJECTIVE_FIELDS.map((f) => [f.name, f.column, f.label, f.exportHeader, f.importField, f.importLabel, f.auditLabel, f.required]),
      [
        ['number', 'number', 'Number', 'Objective number', 'objectiveNumber', 'Objective number', 'Number', false],
        ['title', 'title', 'Objective', 'Objective', 'objective', 'Objective (service priority)', 'Title', true],
        ['why', 'why', 'Why', 'Why', 'why', 'Why (objective)', 'Why', false],
      ],
    );
  });

  it('reads an objective row’s own fields for its edit form, nulls kept', () => {
    const row = { id: 9, plan_id: 4, goal_id: null, position: 2, number: null, title: 'Increase voter registration', why: 'Turnout fell', version: 3 };
    assert.deepEqual(objectiveFieldsFromColumns(row), {
      number: null,
      title: 'Increase voter registration',
      why: 'Turnout fell',
    });
  });

  it('the audit trail’s labels', () => {
    assert.deepEqual(describeChanges({ number: '1.1', title: 'Old', why: null }, { number: '1.2', title: 'New', why: 'Because' }), [
      { field: 'Number', from: '1.1', to: '1.2' },
      { field: 'Title', from: 'Old', to: 'New' },
      { field: 'Why', from: null, to: 'Because' },
    ]);
  });
});

describe('the progress update’s field list', () => {
  it('lists its own fields, not the action, period or the update it corrects', () => {
    assert.deepEqual(
      UPDATE_FIELDS.map((f) => [f.name, f.column, f.kind, f.exportHeader, f.importField, f.auditLabel]),
      [
        ['asAt', 'as_at', 'date', 'As at', 'asAt', 'As-at date'],
        ['statusWord', 'status_word', 'text', 'Status', 'status', 'Status'],
        ['percentComplete', 'percent_complete', 'number', '% complete', 'percent', '% complete'],
        ['narrative', 'narrative', 'longText', 'Progress update', 'narrative', 'Progress'],
        ['nextSteps', 'next_steps', 'longText', null, 'nextSteps', 'Key actions remaining'],
        ['ragOverride', 'rag_override', 'enum', null, 'ragOverride', 'Traffic light override'],
        ['overrideReason', 'override_reason', 'longText', null, 'overrideReason', 'Reason for the override'],
      ],
    );
  });

  it('the audit trail’s labels, each value in its own words', () => {
    assert.deepEqual(
      describeChanges(
        { as_at: '2018-09-30', percent_complete: 40, rag_override: null, narrative: 'Started', next_steps: null, override_reason: null },
        { asAt: '2019-03-31', percentComplete: 100, ragOverride: 'green', narrative: 'Done', nextSteps: 'None', overrideReason: 'Signed off' },
      ),
      [
        { field: 'As-at date', from: '30 September 2018', to: '31 March 2019' },
        { field: '% complete', from: '40%', to: '100%' },
        { field: 'Traffic light override', from: null, to: 'Green' },
        { field: 'Progress', from: 'Started', to: 'Done' },
        { field: 'Key actions remaining', from: null, to: 'None' },
        { field: 'Reason for the override', from: null, to: 'Signed off' },
      ],
    );
  });
});

describe('what the lists drive in the export table and the importer', () => {
  it('the objective and progress columns, with their types', () => {
    const picked = ['objectiveNumber', 'objective', 'why', 'status', 'percent', 'narrative', 'asAt'];
    assert.deepEqual(
      EXPORT_COLUMNS.filter((c) => picked.includes(c.field)).map((c) => [c.field, c.header, c.type]),
      [
        ['objectiveNumber', 'Objective number', 'text'],
        ['objective', 'Objective', 'text'],
        ['why', 'Why', 'text'],
        ['status', 'Status', 'text'],
        ['percent', '% complete', 'number'],
        ['narrative', 'Progress update', 'text'],
        ['asAt', 'As at', 'date'],
      ],
    );
  });

  it('the column mapping’s labels', () => {
    assert.deepEqual(
      (['objectiveNumber', 'objective', 'why', 'status', 'percent', 'narrative', 'asAt'] as const).map((f) => FIELD_LABELS[f]),
      ['Objective number', 'Objective (service priority)', 'Why (objective)', 'Status or stage', '% complete', 'Progress update', 'Update date (as at)'],
    );
  });

  it('the header spellings, tried in their places', () => {
    const table: [string, Field | null][] = [
      ['Objective number', 'objectiveNumber'],
      ['Priority No.', 'objectiveNumber'],
      ['Why', 'why'],
      ['Why this matters', null], // "why" only as the whole header
      ['Service priority', 'objective'],
      ['Objectives', 'objective'],
      ['Status', 'status'],
      ['Stage', 'status'],
      ['% complete', 'percent'],
      ['%complete', 'percent'], // any header with a %
      ['Percentage', 'percent'],
      ['As at', 'asAt'],
      ['Date of update', 'asAt'],
      ['Update date', 'asAt'], // before the narrative's "update"
      ['Commentary', 'narrative'],
      ['Latest update', 'narrative'],
      ['Progress', 'narrative'],
      ['Status update', 'narrative'], // the narrative is tried before the status
    ];
    assert.deepEqual(
      table.map(([h]) => [h, mapHeader([h])[0]]),
      table,
    );
  });
});
