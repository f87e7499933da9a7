import type { Executor } from './executor.ts';
import { now } from './executor.ts';
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

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        tenant_id: e.tenantId,
        user_id: e.userId,
        at: now(),
        entity: e.entity,
        entity_id: e.entityId,
        event: e.event,
        before_json: e.before === undefined ? null : JSON.stringify(e.before),
        after_json: e.after === undefined ? null : JSON.stringify(e.after),
      })
      .execute();
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
}
