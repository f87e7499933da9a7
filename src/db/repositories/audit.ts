import { Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type AuditRow = Row<'audit_events'>;
export interface AuditEntry {
  tenantId: number | null;
  userId: number | null;
  entity: string;
  entityId: number | null;
  event: string;
  before?: unknown;
  after?: unknown;
}

/** An audit event with the name of the user who made it (null for the system, or a user since removed). */
export interface AuditEventWithUser extends AuditRow {
  user_name: string | null;
}

/** Events of one kind of entity, by the ids wanted. */
export interface AuditTarget {
  entity: string;
  ids: number[];
}

/** Audited events about a person's access, not the council's data. */
const ACCOUNT_EVENTS = new Set(['sign_in', 'sign_in_failed', 'sign_out', 'sign_out_everywhere', 'password_change', 'password_change_failed', 'password_reset', 'password_reset_requested']);

export class AuditRepository extends Repository {
  async record(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        tenant_id: e.tenantId,
        user_id: e.userId,
        at: this.now(),
        entity: e.entity,
        entity_id: e.entityId,
        event: e.event,
        before_json: e.before === undefined ? null : JSON.stringify(e.before),
        after_json: e.after === undefined ? null : JSON.stringify(e.after),
      })
      .execute();
    // Every change to a council's data is audited, so this is where its data version moves; a
    // sign-in or a password change alters no page's data, and moves nothing (an event not listed does).
    if (e.tenantId !== null && !ACCOUNT_EVENTS.has(e.event)) await this.changes.data(e.tenantId);
  }

  forEntity(tenantId: number, entity: string, entityId: number): Promise<AuditRow[]> {
    return this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();
  }

  /** The council's events on the given entities, newest first, with who made each. */
  async history(tenantId: number, targets: AuditTarget[]): Promise<AuditEventWithUser[]> {
    const wanted = targets.filter((t) => t.ids.length > 0);
    if (!wanted.length) return [];
    return this.db
      .selectFrom('audit_events as a')
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.user_id').onRef('u.tenant_id', '=', 'a.tenant_id'))
      .selectAll('a')
      .select('u.name as user_name')
      .where('a.tenant_id', '=', tenantId)
      .where((eb) => eb.or(wanted.map((t) => eb.and([eb('a.entity', '=', t.entity), eb('a.entity_id', 'in', t.ids)]))))
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
  }

  /** A page of all the council's events, oldest first, after the event with id `afterId` (for exports). */
  page(tenantId: number, afterId: number, limit: number): Promise<AuditEventWithUser[]> {
    return this.db
      .selectFrom('audit_events as a')
      .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.user_id').onRef('u.tenant_id', '=', 'a.tenant_id'))
      .selectAll('a')
      .select('u.name as user_name')
      .where('a.tenant_id', '=', tenantId)
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(limit)
      .execute();
  }
}
