import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { idList, nameList, optionalDate, optionalId, optionalText, requiredDate, requiredId, requiredText, validate } from './validation.ts';

/** The field messages a schema gives for an input (or the parsed value when it passes). */
function check<S extends z.ZodType>(schema: S, input: unknown): { value?: z.output<S>; errors?: Record<string, string> } {
  try {
    return { value: validate(schema, input) };
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    return { errors: err.fields };
  }
}

describe('validate', () => {
  test('throws a ValidationError with the first message for each field', () => {
    const schema = z.object({ title: requiredText('the title'), owner: requiredText('the owner') });
    assert.throws(() => validate(schema, {}), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.fields, { title: 'Enter the title', owner: 'Enter the owner' });
      assert.equal(e.message, 'Enter the title; Enter the owner');
      return true;
    });
  });

  test('names nested fields by their path', () => {
    const schema = z.object({ goal: z.object({ title: requiredText('the goal') }) });
    assert.deepEqual(check(schema, { goal: {} }).errors, { 'goal.title': 'Enter the goal' });
  });
});

describe('optionalDate', () => {
  const schema = z.object({ dueDate: optionalDate('due date') });
  const due = (v: unknown) => check(schema, { dueDate: v });

  test('accepts ISO dates and date-input parts joined as Y-M-D', () => {
    assert.deepEqual(due('2016-03-31').value, { dueDate: '2016-03-31' });
    assert.deepEqual(due('2016-3-1').value, { dueDate: '2016-03-01' });
    assert.deepEqual(due(' 2016 - 3 - 1 ').value, { dueDate: '2016-03-01' });
  });

  test('blank is no date', () => {
    for (const v of [undefined, null, '', '   ', '--']) assert.deepEqual(due(v).value, { dueDate: null }, JSON.stringify(v));
  });

  test('says which part is missing', () => {
    assert.deepEqual(due('2016--1').errors, { dueDate: 'Due date must include a month' });
    assert.deepEqual(due('2016-3-').errors, { dueDate: 'Due date must include a day' });
    assert.deepEqual(due('-3-1').errors, { dueDate: 'Due date must include a year' });
    assert.deepEqual(due('2016--').errors, { dueDate: 'Due date must include a day and month' });
  });

  test('refuses dates that do not exist', () => {
    assert.deepEqual(due('2016-02-30').errors, { dueDate: 'Due date must be a real date' });
    assert.deepEqual(due('2015-02-29').errors, { dueDate: 'Due date must be a real date' });
    assert.deepEqual(due('2016-13-01').errors, { dueDate: 'Due date must be a real date' });
    assert.deepEqual(due('2016-02-29').value, { dueDate: '2016-02-29' });
  });

  test('refuses text that is not a date', () => {
    for (const v of ['31/03/2016', 'next week', '16-3-31', '2016-3-x', '2016-03-31-1']) {
      assert.deepEqual(due(v).errors, { dueDate: 'Due date must be a real date' }, v);
    }
  });

  test('requiredDate asks for a date when there is none', () => {
    const req = z.object({ startDate: requiredDate('start date') });
    assert.deepEqual(check(req, { startDate: '' }).errors, { startDate: 'Enter start date' });
    assert.deepEqual(check(req, { startDate: '--' }).errors, { startDate: 'Enter start date' });
    assert.deepEqual(check(req, { startDate: '2016-02-30' }).errors, { startDate: 'Start date must be a real date' });
    assert.deepEqual(check(req, { startDate: '2016-4-1' }).value, { startDate: '2016-04-01' });
  });
});

describe('requiredText', () => {
  const schema = z.object({ title: requiredText('the title', 10) });

  test('trims what was entered', () => {
    assert.deepEqual(check(schema, { title: '  Plan  ' }).value, { title: 'Plan' });
  });

  test('asks for missing or blank text', () => {
    for (const v of [undefined, null, '', '   ', 42]) assert.deepEqual(check(schema, { title: v }).errors, { title: 'Enter the title' }, String(v));
  });

  test('says how long it may be', () => {
    assert.deepEqual(check(schema, { title: 'x'.repeat(11) }).errors, { title: 'The title must be 10 characters or fewer' });
    assert.deepEqual(check(schema, { title: 'x'.repeat(10) }).value, { title: 'x'.repeat(10) });
  });
});

describe('optionalText', () => {
  test('blank is null and text is trimmed', () => {
    const schema = z.object({ why: optionalText('why', 5) });
    assert.deepEqual(check(schema, {}).value, { why: null });
    assert.deepEqual(check(schema, { why: '  ' }).value, { why: null });
    assert.deepEqual(check(schema, { why: ' ok ' }).value, { why: 'ok' });
    assert.deepEqual(check(schema, { why: 'too long' }).errors, { why: 'Why must be 5 characters or fewer' });
  });
});

describe('control characters (issue 12)', () => {
  const schema = z.object({ title: requiredText('the title'), nextSteps: optionalText('key actions remaining'), leads: nameList('lead officers') });
  // Hand-picked: NUL (PostgreSQL refuses it in text), BEL, vertical tab, form feed, ESC, DEL are
  // refused; tab, line feed and carriage return are how multi-line text is typed, so they stay.
  const refused: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007b'],
    ['vertical tab', 'a\u000Bb'],
    ['form feed', 'a\u000Cb'],
    ['ESC', 'a\u001Bb'],
    ['DEL', 'a\u007Fb'],
  ];
  for (const [name, value] of refused) {
    test(`refuses ${name} with a field error naming the field`, () => {
      assert.deepEqual(check(schema, { title: value }).errors, { title: 'The title must not contain control characters' });
      assert.deepEqual(check(schema, { title: 'ok', nextSteps: value }).errors, { nextSteps: 'Key actions remaining must not contain control characters' });
      assert.deepEqual(check(schema, { title: 'ok', leads: [value] }).errors, { 'leads.0': 'The lead officers must not contain control characters' });
    });
  }

  test('keeps tab, line feed and carriage return inside multi-line text', () => {
    assert.deepEqual(check(schema, { title: 'a\tb', nextSteps: 'one\r\ntwo\nthree' }).value, { title: 'a\tb', nextSteps: 'one\r\ntwo\nthree', leads: [] });
  });
});

describe('nameList', () => {
  const schema = z.object({ leads: nameList('lead officers', 20) });
  const leads = (v: unknown) => check(schema, { leads: v });

  test('takes one name a line, trimmed, blank lines dropped', () => {
    assert.deepEqual(leads('Jane Smith\r\n\n  Head of Service  \n').value, { leads: ['Jane Smith', 'Head of Service'] });
  });

  test('takes an array too', () => {
    assert.deepEqual(leads([' Jane Smith ', '', 'Bob']).value, { leads: ['Jane Smith', 'Bob'] });
  });

  test('nothing is an empty list', () => {
    for (const v of [undefined, null, '', '\n\n']) assert.deepEqual(leads(v).value, { leads: [] }, JSON.stringify(v));
  });

  test('limits the length of each name and the number of names', () => {
    assert.deepEqual(leads(['x'.repeat(21)]).errors, { 'leads.0': 'Each of the lead officers must be 20 characters or fewer' });
    assert.deepEqual(leads(Array.from({ length: 51 }, (_, i) => `Person ${i}`)).errors, { leads: 'Give no more than 50 lead officers' });
    assert.equal(leads(Array.from({ length: 50 }, (_, i) => `Person ${i}`)).value?.leads.length, 50);
  });
});

describe('ids', () => {
  test('requiredId reads form strings and asks for a choice', () => {
    const schema = z.object({ planYearId: requiredId('the plan year') });
    assert.deepEqual(check(schema, { planYearId: '7' }).value, { planYearId: 7 });
    assert.deepEqual(check(schema, { planYearId: '' }).errors, { planYearId: 'Select the plan year' });
    assert.deepEqual(check(schema, { planYearId: 'x' }).errors, { planYearId: 'Select the plan year' });
    assert.deepEqual(check(schema, { planYearId: '-1' }).errors, { planYearId: 'Select the plan year' });
  });

  test('optionalId is null when blank', () => {
    const schema = z.object({ parentId: optionalId('parent unit') });
    assert.deepEqual(check(schema, { parentId: '' }).value, { parentId: null });
    assert.deepEqual(check(schema, { parentId: '3' }).value, { parentId: 3 });
    assert.deepEqual(check(schema, { parentId: '1.5' }).errors, { parentId: 'Select a valid parent unit' });
  });

  test('idList takes one value or many', () => {
    const schema = z.object({ priorityIds: idList('corporate priorities') });
    assert.deepEqual(check(schema, { priorityIds: '4' }).value, { priorityIds: [4] });
    assert.deepEqual(check(schema, { priorityIds: ['4', '', '9'] }).value, { priorityIds: [4, 9] });
    assert.deepEqual(check(schema, {}).value, { priorityIds: [] });
    assert.ok(check(schema, { priorityIds: ['4', 'x'] }).errors?.['priorityIds.1']);
  });
});
