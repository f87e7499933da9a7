import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateParts } from '../../../domain/dates.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { periodFormPage, periodFormValues, yearFormPage, yearListPage, yearPage } from './presenters.ts';

const year = { id: 2, tenant_id: 1, label: '2026/27', start_date: '2026-04-01', end_date: '2027-03-31' };
const q1 = { id: 5, plan_year_id: 2, label: 'Quarter 1', start_date: '2026-04-01', end_date: '2026-06-30', opens_on: '2026-06-15', due_on: '2026-07-15', grace_days: null };
const q2 = { id: 6, plan_year_id: 2, label: 'Quarter 2', start_date: '2026-07-01', end_date: '2026-09-30', opens_on: null, due_on: null, grace_days: 1 };
const schemes = [{ value: 'quarters', text: 'Quarters', hint: 'Four reporting periods of three months' }];

describe('plan year presenters', () => {
  it('yearListPage: dates written out', () => {
    assert.deepEqual(yearListPage({ years: [year] }), {
      title: 'Plan years',
      section: 'years',
      years: [{ id: 2, label: '2026/27', startDate: '1 April 2026', endDate: '31 March 2027' }],
    });
  });

  it('yearFormPage', () => {
    assert.deepEqual(yearFormPage({ schemes, values: { scheme: 'quarters' } }), {
      title: 'Add a plan year',
      section: 'years',
      schemes,
      breadcrumbs: [{ text: 'Plan years', href: '/years' }],
      values: { scheme: 'quarters' },
    });
  });

  it('yearPage: each period’s window, with the council’s grace days where it has none of its own', () => {
    const vm = yearPage({ year: { ...year, periods: [q1, q2], updatesFiled: 3 }, plans: [{ id: 7, title: 'Democratic Services Plan', orgName: 'Democratic Services' }], councilGraceDays: 5, schemes });
    assert.deepEqual(vm, {
      title: 'Plan year 2026/27',
      section: 'years',
      year: { id: 2, label: '2026/27', startDate: '1 April 2026', endDate: '31 March 2027', updatesFiled: 3 },
      periods: [
        { id: 5, label: 'Quarter 1', startDate: '1 April 2026', endDate: '30 June 2026', opensOn: '15 June 2026', dueOn: '15 July 2026', grace: 5, ownGrace: false, locksAfter: '20 July 2026' },
        { id: 6, label: 'Quarter 2', startDate: '1 July 2026', endDate: '30 September 2026', opensOn: '', dueOn: '', grace: 1, ownGrace: true, locksAfter: null },
      ],
      plans: [{ id: 7, title: 'Democratic Services Plan', orgName: 'Democratic Services' }],
      schemes,
      // Two periods read as half years.
      values: { scheme: 'halves', customPeriods: 'Quarter 1, 2026-04-01, 2026-06-30\nQuarter 2, 2026-07-01, 2026-09-30' },
      errorAnchors: { customPeriods: 'customPeriods' },
      errors: undefined,
      breadcrumbs: [{ text: 'Plan years', href: '/years' }],
    });
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('periodFormValues and periodFormPage', () => {
    const form = periodFormValues(q2, dateParts);
    assert.deepEqual(form, { values: { graceDays: '1' }, dates: { opensOn: { day: '', month: '', year: '' }, dueOn: { day: '', month: '', year: '' } } });
    assert.deepEqual(periodFormValues(q1, dateParts).dates.dueOn, { day: '15', month: '7', year: '2026' });
    assert.deepEqual(periodFormPage({ year, period: q1, councilGraceDays: 5, yearId: 2, periodId: 5, ...form }), {
      title: 'Update window for Quarter 1',
      section: 'years',
      year: { id: 2, label: '2026/27' },
      period: { id: 5, label: 'Quarter 1', startDate: '1 April 2026', endDate: '30 June 2026' },
      errorAnchors: { opensOn: 'opensOn-day', dueOn: 'dueOn-day' },
      breadcrumbs: [
        { text: 'Plan years', href: '/years' },
        { text: 'Plan year 2026/27', href: '/years/2' },
      ],
      councilGraceDays: 5,
      yearId: 2,
      periodId: 5,
      values: { graceDays: '1' },
      dates: { opensOn: { day: '', month: '', year: '' }, dueOn: { day: '', month: '', year: '' } },
    });
  });
});
