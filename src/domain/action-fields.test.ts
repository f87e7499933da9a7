import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeChanges } from './audit-diff.ts';
import { ACTION_TEXT_FIELDS, actionTextColumns, actionTextFromColumns, actionTextValues, blankActionText } from './fields/action-fields.ts';
import { matchesAliases, resolveField } from './fields/descriptor.ts';
import { readAction } from './import-action-row.ts';
import { FIELD_LABELS, FIELDS, mapHeader, normaliseHeader, type Field } from './import-headers.ts';
import { EXPORT_COLUMNS } from './plan-export.ts';

// The pieces built from an action's field list (src/domain/fields/action-fields.ts), against
// literals worked out by hand from what they were before the list existed.

describe('the action field list', () => {
  it('lists the plain text fields, with their columns and importers’ names', () => {
    assert.deepEqual(
      ACTION_TEXT_FIELDS.map((f) => [f.name, f.column, f.importField, f.label]),
      [
        ['target', 'target', 'target', 'Target'],
        ['outcome', 'outcome', 'outcome', 'Outcome'],
        ['criticalSuccessFactors', 'critical_success_factors', 'csf', 'Critical success factors'],
        ['environmentalImpacts', 'environmental_impacts', 'environment', 'Environmental impacts'],
        ['resourcesNeeded', 'resources_needed', 'resourcesNeeded', 'Resources needed'],
      ],
    );
  });

  it('fills in the defaults of a descriptor', () => {
    const f = resolveField({ name: 'resourcesNeeded', column: 'resources_needed', label: 'Resources needed', kind: 'longText', exportHeader: 'Resources needed' });
    assert.deepEqual(f, {
      name: 'resourcesNeeded',
      column: 'resources_needed',
      label: 'Resources needed',
      kind: 'longText',
      message: 'resources needed',
      maxLength: 5000,
      required: false,
      exportHeader: 'Resources needed',
      importField: 'resourcesNeeded',
      importLabel: 'Resources needed',
      importAliases: { exact: [], words: [], early: false, firstWords: [] },
      auditLabel: 'Resources needed',
      notBefore: null,
      rows: 2,
      inDescription: false,
      form: true,
      view: true,
      export: true,
    });
  });

  it('maps values between names and columns', () => {
    const row = { target: 'T', outcome: null, critical_success_factors: 'C', environmental_impacts: null, resources_needed: 'R' };
    const values = { target: 'T', outcome: null, criticalSuccessFactors: 'C', environmentalImpacts: null, resourcesNeeded: 'R' };
    assert.deepEqual(actionTextFromColumns(row), values);
    assert.deepEqual(actionTextColumns(values), row);
    assert.deepEqual(actionTextValues({ outcome: 'O', target: undefined }), { target: null, outcome: 'O', criticalSuccessFactors: null, environmentalImpacts: null, resourcesNeeded: null });
    assert.deepEqual(blankActionText(), { target: null, outcome: null, criticalSuccessFactors: null, environmentalImpacts: null, resourcesNeeded: null });
  });
});

describe('what the field list drives', () => {
  it('the export table’s headers, in their places', () => {
    assert.deepEqual(
      EXPORT_COLUMNS.map((c) => c.header),
      [
        'Strategic goal', 'Objective number', 'Objective', 'Why', 'Action code', 'Action', 'Role', 'Kind', 'Start date', 'Due date',
        'Revised due date', 'Weight', 'Target', 'Outcome', 'Critical success factors', 'Environmental impacts', 'Resources needed', 'Lead officers',
        'Impacts on other services', 'Partnership links', 'Status', '% complete', 'Progress update', 'As at', 'Exempt information',
      ],
    );
    assert.deepEqual(
      EXPORT_COLUMNS.filter((c) => ['target', 'outcome', 'csf', 'environment'].includes(c.field)).map((c) => [c.field, c.type]),
      [['target', 'text'], ['outcome', 'text'], ['csf', 'text'], ['environment', 'text']],
    );
  });

  it('the importer’s fields and their labels for the column mapping', () => {
    assert.deepEqual(FIELDS, [
      'goal', 'objectiveNumber', 'objective', 'why', 'code', 'title', 'role', 'kind', 'startDate', 'dueDate',
      'revisedDueDate', 'weight', 'description', 'target', 'outcome', 'csf', 'environment', 'resourcesNeeded', 'leads', 'impacts',
      'partnerships', 'status', 'percent', 'narrative', 'asAt', 'exempt',
    ]);
    assert.deepEqual(
      [FIELD_LABELS.target, FIELD_LABELS.outcome, FIELD_LABELS.csf, FIELD_LABELS.environment, FIELD_LABELS.resourcesNeeded],
      ['Target', 'Outcome', 'Critical success factors', 'Environmental impacts', 'Resources needed'],
    );
  });

  it('the header spellings each importer accepts', () => {
    const table: [string, Field | null][] = [
      ['Target', 'target'],
      ['TARGETS', 'target'],
      ['Measures of success', 'target'],
      ['Target date', 'dueDate'], // a date, not the target
      ['Outcome', 'outcome'],
      ['Outcomes', 'outcome'],
      ['Expected outcome', null], // "outcome" is matched as the whole header only
      ['Critical Success Factors (CSFs)', 'csf'],
      ['Critical success factor', 'csf'],
      ['Environmental Impacts', 'environment'],
      // Tested before the impacted services, so the environment wins.
      ['Environmental impacts on other services', 'environment'],
      ['Impacts on other services', 'impacts'],
      ['Resources needed', 'resourcesNeeded'],
      ['Resources', 'resourcesNeeded'],
      ['Resource implications', 'resourcesNeeded'],
      ['Human resources lead', 'leads'], // a lead officer, not the resources
    ];
    assert.deepEqual(
      table.map(([h]) => [h, mapHeader([h])[0]]),
      table,
    );
  });

  it('matches aliases as whole headers or whole words', () => {
    const aliases = { exact: ['outcome'], words: ['critical success factor'], early: false };
    assert.equal(matchesAliases(normaliseHeader('Outcome'), aliases), true);
    assert.equal(matchesAliases(normaliseHeader('Outcome measures'), aliases), false);
    assert.equal(matchesAliases(normaliseHeader('Key critical success factor'), aliases), true);
    assert.equal(matchesAliases(normaliseHeader('Critical success factoring'), aliases), false);
  });

  it('reads each plain text field from its own column, else from its part of a description', () => {
    const headers = ['Action', 'Description', 'Outcome', 'Environmental impacts', 'Resources required'];
    const map = mapHeader(headers);
    const col = (f: Field) => map.indexOf(f);
    const read = (cells: string[]) =>
      readAction(cells, col, { code: null, title: cells[0]!, narrative: '', line: 2, warnings: [], dateOpts: {}, vocabulary: [] });
    const a = read(['Publish the plan', 'Target: 30 June Outcome: ignored Critical Success Factors: Members agree', 'Plan online', 'Line one\nline two', '2 days of web team time']);
    assert.deepEqual([a.target, a.outcome, a.criticalSuccessFactors, a.environmentalImpacts, a.resourcesNeeded], ['30 June', 'Plan online', 'Members agree', 'Line one\nline two', '2 days of web team time']);
    // A description without labels is the target.
    const b = read(['Hold the count', 'Count every vote by 2am', '', '', '']);
    assert.deepEqual([b.target, b.outcome, b.criticalSuccessFactors, b.environmentalImpacts, b.resourcesNeeded], ['Count every vote by 2am', null, null, null, null]);
  });

  it('the audit trail’s labels for a changed field', () => {
    // Before from the database row (snake_case), after from the form (camelCase), as the trail has them.
    assert.deepEqual(describeChanges({ critical_success_factors: 'Staff trained', outcome: 'Same', environmental_impacts: null }, { criticalSuccessFactors: 'Staff and members trained', outcome: 'Same', environmentalImpacts: 'Less paper' }), [
      { field: 'Critical success factors', from: 'Staff trained', to: 'Staff and members trained' },
      { field: 'Environmental impacts', from: null, to: 'Less paper' },
    ]);
    assert.deepEqual(describeChanges(null, { target: '90%' }), [{ field: 'Target', from: null, to: '90%' }]);
    assert.deepEqual(describeChanges({ resources_needed: null }, { resourcesNeeded: 'Two temporary canvassers' }), [{ field: 'Resources needed', from: null, to: 'Two temporary canvassers' }]);
  });
});
