import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ImportError } from '../domain/errors.ts';
import type { ParsedPlan } from '../domain/import-tables.ts';
import { readSource, waymarkPlanSchema, type WaymarkPlanJson } from './index.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url));

async function plan(input: Buffer | string, filename?: string): Promise<ParsedPlan> {
  const r = await readSource(typeof input === 'string' ? Buffer.from(input) : input, { format: filename ? 'auto' : 'json', filename });
  assert.equal(r.kind, 'plan');
  assert.equal(r.format, 'json');
  assert.ok(r.kind === 'plan');
  return r.plan;
}

const exported = (): WaymarkPlanJson => waymarkPlanSchema.parse(JSON.parse(fixture('plan-export.json').toString('utf8')));

async function rejection(json: unknown): Promise<string> {
  let message = '';
  await assert.rejects(readSource(Buffer.from(JSON.stringify(json)), { format: 'json' }), (e) => {
    assert.ok(e instanceof ImportError, String(e));
    message = e.message;
    return true;
  });
  return message;
}

describe('JSON reader', () => {
  test('reads a Waymark plan export with its plan fields and every action field', async () => {
    const p = await plan(fixture('plan-export.json'), 'housing.json');
    assert.deepEqual(p.mapping, []);
    assert.deepEqual(p.headers, []);
    assert.deepEqual(p.warnings, []);
    assert.deepEqual(p.plan?.org, { code: 'HSG', name: 'Housing Services' });
    assert.equal(p.plan?.areasOfFocus, 'Damp and mould; empty homes');
    const a = p.objectives[0]?.actions[0];
    assert.equal(a?.kind, 'ongoing');
    assert.equal(a?.weight, 2);
    assert.equal(a?.asAt, '2024-04-30');
    assert.deepEqual(p.objectives, exported().objectives);
  });

  test('reads the dry-run shape, filling in what it leaves out', async () => {
    const p = await plan(fixture('dry-run.json'));
    assert.equal(p.plan, null);
    assert.deepEqual(p.warnings, []);
    const [first, second] = p.objectives[0]?.actions ?? [];
    assert.equal(first?.status, 'complete');
    assert.deepEqual(first?.impactedServices, []);
    assert.equal(second?.title, 'Train parish clerks on the new portal');
    assert.equal(second?.kind, null);
    assert.deepEqual(Object.keys(second ?? {}).sort(), Object.keys(exported().objectives[0]?.actions[0] ?? {}).sort());
  });

  test('each problem is named by its path', async () => {
    const bad = exported();
    const objective = bad.objectives[0];
    assert.ok(objective);
    bad.objectives = [objective, objective, { ...objective, actions: [{ ...objective.actions[0]!, title: 7 as unknown as string }] }];
    assert.match(await rejection(bad), /objectives\[2\]\.actions\[0\]\.title: /u);

    const wrong = exported();
    const action = wrong.objectives[0]!.actions[0]!;
    Object.assign(action, { status: 'done', percentComplete: 101, dueDate: '2025-02-30', kind: 'project' });
    const message = await rejection(wrong);
    for (const path of ['status', 'percentComplete', 'dueDate', 'kind']) assert.match(message, new RegExp(`objectives\\[0\\]\\.actions\\[0\\]\\.${path}: `, 'u'));

    const restricted = exported();
    Object.assign(restricted.objectives[0]!.actions[0]!, { exemptParagraph: 8 });
    assert.match(await rejection(restricted), /objectives\[0\]\.actions\[0\]\.exemptParagraph: must be a paragraph of Schedule 12A from 1 to 7/u);
    Object.assign(restricted.objectives[0]!.actions[0]!, { exemptParagraph: 'Paragraph 3' });
    assert.match(await rejection(restricted), /objectives\[0\]\.actions\[0\]\.exemptParagraph: /u);
    assert.match(await rejection({ objectives: [{ title: 'x', actions: [{ title: 'A', exemptParagraph: 2.5 }] }] }), /objectives\[0\]\.actions\[0\]\.exemptParagraph: /u);

    assert.match(await rejection({ ...exported(), version: 2 }), /^This is not a Waymark plan file \(\.json\): version: /u);
    assert.match(await rejection({ objectives: [{ title: 'x', actions: [{ code: 'A1' }] }] }), /objectives\[0\]\.actions\[0\]\.title: /u);
    assert.match(await rejection({ objectives: 'none' }), /objectives: /u);
    assert.match(await rejection([1, 2]), /expected an object/u);
    assert.match(await rejection({ plan: {} }), /expected "format"/u);
  });

  test('text with a NUL byte or another control character is refused by its path (PostgreSQL would refuse a NUL); tab and line breaks are fine', async () => {
    const bad = exported();
    Object.assign(bad.objectives[0]!.actions[0]!, { narrative: 'Cameras\u0000 installed', title: 'Ring the \u0007bell' });
    const message = await rejection(bad);
    assert.match(message, /objectives\[0\]\.actions\[0\]\.title: must not contain control characters/u);
    assert.match(message, /objectives\[0\]\.actions\[0\]\.narrative: must not contain control characters/u);
    assert.match(await rejection({ objectives: [{ title: 'x', actions: [{ title: 'A', leadOfficers: ['Jo\u001bSmith'] }] }] }), /objectives\[0\]\.actions\[0\]\.leadOfficers\[0\]: must not contain control characters/u);
    const fine = exported();
    Object.assign(fine.objectives[0]!.actions[0]!, { narrative: 'One\r\n\tTwo' });
    assert.equal((await plan(JSON.stringify(fine))).objectives[0]!.actions[0]!.narrative, 'One\r\n\tTwo');
  });

  test('the exempt paragraph of a restricted action: 1 to 7, false for open, null or left out for not said', async () => {
    const file = exported();
    assert.equal(file.objectives[0]?.actions[0]?.exemptParagraph, null, 'older exports without it read as not said');
    const [first, second, third] = [0, 1, 2].map(() => ({ ...file.objectives[0]!.actions[0]! }));
    Object.assign(first!, { code: 'E1', exemptParagraph: 3 });
    Object.assign(second!, { code: 'E2', exemptParagraph: false });
    Object.assign(third!, { code: 'E3', exemptParagraph: null });
    file.objectives = [{ ...file.objectives[0]!, actions: [first!, second!, third!] }];
    const p = await plan(JSON.stringify(file));
    assert.deepEqual(p.objectives[0]?.actions.map((a) => a.exemptParagraph), [3, false, null]);
    const dry = await plan(JSON.stringify({ objectives: [{ title: 'x', actions: [{ title: 'A', exemptParagraph: 7 }, { title: 'B' }] }] }));
    assert.deepEqual(dry.objectives[0]?.actions.map((a) => a.exemptParagraph), [7, null]);
  });

  test('invalid JSON is an ImportError', async () => {
    await assert.rejects(readSource(Buffer.from('{"objectives": [}'), { format: 'json' }), (e) => e instanceof ImportError && /not valid JSON/u.test(e.message));
    await assert.rejects(readSource(Buffer.from('{"objectives": [}'), { format: 'auto' }), ImportError);
  });
});
