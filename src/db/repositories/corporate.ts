import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type CorporatePlanRow = Row<'corporate_plans'>;
export type PriorityRow = Row<'priorities'>;
export type PledgeRow = Row<'pledges'>;
export type ValueRow = Row<'corporate_values'>;

export interface CorporatePlanFields {
  title: string;
  vision: string | null;
  periodLabel: string | null;
}
export interface PriorityFields {
  parentId: number | null;
  title: string;
  strapline: string | null;
  description: string | null;
}
export interface PledgeFields {
  number: number;
  text: string;
  priorityId: number | null;
}
export interface ValueFields {
  name: string;
  description: string | null;
}

/** The corporate plan (one per council) with its values, priorities and pledges. */
export class CorporateRepository extends Repository {
  plan(tenantId: number): Promise<CorporatePlanRow | undefined> {
    return this.db.selectFrom('corporate_plans').selectAll().where('tenant_id', '=', tenantId).orderBy('id').executeTakeFirst();
  }

  createPlan(tenantId: number, f: CorporatePlanFields): Promise<number> {
    const t = this.now();
    return insertId(
      this.db.insertInto('corporate_plans').values({ tenant_id: tenantId, title: f.title, vision: f.vision, period_label: f.periodLabel, created_at: t, updated_at: t }),
    );
  }

  async updatePlan(tenantId: number, id: number, f: CorporatePlanFields): Promise<void> {
    await this.db
      .updateTable('corporate_plans')
      .set({ title: f.title, vision: f.vision, period_label: f.periodLabel, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  values(tenantId: number, planId: number): Promise<ValueRow[]> {
    return this.db.selectFrom('corporate_values').selectAll().where('tenant_id', '=', tenantId).where('corporate_plan_id', '=', planId).orderBy('position').execute();
  }

  async replaceValues(tenantId: number, planId: number, values: ValueFields[]): Promise<void> {
    await this.db.deleteFrom('corporate_values').where('tenant_id', '=', tenantId).where('corporate_plan_id', '=', planId).execute();
    if (!values.length) return;
    await this.db
      .insertInto('corporate_values')
      .values(values.map((v, i) => ({ tenant_id: tenantId, corporate_plan_id: planId, position: i + 1, name: v.name, description: v.description })))
      .execute();
  }

  priorities(tenantId: number): Promise<PriorityRow[]> {
    return this.db.selectFrom('priorities').selectAll().where('tenant_id', '=', tenantId).orderBy('position').orderBy('id').execute();
  }

  priority(tenantId: number, id: number): Promise<PriorityRow | undefined> {
    return this.db.selectFrom('priorities').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  async createPriority(tenantId: number, planId: number, f: PriorityFields): Promise<number> {
    const max = await this.db
      .selectFrom('priorities')
      .select((eb) => eb.fn.max('position').as('m'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return insertId(
      this.db.insertInto('priorities').values({
        tenant_id: tenantId,
        corporate_plan_id: planId,
        parent_id: f.parentId,
        position: Number(max?.m ?? 0) + 1,
        title: f.title,
        strapline: f.strapline,
        description: f.description,
      }),
    );
  }

  async updatePriority(tenantId: number, id: number, f: PriorityFields): Promise<void> {
    await this.db
      .updateTable('priorities')
      .set({ parent_id: f.parentId, title: f.title, strapline: f.strapline, description: f.description })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  pledges(tenantId: number): Promise<PledgeRow[]> {
    return this.db.selectFrom('pledges').selectAll().where('tenant_id', '=', tenantId).orderBy('number').execute();
  }

  pledge(tenantId: number, id: number): Promise<PledgeRow | undefined> {
    return this.db.selectFrom('pledges').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  pledgeByNumber(tenantId: number, planId: number, number: number): Promise<PledgeRow | undefined> {
    return this.db
      .selectFrom('pledges')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('corporate_plan_id', '=', planId)
      .where('number', '=', number)
      .executeTakeFirst();
  }

  createPledge(tenantId: number, planId: number, f: PledgeFields): Promise<number> {
    return insertId(
      this.db.insertInto('pledges').values({ tenant_id: tenantId, corporate_plan_id: planId, number: f.number, text: f.text, priority_id: f.priorityId }),
    );
  }

  async updatePledge(tenantId: number, id: number, f: PledgeFields): Promise<void> {
    await this.db
      .updateTable('pledges')
      .set({ number: f.number, text: f.text, priority_id: f.priorityId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }
}
