import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type TenantRow = Row<'tenants'>;

export class TenantRepository extends Repository {
  get(id: number): Promise<TenantRow | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  bySlug(slug: string): Promise<TenantRow | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** The council's positions version (migration 015): it changes whenever a position may have. */
  async positionsVersion(id: number): Promise<number> {
    const row = await this.db.selectFrom('tenants').select('positions_version').where('id', '=', id).executeTakeFirst();
    return Number(row?.positions_version ?? 0);
  }

  /** The council's data version (migration 017): it changes with every audited write. */
  async dataVersion(id: number): Promise<number> {
    const row = await this.db.selectFrom('tenants').select('data_version').where('id', '=', id).executeTakeFirst();
    return Number(row?.data_version ?? 0);
  }

  /** What changed after version `after` (migration 015), oldest first: an action each, or null for everything. */
  positionsChanges(id: number, after: number): Promise<{ version: number; action_id: number | null }[]> {
    return this.db.selectFrom('positions_changes').select(['version', 'action_id']).where('tenant_id', '=', id).where('version', '>', after).orderBy('version').execute();
  }

  list(): Promise<TenantRow[]> {
    return this.db.selectFrom('tenants').selectAll().orderBy('id').execute();
  }

  create(t: { slug: string; name: string; yearStartMonth: number; actionRoles: string[] }): Promise<number> {
    return insertId(
      this.db.insertInto('tenants').values({
        slug: t.slug,
        name: t.name,
        year_start_month: t.yearStartMonth,
        action_roles: JSON.stringify(t.actionRoles),
        created_at: this.now(),
      }),
    );
  }

  async update(id: number, t: { name: string; yearStartMonth: number; actionRoles: string[]; councillorsReadDrafts?: boolean }): Promise<void> {
    await this.db
      .updateTable('tenants')
      .set({
        name: t.name,
        year_start_month: t.yearStartMonth,
        action_roles: JSON.stringify(t.actionRoles),
        ...(t.councillorsReadDrafts === undefined ? {} : { councillors_read_drafts: t.councillorsReadDrafts ? 1 : 0 }),
      })
      .where('id', '=', id)
      .execute();
  }

  async updateRagSettings(id: number, t: { greenPercent: number; amberPercent: number; graceDays: number }): Promise<void> {
    await this.db.updateTable('tenants').set({ rag_green_percent: t.greenPercent, rag_amber_percent: t.amberPercent, grace_days: t.graceDays }).where('id', '=', id).execute();
    await this.changes.positions(id);
  }

  async updateReportStyle(id: number, styleJson: string | null): Promise<void> {
    await this.db.updateTable('tenants').set({ report_style: styleJson }).where('id', '=', id).execute();
  }
}
