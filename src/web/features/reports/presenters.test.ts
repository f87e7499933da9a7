import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORT_STYLES } from '../../../domain/report-sections.ts';
import type { ReportDetail } from '../../../services/reports.ts';
import { snakeCaseKeys } from '../../../../test/support/view-models.ts';
import { pdfUnavailablePage, reportListPage, reportPage } from './presenters.ts';

const report = {
  id: 4,
  tenant_id: 1,
  meeting_id: 9,
  template: 'half-year',
  title: 'Half-year progress',
  as_of: '2026-09-30',
  reporting_officer: 'Jo Bloggs',
  restricted: 1,
  exempt_paragraph: 3,
  purpose: 'To report progress',
  background: null,
  main: 'All on track',
  version: 2,
};

describe('committee report presenters', () => {
  it('reportListPage: dates written out and the kind of report in words', () => {
    const vm = reportListPage({ reports: [{ id: 4, title: 'Half-year progress', committeeName: 'Council', meetingDate: '2027-02-24', template: 'half-year', as_of: '2026-09-30', issues: 0 }] });
    assert.deepEqual(vm, {
      title: 'Committee reports',
      section: 'reports',
      reports: [{ id: 4, title: 'Half-year progress', committeeName: 'Council', meetingDate: '24 February 2027', templateLabel: 'Half-year progress report', asOf: '30 September 2026', issues: 0 }],
    });
  });

  it('reportPage: the cover fields, issued versions and exempt category, in camelCase', () => {
    const style = REPORT_STYLES.england;
    const detail = {
      report,
      meeting: { id: 9, committee_id: 1, meeting_date: '2027-02-24', committeeName: 'Council' },
      planIds: [7],
      contactOfficers: ['Ann Officer'],
      considerations: {},
      recommendations: ['Note the report'],
      issues: [{ id: 1, number: 1, as_of: '2026-09-30', issued_at: '2026-10-05T13:05:00.000Z', issued_by_name: 'Ann Officer', has_pdf: false }],
      style,
      draftReadable: true,
    } as unknown as ReportDetail;
    const vm = reportPage({ detail, plans: [{ id: 7, title: 'Democratic Services Plan', orgCode: 'DEM', yearLabel: '2026/27' }] });
    assert.deepEqual(vm.report, { id: 4, title: 'Half-year progress', version: 2, asOf: '30 September 2026', reportingOfficer: 'Jo Bloggs', purpose: 'To report progress', background: null, main: 'All on track' });
    assert.deepEqual(vm.meeting, { committeeName: 'Council', date: '24 February 2027' });
    assert.deepEqual(vm.plans, [{ id: 7, title: 'Democratic Services Plan', orgCode: 'DEM', yearLabel: '2026/27' }]);
    assert.equal(vm.templateLabel, 'Half-year progress report');
    assert.equal(vm.exempt?.paragraph, 3);
    assert.deepEqual(vm.issues, [{ number: 1, asOf: '30 September 2026', issuedAtText: '5 October 2026 at 14:05', issuedByName: 'Ann Officer', hasPdf: false }]);
    assert.deepEqual(vm.formats, [
      { format: 'docx', label: 'Word (.docx)' },
      { format: 'pdf', label: 'PDF' },
      { format: 'html', label: 'HTML' },
      { format: 'xlsx', label: 'Excel (.xlsx)' },
    ]);
    assert.equal(vm.anyWithoutPdf, true);
    assert.equal(vm.considerationLines[0]!.lines[0]!.text, 'None');
    assert.deepEqual(snakeCaseKeys(vm), []);
  });

  it('pdfUnavailablePage', () => {
    assert.deepEqual(pdfUnavailablePage({ message: 'Chromium is not installed', reportId: 4 }), {
      title: 'The PDF is not available',
      section: 'reports',
      message: 'Chromium is not installed',
      reportId: 4,
      breadcrumbs: [
        { text: 'Reports', href: '/reports' },
        { text: 'Report', href: '/reports/4' },
      ],
    });
  });
});
