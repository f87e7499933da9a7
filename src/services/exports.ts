import { actionTextFromColumns } from '../domain/fields/action-fields.ts';
import { PLAN_FIELDS, planFieldsFromColumns } from '../domain/fields/plan-fields.ts';
import type { ParsedAction, ParsedObjective, PlanMeta } from '../domain/import-tables.ts';
import { EXPORT_COLUMNS, exportRows, goalLabel, LIGHT_COLUMNS, type ActionLight, type ExportCell } from '../domain/plan-export.ts';
import type { Stage } from '../domain/stages.ts';
import { PLAN_KIND_LABELS, type ActionKind, type PlanKind } from '../domain/vocabulary.ts';
import { toCsv, toJson, toXlsx } from '../import/writers.ts';
import type { ActionLinks, ActionRow, ProgressUpdateRow } from '../db/repositories/index.ts';
import type { ActionFilterValues, ActionService } from './actions.ts';
import type { Actor } from './context.ts';
import type { PlanService } from './plans.ts';
import type { Position, ProgressService } from './progress.ts';

// Exports a plan, or any filtered list of actions, with the latest progress, as CSV, XLSX or JSON.
// The files use the importer's own column names, so an export imports back to the same plan. CSV
// and XLSX also give each action's traffic light and expected % as at the day of the export, from
// the same positions the plan and action pages show (ProgressService.positions).

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

function toParsed(a: ActionRow & ActionLinks, latest: ProgressUpdateRow | null): ParsedAction {
  return {
    code: a.code,
    title: a.title,
    role: a.role,
    ...actionTextFromColumns(a),
    dueDate: a.due_date,
    leadOfficers: a.leads.map((l) => l.name),
    impactedServices: a.impacts.map((i) => i.name),
    partnershipLinks: [...a.partnerships],
    status: (latest?.stage as Stage | undefined) ?? null,
    percentComplete: latest?.percent_complete ?? null,
    narrative: latest?.narrative ?? null,
    statusWord: latest?.status_word ?? null,
    kind: a.kind as ActionKind,
    startDate: a.start_date,
    revisedDueDate: a.revised_due_date,
    weight: a.weight,
    asAt: latest?.as_at ?? null,
    // Only readers with access to restricted items get restricted actions at all (the services filter them).
    exemptParagraph: a.exempt_paragraph ?? null,
  };
}

/** The action for the file, its traffic light noted in `lights` for the CSV and XLSX columns. */
function withLight(lights: Map<ParsedAction, ActionLight>, a: ActionRow & ActionLinks, position: Position | undefined): ParsedAction {
  const parsed = toParsed(a, position?.latest ?? null);
  if (position) lights.set(parsed, { rag: position.result.rag, overdue: position.result.overdue, expectedPercent: position.result.expectedPercent });
  return parsed;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '');

export class ExportService {
  constructor(
    private readonly plans: PlanService,
    private readonly actions: ActionService,
    private readonly progress: ProgressService,
  ) {}

  /** A whole plan: goals, objectives (even those without actions) and actions with their latest progress. */
  async plan(actor: Actor, planId: number, format: ExportFormat): Promise<ExportFile> {
    const d = await this.plans.detail(actor, planId);
    const all = [...d.goals.flatMap((g) => g.objectives.map((o) => ({ o, goal: goalLabel(g) }))), ...d.objectives.map((o) => ({ o, goal: null }))]
      .sort((x, y) => x.o.position - y.o.position || x.o.id - y.o.id);
    const positions = await this.positions(actor, all.flatMap(({ o }) => o.actions));
    const lights = new Map<ParsedAction, ActionLight>();
    const parsed = (a: ActionRow & ActionLinks): ParsedAction => withLight(lights, a, positions.get(a.id));
    const objectives: ParsedObjective[] = all.map(({ o, goal }) => ({
      number: o.number,
      title: o.title,
      why: o.why,
      goal,
      actions: o.actions.map(parsed),
    }));
    const meta: PlanMeta = {
      org: { code: d.unit.code, name: d.unit.name },
      year: d.year.label,
      ...planFieldsFromColumns(d.plan),
    };
    const name = `${slug(d.unit.code)}-${slug(d.year.label)}-plan`;
    return this.file(format, name, objectives, meta, exportRows(objectives, EXPORT_COLUMNS, (a) => lights.get(a)));
  }

  /**
   * Any filtered list of actions, grouped by plan and objective, with the service and year first.
   * `only` narrows it further to these action ids (the action list's light and stage filters).
   */
  async list(actor: Actor, filter: ActionFilterValues, format: ExportFormat, only?: ReadonlySet<number>): Promise<ExportFile> {
    const rows = (await this.actions.list(actor, filter)).filter((a) => !only || only.has(a.id));
    const positions = await this.positions(actor, rows);
    const lights = new Map<ParsedAction, ActionLight>();
    const groups = new Map<string, { service: string; year: string; objective: ParsedObjective }>();
    for (const a of rows) {
      const key = `${a.plan_id}|${a.objective_id}`;
      let g = groups.get(key);
      if (!g) {
        g = { service: a.orgName, year: a.yearLabel, objective: { number: a.objectiveNumber, title: a.objectiveTitle, why: null, goal: null, actions: [] } };
        groups.set(key, g);
      }
      g.objective.actions.push(withLight(lights, a, positions.get(a.id)));
    }
    const header: ExportCell[] = ['Service', 'Plan year', ...EXPORT_COLUMNS.map((c) => c.header), ...LIGHT_COLUMNS.map((c) => c.header)];
    const body = [...groups.values()].flatMap((g) =>
      exportRows([g.objective], EXPORT_COLUMNS, (a) => lights.get(a))
        .slice(1)
        .map((r) => [g.service, g.year, ...r]),
    );
    return this.file(format, 'actions', [...groups.values()].map((g) => g.objective), null, [header, ...body], true);
  }

  /** Each action's position as at today: its latest update and its traffic light. */
  private async positions(actor: Actor, actions: ActionRow[]): Promise<Map<number, Position>> {
    const positions = await this.progress.positions(actor, actions, this.progress.today());
    return new Map(positions.map((p) => [p.action.id, p]));
  }

  private async file(format: ExportFormat, name: string, objectives: ParsedObjective[], meta: PlanMeta | null, rows: ExportCell[][], withContext = false): Promise<ExportFile> {
    const filename = `${name}.${format}`;
    const contentType = CONTENT_TYPES[format];
    if (format === 'csv') return { filename, contentType, body: toCsv(rows) };
    if (format === 'json') {
      return { filename, contentType, body: toJson({ format: 'waymark-plan', version: 1, exportedAt: new Date(`${this.progress.today()}T00:00:00Z`).toISOString(), plan: meta, objectives }) };
    }
    const columns = [...(withContext ? [{ header: 'Service', type: 'text' as const }, { header: 'Plan year', type: 'text' as const }] : []), ...EXPORT_COLUMNS, ...LIGHT_COLUMNS];
    const planFields: [string, string | null][] = meta
      ? [
          ['Organisation code', meta.org?.code ?? null],
          ['Organisation', meta.org?.name ?? null],
          ['Year', meta.year],
          // The plan's own fields under their export headers (src/domain/fields/plan-fields.ts), the kind in words.
          ...PLAN_FIELDS.filter((f) => f.export && f.exportHeader !== null).map((f): [string, string | null] => {
            const v = meta[f.name];
            return [f.exportHeader!, f.name === 'kind' && v ? (PLAN_KIND_LABELS[v as PlanKind] ?? v) : v];
          }),
        ]
      : [];
    return { filename, contentType, body: await toXlsx(columns, rows.slice(1), planFields) };
  }
}
