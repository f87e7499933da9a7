import { insertId, Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type ProgressUpdateRow = Row<'progress_updates'>;
export type StatusWordRow = Row<'status_words'>;

export interface NewProgressUpdate {
  actionId: number;
  periodId: number | null;
  asAt: string;
  statusWord: string;
  stage: string;
  percentComplete: number | null;
  narrative: string | null;
  nextSteps: string | null;
  ragOverride: string | null;
  overrideReason: string | null;
  authorUserId: number | null;
  authorName: string;
  recordedAt: string;
  correctsId: number | null;
  /** submitted | approved | returned; approved when not given. */
  approval?: string;
  /** The Schedule 12A paragraph a restricted update relies on; open when not given. */
  exemptParagraph?: number | null;
}

/** Progress updates are append-only: rows are inserted, never updated or deleted. */
export class ProgressRepository extends Repository {
  statusWords(tenantId: number): Promise<StatusWordRow[]> {
    return this.db.selectFrom('status_words').selectAll().where('tenant_id', '=', tenantId).orderBy('position').execute();
  }

  async replaceStatusWords(tenantId: number, words: { word: string; stage: string }[]): Promise<void> {
    await this.db.deleteFrom('status_words').where('tenant_id', '=', tenantId).execute();
    if (!words.length) return;
    await this.db
      .insertInto('status_words')
      .values(words.map((w, i) => ({ tenant_id: tenantId, position: i + 1, word: w.word, stage: w.stage })))
      .execute();
  }

  async create(tenantId: number, u: NewProgressUpdate): Promise<number> {
    const id = await insertId(
      this.db.insertInto('progress_updates').values({
        tenant_id: tenantId,
        action_id: u.actionId,
        period_id: u.periodId,
        as_at: u.asAt,
        status_word: u.statusWord,
        stage: u.stage,
        percent_complete: u.percentComplete,
        narrative: u.narrative,
        next_steps: u.nextSteps,
        rag_override: u.ragOverride,
        override_reason: u.overrideReason,
        author_user_id: u.authorUserId,
        author_name: u.authorName,
        recorded_at: u.recordedAt,
        corrects_id: u.correctsId,
        approval: u.approval ?? 'approved',
        exempt_paragraph: u.exemptParagraph ?? null,
      }),
    );
    await this.changes.positions(tenantId, u.actionId);
    return id;
  }

  get(tenantId: number, id: number): Promise<ProgressUpdateRow | undefined> {
    return this.db.selectFrom('progress_updates').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /**
   * Every update of these actions recorded before `recordedBefore` (an ISO timestamp, exclusive;
   * all when not given), oldest first — so a position "as known on" a date uses only the updates
   * that existed then.
   */
  /** Every update of the council, oldest recorded first (the positions cache's inputs). */
  forTenant(tenantId: number): Promise<ProgressUpdateRow[]> {
    return this.db.selectFrom('progress_updates').selectAll().where('tenant_id', '=', tenantId).orderBy('recorded_at').orderBy('id').execute();
  }

  async forActions(tenantId: number, actionIds: number[], recordedBefore?: string): Promise<ProgressUpdateRow[]> {
    if (!actionIds.length) return [];
    const out: ProgressUpdateRow[] = [];
    for (let i = 0; i < actionIds.length; i += 500) {
      let q = this.db.selectFrom('progress_updates').selectAll().where('tenant_id', '=', tenantId).where('action_id', 'in', actionIds.slice(i, i + 500));
      if (recordedBefore) q = q.where('recorded_at', '<', recordedBefore);
      out.push(...(await q.orderBy('recorded_at').orderBy('id').execute()));
    }
    return out;
  }
}
