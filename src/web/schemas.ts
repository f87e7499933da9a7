import { z } from 'zod';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FieldDescriptor, ResolvedField } from '../domain/fields/descriptor.ts';

// The typed edge: the shapes of route params, query strings and form bodies, checked by Fastify
// before a handler runs (src/web/plugins/edge.ts). They say only what a request must look like —
// text, a list, a known word, a whole-number id; what the values must mean (a required title, a
// real date) stays with the services, whose ValidationError re-renders the form with its messages.

/** The app as features see it: routes declare zod schemas and handlers get the parsed values. */
export type WebApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A single text field of a form or query string; missing is ''. Sent twice, it is malformed. */
export const formText = z.string().default('');

/** A field that may be sent any number of times (checkboxes, a multi-select): always a list. */
export const formList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** One of a fixed set of words, or '' when missing or sent empty (a select left on its first option). */
export const formChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.literal(''), z.enum(values)]).default('');

/** A whole-number record id in the address; anything else is not a page (404). */
export const recordId = z
  .string()
  .regex(/^\d{1,9}$/u)
  .transform(Number);

export const idParams = z.object({ id: recordId });

/** The three boxes of a GOV.UK date input called `name`. */
export const dateFields = <N extends string>(name: N) =>
  ({ [`${name}-day`]: formText, [`${name}-month`]: formText, [`${name}-year`]: formText }) as Record<`${N}-day` | `${N}-month` | `${N}-year`, typeof formText>;

/** A field list's form fields (src/domain/fields/): a text field each, a date's three boxes. */
export type ListBody<D extends FieldDescriptor> = { [K in D as K extends { kind: 'date' } ? `${K['name']}-${'day' | 'month' | 'year'}` : K['name']]: typeof formText };

/** The form fields of a field list, in its order, to spread into a form body. */
export function listBody<D extends FieldDescriptor>(list: readonly ResolvedField<D>[]): ListBody<D> {
  return Object.assign({}, ...list.map((f) => (f.kind === 'date' ? dateFields(f.name) : { [f.name]: formText }))) as ListBody<D>;
}

/** Every form that changes something carries the CSRF token (checked before the schema, in src/web/plugins/csrf.ts). */
export const formBody = <S extends z.ZodRawShape>(shape: S) => z.preprocess((v) => v ?? {}, z.object({ _csrf: formText, ...shape }));

/**
 * A form some of whose fields are named at run time (a report's numbered considerations, an
 * import's column mapping `col0…`): the named fields typed, the rest kept as `rest` says.
 */
export const openFormBody = <S extends z.ZodRawShape, R extends z.ZodType>(shape: S, rest: R) =>
  z.preprocess((v) => v ?? {}, z.object({ _csrf: formText, ...shape }).catchall(rest));

/** A form with no fields of its own (a button). */
export const emptyForm = formBody({});

/** `?page=` of a paginated list: a whole number from 1, blank or missing for the first; anything else is a 400. */
export const pageNumber = z
  .string()
  .regex(/^\d{0,6}$/u, 'Page must be a whole number')
  .optional()
  .transform((v) => (v === undefined || v === '' ? 1 : Math.max(1, Number(v))));
