import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type ObjectiveRow = Row<'objectives'>;
export interface ObjectiveFields {
  goalId: number | null;
  number: string | null;
  title: string;
  why: string | null;
  priorityIds: number[];
  pledgeIds: number[];
}

export class ObjectiveRepository extends Repository {
  forPlan(tenantId: number, planId: number): Promise<ObjectiveRow[]> {
    return this.db.selectFrom('objectives').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).orderBy('position').execute();
  }

  get(tenantId: number, id: number): Promise<ObjectiveRow | undefined> {
    return this.db.selectFrom('objectives').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  async links(tenantId: number, objectiveIds: number[]): Promise<{ priorities: Map<number, number[]>; pledges: Map<number, number[]> }> {
    const priorities = new Map<number, number[]>();
    const pledges = new Map<number, number[]>();
    if (!objectiveIds.length) return { priorities, pledges };
    for (const [table, map] of [['objective_priorities', priorities], ['objective_pledges', pledges]] as const) {
      const rows = await this.db.selectFrom(table).select(['objective_id', 'target_id']).where('tenant_id', '=', tenantId).where('objective_id', 'in', objectiveIds).execute();
      for (const r of rows) map.set(r.objective_id, [...(map.get(r.objective_id) ?? []), r.target_id]);
    }
    return { priorities, pledges };
  }

  async create(tenantId: number, planId: number, f: ObjectiveFields): Promise<number> {
    const max = await this.db.selectFrom('objectives').select((eb) => eb.fn.max('position').as('m')).where('plan_id', '=', planId).executeTakeFirst();
    const t = this.now();
    const id = await insertId(
      this.db.insertInto('objectives').values({
        tenant_id: tenantId,
        plan_id: planId,
        goal_id: f.goalId,
        position: Number(max?.m ?? 0) + 1,
        number: f.number,
        title: f.title,
        why: f.why,
        version: 1,
        created_at: t,
        updated_at: t,
      }),
    );
    await this.replaceLinks(tenantId, id, f);
    return id;
  }

  async update(tenantId: number, id: number, version: number, f: ObjectiveFields): Promise<boolean> {
    const r = await this.db
      .updateTable('objectives')
      .set({ goal_id: f.goalId, number: f.number, title: f.title, why: f.why, version: version + 1, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.replaceLinks(tenantId, id, f);
    return true;
  }

  private async replaceLinks(tenantId: number, id: number, f: ObjectiveFields): Promise<void> {
    for (const [table, ids] of [['objective_priorities', f.priorityIds], ['objective_pledges', f.pledgeIds]] as const) {
      await this.db.deleteFrom(table).where('objective_id', '=', id).execute();
      if (ids.length) await this.db.insertInto(table).values([...new Set(ids)].map((t) => ({ tenant_id: tenantId, objective_id: id, target_id: t }))).execute();
    }
  }
}
