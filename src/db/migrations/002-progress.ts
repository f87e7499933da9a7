import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Progress: reporting-period update windows, the council's status words and RAG thresholds, and
// progress updates (append-only: a correction is a new row).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const date = dialect === 'postgres' ? sql`date` : sql`text`;
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const id = (t: ReturnType<AnyDb['schema']['createTable']>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await db.schema.alterTable('tenants').addColumn('rag_green_percent', 'integer', (c) => c.notNull().defaultTo(90)).execute();
  await db.schema.alterTable('tenants').addColumn('rag_amber_percent', 'integer', (c) => c.notNull().defaultTo(70)).execute();
  await db.schema.alterTable('tenants').addColumn('grace_days', 'integer', (c) => c.notNull().defaultTo(5)).execute();

  await db.schema.alterTable('reporting_periods').addColumn('opens_on', date).execute();
  await db.schema.alterTable('reporting_periods').addColumn('due_on', date).execute();
  await db.schema.alterTable('reporting_periods').addColumn('grace_days', 'integer').execute();
  // Existing periods get the default window: opens two weeks before the period ends, due two weeks after.
  if (dialect === 'postgres') {
    await sql`update reporting_periods set opens_on = end_date - 13, due_on = end_date + 14`.execute(db);
  } else {
    await sql`update reporting_periods set opens_on = date(end_date, '-13 days'), due_on = date(end_date, '+14 days')`.execute(db);
  }

  await id(db.schema.createTable('status_words'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addUniqueConstraint('status_words_tenant_word', ['tenant_id', 'word'])
    .execute();

  await id(db.schema.createTable('progress_updates'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.references('reporting_periods.id'))
    .addColumn('as_at', date, (c) => c.notNull())
    .addColumn('status_word', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('percent_complete', 'integer')
    .addColumn('narrative', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('rag_override', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', stamp, (c) => c.notNull())
    .addColumn('corrects_id', 'integer', (c) => c.references('progress_updates.id'))
    .execute();
  await db.schema.createIndex('progress_updates_action').on('progress_updates').columns(['tenant_id', 'action_id', 'recorded_at']).execute();
}
