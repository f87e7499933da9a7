import { Repository } from './executor.ts';
import type { Row } from '../schema.ts';

export type ImportDraftRow = Row<'import_drafts'>;

export class ImportDraftRepository extends Repository {
  async create(d: { id: string; tenantId: number; userId: number; filename: string | null; format: string; sheet: string | null; content: Buffer; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('import_drafts')
      .values({ id: d.id, tenant_id: d.tenantId, user_id: d.userId, filename: d.filename, format: d.format, sheet: d.sheet, content: d.content, created_at: d.createdAt })
      .execute();
  }

  /** A draft belongs to the user who uploaded it, in their council. */
  get(tenantId: number, userId: number, id: string): Promise<ImportDraftRow | undefined> {
    return this.db.selectFrom('import_drafts').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  }

  async delete(tenantId: number, id: string): Promise<void> {
    await this.db.deleteFrom('import_drafts').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }

  async deleteOlderThan(cutoff: string): Promise<void> {
    await this.db.deleteFrom('import_drafts').where('created_at', '<', cutoff).execute();
  }
}
