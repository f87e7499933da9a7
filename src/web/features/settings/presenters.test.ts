import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { ragPage, ragRule, reportStylePage, settingsFormValues, settingsPage, statusWordsPage, updateCyclePage } from './presenters.ts';

const crumbs = [{ text: 'Settings', href: '/settings' }];

describe('settings presenters', () => {
  it('settingsFormValues and settingsPage: the council row as form values', () => {
    const values = settingsFormValues({ name: 'Mid Borough Council', year_start_month: 4, roles: ['Enabler', 'Service Provider'], councillors_read_drafts: 1 });
    assert.deepEqual(values, { name: 'Mid Borough Council', yearStartMonth: '4', actionRoles: 'Enabler\nService Provider', councillorsReadDrafts: 'yes' });
    const vm = settingsPage({ values });
    assert.equal(vm.months.length, 12);
    assert.deepEqual(vm.months[3], { value: '4', text: 'April' });
    assert.deepEqual(vm.values, values);
  });

  it('statusWordsPage: each row numbered, with its stage chosen', () => {
    const vm = statusWordsPage({ rows: [{ word: 'ONGOING', stage: 'ongoing' }] });
    assert.equal(vm.rows[0]!.index, 0);
    assert.equal(vm.rows[0]!.word, 'ONGOING');
    assert.deepEqual(vm.rows[0]!.stageItems[0], { value: '', text: 'Select a stage', selected: false });
    assert.deepEqual(
      vm.rows[0]!.stageItems.filter((i) => i.selected),
      [{ value: 'ongoing', text: 'Ongoing', selected: true }],
    );
    assert.deepEqual(vm.breadcrumbs, crumbs);
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('ragPage: the rule in words, and the values now when nothing was typed', () => {
    const current = { greenPercent: 90, amberPercent: 70, graceDays: 1 };
    assert.deepEqual(ragPage({ current }), {
      title: 'Traffic-light thresholds',
      section: 'settings',
      explained: {
        rule: 'Green when actual % complete is at least 90% of the expected % complete, amber when it is at least 70%, and red below that. An action past its due date and not complete is red.',
        example: 'For example, when 50% is expected by now: 45% or more is green, 35% or more is amber, and less than 35% is red.',
        lock: 'A reporting period takes updates until 1 day after its due date, then it is locked.',
      },
      values: { greenPercent: '90', amberPercent: '70', graceDays: '1' },
      errors: undefined,
      breadcrumbs: crumbs,
    });
    assert.equal(ragRule({ ...current, graceDays: 0 }).lock, 'A reporting period takes updates until its due date, then it is locked.');
  });

  it('reportStylePage: purpose always included', () => {
    const vm = reportStylePage({ values: { base: 'england', headings: { purpose: 'Purpose of report' }, include: ['main'], considerations: '' } });
    assert.deepEqual(vm.baseItems.map((b) => [b.value, b.checked]), [
      ['england', true],
      ['northern_ireland', false],
    ]);
    assert.deepEqual(vm.sections.slice(0, 3), [
      { key: 'purpose', label: 'Purpose', heading: 'Purpose of report', included: true },
      { key: 'background', label: 'Background', heading: '', included: false },
      { key: 'main', label: 'Main report', heading: '', included: true },
    ]);
    assert.deepEqual(vm.includeItems[0], { value: 'background', text: 'Background', checked: false });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('updateCyclePage: yes and no from the settings', () => {
    assert.deepEqual(updateCyclePage({ current: { requireApproval: true, reminderDaysBefore: 7, reportsApprovedOnly: false } }), {
      title: 'Update cycle',
      section: 'settings',
      values: { requireApproval: 'yes', reminderDaysBefore: '7', reportsApprovedOnly: 'no' },
      errors: undefined,
      breadcrumbs: crumbs,
    });
  });
});
