import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Committee reports: committees and their meetings, reports (a cover report and the plans its
// appendices show, as at a date) and issued versions, whose files are frozen once written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const date = dialect === 'postgres' ? sql`date` : sql`text`;
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const id = (t: ReturnType<AnyDb['schema']['createTable']>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  // The council's cover-report style (sections, numbering, considerations) as JSON; null = the default.
  await db.schema.alterTable('tenants').addColumn('report_style', 'text').execute();

  await id(db.schema.createTable('committees'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('committees_tenant_name', ['tenant_id', 'name'])
    .execute();

  await id(db.schema.createTable('meetings'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committees.id').onDelete('cascade'))
    .addColumn('meeting_date', date, (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('meetings_committee_date', ['committee_id', 'meeting_date'])
    .execute();

  await id(db.schema.createTable('reports'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('as_of', date, (c) => c.notNull())
    .addColumn('reporting_officer', 'text')
    .addColumn('contact_officers', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('exempt_paragraph', 'integer')
    .addColumn('plan_ids', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('background', 'text')
    .addColumn('main', 'text')
    .addColumn('considerations', 'text', (c) => c.notNull())
    .addColumn('recommendations', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('report_issues'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('as_of', date, (c) => c.notNull())
    .addColumn('issued_at', stamp, (c) => c.notNull())
    .addColumn('issued_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('issued_by_name', 'text', (c) => c.notNull())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('docx', blob, (c) => c.notNull())
    .addColumn('xlsx', blob, (c) => c.notNull())
    .addColumn('pdf', blob)
    .addUniqueConstraint('report_issues_report_number', ['report_id', 'number'])
    .execute();
}
