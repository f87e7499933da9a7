import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Integrity (issue 12).
//
// SQLite: `INSERT OR REPLACE` into audit_events with an existing id deletes the old row and inserts
// the new one, and that delete fires no DELETE trigger (SQLite runs triggers for REPLACE deletes only
// with recursive_triggers on). So an insert that would reuse an id is refused before it happens.
// PostgreSQL has no REPLACE: `INSERT … ON CONFLICT DO UPDATE` runs the UPDATE trigger of migration 005.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`
      CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
      WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: REPLACE is not allowed'); END`.execute(db);
  }
}
