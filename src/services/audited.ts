import type { z } from 'zod';
import type { Repos } from '../db/repositories/index.ts';
import { recordChange, type Actor, type Deps } from './context.ts';
import { validate } from './validation.ts';

/** What the write step of a change says for the audit trail. */
export interface Written {
  /** The id of what was created or changed. */
  id: number;
  /** What it was (an update). */
  before?: unknown;
  /** What it is now: the validated input when left out. */
  after?: unknown;
  /** Nothing needed changing: no audit event is recorded. */
  unchanged?: boolean;
}

export interface Change<S extends z.ZodType> {
  /** The audit trail's name for the kind of thing changed ('action', 'org_unit' …). */
  entity: string;
  /** 'create', 'update' …. */
  event: string;
  schema: S;
  input: unknown;
}

/**
 * The sequence every create and update repeats: validate the input against the schema (a
 * ValidationError before anything is written), then, in one transaction, write it and record the
 * change in the audit trail, so the change and its record are saved together or not at all.
 * `write` gets the transaction's repositories and the validated input, and returns the id it
 * created (a create, audited with the input as `after`) or a Written. Returns the id.
 */
export async function audited<S extends z.ZodType>(deps: Pick<Deps, 'store'>, actor: Actor, change: Change<S>, write: (r: Repos, v: z.output<S>) => Promise<number | Written>): Promise<number> {
  const v = validate(change.schema, change.input);
  return deps.store.transaction(async (r) => {
    const out = await write(r, v);
    const written: Written = typeof out === 'number' ? { id: out } : out;
    if (!written.unchanged) {
      await recordChange(r, actor, change.entity, written.id, change.event, { ...('before' in written ? { before: written.before } : {}), after: 'after' in written ? written.after : v });
    }
    return written.id;
  });
}
