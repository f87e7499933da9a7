import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { camelKey, describeChanges, entityLabel, eventLabel, referencedIds, ukDateTime, type NameLookup } from './audit-diff.ts';

const NAMES: Record<string, string> = {
  'objective:7': '1.1 Open decision making',
  'objective:8': '1.2 Better communication',
  'priority:3': 'Strong local democracy',
  'priority:4': 'A healthy borough',
  'pledge:9': 'Pledge 7',
  'period:2': 'Quarter 1',
  'progressUpdate:40': 'the update as at 30 June 2019 (ON TARGET)',
  'meeting:5': 'Cabinet, 12 November 2019',
  'plan:11': 'Democratic Services Plan 2019/20',
  'orgUnit:1': 'Democratic Services',
  'planYear:1': '2019/20',
};
const names: NameLookup = (kind, id) => NAMES[`${kind}:${id}`];

describe('describeChanges', () => {
  test('shows a changed due date as UK dates, reading the row before (snake_case) against the form after (camelCase)', () => {
    const before = { id: 12, tenant_id: 1, version: 3, due_date: '2019-03-31', title: 'Webcast meetings', created_at: '2019-01-01T10:00:00.000Z', updated_at: '2019-02-01T10:00:00.000Z' };
    const after = { dueDate: '2019-06-30', title: 'Webcast meetings' };
    assert.deepEqual(describeChanges(before, after), [{ field: 'Due date', from: '31 March 2019', to: '30 June 2019' }]);
  });

  test('lists nothing when nothing changed, and ignores ids, versions and timestamps', () => {
    const row = { id: 1, version: 1, plan_id: 4, position: 2, title: 'Same', updated_at: '2019-01-01T00:00:00.000Z', recorded_at: '2019-01-01T00:00:00.000Z' };
    assert.deepEqual(describeChanges(row, { ...row, id: 2, version: 2, planId: 5, position: 3, updatedAt: '2020-01-01T00:00:00.000Z' }), []);
  });

  test('treats blank text and null alike, and says when a value is added or cleared', () => {
    assert.deepEqual(describeChanges({ target: '', outcome: 'More viewers' }, { target: null, outcome: '' }), [{ field: 'Outcome', from: 'More viewers', to: null }]);
    assert.deepEqual(describeChanges({ revised_due_date: null }, { revisedDueDate: '2019-09-30' }), [{ field: 'Revised due date', from: null, to: '30 September 2019' }]);
  });

  test('compares lead officers and impacted services by their names, not their links', () => {
    const before = { leads: [{ name: 'Jane Smith', id: 3 }, { name: 'Head of Press', id: null }], impacts: [{ name: 'Communications', id: 4 }] };
    const sameNames = { leads: [{ name: 'Jane Smith', id: null }, { name: 'Head of Press', id: 9 }], impacts: [{ name: 'Communications', id: 4 }] };
    assert.deepEqual(describeChanges(before, sameNames), []);
    assert.deepEqual(describeChanges(before, { leads: [{ name: 'John Brown', id: 5 }] }), [{ field: 'Lead officers', from: 'Jane Smith; Head of Press', to: 'John Brown' }]);
    assert.deepEqual(describeChanges({ partnerships: ['Police'] }, { partnerships: ['Police', 'NHS'] }), [{ field: 'Partnership links', from: 'Police', to: 'Police; NHS' }]);
  });

  test('gives friendly labels for the fields of plans, objectives and actions', () => {
    const changes = describeChanges(
      { kind: 'one_off', statutory_duties: 'A', critical_success_factors: 'B', environmental_impacts: null, weight: 1, why: null, number: '1.1' },
      { kind: 'milestone', statutoryDuties: 'A2', criticalSuccessFactors: 'B2', environmentalImpacts: 'Less paper', weight: 3, why: 'Because', number: '1.2' },
    );
    assert.deepEqual(changes, [
      { field: 'Kind', from: 'One-off project', to: 'Milestone' },
      { field: 'Statutory responsibilities', from: 'A', to: 'A2' },
      { field: 'Critical success factors', from: 'B', to: 'B2' },
      { field: 'Environmental impacts', from: null, to: 'Less paper' },
      { field: 'Weight', from: '1', to: '3' },
      { field: 'Why', from: null, to: 'Because' },
      { field: 'Number', from: '1.1', to: '1.2' },
    ]);
    assert.deepEqual(describeChanges({ kind: 'business_plan' }, { kind: 'action_plan' }), [{ field: 'Kind', from: 'Business plan', to: 'Action plan' }]);
  });

  test('names the records that fields point at when it can, and leaves bare ids out when it cannot', () => {
    const before = { objective_id: 7, priorityIds: [3], pledgeIds: [] };
    const after = { objectiveId: 8, priorityIds: [4, 3], pledgeIds: [9] };
    assert.deepEqual(describeChanges(before, after, { names }), [
      { field: 'Objective', from: '1.1 Open decision making', to: '1.2 Better communication' },
      { field: 'Corporate priorities', from: 'Strong local democracy', to: 'A healthy borough; Strong local democracy' },
      { field: 'Pledges', from: null, to: 'Pledge 7' },
    ]);
    assert.deepEqual(describeChanges(before, after), []);
    // The same priorities in another order are no change.
    assert.deepEqual(describeChanges({ priorityIds: [3, 4] }, { priorityIds: [4, 3] }, { names }), []);
    assert.deepEqual(describeChanges({ objectiveId: 7 }, { objectiveId: 99 }, { names }), [{ field: 'Objective', from: '1.1 Open decision making', to: 'Record 99' }]);
  });

  test('lists the values a new record was given (a progress update), leaving out its bookkeeping', () => {
    const row = {
      actionId: 12,
      periodId: 2,
      asAt: '2019-06-30',
      statusWord: 'ON TARGET',
      stage: 'in_progress',
      percentComplete: 40,
      narrative: 'Webcasting started in May.',
      nextSteps: null,
      ragOverride: 'amber',
      overrideReason: 'Budget risk',
      authorUserId: 3,
      authorName: 'Jane Smith',
      recordedAt: '2019-07-01T09:00:00.000Z',
      correctsId: 40,
    };
    assert.deepEqual(describeChanges(undefined, row, { names }), [
      { field: 'Reporting period', from: null, to: 'Quarter 1' },
      { field: 'As-at date', from: null, to: '30 June 2019' },
      { field: 'Status', from: null, to: 'ON TARGET' },
      { field: '% complete', from: null, to: '40%' },
      { field: 'Progress', from: null, to: 'Webcasting started in May.' },
      { field: 'Traffic light override', from: null, to: 'Amber' },
      { field: 'Reason for the override', from: null, to: 'Budget risk' },
      { field: 'Corrects', from: null, to: 'the update as at 30 June 2019 (ON TARGET)' },
    ]);
  });

  test('reads report fields, considerations one by one and issued versions', () => {
    const before = { meetingId: 5, template: 'half-year', title: 'Half-year progress', asOf: '2019-09-30', restricted: false, exemptParagraph: null, planIds: [11], considerations: { Financial: 'None', Legal: 'None' }, recommendations: ['Note the report'], contactOfficers: [] };
    const after = { ...before, template: 'plan-approval', title: 'Plans for approval', restricted: true, exemptParagraph: 3, considerations: { Financial: '£10,000', Legal: 'None' }, recommendations: ['Note the report', 'Approve the plans'], contactOfficers: ['Jane Smith'] };
    assert.deepEqual(describeChanges(before, after, { names, entity: 'report' }), [
      { field: 'Kind of report', from: 'Half-year progress report', to: 'Plan approval report' },
      { field: 'Report on', from: 'Half-year progress', to: 'Plans for approval' },
      { field: 'Restricted', from: 'No', to: 'Yes' },
      { field: 'Exempt information', from: null, to: 'Paragraph 3 of Schedule 12A' },
      { field: 'Consideration: Financial', from: 'None', to: '£10,000' },
      { field: 'Recommendations', from: 'Note the report', to: 'Note the report; Approve the plans' },
      { field: 'Contact officers', from: null, to: 'Jane Smith' },
    ]);
    assert.deepEqual(describeChanges(undefined, { number: 2, asOf: '2019-09-30', issueId: 4, pdf: false }, { entity: 'report' }), [
      { field: 'Version', from: null, to: 'Version 2' },
      { field: 'As at', from: null, to: '30 September 2019' },
      { field: 'PDF stored', from: null, to: 'No' },
    ]);
  });

  test('only compares fields both sides carry, and humanises fields it does not know', () => {
    // The plan row has a status the form does not carry: not a change.
    assert.deepEqual(describeChanges({ status: 'draft', title: 'A' }, { title: 'A' }), []);
    assert.deepEqual(describeChanges({ budget_code: 'X1' }, { budgetCode: 'X2' }), [{ field: 'Budget code', from: 'X1', to: 'X2' }]);
    assert.deepEqual(describeChanges({ owner_id: 1 }, { ownerId: 2 }), []);
  });

  test('shortens long values', () => {
    const long = 'a'.repeat(500);
    const [change] = describeChanges({ narrative: 'short' }, { narrative: long }, { maxLength: 50 });
    assert.equal(change?.to?.length, 50);
    assert.ok(change?.to?.endsWith('…'));
  });

  test('gives nothing for values that are not objects', () => {
    assert.deepEqual(describeChanges(null, undefined), []);
    assert.deepEqual(describeChanges([1, 2], [3]), []);
  });
});

describe('referencedIds', () => {
  test('collects the ids fields point at, by kind', () => {
    const refs = referencedIds({ objective_id: 7, priorityIds: [3, 4] }, { objectiveId: 8, carriedFromId: null, periodId: 2, planIds: [11] }, null);
    assert.deepEqual([...(refs.get('objective') ?? [])], [7, 8]);
    assert.deepEqual([...(refs.get('priority') ?? [])], [3, 4]);
    assert.deepEqual([...(refs.get('period') ?? [])], [2]);
    assert.deepEqual([...(refs.get('plan') ?? [])], [11]);
    assert.equal(refs.has('action'), false);
  });
});

describe('labels', () => {
  test('camelKey reads snake_case column names', () => {
    assert.equal(camelKey('revised_due_date'), 'revisedDueDate');
    assert.equal(camelKey('dueDate'), 'dueDate');
  });

  test('entities and events in words', () => {
    assert.equal(entityLabel('service_plan'), 'Plan');
    assert.equal(entityLabel('progress_update'), 'Progress update');
    assert.equal(entityLabel('something_new'), 'Something new');
    assert.equal(eventLabel('action', 'create'), 'Created');
    assert.equal(eventLabel('action', 'update'), 'Updated');
    assert.equal(eventLabel('report', 'issue'), 'Issued');
    assert.equal(eventLabel('progress_update', 'correct'), 'Progress update corrected');
    assert.equal(eventLabel('progress_update', 'import'), 'Progress update imported');
    assert.equal(eventLabel('action', 'archive_all'), 'Archive all');
  });

  test('ukDateTime shows a timestamp in UK time', () => {
    assert.equal(ukDateTime('2019-06-30T13:05:00.000Z'), '30 June 2019 at 14:05');
    assert.equal(ukDateTime('2019-12-01T09:00:00.000Z'), '1 December 2019 at 09:00');
    assert.equal(ukDateTime('not a time'), 'not a time');
  });
});
