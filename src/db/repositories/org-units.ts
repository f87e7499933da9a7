import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type OrgUnitRow = Row<'org_units'>;
export interface OrgUnitFields {
  parentId: number | null;
  kind: string;
  code: string;
  name: string;
}

export class OrgUnitRepository extends Repository {
  list(tenantId: number): Promise<OrgUnitRow[]> {
    return this.db.selectFrom('org_units').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  get(tenantId: number, id: number): Promise<OrgUnitRow | undefined> {
    return this.db.selectFrom('org_units').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  byCode(tenantId: number, code: string): Promise<OrgUnitRow | undefined> {
    return this.db.selectFrom('org_units').selectAll().where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  }

  create(tenantId: number, f: OrgUnitFields): Promise<number> {
    const t = this.now();
    return insertId(
      this.db.insertInto('org_units').values({ tenant_id: tenantId, parent_id: f.parentId, kind: f.kind, code: f.code, name: f.name, created_at: t, updated_at: t }),
    );
  }

  async update(tenantId: number, id: number, f: OrgUnitFields): Promise<void> {
    await this.db
      .updateTable('org_units')
      .set({ parent_id: f.parentId, kind: f.kind, code: f.code, name: f.name, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
}
