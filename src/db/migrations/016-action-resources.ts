import { type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// What an action needs to be delivered (staff time, budget, equipment, other services' help): the
// "resources needed" column of councils' action plans. A plain text field (src/domain/fields/action-fields.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('actions').addColumn('resources_needed', 'text').execute();
}
