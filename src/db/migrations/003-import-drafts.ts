import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Import drafts: a file uploaded (or text pasted) for import, kept between the preview and the
// confirmation so the browser need not send it twice. Deleted when confirmed, and after a day.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('import_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('filename', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text')
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_drafts_tenant_user').on('import_drafts').columns(['tenant_id', 'user_id']).execute();
}
