import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedAction, ParsedPlan } from '../../../domain/import-tables.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { importNewPage, importPreviewPage, importSummary, previewTarget } from './presenters.ts';

const plans = [
  { id: 4, title: 'Chief Executive’s Office business plan', orgCode: 'CEX', yearLabel: '2026/27', status: 'approved', org_unit_id: 2 },
  { id: 5, title: 'Democratic Services business plan', orgCode: 'DEM', yearLabel: '2026/27', status: 'draft', org_unit_id: 3 },
];

const targetItems = (checked: '' | 'plan' | 'new') => [
  { value: 'plan', text: 'An existing plan', checked: checked === 'plan', hint: { text: 'Choose the plan below.' } },
  {
    value: 'new',
    text: 'A new plan, or the plan of another service or year',
    checked: checked === 'new',
    hint: { text: 'Give the org unit short code and the plan year below. Any that do not exist yet are created.' },
  },
];
const planItems = (selected: '' | '4' | '5') => [
  { value: '', text: 'Choose a plan', selected: selected === '' },
  { value: '4', text: 'Chief Executive’s Office business plan (CEX, 2026/27)', selected: selected === '4' },
  { value: '5', text: 'Democratic Services business plan (DEM, 2026/27)', selected: selected === '5' },
];

const action = (over: Partial<ParsedAction>): ParsedAction => ({
  code: null,
  title: '',
  role: null,
  dueDate: null,
  leadOfficers: [],
  impactedServices: [],
  partnershipLinks: [],
  status: null,
  percentComplete: null,
  narrative: null,
  statusWord: null,
  kind: null,
  startDate: null,
  revisedDueDate: null,
  weight: null,
  asAt: null,
  target: null,
  outcome: null,
  criticalSuccessFactors: null,
  environmentalImpacts: null,
  resourcesNeeded: null,
  ...over,
});

// A pasted table: a title above the header, one objective, two actions, a date nobody can read.
const pasted: ParsedPlan = {
  mapping: ['code', 'title', 'leads', 'dueDate', 'status', null],
  headers: ['Ref', 'Action', 'Lead officer', 'Due date', 'Status', ''],
  objectives: [
    {
      number: '1.1',
      title: 'Keep parks clean',
      why: 'Residents use them',
      goal: null,
      actions: [
        action({
          code: '26-PRK01',
          title: 'Replace bins',
          role: 'Service Provider',
          kind: 'one_off',
          startDate: '2026-05-01',
          dueDate: '2026-09-30',
          revisedDueDate: '2026-12-31',
          weight: 2,
          target: 'Forty bins',
          leadOfficers: ['Parks Manager'],
          partnershipLinks: ['Green Plan', 'Health'],
          status: 'complete',
          statusWord: 'DONE',
          percentComplete: 100,
          narrative: 'All done',
          exemptParagraph: false,
          line: 4,
        }),
        action({ code: '26-PRK02', title: 'Repaint fences', leadOfficers: ['Grounds', 'Parks Manager'], status: 'in_progress', exemptParagraph: 3, line: 5 }),
      ],
    },
  ],
  warnings: [
    { line: 1, message: 'Lines 1 to 1 are above the table’s headings and were not read' },
    { line: 5, message: 'Could not read “Summer-ish” as a date' },
  ],
  plan: null,
  sheetTitle: { title: 'Parks – actions for 2026/27', year: '2026/27', line: 1 },
};

const previewedActions = [
  {
    code: '26-PRK01',
    title: 'Replace bins',
    details: [
      { label: 'Role', text: 'Service Provider' },
      { label: 'Kind (one-off, ongoing, milestone)', text: 'One-off project' },
      { label: 'Start date', text: '1 May 2026' },
      { label: 'Weight', text: '2' },
      { label: 'Target', text: 'Forty bins' },
      { label: 'Partnership links', text: 'Green Plan; Health' },
      { label: 'Exempt information (restricted: paragraph of Schedule 12A)', text: 'No (open)' },
    ],
    leadOfficers: ['Parks Manager'],
    dueDate: '30 September 2026',
    revisedDueDate: '31 December 2026',
    status: 'complete',
    statusWord: 'DONE',
    percentComplete: 100,
    narrative: 'All done',
  },
  {
    code: '26-PRK02',
    title: 'Repaint fences',
    details: [{ label: 'Exempt information (restricted: paragraph of Schedule 12A)', text: 'Yes: paragraph 3' }],
    leadOfficers: ['Grounds', 'Parks Manager'],
    dueDate: '',
    revisedDueDate: '',
    status: 'in_progress',
    statusWord: null,
    percentComplete: null,
    narrative: null,
  },
];

const crumbs = [
  { text: 'Plans', href: '/plans' },
  { text: 'Import a plan', href: '/imports/new' },
];
const noTarget = { target: '', planId: '', orgCode: '', year: '', newUnitName: '' };

/** A mapping select without its thirty-odd items: the value selected and how many there are. */
const mappingSummary = (vm: { mappingSelects: { id: string; label: string; items: { value: string; text: string; selected?: boolean }[]; error?: string }[] }) =>
  vm.mappingSelects.map(({ items, ...s }) => ({ ...s, selected: items.filter((i) => i.selected).map((i) => i.value), itemCount: items.length }));

describe('import presenters', () => {
  it('importNewPage: the form with the plan chosen from the link, the formats and the target choices', () => {
    const values = { format: 'auto', target: 'plan', planId: '5', orgCode: '', year: '', sheet: '', paste: '' };
    const vm = importNewPage({ plans, maxMb: 20, values });
    assert.deepEqual(vm, {
      title: 'Import a plan',
      section: 'plans',
      maxMb: 20,
      formatItems: [
        { value: 'auto', text: 'Work it out for me', selected: true },
        { value: 'paste', text: 'Pasted table (copied from Word, Excel or a PDF)', selected: false },
        { value: 'csv', text: 'CSV', selected: false },
        { value: 'xlsx', text: 'Excel workbook (.xlsx)', selected: false },
        { value: 'docx', text: 'Word document (.docx)', selected: false },
        { value: 'records', text: 'Records (Label: value blocks)', selected: false },
        { value: 'json', text: 'Waymark JSON (exported from Waymark)', selected: false },
        { value: 'decidim', text: 'Decidim accountability CSV', selected: false },
      ],
      targetItems: targetItems('plan'),
      planItems: planItems('5'),
      breadcrumbs: [{ text: 'Plans', href: '/plans' }],
      errorAnchors: { target: 'target' },
      values: { format: 'auto', target: 'plan', planId: '5', orgCode: '', year: '', sheet: '', paste: '' },
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('importNewPage: a refused upload keeps what was typed, and its errors', () => {
    const values = { paste: 'Ref\tAction', format: 'csv', sheet: '', target: 'new', planId: '', orgCode: 'PRX', year: '2026/27', newUnitName: '' };
    const errors = { newUnitName: 'No org unit has the short code PRX. Check the code, or give the name of the new org unit to create it' };
    const vm = importNewPage({ plans, maxMb: 20, values, errors });
    assert.equal(vm.formatItems.find((i) => i.selected)?.value, 'csv');
    assert.deepEqual(vm.targetItems, targetItems('new'));
    assert.deepEqual(vm.planItems, planItems(''));
    assert.deepEqual(vm.values, { paste: 'Ref\tAction', format: 'csv', sheet: '', target: 'new', planId: '', orgCode: 'PRX', year: '2026/27', newUnitName: '' });
    assert.deepEqual(vm.errors, { newUnitName: 'No org unit has the short code PRX. Check the code, or give the name of the new org unit to create it' });
  });

  it('importPreviewPage: a paste with warnings, a column mapped twice, and a new org unit to create', () => {
    const vm = importPreviewPage({
      id: 'draft-1',
      source: { format: 'paste' },
      preview: { format: 'paste', plan: pasted, actionCount: 2, updateCount: 2 },
      columns: pasted,
      chosen: ['code', 'title', 'title', 'dueDate', 'status', ''],
      target: { target: 'new', planId: '', orgCode: 'prk ', year: '2026/27', newUnitName: ' Parks ' },
      unknownUnit: true,
      plans,
      errors: { col2: 'Columns 2 and 3 are both read as Action: choose Not imported for one of them' },
    });
    const { mappingSelects: _selects, ...rest } = vm;
    assert.deepEqual(rest, {
      title: 'Check the import',
      section: 'plans',
      wide: true,
      id: 'draft-1',
      sourceName: 'Pasted text',
      formatLabel: 'Pasted table (copied from Word, Excel or a PDF)',
      preview: { actionCount: 2, updateCount: 2 },
      objectives: [{ number: '1.1', title: 'Keep parks clean', why: 'Residents use them', goal: null, actions: previewedActions }],
      warnings: [
        { line: 1, message: 'Lines 1 to 1 are above the table’s headings and were not read' },
        { line: 5, message: 'Could not read “Summer-ish” as a date' },
      ],
      meta: null,
      sheetTitle: { title: 'Parks – actions for 2026/27', line: 1 },
      newUnit: { code: 'PRK', name: 'Parks' },
      approvedTarget: null,
      mappingValues: ['code', 'title', 'title', 'dueDate', 'status', ''],
      target: { target: 'new', planId: '', orgCode: 'prk ', year: '2026/27', newUnitName: ' Parks ' },
      targetItems: targetItems('new'),
      planItems: planItems(''),
      canConfirm: false,
      confirmText: 'Import 2 actions',
      errors: { col2: 'Columns 2 and 3 are both read as Action: choose Not imported for one of them' },
      errorAnchors: { target: 'target', mapping: 'col0', import: 'preview-heading' },
      breadcrumbs: crumbs,
    });
    assert.deepEqual(mappingSummary(vm), [
      { id: 'col0', label: 'Column 1: Ref', error: undefined, selected: ['code'], itemCount: 27 },
      { id: 'col1', label: 'Column 2: Action', error: undefined, selected: ['title'], itemCount: 27 },
      { id: 'col2', label: 'Column 3: Lead officer', error: 'Columns 2 and 3 are both read as Action: choose Not imported for one of them', selected: ['title'], itemCount: 27 },
      { id: 'col3', label: 'Column 4: Due date', error: undefined, selected: ['dueDate'], itemCount: 27 },
      { id: 'col4', label: 'Column 5: Status', error: undefined, selected: ['status'], itemCount: 27 },
      { id: 'col5', label: 'Column 6 (no heading)', error: undefined, selected: [''], itemCount: 27 },
    ]);
    assert.deepEqual(vm.mappingSelects[5]!.items.slice(0, 3), [
      { value: '', text: 'Not imported', selected: true },
      { value: 'goal', text: 'Strategic goal or corporate priority', selected: false },
      { value: 'objectiveNumber', text: 'Objective number', selected: false },
    ]);
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('importPreviewPage: the mapping read from the header, into an approved plan, ready to import', () => {
    const vm = importPreviewPage({
      id: 'draft-2',
      source: { filename: 'allot.csv', format: 'auto' },
      preview: { format: 'csv', plan: { ...pasted, warnings: [], sheetTitle: null }, actionCount: 2, updateCount: 0 },
      columns: pasted,
      chosen: null,
      target: { target: 'plan', planId: '4', orgCode: '', year: '', newUnitName: '' },
      unknownUnit: false,
      plans,
      errors: {},
    });
    assert.equal(vm.sourceName, 'allot.csv');
    assert.equal(vm.formatLabel, 'CSV');
    assert.deepEqual(vm.warnings, []);
    assert.equal(vm.sheetTitle, null);
    assert.equal(vm.newUnit, null);
    assert.equal(vm.approvedTarget, 'Chief Executive’s Office business plan');
    assert.deepEqual(vm.mappingValues, ['code', 'title', 'leads', 'dueDate', 'status', '']);
    assert.deepEqual(vm.planItems, planItems('4'));
    assert.equal(vm.canConfirm, true);
    assert.equal(vm.errors, undefined);
  });

  it('importPreviewPage: an unknown org unit code given no name yet; a new plan in an approved plan’s unit and year', () => {
    const unknown = importPreviewPage({
      id: 'draft-3',
      source: { format: 'paste' },
      preview: { format: 'paste', plan: { ...pasted, objectives: [{ number: null, title: 'Objectives to follow', why: null, goal: 'A greener borough', actions: [] }] }, actionCount: 0, updateCount: 0 },
      columns: pasted,
      chosen: null,
      target: { target: 'new', planId: '', orgCode: 'prx', year: '2026/27', newUnitName: '' },
      unknownUnit: true,
      plans,
      errors: {},
    });
    assert.deepEqual(unknown.newUnit, { code: 'PRX', name: '' });
    assert.deepEqual(unknown.objectives, [{ number: null, title: 'Objectives to follow', why: null, goal: 'A greener borough', actions: [] }]);
    assert.equal(unknown.confirmText, 'Import 1 objective');
    assert.equal(unknown.canConfirm, true);

    const existing = importPreviewPage({
      id: 'draft-3',
      source: { format: 'paste' },
      preview: { format: 'paste', plan: pasted, actionCount: 1, updateCount: 0 },
      columns: pasted,
      chosen: null,
      target: { target: 'new', planId: '', orgCode: 'cex', year: ' 2026/27 ', newUnitName: '' },
      unknownUnit: false,
      plans,
      errors: {},
    });
    assert.equal(existing.newUnit, null);
    assert.equal(existing.approvedTarget, 'Chief Executive’s Office business plan');
    assert.equal(existing.confirmText, 'Import 1 action');
  });

  it('importPreviewPage: a mapping that cannot be read shows the header’s columns and nothing to import', () => {
    const vm = importPreviewPage({
      id: 'draft-4',
      source: { filename: 'plan.xlsx', format: 'xlsx' },
      preview: null,
      columns: { headers: ['Ref', 'Action'], mapping: ['code', 'title'] },
      chosen: ['', ''],
      target: noTarget,
      unknownUnit: false,
      plans,
      errors: { mapping: 'No column is read as the action: choose which column holds it' },
    });
    const { mappingSelects: _selects, targetItems: _t, planItems: _p, ...rest } = vm;
    assert.deepEqual(rest, {
      title: 'Check the import',
      section: 'plans',
      wide: true,
      id: 'draft-4',
      sourceName: 'plan.xlsx',
      formatLabel: 'Excel workbook (.xlsx)',
      preview: null,
      objectives: [],
      warnings: [],
      meta: null,
      sheetTitle: null,
      newUnit: null,
      approvedTarget: null,
      mappingValues: ['', ''],
      target: noTarget,
      canConfirm: false,
      confirmText: 'Import 0 actions',
      errors: { mapping: 'No column is read as the action: choose which column holds it' },
      errorAnchors: { target: 'target', mapping: 'col0', import: 'preview-heading' },
      breadcrumbs: crumbs,
    });
    assert.deepEqual(mappingSummary(vm), [
      { id: 'col0', label: 'Column 1: Ref', error: undefined, selected: [''], itemCount: 27 },
      { id: 'col1', label: 'Column 2: Action', error: undefined, selected: [''], itemCount: 27 },
    ]);
  });

  it('importPreviewPage: a Waymark export names its plan; with no columns the mapping error points at the preview', () => {
    const exported: ParsedPlan = {
      mapping: [],
      headers: [],
      objectives: [],
      warnings: [],
      plan: { title: 'Parks plan', kind: 'business', vision: null, purpose: null, statutoryDuties: null, areasOfFocus: null, org: { code: 'PRK', name: 'Parks' }, year: '2026/27' },
    };
    const vm = importPreviewPage({
      id: 'draft-5',
      source: { filename: 'prk.json', format: 'auto' },
      preview: { format: 'json', plan: exported, actionCount: 0, updateCount: 0 },
      columns: exported,
      chosen: null,
      target: { target: 'new', planId: '', orgCode: 'PRK', year: '2026/27', newUnitName: 'Parks' },
      unknownUnit: false,
      plans,
      errors: { import: 'Action 26-PRK20: Select a role from the list' },
    });
    assert.equal(vm.formatLabel, 'Waymark JSON (exported from Waymark)');
    assert.deepEqual(vm.meta, { title: 'Parks plan', org: { code: 'PRK' }, year: '2026/27' });
    assert.deepEqual(vm.mappingSelects, []);
    assert.equal(vm.canConfirm, true);
    assert.equal(vm.confirmText, 'Import 0 actions');
    assert.deepEqual(vm.errorAnchors, { target: 'target', mapping: 'preview-heading', import: 'preview-heading' });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('previewTarget: with none chosen, the plan an export names; its unit’s name when the code matches', () => {
    const meta: ParsedPlan['plan'] = { title: 'Parks plan', kind: 'business', vision: null, purpose: null, statutoryDuties: null, areasOfFocus: null, org: { code: 'PRK', name: 'Parks and Open Spaces' }, year: '2026/27' };
    assert.deepEqual(previewTarget(noTarget, meta), { target: 'new', planId: '', orgCode: 'PRK', year: '2026/27', newUnitName: 'Parks and Open Spaces' });
    assert.deepEqual(previewTarget({ target: 'new', planId: '', orgCode: 'prk', year: '2027/28', newUnitName: '' }, meta), {
      target: 'new',
      planId: '',
      orgCode: 'prk',
      year: '2027/28',
      newUnitName: 'Parks and Open Spaces',
    });
    assert.deepEqual(previewTarget({ target: 'plan', planId: '4', orgCode: '', year: '', newUnitName: '' }, meta), { target: 'plan', planId: '4', orgCode: '', year: '', newUnitName: '' });
    assert.deepEqual(previewTarget(noTarget, null), noTarget);
  });

  it('importSummary: where it went and what changed, notes as sentences, cut at 600 characters', () => {
    const outcome = {
      orgCode: 'PRK',
      year: '2026/27',
      objectives: { created: 1, updated: 0, unchanged: 2 },
      actions: { created: 3, updated: 1, unchanged: 0 },
      updates: { created: 2, unchanged: 1 },
      notes: ['Created org unit PRK (Parks)', 'Created plan year 2026/27.'],
    };
    assert.equal(
      importSummary(outcome),
      'Imported into PRK 2026/27. Objectives: 1 created, 0 updated, 2 unchanged. Actions: 3 created, 1 updated, 0 unchanged. Progress updates: 2 recorded, 1 unchanged. Created org unit PRK (Parks). Created plan year 2026/27.',
    );
    const long = importSummary({ ...outcome, notes: ['x'.repeat(600)] });
    assert.equal(long.length, 600);
    assert.ok(long.endsWith('xxx…'));
  });
});
