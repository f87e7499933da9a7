import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RagResult } from '../../../domain/rag.ts';
import type { PlanDetail } from '../../../services/plans.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { approvePage, comparePage, goalFormPage, newVersionQuestionPage, objectiveFormPage, planFormPage, planFormValues, planListPage, planPage, returnPage, versionsPage } from './presenters.ts';

const planRow = {
  id: 7,
  tenant_id: 1,
  org_unit_id: 3,
  plan_year_id: 2,
  title: 'Democratic Services Plan 2026/27',
  kind: 'business_plan',
  status: 'approved',
  draft_version: 2,
  approved_committee: 'Corporate Services Committee',
  approved_on: '2026-05-14',
  published_on: null,
  return_comment: null,
  submitted_by_user_id: 4,
  vision: 'A council people trust',
  purpose: 'To support members',
  statutory_duties: 'Elections',
  areas_of_focus: 'Digital committees',
};

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

describe('plan presenters', () => {
  it('planListPage: each plan with its lights in words and the date written out', () => {
    const vm = planListPage({
      plans: [{ id: 7, title: 'Democratic Services Plan', kind: 'business_plan', orgName: 'Democratic Services', orgCode: 'DEM', yearLabel: '2026/27', objectives: 2, actions: 3 }],
      cards: new Map([[7, { card: { total: 3, byLight: [{ rag: 'red' as const, count: 1 }, { rag: 'green' as const, count: 2 }], overdue: 1, notUpdated: 0 }, asOf: '2026-09-30' }]]),
      years: [{ id: 2, label: '2026/27' }],
      units: [{ id: 3, name: 'Democratic Services', depth: 1 }],
      filter: { year: 2, service: null },
    });
    assert.deepEqual(vm, {
      title: 'Service plans',
      section: 'plans',
      plans: [{ id: 7, title: 'Democratic Services Plan', kind: 'business_plan', orgName: 'Democratic Services', orgCode: 'DEM', yearLabel: '2026/27', objectives: 2, actions: 3, lights: '1 red, 2 green', lightsAsOf: '30 September 2026' }],
      yearItems: [
        { value: '', text: 'All years', selected: false },
        { value: '2', text: '2026/27', selected: true },
      ],
      unitItems: [
        { value: '', text: 'All services', selected: true },
        { value: '3', text: '– Democratic Services', selected: false },
      ],
    });
  });

  it('planFormValues and planFormPage: the form reads camelCase values', () => {
    const values = planFormValues(planRow);
    assert.deepEqual(values, {
      orgUnitId: 3,
      planYearId: 2,
      title: 'Democratic Services Plan 2026/27',
      kind: 'business_plan',
      vision: 'A council people trust',
      purpose: 'To support members',
      statutoryDuties: 'Elections',
      areasOfFocus: 'Digital committees',
    });
    const vm = planFormPage({ id: 7, version: 4, values, units: [{ id: 3, path: 'Council › Democratic Services', code: 'DEM' }], years: [{ id: 2, label: '2026/27' }] });
    assert.deepEqual(vm, {
      title: 'Edit plan',
      section: 'plans',
      unitItems: [
        { value: '', text: 'Select a service', selected: false },
        { value: '3', text: 'Council › Democratic Services (DEM)', selected: true },
      ],
      yearItems: [
        { value: '', text: 'Select a plan year', selected: false },
        { value: '2', text: '2026/27', selected: true },
      ],
      kindItems: [
        { value: 'service_improvement_plan', text: 'Service improvement plan', checked: false },
        { value: 'business_plan', text: 'Business plan', checked: true },
        { value: 'action_plan', text: 'Action plan', checked: false },
      ],
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Plan', href: '/plans/7' },
      ],
      errorAnchors: { kind: 'kind' },
      id: 7,
      version: 4,
      values,
    });
  });

  it('planPage: the plan, its goals and objectives and the action table rows in camelCase', () => {
    const action = {
      id: 31,
      code: '26-DEM01',
      title: 'Webcast meetings',
      kind: 'one_off',
      role: 'Enabler',
      exempt_paragraph: null,
      target: 'Every meeting online',
      outcome: null,
      critical_success_factors: 'Cameras work',
      environmental_impacts: '',
      resources_needed: 'Two cameras',
      due_date: '2027-03-31',
      revised_due_date: null,
      leads: [{ id: 8, name: 'Jane Smith' }],
      impacts: [{ id: 4, name: 'ICT' }],
      partnerships: ['Community Strategy'],
    };
    const row = {
      id: 31,
      code: '26-DEM01',
      title: 'Webcast meetings',
      kind: 'one_off',
      role: 'Enabler',
      restricted: false,
      description: [
        { label: 'Target', text: 'Every meeting online' },
        { label: 'Critical success factors', text: 'Cameras work' },
      ],
      dueDate: '31 March 2027',
      revisedDueDate: '',
      leads: [{ id: 8, name: 'Jane Smith' }],
      impacts: ['ICT'],
      partnerships: ['Community Strategy'],
    };
    const objective = { id: 11, plan_id: 7, goal_id: 5, number: '1.1', title: 'Open meetings', why: 'Trust', version: 1, priorityIds: [21], pledgeIds: [41], actions: [action] };
    const detail = {
      plan: planRow,
      unit: { id: 3, name: 'Democratic Services', code: 'DEM', parent_id: 1 },
      year: { id: 2, label: '2026/27', start_date: '2026-04-01', end_date: '2027-03-31' },
      goals: [{ id: 5, plan_id: 7, number: '1', title: 'An open council', objectives: [objective] }],
      objectives: [],
      actionCount: 1,
      mayChange: true,
    } as unknown as PlanDetail;
    const vm = planPage({
      detail,
      priorities: [{ id: 21, title: 'Good governance' }],
      pledges: [{ id: 41, number: '3' }],
      steps: ['publish'],
      when: { asOf: '2026-09-30', knownOn: null, parts: { day: '30', month: '9', year: '2026' }, knownParts: { day: '', month: '', year: '' } },
      results: [{ actionId: 31, result: green }],
      changes: {
        byAction: new Map([[31, { kind: 'improved' as const, then: { rag: 'amber' as const, percentComplete: 40 }, now: { rag: 'green' as const, percentComplete: 60 }, brief: 'Improved since Quarter 1: was Amber (40%)' }]]),
        summary: { since: { label: 'Quarter 1', endDate: '2026-06-30' }, byKind: { improved: 1, worsened: 0, same: 0, new: 0, changed: 0 } },
      },
    });
    assert.deepEqual(vm, {
      title: 'Democratic Services Plan 2026/27',
      section: 'plans',
      wide: true,
      plan: {
        id: 7,
        title: 'Democratic Services Plan 2026/27',
        kind: 'business_plan',
        status: 'approved',
        statusText: 'Approved',
        draftVersion: 2,
        approvedCommittee: 'Corporate Services Committee',
        approvedOn: '14 May 2026',
        publishedOn: '',
        returnComment: null,
        vision: 'A council people trust',
        purpose: 'To support members',
        statutoryDuties: 'Elections',
        areasOfFocus: 'Digital committees',
      },
      unit: { id: 3, name: 'Democratic Services', code: 'DEM' },
      year: { id: 2, label: '2026/27', startDate: '1 April 2026', endDate: '31 March 2027' },
      goals: [
        {
          id: 5,
          number: '1',
          title: 'An open council',
          continued: false,
          objectives: [{ id: 11, number: '1.1', title: 'Open meetings', why: 'Trust', priorities: [{ id: 21, title: 'Good governance' }], pledges: [{ id: 41, number: '3' }], actions: [row], continued: false }],
        },
      ],
      objectives: [],
      goalCount: 1,
      // One action: one page, so no page links, and the page is both the first and the last.
      pager: { summary: '1 action', govuk: null },
      firstPage: true,
      lastPage: true,
      actionCount: 1,
      steps: ['publish'],
      canPlan: true,
      progress: { 31: green },
      changes: { 31: 'Improved since Quarter 1: was Amber (40%)' },
      changeSummary: { since: 'the end of Quarter 1 (30 June 2026)', text: '1 improved' },
      card: {
        total: 1,
        byLight: [
          { rag: 'red', count: 0 },
          { rag: 'not_updated', count: 0 },
          { rag: 'amber', count: 0 },
          { rag: 'green', count: 1 },
          { rag: 'not_due', count: 0 },
          { rag: 'complete', count: 0 },
          { rag: 'closed', count: 0 },
        ],
        overdue: 0,
        notUpdated: 0,
      },
      asOfText: '30 September 2026',
      knownOnText: '',
      asOfParts: { day: '30', month: '9', year: '2026' },
      knownParts: { day: '', month: '', year: '' },
      errors: undefined,
      errorAnchors: { asOf: 'asOf-day', knownOn: 'knownOn-day' },
      breadcrumbs: [{ text: 'Plans', href: '/plans' }],
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('planPage: no steps and no scorecard for a reader who may not change an empty plan', () => {
    const detail = {
      plan: { ...planRow, status: 'draft', approved_on: null, approved_committee: null },
      unit: { id: 3, name: 'Democratic Services', code: 'DEM' },
      year: { id: 2, label: '2026/27', start_date: '2026-04-01', end_date: '2027-03-31' },
      goals: [],
      objectives: [],
      actionCount: 0,
      mayChange: false,
    } as unknown as PlanDetail;
    const vm = planPage({ detail, priorities: [], pledges: [], steps: ['submit'], when: { asOf: null, knownOn: null, parts: { day: '', month: '', year: '' }, knownParts: { day: '', month: '', year: '' } }, results: [], changes: null });
    assert.deepEqual([vm.steps, vm.canPlan, vm.card, vm.changes, vm.changeSummary, vm.asOfText, vm.plan.approvedOn, vm.plan.statusText], [[], false, null, null, null, '', '', 'Draft']);
  });

  it('goalFormPage and objectiveFormPage: the plan as id and title, and the choices as items', () => {
    assert.deepEqual(goalFormPage({ plan: planRow, values: {} }), {
      title: 'Add a strategic goal',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27' },
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
      values: {},
    });
    const vm = objectiveFormPage({
      plan: planRow,
      goals: [{ id: 5, number: '1', title: 'An open council' }],
      priorities: [{ id: 21, title: 'Good governance', depth: 1 }],
      pledges: [{ id: 41, number: 3, text: 'Webcast every meeting' }],
      id: 11,
      version: 2,
      values: { goalId: 5, priorityIds: ['21'], pledgeIds: [] },
    });
    assert.deepEqual(vm, {
      title: 'Edit objective',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27' },
      goalItems: [
        { value: '', text: 'Not under a strategic goal', selected: false },
        { value: '5', text: '1. An open council', selected: true },
      ],
      priorityItems: [{ value: '21', text: '– Good governance', checked: true }],
      pledgeItems: [{ value: '41', text: 'Pledge 3: Webcast every meeting', checked: false }],
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
      id: 11,
      version: 2,
      values: { goalId: 5, priorityIds: ['21'], pledgeIds: [] },
    });
  });

  it('approvePage and returnPage', () => {
    const approve = approvePage({ plan: planRow, meetings: [{ id: 9, committeeName: 'Council', meeting_date: '2026-05-14' }], values: { meetingId: '9' }, dateParts: { day: '', month: '', year: '' } });
    assert.deepEqual(approve, {
      title: 'Approve the plan',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27', draftVersion: 2 },
      values: { meetingId: '9' },
      errors: undefined,
      dateParts: { day: '', month: '', year: '' },
      errorAnchors: { approvedOn: 'approvedOn-day' },
      meetingItems: [
        { value: '', text: 'Select a meeting', selected: false },
        { value: '9', text: 'Council, 2026-05-14', selected: true },
      ],
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
    });
    assert.deepEqual(returnPage({ plan: planRow, values: { comment: '' }, errors: { comment: 'Enter why' } }), {
      title: 'Return the plan to draft',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27' },
      values: { comment: '' },
      errors: { comment: 'Enter why' },
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
    });
  });

  it('versionsPage: newest first, with dates and times written out', () => {
    const vm = versionsPage({
      plan: { ...planRow, status: 'draft' },
      versions: [
        { number: 1, status: 'published', published_on: '2026-05-20', approved_committee: 'Council', approved_on: '2026-05-14', createdByName: 'Ann Officer', created_at: '2026-05-14T09:30:00.000Z' },
        { number: 2, status: 'approved', published_on: null, approved_committee: 'Council', approved_on: '2026-10-01', createdByName: 'Ann Officer', created_at: '2026-10-01T15:05:00.000Z' },
      ],
    });
    assert.deepEqual(vm, {
      title: 'Plan versions',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27', isDraft: true, draftVersion: 2 },
      statusText: 'Draft',
      versions: [
        { number: 2, statusText: 'Approved', publishedOn: '', approvedCommittee: 'Council', approvedOn: '1 October 2026', createdByName: 'Ann Officer', recordedText: '1 October 2026 at 4:05pm' },
        { number: 1, statusText: 'Published', publishedOn: '20 May 2026', approvedCommittee: 'Council', approvedOn: '14 May 2026', createdByName: 'Ann Officer', recordedText: '14 May 2026 at 10:30am' },
      ],
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
    });
  });

  it('comparePage: no choices before there is a version', () => {
    assert.deepEqual(comparePage({ plan: planRow, comparison: null }), {
      title: 'Compare plan versions',
      section: 'plans',
      plan: { id: 7, title: 'Democratic Services Plan 2026/27' },
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
        { text: 'Versions', href: '/plans/7/versions' },
      ],
      comparison: null,
    });
  });

  it('newVersionQuestionPage: says who approved the plan and which version a change starts', () => {
    const vm = newVersionQuestionPage({ plan: planRow, question: 'Edit this plan?', what: 'the plan', formPath: '/plans/7/edit', cancelHref: '/plans/7', replay: null, keep: [{ name: 'objective', value: '11' }] });
    assert.deepEqual(vm, {
      title: 'Edit this plan?',
      section: 'plans',
      planTitle: 'Democratic Services Plan 2026/27',
      approvedText: 'This plan was approved on 14 May 2026 by Corporate Services Committee.',
      nextVersion: 3,
      what: 'the plan',
      replay: null,
      keep: [{ name: 'objective', value: '11' }],
      formPath: '/plans/7/edit',
      postPath: '/plans/7/edit',
      cancelHref: '/plans/7',
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: 'Democratic Services Plan 2026/27', href: '/plans/7' },
      ],
    });
  });
});
