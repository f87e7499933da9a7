import type { z } from 'zod';
import type { FieldDescriptor, ResolvedField } from '../domain/fields/descriptor.ts';
import { optionalDate, optionalText, requiredDate, requiredText } from './validation.ts';

// The zod schema of a field list's fields (src/domain/fields/): text and long text with their
// length limit, dates as ISO or the GOV.UK date input, each required or optional with the messages
// of src/services/validation.ts. A field with checks of its own (a number, a choice from a list, an
// objective's number) is given them in `own`, which takes its place in the list's order.

type Built<D> = D extends { kind: 'date' }
  ? D extends { required: true } ? ReturnType<typeof requiredDate> : ReturnType<typeof optionalDate>
  : D extends { required: true } ? ReturnType<typeof requiredText> : ReturnType<typeof optionalText>;

type Shape<D extends FieldDescriptor, O> = { [K in D as K['name']]: K['name'] extends keyof O ? O[K['name']] : Built<K> };

function built(f: ResolvedField): z.ZodType {
  if (f.kind === 'date') return f.required ? requiredDate(f.message) : optionalDate(f.message);
  if (f.kind === 'text' || f.kind === 'longText') return f.required ? requiredText(f.message, f.maxLength) : optionalText(f.message, f.maxLength);
  throw new Error(`The ${f.name} field (${f.kind}) needs a schema of its own`);
}

/** The schema of each field, by name, in the list's order: to spread into a z.object. */
export function fieldSchemas<D extends FieldDescriptor, O extends { [K in D['name']]?: z.ZodType } = Record<never, never>>(
  fields: readonly ResolvedField<D>[],
  own: O = {} as O,
): Shape<D, O> {
  const ownOf = own as Record<string, z.ZodType | undefined>;
  return Object.fromEntries(fields.map((f) => [f.name, ownOf[f.name] ?? built(f)])) as Shape<D, O>;
}
