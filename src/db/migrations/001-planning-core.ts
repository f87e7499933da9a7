import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import type { Dialect } from '../database.ts';

// The planning core: tenants, structure, people, users and sessions, years, corporate plan,
// service plans with objectives and actions. Every tenant-owned table carries tenant_id.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on the untyped schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const date = dialect === 'postgres' ? sql`date` : sql`text`;
  const stamp = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const table = <T extends string>(name: T) => {
    const t = db.schema.createTable(name);
    return dialect === 'postgres'
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };
  const tenantCol = <T extends string>(t: CreateTableBuilder<T, 'id'>) =>
    t.addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'));

  await table('tenants')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year_start_month', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('action_roles', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .execute();

  await tenantCol(table('org_units'))
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('org_units_tenant_code', ['tenant_id', 'code'])
    .execute();

  await tenantCol(table('people'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('email', 'text')
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();

  await tenantCol(table('users'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('disabled_at', stamp)
    .addColumn('created_at', stamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('last_seen_at', stamp, (c) => c.notNull())
    .addColumn('expires_at', stamp, (c) => c.notNull())
    .addColumn('revoked_at', stamp)
    .execute();

  await table('sign_in_attempts')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', stamp, (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_email_at').on('sign_in_attempts').columns(['email', 'at']).execute();

  await tenantCol(table('plan_years'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_date', date, (c) => c.notNull())
    .addColumn('end_date', date, (c) => c.notNull())
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('plan_years_tenant_label', ['tenant_id', 'label'])
    .execute();

  await tenantCol(table('reporting_periods'))
    .addColumn('plan_year_id', 'integer', (c) => c.notNull().references('plan_years.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_date', date, (c) => c.notNull())
    .addColumn('end_date', date, (c) => c.notNull())
    .execute();

  await tenantCol(table('corporate_plans'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('vision', 'text')
    .addColumn('period_label', 'text')
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();

  await tenantCol(table('corporate_values'))
    .addColumn('corporate_plan_id', 'integer', (c) => c.notNull().references('corporate_plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();

  await tenantCol(table('priorities'))
    .addColumn('corporate_plan_id', 'integer', (c) => c.notNull().references('corporate_plans.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('priorities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('strapline', 'text')
    .addColumn('description', 'text')
    .execute();

  await tenantCol(table('pledges'))
    .addColumn('corporate_plan_id', 'integer', (c) => c.notNull().references('corporate_plans.id').onDelete('cascade'))
    .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('pledges_plan_number', ['corporate_plan_id', 'number'])
    .execute();

  await tenantCol(table('service_plans'))
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('plan_year_id', 'integer', (c) => c.notNull().references('plan_years.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('vision', 'text')
    .addColumn('purpose', 'text')
    .addColumn('statutory_duties', 'text')
    .addColumn('areas_of_focus', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('service_plans_unit_year', ['tenant_id', 'org_unit_id', 'plan_year_id'])
    .execute();

  await tenantCol(table('plan_goals'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('service_plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();

  await tenantCol(table('objectives'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('service_plans.id').onDelete('cascade'))
    .addColumn('goal_id', 'integer', (c) => c.references('plan_goals.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('why', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();

  for (const [name, target] of [['objective_priorities', 'priorities'], ['objective_pledges', 'pledges']] as const) {
    await db.schema
      .createTable(name)
      .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('objective_id', 'integer', (c) => c.notNull().references('objectives.id').onDelete('cascade'))
      .addColumn('target_id', 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${name}_pk`, ['objective_id', 'target_id'])
      .execute();
  }

  await tenantCol(table('actions'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('service_plans.id').onDelete('cascade'))
    .addColumn('objective_id', 'integer', (c) => c.notNull().references('objectives.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('target', 'text')
    .addColumn('outcome', 'text')
    .addColumn('critical_success_factors', 'text')
    .addColumn('environmental_impacts', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', date)
    .addColumn('due_date', date)
    .addColumn('revised_due_date', date)
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('carried_from_id', 'integer', (c) => c.references('actions.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .addUniqueConstraint('actions_plan_code', ['plan_id', 'code'])
    .execute();
  await db.schema.createIndex('actions_tenant_due').on('actions').columns(['tenant_id', 'due_date']).execute();
  await db.schema.createIndex('actions_objective').on('actions').column('objective_id').execute();

  for (const name of ['action_leads', 'action_impacts', 'action_partnerships'] as const) {
    let t = tenantCol(table(name))
      .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull());
    if (name === 'action_leads') t = t.addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'));
    if (name === 'action_impacts') t = t.addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id').onDelete('set null'));
    await t.execute();
    await db.schema.createIndex(`${name}_action`).on(name).column('action_id').execute();
  }

  for (const [name, target] of [['action_priorities', 'priorities'], ['action_pledges', 'pledges']] as const) {
    await db.schema
      .createTable(name)
      .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id').onDelete('cascade'))
      .addColumn('target_id', 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${name}_pk`, ['action_id', 'target_id'])
      .execute();
  }

  await table('audit_events')
    .addColumn('tenant_id', 'integer', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('user_id', 'integer')
    .addColumn('at', stamp, (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_events_entity').on('audit_events').columns(['tenant_id', 'entity', 'entity_id']).execute();
}
