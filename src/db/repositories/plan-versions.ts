import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

// Plan versions (approved snapshots) and the lifecycle columns of service_plans.

export type PlanVersionRow = Row<'plan_versions'>;
export interface PlanVersionListRow extends Omit<PlanVersionRow, 'snapshot_json'> {
  createdByName: string;
}

export interface NewPlanVersion {
  planId: number;
  number: number;
  status: string;
  approvedMeetingId: number | null;
  approvedCommittee: string;
  approvedOn: string;
  snapshotJson: string;
  createdBy: number | null;
  createdByName: string;
}

/** The lifecycle columns of a plan that a step sets; those not named stay as they are. */
export interface PlanLifecycleFields {
  status?: string;
  draftVersion?: number;
  submittedByUserId?: number | null;
  submittedAt?: string | null;
  approvedMeetingId?: number | null;
  approvedCommittee?: string | null;
  approvedOn?: string | null;
  publishedOn?: string | null;
  returnComment?: string | null;
}

export class PlanVersionRepository extends Repository {
  list(tenantId: number, planId: number): Promise<PlanVersionListRow[]> {
    return this.db
      .selectFrom('plan_versions')
      .select(['id', 'tenant_id', 'plan_id', 'number', 'status', 'approved_meeting_id', 'approved_committee', 'approved_on', 'published_on', 'created_at', 'created_by', 'created_by_name'])
      .select('created_by_name as createdByName')
      .where('tenant_id', '=', tenantId)
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute();
  }

  get(tenantId: number, planId: number, number: number): Promise<PlanVersionRow | undefined> {
    return this.db.selectFrom('plan_versions').selectAll().where('tenant_id', '=', tenantId).where('plan_id', '=', planId).where('number', '=', number).executeTakeFirst();
  }

  create(tenantId: number, v: NewPlanVersion): Promise<number> {
    return insertId(
      this.db.insertInto('plan_versions').values({
        tenant_id: tenantId,
        plan_id: v.planId,
        number: v.number,
        status: v.status,
        approved_meeting_id: v.approvedMeetingId,
        approved_committee: v.approvedCommittee,
        approved_on: v.approvedOn,
        published_on: null,
        snapshot_json: v.snapshotJson,
        created_at: this.now(),
        created_by: v.createdBy,
        created_by_name: v.createdByName,
      }),
    );
  }

  async markPublished(tenantId: number, planId: number, number: number, publishedOn: string): Promise<void> {
    await this.db.updateTable('plan_versions').set({ status: 'published', published_on: publishedOn }).where('tenant_id', '=', tenantId).where('plan_id', '=', planId).where('number', '=', number).execute();
  }

  /** Sets a plan's lifecycle columns. Leaves its edit `version` alone, so an edit in the same transaction still checks against it. */
  async setLifecycle(tenantId: number, planId: number, f: PlanLifecycleFields): Promise<void> {
    await this.db
      .updateTable('service_plans')
      .set({
        ...(f.status !== undefined && { status: f.status }),
        ...(f.draftVersion !== undefined && { draft_version: f.draftVersion }),
        ...(f.submittedByUserId !== undefined && { submitted_by_user_id: f.submittedByUserId }),
        ...(f.submittedAt !== undefined && { submitted_at: f.submittedAt }),
        ...(f.approvedMeetingId !== undefined && { approved_meeting_id: f.approvedMeetingId }),
        ...(f.approvedCommittee !== undefined && { approved_committee: f.approvedCommittee }),
        ...(f.approvedOn !== undefined && { approved_on: f.approvedOn }),
        ...(f.publishedOn !== undefined && { published_on: f.publishedOn }),
        ...(f.returnComment !== undefined && { return_comment: f.returnComment }),
        updated_at: this.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', planId)
      .execute();
  }
}
