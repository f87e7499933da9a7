import { type Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.ts';

// The plan lifecycle: draft → submitted → approved (by a committee at a meeting) → published, and
// plan versions: each approval freezes the plan (goals, objectives, actions with every field) as
// version N. Editing an approved plan makes it a draft of version N+1; version N stays as it was.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const date = dialect === 'postgres' ? sql`date` : sql`text`;
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;

  // One column a statement: SQLite adds one column at a time.
  await db.schema.alterTable('service_plans').addColumn('draft_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('service_plans').addColumn('submitted_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await db.schema.alterTable('service_plans').addColumn('submitted_at', stamp).execute();
  await db.schema.alterTable('service_plans').addColumn('approved_meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null')).execute();
  await db.schema.alterTable('service_plans').addColumn('approved_committee', 'text').execute();
  await db.schema.alterTable('service_plans').addColumn('approved_on', date).execute();
  await db.schema.alterTable('service_plans').addColumn('published_on', date).execute();
  await db.schema.alterTable('service_plans').addColumn('return_comment', 'text').execute();

  const table = db.schema.createTable('plan_versions');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('service_plans.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('approved_committee', 'text', (c) => c.notNull())
    .addColumn('approved_on', date, (c) => c.notNull())
    .addColumn('published_on', date)
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_plan_number', ['plan_id', 'number'])
    .execute();
}
