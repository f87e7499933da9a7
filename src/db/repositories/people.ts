import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type PersonRow = Row<'people'>;
export interface PersonFields {
  name: string;
  jobTitle: string | null;
  email: string | null;
  orgUnitId: number | null;
}

export class PersonRepository extends Repository {
  list(tenantId: number): Promise<PersonRow[]> {
    return this.db.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  /** The council's people with these ids (those that exist), in no particular order. */
  async byIds(tenantId: number, ids: readonly number[]): Promise<PersonRow[]> {
    if (!ids.length) return [];
    return this.db.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).execute();
  }

  get(tenantId: number, id: number): Promise<PersonRow | undefined> {
    return this.db.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  create(tenantId: number, f: PersonFields): Promise<number> {
    const t = this.now();
    return insertId(
      this.db.insertInto('people').values({ tenant_id: tenantId, name: f.name, job_title: f.jobTitle, email: f.email, org_unit_id: f.orgUnitId, created_at: t, updated_at: t }),
    );
  }

  async update(tenantId: number, id: number, f: PersonFields): Promise<void> {
    await this.db
      .updateTable('people')
      .set({ name: f.name, job_title: f.jobTitle, email: f.email, org_unit_id: f.orgUnitId, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
}
