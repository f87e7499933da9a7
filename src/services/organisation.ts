import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { wouldCycle } from '../domain/trees.ts';
import { ORG_UNIT_CHILDREN, ORG_UNIT_KINDS, type OrgUnitKind } from '../domain/vocabulary.ts';
import type { OrgUnitRow, PersonRow, TenantRow } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, type Actor, type Deps } from './context.ts';
import { nameList, oneOf, optionalId, optionalText, requiredText, type Loose } from './validation.ts';

export interface OrgUnitNode extends OrgUnitRow {
  depth: number;
  path: string; // "Chief Executive's Department › Democratic Services"
}

const unitSchema = z.object({
  name: requiredText('the name', 200),
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ error: 'Enter the short code' }).min(1, 'Enter the short code').max(12, 'Short code must be 12 characters or fewer').regex(/^[A-Z0-9]+$/, 'Short code must use only letters and numbers, like CEC'),
  ),
  kind: oneOf(ORG_UNIT_KINDS, 'the kind of unit'),
  parentId: optionalId('parent unit'),
});
export type OrgUnitInput = Loose<z.input<typeof unitSchema>>;

const personSchema = z.object({
  name: requiredText('the name', 200),
  jobTitle: optionalText('job title', 200),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim().toLowerCase() : v), z.email('Enter an email address in the correct format, like name@example.gov.uk').nullable().default(null)),
  orgUnitId: optionalId('unit'),
});
export type PersonInput = Loose<z.input<typeof personSchema>>;

const settingsSchema = z.object({
  name: requiredText('the council name', 200),
  yearStartMonth: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Select the month the plan year starts' }).int().min(1, 'Select the month the plan year starts').max(12, 'Select the month the plan year starts')),
  actionRoles: nameList('roles', 100).refine((l) => l.length > 0, 'Enter at least one role'),
  // A checkbox: 'yes' when ticked. Left out (older callers), the setting stays as it is.
  councillorsReadDrafts: z.preprocess(
    (v) => (v === undefined ? undefined : v === true || v === 'yes' ? true : v === false || v === 'no' || v === '' ? false : v),
    z.boolean({ error: 'Select whether councillors can read draft reports' }).optional(),
  ),
});
export type SettingsInput = Loose<z.input<typeof settingsSchema>>;

/** Builds a depth-first ordering of the org tree, so lists and drop-downs read as a hierarchy. */
export function orderTree(rows: OrgUnitRow[]): OrgUnitNode[] {
  const children = new Map<number | null, OrgUnitRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: OrgUnitNode[] = [];
  const visit = (parent: number | null, depth: number, path: string) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path ? `${path} › ${r.name}` : r.name;
      out.push({ ...r, depth, path: p });
      visit(r.id, depth + 1, p);
    }
  };
  visit(null, 0, '');
  return out;
}

export class OrganisationService {
  constructor(private readonly deps: Deps) {}

  private get repos() {
    return this.deps.store.repos;
  }

  async council(actor: Actor): Promise<TenantRow & { roles: string[] }> {
    const t = await this.repos.tenants.get(actor.tenantId);
    if (!t) throw new NotFoundError('Council');
    return { ...t, roles: JSON.parse(t.action_roles) as string[] };
  }

  async updateSettings(actor: Actor, input: SettingsInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'council', event: 'update', schema: settingsSchema, input }, async (r, v) => {
      const before = await r.tenants.get(actor.tenantId);
      await r.tenants.update(actor.tenantId, v);
      return { id: actor.tenantId, before };
    });
  }

  async units(actor: Actor): Promise<OrgUnitNode[]> {
    return orderTree(await this.repos.orgUnits.list(actor.tenantId));
  }

  async unit(actor: Actor, id: number): Promise<OrgUnitRow> {
    const u = await this.repos.orgUnits.get(actor.tenantId, id);
    if (!u) throw new NotFoundError('Unit');
    return u;
  }

  async unitByCode(actor: Actor, code: string): Promise<OrgUnitRow> {
    const u = await this.repos.orgUnits.byCode(actor.tenantId, code.trim().toUpperCase());
    if (!u) throw new NotFoundError(`Unit with code ${code}`);
    return u;
  }

  async createUnit(actor: Actor, input: OrgUnitInput): Promise<number> {
    assertCanAdminister(actor);
    return audited(this.deps, actor, { entity: 'org_unit', event: 'create', schema: unitSchema, input }, async (r, v) => {
      await this.checkUnit(actor, r.orgUnits, v, null);
      const id = await r.orgUnits.create(actor.tenantId, v);
      return id;
    });
  }

  async updateUnit(actor: Actor, id: number, input: OrgUnitInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'org_unit', event: 'update', schema: unitSchema, input }, async (r, v) => {
      const before = await r.orgUnits.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Unit');
      await this.checkUnit(actor, r.orgUnits, v, id);
      await r.orgUnits.update(actor.tenantId, id, v);
      return { id, before };
    });
  }

  private async checkUnit(
    actor: Actor,
    repo: Deps['store']['repos']['orgUnits'],
    v: z.output<typeof unitSchema>,
    id: number | null,
  ): Promise<void> {
    const clash = await repo.byCode(actor.tenantId, v.code);
    if (clash && clash.id !== id) throw new ValidationError({ code: `Short code ${v.code} is already used by ${clash.name}` });
    const all = await repo.list(actor.tenantId);
    if (v.parentId === null) {
      if (v.kind !== 'council' && v.kind !== 'directorate') throw new ValidationError({ parentId: 'Select the unit this one sits under' });
    } else {
      this.checkParent(all, v, id);
    }
    // Changing a unit's kind must keep the units under it valid (a service with teams cannot become a team).
    const child = id === null ? undefined : all.find((u) => u.parent_id === id && !ORG_UNIT_CHILDREN[v.kind as OrgUnitKind].includes(u.kind as OrgUnitKind));
    if (child) throw new ValidationError({ kind: `${child.name} sits under this unit and cannot sit under a ${v.kind}` });
  }

  private checkParent(all: OrgUnitRow[], v: z.output<typeof unitSchema>, id: number | null): void {
    const parent = all.find((u) => u.id === v.parentId);
    if (!parent) throw new ValidationError({ parentId: 'Select a valid parent unit' });
    if (!ORG_UNIT_CHILDREN[parent.kind as OrgUnitKind]?.includes(v.kind)) {
      throw new ValidationError({ parentId: `A ${v.kind} cannot sit under a ${parent.kind}` });
    }
    if (id !== null && wouldCycle(all, id, parent.id)) throw new ValidationError({ parentId: 'A unit cannot sit under itself or one of its own teams' });
  }

  async people(actor: Actor): Promise<PersonRow[]> {
    return this.repos.people.list(actor.tenantId);
  }

  async person(actor: Actor, id: number): Promise<PersonRow> {
    const p = await this.repos.people.get(actor.tenantId, id);
    if (!p) throw new NotFoundError('Person');
    return p;
  }

  async createPerson(actor: Actor, input: PersonInput): Promise<number> {
    assertCanAdminister(actor);
    return audited(this.deps, actor, { entity: 'person', event: 'create', schema: personSchema, input }, async (r, v) => {
      if (v.orgUnitId && !(await r.orgUnits.get(actor.tenantId, v.orgUnitId))) throw new ValidationError({ orgUnitId: 'Select a valid unit' });
      const id = await r.people.create(actor.tenantId, v);
      return id;
    });
  }

  async updatePerson(actor: Actor, id: number, input: PersonInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'person', event: 'update', schema: personSchema, input }, async (r, v) => {
      const before = await r.people.get(actor.tenantId, id);
      if (!before) throw new NotFoundError('Person');
      if (v.orgUnitId && !(await r.orgUnits.get(actor.tenantId, v.orgUnitId))) throw new ValidationError({ orgUnitId: 'Select a valid unit' });
      await r.people.update(actor.tenantId, id, v);
      return { id, before };
    });
  }
}
