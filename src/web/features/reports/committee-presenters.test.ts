import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateParts } from '../../../domain/dates.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { committeeEditPage, committeesPage, deletePage, meetingEditPage, meetingFormValues, meetingLabel } from './committee-presenters.ts';

const council = { id: 1, tenant_id: 1, name: 'Council' };
const audit = { id: 2, tenant_id: 1, name: 'Audit Committee' };
const meeting = { id: 9, tenant_id: 1, committee_id: 1, meeting_date: '2027-02-24', committeeName: 'Council' };
const anchors = { date: 'date-day', committeeId: 'committeeId', name: 'name', committee: 'reason', meeting: 'reason' };
const crumbs = [
  { text: 'Reports', href: '/reports' },
  { text: 'Committees and meetings', href: '/committees' },
];

describe('committee presenters', () => {
  it('committeesPage: each committee with its meetings, dates written out', () => {
    const vm = committeesPage({ committees: [council, audit], meetings: [meeting] });
    assert.deepEqual(vm, {
      title: 'Committees and meetings',
      section: 'reports',
      committees: [
        { id: 1, name: 'Council', meetings: [{ id: 9, date: '24 February 2027' }] },
        { id: 2, name: 'Audit Committee', meetings: [] },
      ],
      committeeValues: { name: '' },
      meetingValues: { committeeId: '', date: { day: '', month: '', year: '' } },
      committeeItems: [
        { value: '', text: 'Select a committee', selected: true },
        { value: '1', text: 'Council', selected: false },
        { value: '2', text: 'Audit Committee', selected: false },
      ],
      errors: undefined,
      errorAnchors: anchors,
      breadcrumbs: [{ text: 'Reports', href: '/reports' }],
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('committeeEditPage and deletePage', () => {
    assert.deepEqual(committeeEditPage({ committee: audit }), {
      title: 'Change the committee',
      section: 'reports',
      committee: { id: 2, name: 'Audit Committee' },
      values: { name: 'Audit Committee' },
      errors: undefined,
      errorAnchors: anchors,
      breadcrumbs: crumbs,
    });
    const asked = { what: 'meeting', label: 'the Council meeting on 24 February 2027', action: '/committees/meetings/9/delete', back: '/committees/meetings/9/edit' };
    assert.equal(deletePage({ ...asked, blocker: 'It has a report' }).title, 'You cannot delete this meeting');
    assert.equal(deletePage({ ...asked, blocker: null }).title, 'Are you sure you want to delete the Council meeting on 24 February 2027?');
  });

  it('meetingEditPage: the meeting as it is now', () => {
    assert.equal(meetingLabel(meeting), 'Council on 24 February 2027');
    const values = meetingFormValues(meeting, dateParts);
    assert.deepEqual(values, { committeeId: '1', date: { day: '24', month: '2', year: '2027' } });
    assert.deepEqual(meetingEditPage({ meeting, committees: [council], values }), {
      title: 'Change the meeting',
      section: 'reports',
      meeting: { id: 9 },
      meetingLabel: 'Council on 24 February 2027',
      values,
      committeeItems: [
        { value: '', text: 'Select a committee', selected: false },
        { value: '1', text: 'Council', selected: true },
      ],
      errors: undefined,
      errorAnchors: anchors,
      breadcrumbs: crumbs,
    });
  });
});
