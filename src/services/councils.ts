import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { DEFAULT_STATUS_WORDS } from '../domain/stages.ts';
import { DEFAULT_ACTION_ROLES } from '../domain/vocabulary.ts';
import type { TenantRow } from '../db/repositories/index.ts';
import type { Deps } from './context.ts';
import { requiredText, validate } from './validation.ts';

const councilSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'Council slug must be 2 to 40 lower-case letters, numbers or hyphens'),
  name: requiredText('the council name', 200),
  yearStartMonth: z.number().int().min(1).max(12).default(4),
});

/** Councils (tenants) and the health of the deployment. */
export class CouncilService {
  constructor(private readonly deps: Deps) {}

  health(): Promise<boolean> {
    return this.deps.store.ping();
  }

  /** Whether someone can administer this deployment: an enabled administrator in some council. */
  hasAdministrator(): Promise<boolean> {
    return this.deps.store.repos.users.anyActiveAdmin();
  }

  list(): Promise<TenantRow[]> {
    return this.deps.store.repos.tenants.list();
  }

  async bySlug(slug: string): Promise<TenantRow> {
    const t = await this.deps.store.repos.tenants.bySlug(slug);
    if (!t) throw new NotFoundError(`Council ${slug}`);
    return t;
  }

  async create(input: z.input<typeof councilSchema>): Promise<number> {
    const v = validate(councilSchema, input);
    return this.deps.store.transaction(async (r) => {
      if (await r.tenants.bySlug(v.slug)) throw new ValidationError({ slug: `A council with slug ${v.slug} already exists` });
      const id = await r.tenants.create({ ...v, actionRoles: [...DEFAULT_ACTION_ROLES] });
      await r.progress.replaceStatusWords(id, DEFAULT_STATUS_WORDS);
      await r.audit.record({ tenantId: id, userId: null, entity: 'council', entityId: id, event: 'create', after: v });
      return id;
    });
  }
}
