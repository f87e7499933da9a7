import { sql } from 'kysely';
import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';
import { actionDateColumns, actionTextColumns, type ActionDateValues, type ActionTextValues } from '../../domain/fields/action-fields.ts';

export type ActionRow = Row<'actions'>;

export interface NamedLink {
  name: string;
  id: number | null; // person id for leads, org unit id for impacted services
}

/** An action's values as written; the plain text ones (target, outcome …) and the dates come from src/domain/fields/action-fields.ts. */
export interface ActionFields extends ActionTextValues, ActionDateValues {
  objectiveId: number;
  code: string;
  title: string;
  role: string | null;
  kind: string;
  weight: number;
  carriedFromId: number | null;
  leads: NamedLink[];
  impacts: NamedLink[];
  partnerships: string[];
  priorityIds: number[];
  pledgeIds: number[];
  /** The Schedule 12A paragraph a restricted action relies on; null when it is open. */
  exemptParagraph: number | null;
}

export interface ActionLinks {
  leads: NamedLink[];
  impacts: NamedLink[];
  partnerships: string[];
  priorityIds: number[];
  pledgeIds: number[];
}

export interface ActionFilter {
  planId?: number;
  /** A unit and the units under it: actions whose plan is theirs, or led by a person in one of them (domain/unit-membership.ts). */
  orgUnitIds?: number[];
  planYearId?: number;
  objectiveId?: number;
  priorityIds?: number[];
  pledgeId?: number;
  lead?: string;
  /** Words to find, ignoring case, in the code, title, target, outcome or a lead officer's name. */
  search?: string;
  personId?: number;
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
}

export interface ActionListRow extends ActionRow {
  planTitle: string;
  orgUnitId: number;
  orgCode: string;
  orgName: string;
  yearLabel: string;
  objectiveNumber: string | null;
  objectiveTitle: string;
}

/**
 * A condition that a text column contains `text`, ignoring case, on both dialects: both sides are
 * lowered (SQLite's LIKE ignores ASCII case only, PostgreSQL's not at all), and % and _ are escaped.
 * SQLite has no default LIKE escape character, so name it: a search for "100%" or "r_1" is literal.
 */
function containing(text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export class ActionRepository extends Repository {
  get(tenantId: number, id: number): Promise<ActionRow | undefined> {
    return this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  forPlan(tenantId: number, planId: number): Promise<ActionRow[]> {
    return this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).orderBy('position').execute();
  }

  /** The restricted actions of these plans (the few a plan list must check against the reader). */
  async restrictedInPlans(tenantId: number, planIds: number[]): Promise<Pick<ActionRow, 'id' | 'tenant_id' | 'plan_id' | 'exempt_paragraph'>[]> {
    const out: Pick<ActionRow, 'id' | 'tenant_id' | 'plan_id' | 'exempt_paragraph'>[] = [];
    for (let i = 0; i < planIds.length; i += 500) {
      out.push(
        ...(await this.db
          .selectFrom('actions')
          .select(['id', 'tenant_id', 'plan_id', 'exempt_paragraph'])
          .where('tenant_id', '=', tenantId)
          .where('plan_id', 'in', planIds.slice(i, i + 500))
          .where('exempt_paragraph', 'is not', null)
          .execute()),
      );
    }
    return out;
  }

  async codesInPlan(tenantId: number, planId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('actions').select('code').where('tenant_id', '=', tenantId).where('plan_id', '=', planId).execute();
    return rows.map((r) => r.code);
  }

  byCode(tenantId: number, planId: number, code: string): Promise<ActionRow | undefined> {
    return this.db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
  }

  async list(tenantId: number, f: ActionFilter): Promise<ActionListRow[]> {
    let q = this.db
      .selectFrom('actions as a')
      .innerJoin('service_plans as p', 'p.id', 'a.plan_id')
      .innerJoin('org_units as o', 'o.id', 'p.org_unit_id')
      .innerJoin('plan_years as y', 'y.id', 'p.plan_year_id')
      .innerJoin('objectives as ob', 'ob.id', 'a.objective_id')
      .selectAll('a')
      .select(['p.title as planTitle', 'o.id as orgUnitId', 'o.code as orgCode', 'o.name as orgName', 'y.label as yearLabel', 'ob.number as objectiveNumber', 'ob.title as objectiveTitle'])
      .where('a.tenant_id', '=', tenantId);
    if (f.planId) q = q.where('a.plan_id', '=', f.planId);
    if (f.orgUnitIds?.length) {
      const ids = f.orgUnitIds;
      // The unit-membership rule (domain/unit-membership.ts): the plan is the unit's, or one of the
      // action's lead officers works in it (a department's plan, led by its services' officers).
      q = q.where((eb) =>
        eb.or([
          eb('p.org_unit_id', 'in', ids),
          eb.exists(
            eb
              .selectFrom('action_leads as l')
              .innerJoin('people as pe', 'pe.id', 'l.person_id')
              .select('l.action_id')
              .whereRef('l.action_id', '=', 'a.id')
              .where('pe.org_unit_id', 'in', ids),
          ),
        ]),
      );
    }
    if (f.planYearId) q = q.where('p.plan_year_id', '=', f.planYearId);
    if (f.objectiveId) q = q.where('a.objective_id', '=', f.objectiveId);
    if (f.priorityIds?.length) {
      const ids = f.priorityIds;
      // An action serves a priority directly or through its objective.
      q = q.where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('action_priorities as ap').select('ap.action_id').whereRef('ap.action_id', '=', 'a.id').where('ap.target_id', 'in', ids)),
          eb.exists(eb.selectFrom('objective_priorities as op').select('op.objective_id').whereRef('op.objective_id', '=', 'a.objective_id').where('op.target_id', 'in', ids)),
        ]),
      );
    }
    if (f.pledgeId) {
      const id = f.pledgeId;
      q = q.where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('action_pledges as ap').select('ap.action_id').whereRef('ap.action_id', '=', 'a.id').where('ap.target_id', '=', id)),
          eb.exists(eb.selectFrom('objective_pledges as op').select('op.objective_id').whereRef('op.objective_id', '=', 'a.objective_id').where('op.target_id', '=', id)),
        ]),
      );
    }
    if (f.search) {
      const like = containing(f.search);
      // Code, title, target and outcome, or a lead officer's name as written or as the linked person's.
      q = q.where((eb) =>
        eb.or([
          like('a.code'),
          like('a.title'),
          like('a.target'),
          like('a.outcome'),
          eb.exists(
            eb
              .selectFrom('action_leads as l')
              .leftJoin('people as pe', 'pe.id', 'l.person_id')
              .select('l.action_id')
              .whereRef('l.action_id', '=', 'a.id')
              .where((e) => e.or([like('l.name'), like('pe.name')])),
          ),
        ]),
      );
    }
    if (f.lead) {
      const like = containing(f.lead);
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('action_leads as l')
            .leftJoin('people as pe', 'pe.id', 'l.person_id')
            .select('l.action_id')
            .whereRef('l.action_id', '=', 'a.id')
            .where((e) => e.or([like('l.name'), like('pe.name')])),
        ),
      );
    }
    if (f.personId) {
      const id = f.personId;
      q = q.where((eb) => eb.exists(eb.selectFrom('action_leads as l').select('l.action_id').whereRef('l.action_id', '=', 'a.id').where('l.person_id', '=', id)));
    }
    // The effective due date is the revised one where there is one.
    if (f.dueFrom) q = q.where((eb) => eb(eb.fn.coalesce('a.revised_due_date', 'a.due_date'), '>=', f.dueFrom!));
    if (f.dueTo) q = q.where((eb) => eb(eb.fn.coalesce('a.revised_due_date', 'a.due_date'), '<=', f.dueTo!));
    // The id last, so that rows tied on everything else still come in the same order every time.
    // The database sorts only the ids: sorting whole rows (long texts and all) took twice as long
    // as reading them. The rows are then read unsorted and put in that order.
    let ordered = q.clearSelect().select('a.id').orderBy('y.start_date', 'desc').orderBy('o.name').orderBy('ob.position').orderBy('a.position').orderBy('a.id');
    if (f.limit) ordered = ordered.limit(f.limit);
    const ids = (await ordered.execute()).map((r) => r.id);
    const place = new Map(ids.map((id, i) => [id, i]));
    const rows = await (f.limit ? q.where('a.id', 'in', ids.length ? ids : [0]) : q).execute();
    // A row written between the two reads has no place: it is left out, as if read a moment earlier.
    return rows.filter((r) => place.has(r.id)).sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  }

  async links(tenantId: number, actionIds: number[]): Promise<Map<number, ActionLinks>> {
    const out = new Map<number, ActionLinks>();
    for (const id of actionIds) out.set(id, { leads: [], impacts: [], partnerships: [], priorityIds: [], pledgeIds: [] });
    if (!actionIds.length) return out;
    // Many actions (a dashboard of the whole council): the council's links in one read of each
    // table, the others left out; a few: chunked, to stay well under parameter limits on both dialects.
    for (const ids of actionIds.length > 500 ? [null] : [actionIds]) {
      const leads = await this.db.selectFrom('action_leads').select(['action_id', 'name', 'person_id']).where('tenant_id', '=', tenantId).$if(ids !== null, (q) => q.where('action_id', 'in', ids!)).orderBy('position').execute();
      for (const r of leads) out.get(r.action_id)?.leads.push({ name: r.name, id: r.person_id });
      const impacts = await this.db.selectFrom('action_impacts').select(['action_id', 'name', 'org_unit_id']).where('tenant_id', '=', tenantId).$if(ids !== null, (q) => q.where('action_id', 'in', ids!)).orderBy('position').execute();
      for (const r of impacts) out.get(r.action_id)?.impacts.push({ name: r.name, id: r.org_unit_id });
      const parts = await this.db.selectFrom('action_partnerships').select(['action_id', 'name']).where('tenant_id', '=', tenantId).$if(ids !== null, (q) => q.where('action_id', 'in', ids!)).orderBy('position').execute();
      for (const r of parts) out.get(r.action_id)?.partnerships.push(r.name);
      const pr = await this.db.selectFrom('action_priorities').select(['action_id', 'target_id']).where('tenant_id', '=', tenantId).$if(ids !== null, (q) => q.where('action_id', 'in', ids!)).execute();
      for (const r of pr) out.get(r.action_id)?.priorityIds.push(r.target_id);
      const pl = await this.db.selectFrom('action_pledges').select(['action_id', 'target_id']).where('tenant_id', '=', tenantId).$if(ids !== null, (q) => q.where('action_id', 'in', ids!)).execute();
      for (const r of pl) out.get(r.action_id)?.pledgeIds.push(r.target_id);
    }
    return out;
  }

  async create(tenantId: number, planId: number, f: ActionFields): Promise<number> {
    const max = await this.db.selectFrom('actions').select((eb) => eb.fn.max('position').as('m')).where('plan_id', '=', planId).executeTakeFirst();
    const t = this.now();
    const id = await insertId(
      this.db.insertInto('actions').values({
        tenant_id: tenantId,
        plan_id: planId,
        position: Number(max?.m ?? 0) + 1,
        ...columns(f),
        version: 1,
        created_at: t,
        updated_at: t,
      }),
    );
    await this.replaceLinks(tenantId, id, f);
    return id;
  }

  /**
   * Holds the action's row until the current transaction ends, so that progress updates of one
   * action are recorded one after another: on PostgreSQL this (otherwise empty) UPDATE takes the
   * row lock, and a second transaction waits here until the first commits, then reads what it wrote;
   * SQLite runs one write transaction at a time anyway. Changes nothing. False when there is no such action.
   */
  async holdForProgress(tenantId: number, id: number): Promise<boolean> {
    const r = await this.db
      .updateTable('actions')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Updates when the stored version matches; returns false when someone else saved first. */
  async update(tenantId: number, id: number, version: number, f: ActionFields): Promise<boolean> {
    const r = await this.db
      .updateTable('actions')
      .set({ ...columns(f), version: version + 1, updated_at: this.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.replaceLinks(tenantId, id, f);
    return true;
  }

  private async replaceLinks(tenantId: number, id: number, f: ActionFields): Promise<void> {
    const db = this.db;
    await db.deleteFrom('action_leads').where('action_id', '=', id).execute();
    if (f.leads.length) {
      await db.insertInto('action_leads').values(f.leads.map((l, i) => ({ tenant_id: tenantId, action_id: id, position: i + 1, name: l.name, person_id: l.id }))).execute();
    }
    await db.deleteFrom('action_impacts').where('action_id', '=', id).execute();
    if (f.impacts.length) {
      await db.insertInto('action_impacts').values(f.impacts.map((l, i) => ({ tenant_id: tenantId, action_id: id, position: i + 1, name: l.name, org_unit_id: l.id }))).execute();
    }
    await db.deleteFrom('action_partnerships').where('action_id', '=', id).execute();
    if (f.partnerships.length) {
      await db.insertInto('action_partnerships').values(f.partnerships.map((name, i) => ({ tenant_id: tenantId, action_id: id, position: i + 1, name }))).execute();
    }
    for (const [table, ids] of [['action_priorities', f.priorityIds], ['action_pledges', f.pledgeIds]] as const) {
      await db.deleteFrom(table).where('action_id', '=', id).execute();
      if (ids.length) await db.insertInto(table).values([...new Set(ids)].map((t) => ({ tenant_id: tenantId, action_id: id, target_id: t }))).execute();
    }
  }
}

function columns(f: ActionFields) {
  return {
    objective_id: f.objectiveId,
    code: f.code,
    title: f.title,
    role: f.role,
    ...actionTextColumns(f),
    kind: f.kind,
    ...actionDateColumns(f),
    weight: f.weight,
    carried_from_id: f.carriedFromId,
    exempt_paragraph: f.exemptParagraph,
  };
}
