import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// A progress update is corrected at most once: a second correction must correct the first
// correction. The service checks this inside its transaction; this index makes it hold even when
// two corrections arrive at the same instant on PostgreSQL.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: Dialect): Promise<void> {
  await sql`create unique index progress_updates_one_correction on progress_updates (corrects_id) where corrects_id is not null`.execute(db);
}
