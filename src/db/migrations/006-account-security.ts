import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Account security: when each user last signed in (for the users list), and an index for the
// per-user session queries (sign out everywhere, disabling an account, counting active sessions).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('users').addColumn('last_sign_in_at', stamp).execute();
  // Every session so far began with a sign-in: the newest one says when the user last signed in.
  await sql`UPDATE users SET last_sign_in_at = (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = users.id)`.execute(db);
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
}
