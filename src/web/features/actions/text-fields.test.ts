import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACTION_TEXT_FIELDS } from '../../../domain/fields/action-fields.ts';
import { council, type TestCouncilFixture } from '../../../../test/support/factories.ts';
import { signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Every plain text field of an action (src/domain/fields/action-fields.ts), whatever the list holds,
// goes everywhere an action goes: the form and the action page, the audit trail, the CSV and JSON
// exports, and back in through an import under one of the header spellings it accepts. A field
// added to the list is checked here without changing this file.

/** A value unlikely to appear on a page by chance, different for each field. */
const valueOf = (name: string, n: number) => `${name} value ${n} with “quotes” & ampersand`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('an action’s plain text fields, from its field list', () => {
  let t: TestApp;
  let c: TestCouncilFixture;
  let client: HttpClient;
  let plan: number;
  let id: number;

  before(async () => {
    t = await testApp();
    c = await council(t.services, { slug: 'text-fields', name: 'Text Fields Council' });
    plan = await c.plan({ title: 'Text fields plan' });
    id = await c.action(plan, { code: '18-TXT01', title: 'Every text field', ...Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, valueOf(f.name, 1)])) });
    client = await signedInClient(t.app, c.admin.email, c.admin.password);
  });
  after(() => t.close());

  it('shows each on the action page and in the edit form, labelled', async () => {
    const page = (await client.get(`/actions/${id}`)).body;
    const form = (await client.get(`/actions/${id}/edit`)).body;
    for (const f of ACTION_TEXT_FIELDS) {
      if (f.view) assert.match(page, new RegExp(`${escRe(f.label)}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*${escRe(esc(valueOf(f.name, 1)))}`), `${f.name} on the page`);
      if (f.form) {
        assert.match(form, new RegExp(`<label class="govuk-label" for="${f.name}">\\s*${escRe(f.label)}\\s*</label>`), `${f.name} labelled in the form`);
        assert.match(form, new RegExp(`<textarea class="govuk-textarea" id="${f.name}" name="${f.name}" rows="${f.rows}">${escRe(esc(valueOf(f.name, 1)))}</textarea>`), `${f.name} in the form`);
      }
    }
  });

  it('exports each under its header, in CSV and JSON', async () => {
    const csv = (await client.get(`/plans/${plan}/export.csv`)).body;
    const json = JSON.parse((await client.get(`/plans/${plan}/export.json`)).body) as { objectives: { actions: Record<string, unknown>[] }[] };
    const action = json.objectives.flatMap((o) => o.actions).find((a) => a.code === '18-TXT01');
    for (const f of ACTION_TEXT_FIELDS) {
      assert.equal(action?.[f.name], valueOf(f.name, 1), `${f.name} in the JSON`);
      if (f.export && f.exportHeader) {
        assert.ok(csv.split('\n')[0]!.split(',').includes(f.exportHeader), `${f.exportHeader} in the CSV header`);
        assert.ok(csv.includes(valueOf(f.name, 1)), `${f.name} in the CSV`);
      }
    }
  });

  it('records a change to each in the audit trail, by its audit label, with a message naming it when too long', async () => {
    const edit = (await client.get(`/actions/${id}/edit`)).body;
    const version = /name="version" value="(\d+)"/.exec(edit)![1]!;
    const original = /name="original" value="([^"]*)"/.exec(edit)![1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const objectiveId = /<option value="(\d+)" selected/.exec(edit)![1]!;
    const base = { objectiveId, code: '18-TXT01', title: 'Every text field', kind: 'ongoing', version, original, newVersion: 'yes', weight: '1', restricted: 'no' };
    const tooLong = await client.post(`/actions/${id}`, { ...base, ...Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, 'x'.repeat(f.maxLength + 1)])) });
    assert.equal(tooLong.statusCode, 400);
    for (const f of ACTION_TEXT_FIELDS) {
      const message = `${f.message.charAt(0).toUpperCase()}${f.message.slice(1)} must be ${f.maxLength} characters or fewer`;
      assert.ok(tooLong.body.includes(`href="#${f.name}">${message}</a>`), `${f.name}'s message in the error summary`);
    }
    const saved = await client.post(`/actions/${id}`, { ...base, ...Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, valueOf(f.name, 2)])) });
    assert.equal(saved.statusCode, 303);
    const history = (await client.get(`/actions/${id}/history`)).body;
    for (const f of ACTION_TEXT_FIELDS) assert.ok(history.includes(`${f.auditLabel}:</strong> ${esc(valueOf(f.name, 1))}`) && history.includes(esc(valueOf(f.name, 2))), `${f.name} in the history`);
  });

  it('imports each from a column headed by any of its spellings, and from its export header', async () => {
    const headers = ACTION_TEXT_FIELDS.map((f) => f.importAliases.exact[0] ?? f.importAliases.words[0] ?? f.exportHeader!);
    const exported = ACTION_TEXT_FIELDS.map((f) => f.exportHeader!);
    for (const [code, row] of [['18-TXT02', headers], ['18-TXT03', exported]] as const) {
      const cells = ACTION_TEXT_FIELDS.map((f) => `"${valueOf(f.name, 3)}"`.replace(/“|”/g, ''));
      const csv = `Ref,Action,${row.map((h) => `"${h}"`).join(',')}\n${code},Imported action,${cells.join(',')}\n`;
      await t.services.imports.commit(c.system, { content: Buffer.from(csv), filename: 'fields.csv' }, { planId: plan });
      const json = JSON.parse((await client.get(`/plans/${plan}/export.json`)).body) as { objectives: { actions: Record<string, unknown>[] }[] };
      const action = json.objectives.flatMap((o) => o.actions).find((a) => a.code === code);
      for (const f of ACTION_TEXT_FIELDS) assert.equal(action?.[f.name], valueOf(f.name, 3).replace(/“|”/g, ''), `${f.name} imported under “${row[ACTION_TEXT_FIELDS.indexOf(f)]}”`);
    }
  });
});
