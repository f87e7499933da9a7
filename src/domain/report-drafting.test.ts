import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countWithShare, draftCover, draftMainReport, listInWords, type DraftInput } from './report-drafting.ts';
import { checkStyle, EXEMPT_CATEGORIES, exemptCategory, paragraphsOf, REPORT_STYLES, sectionNumber } from './report-sections.ts';

const zeroRag = { green: 0, amber: 0, red: 0, complete: 0, closed: 0, not_updated: 0, not_due: 0 };
const zeroStage = { not_started: 0, in_progress: 0, ongoing: 0, complete: 0, carried_over: 0, deferred: 0, cancelled: 0 };

const input = (over: Partial<DraftInput> = {}): DraftInput => ({
  template: 'half-year',
  councilName: 'Fenmouth Borough Council',
  yearLabel: '2025/26',
  asOf: '2025-09-30',
  elapsedPercent: 50,
  plans: [
    { service: 'Parks', title: 'Parks Service Plan 2025/26', objectives: 3, actions: 12 },
    { service: 'Libraries', title: 'Libraries Service Plan 2025/26', objectives: 2, actions: 8 },
  ],
  counts: { total: 20, byRag: { ...zeroRag, green: 11, amber: 4, red: 2, complete: 3 }, byStage: { ...zeroStage, in_progress: 14, ongoing: 3, complete: 3 } },
  ...over,
});

describe('drafted report text', () => {
  test('counts with their shares, and lists in words', () => {
    assert.equal(countWithShare(3, 20), '3 (15%)');
    assert.equal(countWithShare(0, 0), '0');
    assert.equal(listInWords(['a']), 'a');
    assert.equal(listInWords(['a', 'b', 'c']), 'a, b and c');
  });

  test('half-year: the expected-progress framing and every count with its percentage', () => {
    const paras = draftMainReport(input());
    assert.match(paras[0]!, /^This report shows progress on 20 actions in the 2025\/26 plans of Parks and Libraries, as at 30 September 2025, when 50% of the year had passed\.$/);
    assert.match(paras[1]!, /about 50% complete/);
    assert.match(paras[1]!, /One-off projects are different/);
    assert.equal(paras[2], 'Of the 20 actions: 11 (55%) green, 4 (20%) amber, 2 (10%) red and 3 (15%) complete.');
    assert.equal(paras[3], 'By stage: 14 (70%) in progress, 3 (15%) ongoing and 3 (15%) complete.');
  });

  test('plan approval: objectives and actions per plan', () => {
    const paras = draftMainReport(input({ template: 'plan-approval' }));
    assert.match(paras[0]!, /Parks and Libraries for the year ahead: 5 objectives delivered through 20 actions/);
    assert.deepEqual(paras.slice(1, 3), ['Parks Service Plan 2025/26: 3 objectives and 12 actions.', 'Libraries Service Plan 2025/26: 2 objectives and 8 actions.']);
  });

  test('cover text for each template', () => {
    assert.match(draftCover(input()).purpose, /^To inform members of the progress made on the 2025\/26 service plans for Parks and Libraries up to 30 September 2025\.$/);
    assert.deepEqual(draftCover(input({ template: 'plan-approval', plans: [input().plans[0]!] })).recommendations, ['That the committee approves the 2025/26 service improvement plan for Parks.']);
  });
});

describe('report sections', () => {
  test('the seven exempt-information paragraphs of Schedule 12A', () => {
    assert.deepEqual(EXEMPT_CATEGORIES.map((c) => c.paragraph), [1, 2, 3, 4, 5, 6, 7]);
    assert.match(exemptCategory(5)?.text ?? '', /legal professional privilege/);
    assert.equal(exemptCategory(8), null);
  });

  test('numbering and paragraphs', () => {
    assert.equal(sectionNumber(3, 'plain'), '3');
    assert.equal(sectionNumber(3, 'decimal'), '3.0');
    assert.deepEqual(paragraphsOf('One.\r\n\r\nTwo\nstill two.\n\n\n  \nThree.'), ['One.', 'Two\nstill two.', 'Three.']);
    assert.deepEqual(paragraphsOf(null), []);
  });

  test('both default styles are valid; a broken one says why', () => {
    assert.equal(checkStyle(REPORT_STYLES.england), null);
    assert.equal(checkStyle(REPORT_STYLES.northern_ireland), null);
    assert.equal(REPORT_STYLES.northern_ireland.considerations[1]!.items.includes('Rural needs implications'), true);
    assert.match(checkStyle({ ...REPORT_STYLES.england, sections: [...REPORT_STYLES.england.sections, { key: 'main', heading: 'Again' }] }) ?? '', /only once/);
    assert.match(checkStyle({ ...REPORT_STYLES.england, sections: REPORT_STYLES.england.sections.slice(1) }) ?? '', /purpose/);
  });
});
