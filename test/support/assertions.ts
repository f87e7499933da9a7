import assert from 'node:assert/strict';
import { ValidationError } from '../../src/domain/errors.ts';

/** Asserts the promise is refused with a ValidationError on `field`, and returns that field's message. */
export async function fieldError(promise: Promise<unknown>, field: string): Promise<string> {
  let message = '';
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    assert.ok(field in err.fields, `expected an error for ${field}, got ${JSON.stringify(err.fields)}`);
    message = err.fields[field]!;
    return true;
  });
  return message;
}
