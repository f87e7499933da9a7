import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// The update cycle: sign-off of progress updates, the council's settings for it, and a record of
// every reminder email sent, so each goes once. The unique index on reminders_sent is what makes
// the reminder run safe on several servers at once: a reminder is claimed by inserting its row
// (insert … on conflict do nothing) before the email is sent.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  // Updates recorded before sign-off existed count as approved.
  await db.schema.alterTable('progress_updates').addColumn('approval', 'text', (c) => c.notNull().defaultTo('approved')).execute();
  await db.schema.alterTable('progress_updates').addColumn('approved_by_user_id', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('progress_updates').addColumn('approved_at', stamp).execute();
  await db.schema.alterTable('progress_updates').addColumn('return_comment', 'text').execute();
  await db.schema.createIndex('progress_updates_approval').on('progress_updates').columns(['tenant_id', 'approval']).execute();

  await db.schema.alterTable('tenants').addColumn('require_approval', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('tenants').addColumn('reminder_days_before', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable('tenants').addColumn('reports_approved_only', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  const table = db.schema.createTable('reminders_sent');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_periods.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminders_sent_once').unique().on('reminders_sent').columns(['tenant_id', 'period_id', 'email', 'kind']).execute();
}
