import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// Single sign-on links: the provider's issuer and subject (`iss`, `sub`) an account signed in with
// the first time. Afterwards only the link identifies the person, so a changed email address at the
// provider still reaches the same account, and an email address cannot be used to take over
// another account. One link per identity at a provider; one identity per account at each provider.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const table = db.schema.createTable('sso_identities');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('last_used_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('sso_identities_issuer_subject', ['issuer', 'subject'])
    .addUniqueConstraint('sso_identities_user_issuer', ['user_id', 'issuer'])
    .execute();
}
