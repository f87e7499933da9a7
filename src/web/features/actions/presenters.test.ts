import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RagResult } from '../../../domain/rag.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { mergePage } from './form-presenters.ts';
import { actionListRow, actionPage, actionTableRow } from './presenters.ts';

const green: RagResult = {
  rag: 'green',
  computed: 'green',
  stage: 'in_progress',
  percentComplete: 60,
  expectedPercent: 50,
  overdue: false,
  override: null,
  overrideApplied: false,
  explanation: 'On track: 60% complete against 50% expected.',
};

const actionRow = {
  id: 31,
  tenant_id: 1,
  plan_id: 7,
  objective_id: 11,
  code: '26-DEM01',
  title: 'Webcast meetings',
  role: null,
  kind: 'ongoing',
  target: 'Every meeting online',
  outcome: '',
  critical_success_factors: null,
  environmental_impacts: 'Less travel',
  resources_needed: null,
  start_date: null,
  due_date: '2027-03-31',
  revised_due_date: '2027-06-30',
  weight: 2,
  carried_from_id: null,
  exempt_paragraph: 3,
  version: 4,
  updated_at: '2026-10-02T09:15:00.000Z',
  leads: [{ id: 8, name: 'Jane Smith' }, { id: null, name: 'Head of ICT' }],
  impacts: [{ id: 4, name: 'ICT' }],
  partnerships: ['Community Strategy'],
  priorityIds: [21],
  pledgeIds: [],
};

const update = (over: Record<string, unknown>) => ({
  id: 1,
  periodLabel: 'Quarter 1',
  status_word: 'IN PROGRESS',
  percent_complete: 30,
  as_at: '2026-06-30',
  author_name: 'Jane Smith',
  recorded_at: '2026-07-05T10:00:00.000Z',
  exempt_paragraph: null,
  approval: 'approved',
  return_comment: null,
  corrects_id: null,
  narrative: 'Cameras bought',
  next_steps: null,
  rag_override: null,
  override_reason: null,
  ...over,
});

describe('action presenters', () => {
  it('actionTableRow: the description parts with text, dates written out, leads linked', () => {
    assert.deepEqual(actionTableRow(actionRow), {
      id: 31,
      code: '26-DEM01',
      title: 'Webcast meetings',
      kind: 'ongoing',
      role: null,
      restricted: true,
      description: [
        { label: 'Target', text: 'Every meeting online' },
        { label: 'Environmental impacts', text: 'Less travel' },
      ],
      dueDate: '31 March 2027',
      revisedDueDate: '30 June 2027',
      leads: [{ id: 8, name: 'Jane Smith' }, { id: null, name: 'Head of ICT' }],
      impacts: ['ICT'],
      partnerships: ['Community Strategy'],
    });
  });

  it('actionListRow: the date it is due by now, the lead officers by name', () => {
    const row = { ...actionRow, orgName: 'Democratic Services', yearLabel: '2026/27', objectiveNumber: '1.1', objectiveTitle: 'Open meetings' };
    assert.deepEqual(actionListRow(row), {
      id: 31,
      code: '26-DEM01',
      title: 'Webcast meetings',
      restricted: true,
      orgName: 'Democratic Services',
      yearLabel: '2026/27',
      objectiveNumber: '1.1',
      objectiveTitle: 'Open meetings',
      leadNames: ['Jane Smith', 'Head of ICT'],
      dueOn: '30 June 2027',
    });
  });

  it('actionPage: the position and the updates as at the date; later updates are counted, not shown', () => {
    const first = update({});
    const correction = update({ id: 2, corrects_id: 1, percent_complete: 35, recorded_at: '2026-07-06T10:00:00.000Z', author_name: 'Tom Whitfield' });
    const later = update({ id: 3, periodLabel: 'Quarter 2', as_at: '2026-09-30', recorded_at: '2026-10-03T10:00:00.000Z' });
    const vm = actionPage({
      detail: {
        action: actionRow,
        plan: { id: 7, title: 'Democratic Services Plan' },
        unit: { id: 3, name: 'Democratic Services' },
        year: { label: '2026/27' },
        objective: { id: 11, number: '1.1', title: 'Open meetings' },
        priorities: [{ id: 21, title: 'Good governance' }],
        pledges: [],
        carriedFrom: null,
        carriedFromHidden: false,
        mayChange: true,
      } as never,
      when: { asOf: '2026-06-30', knownOn: null, parts: { day: '30', month: '6', year: '2026' }, knownParts: { day: '', month: '', year: '' } },
      position: { result: green, latest: { id: 2, status_word: 'IN PROGRESS', narrative: 'Cameras bought', next_steps: null, approval: 'approved', as_at: '2026-06-30' }, due: { next: { dueOn: '2026-10-14', label: 'Quarter 2' } } },
      change: null,
      history: [later, correction, first],
      knownBefore: null,
      canEdit: true,
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
    assert.equal(vm.title, '26-DEM01 Webcast meetings');
    assert.deepEqual(vm.action, {
      id: 31,
      code: '26-DEM01',
      title: 'Webcast meetings',
      exemptParagraph: 3,
      role: null,
      kind: 'ongoing',
      startDate: '',
      dueDate: '31 March 2027',
      revisedDueDate: '30 June 2027',
      leads: [{ id: 8, name: 'Jane Smith' }, { id: null, name: 'Head of ICT' }],
      impacts: [{ id: 4, name: 'ICT' }],
      partnerships: ['Community Strategy'],
      weight: 2,
      updatedAt: '2 October 2026',
    });
    assert.deepEqual(vm.textFieldRows, [
      { key: { text: 'Target' }, value: { text: 'Every meeting online' } },
      { key: { text: 'Outcome' }, value: { text: 'Not set' } },
      { key: { text: 'Critical success factors' }, value: { text: 'Not set' } },
      { key: { text: 'Environmental impacts' }, value: { text: 'Less travel' } },
      { key: { text: 'Resources needed' }, value: { text: 'Not set' } },
    ]);
    assert.deepEqual(vm.position, {
      result: green,
      latest: { statusWord: 'IN PROGRESS', narrative: 'Cameras bought', nextSteps: null, approval: 'approved', asAt: '30 June 2026' },
      nextDue: { dueOn: '14 October 2026', label: 'Quarter 2' },
    });
    assert.equal(vm.asOf, '30 June 2026');
    assert.equal(vm.latestPeriod, 'Quarter 1');
    assert.equal(vm.laterUpdates, 1);
    assert.deepEqual(
      vm.updates.map((u) => [u.id, u.recordedOn, u.correctedBy, u.corrects]),
      [
        [2, '6 July 2026', null, { id: 1, recordedOn: '5 July 2026', authorName: 'Jane Smith' }],
        [1, '5 July 2026', 2, null],
      ],
    );
    assert.deepEqual(vm.breadcrumbs, [{ text: 'Plans', href: '/plans' }, { text: 'Democratic Services Plan', href: '/plans/7' }]);
  });

  it('mergePage: each differing field with a choice, and the message for someone else saving first', () => {
    const vm = mergePage({
      plan: { id: 7, title: 'Democratic Services Plan' },
      action: { id: 31, code: '26-DEM01', version: 5 },
      newVersion: false,
      original: '{"title":"Theirs"}',
      mine: '{"title":"Mine"}',
      savedBy: 'Tom Whitfield',
      savedSelf: false,
      savedAt: 'at 14:05 on 25 November 2026',
      rows: [{ field: 'title', label: 'Action', note: 'You both changed this', theirs: ['Theirs'], mine: ['Mine'], proposed: 'mine' }],
      automatic: [],
      bothChanged: ['Action'],
      unattributed: [],
    });
    assert.deepEqual(vm.rows, [
      {
        field: 'title',
        label: 'Action',
        note: 'You both changed this',
        theirs: ['Theirs'],
        mine: ['Mine'],
        items: [
          { value: 'theirs', text: 'Keep theirs', checked: false },
          { value: 'mine', text: 'Use mine', checked: true },
        ],
      },
    ]);
    assert.equal(vm.errors.merge, 'Someone else saved a change to this action after you opened it. Your changes have not been saved yet: choose which version of each field to keep.');
    assert.deepEqual(vm.breadcrumbs, [
      { text: 'Plans', href: '/plans' },
      { text: 'Democratic Services Plan', href: '/plans/7' },
      { text: '26-DEM01', href: '/actions/31' },
    ]);
  });
});
