import { Repository } from './executor.ts';

// The update cycle: sign-off of progress updates, the council's settings for it, and the reminder
// emails sent (each claimed by a unique row before it goes, so it goes once, whichever server runs).

export interface UpdateCycleSettingsRow {
  require_approval: number;
  reminder_days_before: number;
  reports_approved_only: number;
}

export interface AwaitingRow {
  id: number;
  tenant_id: number;
  exempt_paragraph: number | null;
  action_id: number;
  action_code: string;
  action_title: string;
  /** The org unit of the action's plan: heads of service sign off their own units' updates. */
  unit_id: number;
  period_id: number | null;
  period_label: string | null;
  as_at: string;
  status_word: string;
  percent_complete: number | null;
  narrative: string | null;
  author_user_id: number | null;
  author_name: string;
  recorded_at: string;
  approval: string;
  return_comment: string | null;
}

export interface LeadRecipientRow {
  action_id: number;
  person_id: number;
  person_name: string;
  email: string;
}

export interface ReminderClaim {
  tenantId: number;
  periodId: number;
  email: string;
  userId: number | null;
  personId: number | null;
  kind: string;
  sentAt: string;
}

export class UpdateCycleRepository extends Repository {
  settings(tenantId: number): Promise<UpdateCycleSettingsRow | undefined> {
    return this.db.selectFrom('tenants').select(['require_approval', 'reminder_days_before', 'reports_approved_only']).where('id', '=', tenantId).executeTakeFirst();
  }

  async saveSettings(tenantId: number, s: UpdateCycleSettingsRow): Promise<void> {
    await this.db.updateTable('tenants').set(s).where('id', '=', tenantId).execute();
  }

  /** Records a sign-off decision on an update (its content never changes). */
  /** Signs off an update still awaiting it; false when it no longer was (someone else decided it first). */
  async decide(tenantId: number, id: number, d: { approval: 'approved' | 'returned'; userId: number | null; at: string; comment: string | null }): Promise<boolean> {
    const r = await this.db
      .updateTable('progress_updates')
      .set({ approval: d.approval, approved_by_user_id: d.userId, approved_at: d.at, return_comment: d.comment })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('approval', '=', 'submitted')
      .returning('action_id')
      .executeTakeFirst();
    if (r) await this.changes.positions(tenantId, r.action_id);
    return r !== undefined;
  }

  /** Updates with the given sign-off states, oldest first; only one author's when `authorUserId` is given. */
  awaiting(tenantId: number, states: string[], authorUserId?: number): Promise<AwaitingRow[]> {
    let q = this.db
      .selectFrom('progress_updates as u')
      .innerJoin('actions as a', 'a.id', 'u.action_id')
      .innerJoin('service_plans as sp', 'sp.id', 'a.plan_id')
      .leftJoin('reporting_periods as p', 'p.id', 'u.period_id')
      .select([
        'u.id',
        'u.tenant_id',
        'u.exempt_paragraph',
        'u.action_id',
        'a.code as action_code',
        'a.title as action_title',
        'sp.org_unit_id as unit_id',
        'u.period_id',
        'p.label as period_label',
        'u.as_at',
        'u.status_word',
        'u.percent_complete',
        'u.narrative',
        'u.author_user_id',
        'u.author_name',
        'u.recorded_at',
        'u.approval',
        'u.return_comment',
      ])
      .where('u.tenant_id', '=', tenantId)
      .where('u.approval', 'in', states);
    if (authorUserId !== undefined) q = q.where('u.author_user_id', '=', authorUserId);
    return q.orderBy('u.recorded_at').orderBy('u.id').execute();
  }

  /** The actions of a plan year. */
  actionsOfYear(tenantId: number, planYearId: number): Promise<{ id: number; code: string; title: string; exempt_paragraph: number | null; start_date: string | null }[]> {
    return this.db
      .selectFrom('actions as a')
      .innerJoin('service_plans as sp', 'sp.id', 'a.plan_id')
      .select(['a.id', 'a.code', 'a.title', 'a.exempt_paragraph', 'a.start_date'])
      .where('a.tenant_id', '=', tenantId)
      .where('sp.plan_year_id', '=', planYearId)
      .orderBy('a.code')
      .execute();
  }

  /** The leads of these actions who are people with an email address. */
  async leadRecipients(tenantId: number, actionIds: number[]): Promise<LeadRecipientRow[]> {
    const out: LeadRecipientRow[] = [];
    for (let i = 0; i < actionIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('action_leads as l')
        .innerJoin('people as p', 'p.id', 'l.person_id')
        .select(['l.action_id', 'p.id as person_id', 'p.name as person_name', 'p.email'])
        .where('l.tenant_id', '=', tenantId)
        .where('l.action_id', 'in', actionIds.slice(i, i + 500))
        .where('p.email', 'is not', null)
        .execute();
      for (const r of rows) if (r.email) out.push({ action_id: r.action_id, person_id: r.person_id, person_name: r.person_name, email: r.email });
    }
    return out;
  }

  /**
   * Claims a reminder before it is sent: true when this call inserted the row, false when the
   * reminder was already claimed (by this server or another). The unique index decides.
   */
  async claimReminder(c: ReminderClaim): Promise<number | null> {
    const row = await this.db
      .insertInto('reminders_sent')
      .values({ tenant_id: c.tenantId, period_id: c.periodId, email: c.email, user_id: c.userId, person_id: c.personId, kind: c.kind, sent_at: c.sentAt })
      .onConflict((oc) => oc.columns(['tenant_id', 'period_id', 'email', 'kind']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  /** Gives a claim back when its email could not be sent, so the next run tries again. */
  async releaseReminder(id: number): Promise<void> {
    await this.db.deleteFrom('reminders_sent').where('id', '=', id).execute();
  }

  remindersSent(tenantId: number, periodId: number): Promise<{ email: string; kind: string; sent_at: string }[]> {
    return this.db.selectFrom('reminders_sent').select(['email', 'kind', 'sent_at']).where('tenant_id', '=', tenantId).where('period_id', '=', periodId).orderBy('id').execute();
  }
}
