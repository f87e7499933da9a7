import { formatUkDate } from '../domain/dates.ts';
import { DomainError, ImportError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS, actionDateValues, actionTextValues, type ActionDateValues, type ActionTextValues } from '../domain/fields/action-fields.ts';
import { PLAN_FIELDS, planFieldsFromColumns, planFieldValues, withPlanFields } from '../domain/fields/plan-fields.ts';
import type { ImportWarning, ParsedAction, ParsedObjective, ParsedPlan, PlanMeta } from '../domain/import-tables.ts';
import { parseGoalLabel } from '../domain/plan-export.ts';
import { planYearSpan, parseYearLabel } from '../domain/plan-years.ts';
import type { Stage } from '../domain/stages.ts';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from '../domain/vocabulary.ts';
import type { ActionLinks, ActionRow } from '../db/repositories/index.ts';
import type { Actor } from './context.ts';
import { hasProgress, unknownUnitMessage, type ImportCounts, type ImportOperations, type ImportOutcome, type ImportTarget } from './import-operations.ts';

// One import's writes, inside one transaction, through the ordinary services (src/services/imports.ts
// reads and previews; this writes): the org unit, plan year and plan when missing, then goals,
// objectives, actions and their progress, each matched to what is there so a second import of the
// same file changes nothing.

function planKind(value: string | null): PlanKind | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  return PLAN_KINDS.find((k) => k === v || PLAN_KIND_LABELS[k].toLowerCase() === v) ?? null;
}

/** The restriction fields for the action service, only when the file says something (else the action keeps its own). */
function restriction(a: ParsedAction): { restricted?: 'yes' | 'no'; exemptParagraph?: number | null } {
  if (a.exemptParagraph === undefined || a.exemptParagraph === null) return {};
  return a.exemptParagraph === false ? { restricted: 'no', exemptParagraph: null } : { restricted: 'yes', exemptParagraph: a.exemptParagraph };
}


/** One import's writes, inside one transaction. */
export class ImportWriter {
  private readonly notes: string[] = [];
  private readonly objectives: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly actions: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly updates = { created: 0, unchanged: 0 };
  /** The target plan's year: an imported update reports on a date inside it. */
  private year = { label: '', start: '', end: '' };
  private undatedNoted = false;

  constructor(
    private readonly s: ImportOperations,
    private readonly actor: Actor,
    private readonly today: string,
  ) {}

  async write(parsed: ParsedPlan, target: ImportTarget): Promise<ImportOutcome> {
    const warnings = [...parsed.warnings];
    const { planId, orgCode, year } = await this.plan(parsed.plan, target, parsed.sheetTitle?.title ?? null);
    const roles = await this.roles(parsed.objectives);
    const detail = await this.s.plans.detail(this.actor, planId);
    this.year = { label: detail.year.label, start: detail.year.start_date, end: detail.year.end_date };
    const existingObjectives = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives];
    const existingActions = existingObjectives.flatMap((o) => o.actions);
    const goals = new Map(detail.goals.map((g) => [`${g.number ?? ''}|${g.title.toLowerCase()}`, g.id]));

    for (const o of parsed.objectives) {
      let goalId: number | null = null;
      if (o.goal) {
        const g = parseGoalLabel(o.goal);
        const key = `${g.number ?? ''}|${g.title.toLowerCase()}`;
        goalId = goals.get(key) ?? null;
        if (goalId === null) {
          goalId = await this.s.plans.createGoal(this.actor, planId, g);
          goals.set(key, goalId);
        }
      }
      const objectiveId = await this.objective(planId, o, goalId, existingObjectives);
      for (const a of o.actions) {
        const actionId = await this.action(planId, objectiveId, a, roles, existingActions);
        if (hasProgress(a)) await this.update(actionId, a, warnings);
      }
    }
    return { planId, orgCode, year, notes: this.notes, objectives: this.objectives, actions: this.actions, updates: this.updates, warnings };
  }

  /** The target plan, creating its org unit, plan year and the plan itself where they do not exist. */
  private async plan(meta: PlanMeta | null, target: ImportTarget, sheetTitle: string | null): Promise<{ planId: number; orgCode: string; year: string }> {
    const { s, actor } = this;
    if (target.planId !== undefined) {
      const plan = await s.plans.get(actor, target.planId);
      const [unit, year] = await Promise.all([s.organisation.unit(actor, plan.org_unit_id), s.years.get(actor, plan.plan_year_id)]);
      await this.updatePlanMeta(plan.id, meta);
      return { planId: plan.id, orgCode: unit.code, year: year.label };
    }
    const orgCode = (target.orgCode ?? meta?.org?.code ?? '').trim().toUpperCase();
    const yearText = (target.year ?? meta?.year ?? '').trim();
    if (!orgCode || !yearText) throw new ImportError('Say which plan to import into: an org unit short code and a plan year (for example CEC and 2015/16)');
    const first = parseYearLabel(yearText);
    if (first === null) throw new ImportError(`Plan year must be like 2018/19, not “${yearText}”`);
    const council = await s.organisation.council(actor);
    const label = planYearSpan(first, council.year_start_month).label;

    const unit = await s.organisation.unitByCode(actor, orgCode).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e)));
    let unitId = unit?.id;
    const named = meta?.org?.code.trim().toUpperCase() === orgCode ? meta.org.name : null;
    const unitName = unit?.name ?? (target.newUnitName?.trim() || named);
    if (!unitName) throw new ImportError(unknownUnitMessage(orgCode));
    if (unitId === undefined) {
      const root = (await s.organisation.units(actor)).find((u) => u.kind === 'council');
      unitId = await this.check(() => s.organisation.createUnit(actor, { code: orgCode, name: unitName, kind: root ? 'service' : 'directorate', parentId: root?.id ?? null }), `Org unit ${orgCode}`);
      this.notes.push(`Created org unit ${orgCode} (${unitName})`);
    }
    const year = await s.years.byLabel(actor, label).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e)));
    let yearId = year?.id;
    if (yearId === undefined) {
      yearId = await s.years.create(actor, { label, scheme: 'quarters' });
      this.notes.push(`Created plan year ${label}`);
    }
    const existing = (await s.plans.list(actor, { orgUnitId: unitId, planYearId: yearId }))[0];
    if (existing) {
      await this.updatePlanMeta(existing.id, meta);
      return { planId: existing.id, orgCode, year: label };
    }
    const title = meta?.title ?? sheetTitle ?? `${unitName} service plan ${label}`;
    const planId = await this.check(
      () =>
        s.plans.create(actor, { orgUnitId: unitId, planYearId: yearId, ...planFieldValues(meta), title, kind: planKind(meta?.kind ?? null) ?? 'service_improvement_plan' }),
      'The plan',
    );
    this.notes.push(`Created plan “${title}”`);
    return { planId, orgCode, year: label };
  }

  /** A Waymark export carries the plan's own fields; bring any that differ up to date. */
  private async updatePlanMeta(planId: number, meta: PlanMeta | null): Promise<void> {
    if (!meta) return;
    const plan = await this.s.plans.get(this.actor, planId);
    // Each field the file gives replaces the plan's own (src/domain/fields/plan-fields.ts); a kind only when it is one of Waymark's.
    const own = planFieldsFromColumns(plan);
    const next = { ...withPlanFields(own, meta), kind: planKind(meta.kind) ?? plan.kind };
    if (PLAN_FIELDS.every((f) => next[f.name] === own[f.name])) return;
    await this.check(() => this.s.plans.update(this.actor, planId, plan.version, { orgUnitId: plan.org_unit_id, planYearId: plan.plan_year_id, ...next }), 'The plan');
    this.notes.push('Updated the plan’s title and sections');
  }

  /** Roles the file uses that the council's list lacks are added to it (and said so), rather than dropped. */
  private async roles(objectives: ParsedObjective[]): Promise<Map<string, string>> {
    const council = await this.s.organisation.council(this.actor);
    const byLower = new Map(council.roles.map((r) => [r.toLowerCase(), r]));
    const added: string[] = [];
    for (const a of objectives.flatMap((o) => o.actions)) {
      // A role too long for the list is left for the action's own validation to refuse, naming the action.
      if (a.role && a.role.length <= 100 && !byLower.has(a.role.toLowerCase())) {
        byLower.set(a.role.toLowerCase(), a.role);
        added.push(a.role);
      }
    }
    if (added.length) {
      await this.s.organisation.updateSettings(this.actor, { name: council.name, yearStartMonth: council.year_start_month, actionRoles: [...council.roles, ...added] });
      this.notes.push(`Added ${added.length === 1 ? 'a role' : 'roles'} to the council's list: ${added.join('; ')}`);
    }
    return byLower;
  }

  private async objective(planId: number, o: ParsedObjective, goalId: number | null, existing: { id: number; number: string | null; title: string; why: string | null; goal_id: number | null; version: number; priorityIds: number[]; pledgeIds: number[] }[]): Promise<number> {
    // Unnumbered objectives (such as the "Actions" of a table with no objectives) are told apart by title and goal.
    const match = existing.find((e) =>
      o.number !== null ? e.number === o.number : e.number === null && e.title.toLowerCase() === o.title.toLowerCase() && e.goal_id === goalId,
    );
    const input = { number: o.number, title: o.title, why: o.why, goalId };
    if (!match) {
      const id = await this.check(() => this.s.plans.createObjective(this.actor, planId, input), `Objective ${o.number ?? o.title}`);
      existing.push({ id, number: o.number, title: o.title, why: o.why, goal_id: goalId, version: 1, priorityIds: [], pledgeIds: [] });
      this.objectives.created++;
      return id;
    }
    const next = { ...input, why: o.why ?? match.why, goalId: goalId ?? match.goal_id };
    if (match.title === next.title && match.why === next.why && match.goal_id === next.goalId) {
      this.objectives.unchanged++;
      return match.id;
    }
    await this.check(() => this.s.plans.updateObjective(this.actor, match.id, match.version, { ...next, priorityIds: match.priorityIds, pledgeIds: match.pledgeIds }), `Objective ${o.number ?? o.title}`);
    Object.assign(match, { title: next.title, why: next.why, goal_id: next.goalId, version: match.version + 1 });
    this.objectives.updated++;
    return match.id;
  }

  private async action(planId: number, objectiveId: number, a: ParsedAction, roles: Map<string, string>, existing: (ActionRow & ActionLinks)[]): Promise<number> {
    const match = a.code !== null
      ? existing.find((e) => e.code.toLowerCase() === a.code!.toLowerCase())
      : existing.find((e) => e.objective_id === objectiveId && e.title.toLowerCase() === a.title.toLowerCase());
    const role = a.role ? (roles.get(a.role.toLowerCase()) ?? a.role) : null;
    const label = `Action ${a.code ?? `“${a.title.slice(0, 60)}”`}`;
    if (!match) {
      const input = {
        objectiveId, code: a.code ?? '', title: a.title, role,
        ...actionTextValues(a),
        kind: a.kind ?? (a.status === 'ongoing' ? 'ongoing' : 'one_off'),
        ...actionDateValues(a), weight: a.weight ?? 1,
        leads: a.leadOfficers, impactsOther: a.impactedServices, partnerships: a.partnershipLinks,
        ...restriction(a),
      };
      const id = await this.check(() => this.s.actions.create(this.actor, planId, input), label);
      const created = await this.s.actions.detail(this.actor, id);
      existing.push(created.action);
      this.actions.created++;
      return id;
    }
    // What the source leaves blank keeps its current value: an import adds and corrects, never erases.
    const next = {
      objectiveId, code: match.code, title: a.title, role: role ?? match.role,
      ...(Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, a[f.name] ?? match[f.column]])) as ActionTextValues),
      kind: a.kind ?? match.kind,
      ...(Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, a[f.name] ?? match[f.column]])) as ActionDateValues),
      weight: a.weight ?? match.weight,
      leads: a.leadOfficers.length ? a.leadOfficers : match.leads.map((l) => l.name),
      impactsOther: a.impactedServices.length ? a.impactedServices : match.impacts.map((i) => i.name),
      partnerships: a.partnershipLinks.length ? a.partnershipLinks : match.partnerships,
      priorityIds: match.priorityIds, pledgeIds: match.pledgeIds, carriedFromId: match.carried_from_id,
      ...restriction(a),
    };
    const exempt = a.exemptParagraph === undefined || a.exemptParagraph === null ? match.exempt_paragraph : a.exemptParagraph === false ? null : a.exemptParagraph;
    const same =
      next.objectiveId === match.objective_id && next.title === match.title && next.role === match.role &&
      ACTION_TEXT_FIELDS.every((f) => next[f.name] === match[f.column]) && next.kind === match.kind &&
      ACTION_DATE_FIELDS.every((f) => next[f.name] === match[f.column]) && next.weight === match.weight &&
      next.leads.join('\n') === match.leads.map((l) => l.name).join('\n') &&
      next.impactsOther.join('\n').toLowerCase() === match.impacts.map((i) => i.name).join('\n').toLowerCase() &&
      next.partnerships.join('\n') === match.partnerships.join('\n') && exempt === match.exempt_paragraph;
    if (same) {
      this.actions.unchanged++;
      return match.id;
    }
    await this.check(() => this.s.actions.update(this.actor, match.id, match.version, next), label);
    const updated = await this.s.actions.detail(this.actor, match.id);
    Object.assign(match, updated.action);
    this.actions.updated++;
    return match.id;
  }

  /** The progress columns as an update, unless the latest update already says the same. */
  private async update(actionId: number, a: ParsedAction, warnings: ImportWarning[]): Promise<void> {
    const label = a.code ?? `“${a.title.slice(0, 60)}”`;
    let asAt = a.asAt ?? this.today;
    if (asAt > this.today) {
      warnings.push({ line: a.line ?? 0, message: `Action ${label}: the update date ${asAt} is in the future, so today was used` });
      asAt = this.today;
    }
    // An update reports on a date inside its plan's year (DESIGN §4).
    const y = this.year;
    if (asAt > y.end || asAt < y.start) {
      const edge = asAt > y.end ? y.end : y.start;
      if (a.asAt !== null && a.asAt <= this.today) {
        warnings.push({ line: a.line ?? 0, message: `Action ${label}: the update date ${a.asAt} falls outside ${y.label}, so it was recorded as at ${edge}` });
      } else if (!this.undatedNoted) {
        this.undatedNoted = true;
        this.notes.push(`Progress without an update date was recorded as at ${formatUkDate(edge)}, ${edge === y.end ? 'the last' : 'the first'} day of ${y.label}`);
      }
      asAt = edge;
    }
    let stage: Stage | null = a.status;
    if (stage === null) {
      stage = a.percentComplete === 100 ? 'complete' : a.percentComplete === 0 ? 'not_started' : 'in_progress';
      if (a.percentComplete === null) warnings.push({ line: a.line ?? 0, message: `Action ${label} has progress text but no status, so it was recorded as in progress` });
    }
    const percentComplete = a.percentComplete ?? (stage === 'complete' ? 100 : null);
    const history = await this.s.progress.history(this.actor, actionId);
    const latest = history.find((u) => u.correctedBy === null);
    if (latest && latest.as_at === asAt && latest.stage === stage && latest.percent_complete === percentComplete && (latest.narrative ?? null) === a.narrative) {
      this.updates.unchanged++;
      return;
    }
    await this.check(() => this.s.progress.importUpdate(this.actor, actionId, { asAt, stage, statusWord: a.statusWord, percentComplete, narrative: a.narrative }), `Action ${label}`);
    this.updates.created++;
  }

  /** A refusal by a service becomes an import error that says which record it was. */
  private async check<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ValidationError) throw new ImportError(`${what}: ${e.message}`);
      if (e instanceof DomainError) throw e;
      throw e;
    }
  }
}
