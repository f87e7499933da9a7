import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RagResult, Rollup } from '../../../domain/rag.ts';
import { exceptionsPage, myActionsPage, positionRow, rollupView, unitPage } from './presenters.ts';

const red: RagResult = {
  rag: 'red',
  computed: 'red',
  stage: 'in_progress',
  percentComplete: 10,
  expectedPercent: 80,
  overdue: true,
  override: null,
  overrideApplied: false,
  explanation: 'Overdue: due 30 June 2026 and not complete.',
};

const rollup: Rollup = {
  total: 3,
  byStage: { not_started: 0, in_progress: 2, ongoing: 0, complete: 1, carried_over: 0, deferred: 0, cancelled: 0, no_update: 0 } as Rollup['byStage'],
  byRag: { red: 1, not_updated: 0, amber: 0, green: 1, not_due: 0, complete: 1, closed: 0 },
  meanPercent: 55.5,
};
const counts = [
  { rag: 'green', count: 1 },
  { rag: 'amber', count: 0 },
  { rag: 'red', count: 1 },
  { rag: 'complete', count: 1 },
  { rag: 'closed', count: 0 },
  { rag: 'not_updated', count: 0 },
  { rag: 'not_due', count: 0 },
];

const position = {
  action: { id: 31, plan_id: 7, code: '26-DEM01', title: 'Webcast meetings', orgName: 'Democratic Services', orgUnitId: 3, due_date: '2026-06-30', revised_due_date: null },
  result: red,
  latest: { id: 9, status_word: 'IN PROGRESS', percent_complete: 10, as_at: '2026-06-30', approval: 'submitted' },
};
const row = {
  action: { id: 31, code: '26-DEM01', title: 'Webcast meetings', orgName: 'Democratic Services', orgUnitId: 3, dueDate: '30 June 2026', revisedDueDate: '' },
  result: red,
  latest: { statusWord: 'IN PROGRESS', percentComplete: 10, asAt: '30 June 2026', approval: 'submitted' },
};
const scope = { asOf: '2026-09-30', knownOn: null, year: { id: 2, label: '2026/27', start_date: '2026-04-01' }, rollup };

describe('dashboard presenters', () => {
  it('rollupView: a count for each traffic light, in order, not a map keyed by light', () => {
    assert.deepEqual(rollupView(rollup), { total: 3, counts, meanPercent: 55.5 });
  });

  it('positionRow: the action and its latest update in camelCase, dates written out', () => {
    assert.deepEqual(positionRow(position), row);
  });

  it('unitPage: the exceptions link keeps a chosen date; objectives roll up by light', () => {
    const vm = unitPage({
      unit: { id: 3 },
      scope,
      dated: true,
      children: [],
      plans: [{}],
      objectives: [{ plan: { label: 'Democratic Services Plan' }, rows: [{ label: '1.1 Open meetings', href: '/plans/7#objective-11', rollup }] }],
      pagePositions: [position],
      pager: null,
      charts: [],
    });
    assert.deepEqual(vm, {
      year: { label: '2026/27' },
      asOf: '30 September 2026',
      knownOn: '',
      rollup: { total: 3, counts, meanPercent: 55.5 },
      exceptionsHref: '/dashboards/exceptions?service=3&asOf=2026-09-30',
      childCount: 0,
      planCount: 1,
      objectives: [{ plan: { label: 'Democratic Services Plan' }, rows: [{ label: '1.1 Open meetings', href: '/plans/7#objective-11', rollup: { total: 3, counts, meanPercent: 55.5 } }] }],
      pagePositions: [row],
      pager: null,
      charts: [],
      withService: false,
    });
  });

  it('exceptionsPage: counts over every exception, the table over a page of them', () => {
    const vm = exceptionsPage({ scope, all: [position, { result: { ...red, rag: 'not_updated', overdue: false } }], exceptions: [position], pager: null });
    assert.equal(vm.count, 2);
    assert.deepEqual(vm.counts, [
      { label: 'Red', count: 1 },
      { label: 'Not updated', count: 1 },
      { label: 'Overdue', count: 1 },
    ]);
    assert.deepEqual(vm.exceptions, [row]);
  });

  it('myActionsPage: the person and the periods in camelCase, an upcoming period’s dates defaulting to its end', () => {
    const vm = myActionsPage({
      scope,
      person: { id: 8, name: 'Jane Smith', job_title: 'Democratic Services Manager' },
      period: null,
      upcoming: { label: 'Quarter 3', opens_on: null, due_on: '2027-01-14', end_date: '2026-12-31' },
      positions: [position],
      missed: [],
      needsUpdate: [],
      upToDate: [position],
    });
    assert.deepEqual(vm.person, { id: 8, name: 'Jane Smith', jobTitle: 'Democratic Services Manager' });
    assert.equal(vm.count, 1);
    assert.equal(vm.period, null);
    assert.deepEqual(vm.upcoming, { label: 'Quarter 3', opensOn: '31 December 2026', dueOn: '14 January 2027' });
    assert.deepEqual(vm.upToDate, [row]);
  });
});
