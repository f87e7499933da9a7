import { formatUkDate } from '../../../domain/dates.ts';
import { ACTION_TEXT_FIELDS } from '../../../domain/fields/action-fields.ts';
import { FIELD_LABELS, FIELDS, type Field, type ParsedAction, type ParsedObjective, type ParsedPlan } from '../../../domain/import-tables.ts';
import { ACTION_KIND_LABELS } from '../../../domain/vocabulary.ts';
import type { ImportFormat, ImportOutcome } from '../../../services/imports.ts';
import { radioItems, selectItems, type Item } from '../../items.ts';
import { MAX_COLUMNS, type TargetValues } from './fields.ts';

// The imports pages' view models: the upload form (new.njk), the preview with its column mapping
// (preview.njk), and the target fields both of them show (target.njk); and the flash message
// after an import. Each is a pure function of what the routes read from the services.

type FormatChoice = ImportFormat | 'auto';
type Errors = Record<string, string> | undefined;
/** A plan as the target fields offer it. */
type PlanOption = { id: number; title: string; orgCode: string; yearLabel: string; status: string };

export const FORMAT_CHOICES: readonly { value: FormatChoice; text: string }[] = [
  { value: 'auto', text: 'Work it out for me' },
  { value: 'paste', text: 'Pasted table (copied from Word, Excel or a PDF)' },
  { value: 'csv', text: 'CSV' },
  { value: 'xlsx', text: 'Excel workbook (.xlsx)' },
  { value: 'docx', text: 'Word document (.docx)' },
  { value: 'records', text: 'Records (Label: value blocks)' },
  { value: 'json', text: 'Waymark JSON (exported from Waymark)' },
  { value: 'decidim', text: 'Decidim accountability CSV' },
];
const FORMAT_LABELS = Object.fromEntries(FORMAT_CHOICES.map((f) => [f.value, f.text])) as Record<FormatChoice, string>;

const TARGETS = ['plan', 'new'] as const;
const TARGET_LABELS: Record<string, string> = { plan: 'An existing plan', new: 'A new plan, or the plan of another service or year' };
const TARGET_HINTS: Record<string, string> = {
  plan: 'Choose the plan below.',
  new: 'Give the org unit short code and the plan year below. Any that do not exist yet are created.',
};

const plansCrumb = { text: 'Plans', href: '/plans' };

/** The target fields (target.njk): the two choices, each with its hint, and the plans to choose from. */
function targetChoices(target: string, planId: string, plans: readonly PlanOption[]) {
  return {
    targetItems: radioItems(TARGETS, (t) => TARGET_LABELS[t] ?? t, target).map((i) => ({ ...i, hint: { text: TARGET_HINTS[i.value] ?? '' } })),
    planItems: selectItems(plans, (p) => p.id, (p) => `${p.title} (${p.orgCode}, ${p.yearLabel})`, planId, 'Choose a plan'),
  };
}

/** GET /imports/new, and the form given back when an upload is refused. */
export function importNewPage(input: { plans: readonly PlanOption[]; maxMb: number; values: Record<string, string>; errors?: Errors }) {
  const v = input.values;
  return {
    title: 'Import a plan',
    section: 'plans',
    maxMb: input.maxMb,
    formatItems: selectItems(FORMAT_CHOICES, (f) => f.value, (f) => f.text, v.format || 'auto'),
    ...targetChoices(v.target ?? '', v.planId ?? '', input.plans),
    breadcrumbs: [plansCrumb],
    errorAnchors: { target: 'target' },
    values: { ...v },
    ...('errors' in input ? { errors: input.errors } : {}),
  };
}

/**
 * The target the preview offers: as chosen, or, with none chosen, the plan a Waymark export names
 * (with its unit's name when a new unit is needed for its code).
 */
export function previewTarget(chosen: TargetValues, meta: ParsedPlan['plan']): TargetValues {
  const target = { ...chosen };
  if (target.target === '' && meta?.org?.code && meta.year) Object.assign(target, { target: 'new', orgCode: meta.org.code, year: meta.year });
  if (target.newUnitName === '' && meta?.org?.name && meta.org.code.toUpperCase() === target.orgCode.trim().toUpperCase()) target.newUnitName = meta.org.name;
  return target;
}

/** The choices for one column of the mapping: "Not imported", then every field. */
function mappingItems(selected: string): Item[] {
  return [{ value: '', text: 'Not imported', selected: selected === '' }, ...FIELDS.map((f) => ({ value: f, text: FIELD_LABELS[f], selected: f === selected }))];
}

/**
 * Everything read for an action beyond the preview table's own columns, as label and text, so no
 * column the import reads is hidden from the person checking it.
 */
function actionDetails(a: ParsedAction): { label: string; text: string }[] {
  const list = (xs: string[]): string | null => (xs.length ? xs.join('; ') : null);
  const exempt = a.exemptParagraph === undefined || a.exemptParagraph === null ? null : a.exemptParagraph === false ? 'No (open)' : `Yes: paragraph ${a.exemptParagraph}`;
  const rows: [Field, string | null][] = [
    ['role', a.role],
    ['kind', a.kind ? ACTION_KIND_LABELS[a.kind] : null],
    ['startDate', a.startDate ? formatUkDate(a.startDate) : null],
    ['weight', a.weight !== null ? String(a.weight) : null],
    // The plain text fields (src/domain/fields/action-fields.ts).
    ...ACTION_TEXT_FIELDS.map((f): [Field, string | null] => [f.importField as Field, a[f.name]]),
    ['impacts', list(a.impactedServices)],
    ['partnerships', list(a.partnershipLinks)],
    ['asAt', a.asAt ? formatUkDate(a.asAt) : null],
    ['exempt', exempt],
  ];
  return rows.filter((r): r is [Field, string] => r[1] !== null && r[1] !== '').map(([f, t]) => ({ label: FIELD_LABELS[f], text: t }));
}

/** An action as the preview's table shows it: its columns, dates written out, and every other field read. */
const previewAction = (a: ParsedAction) => ({
  code: a.code,
  title: a.title,
  details: actionDetails(a),
  leadOfficers: [...a.leadOfficers],
  dueDate: formatUkDate(a.dueDate),
  revisedDueDate: formatUkDate(a.revisedDueDate),
  status: a.status,
  statusWord: a.statusWord,
  percentComplete: a.percentComplete,
  narrative: a.narrative,
});

const previewObjective = (o: ParsedObjective) => ({ number: o.number, title: o.title, why: o.why, goal: o.goal, actions: o.actions.map(previewAction) });

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** GET /imports/:id, and the preview given back when a confirmation is refused. */
export function importPreviewPage(input: {
  id: string;
  source: { filename?: string; format?: FormatChoice };
  /** What the import would bring in, or null when the chosen mapping cannot be read. */
  preview: { format: ImportFormat; plan: ParsedPlan; actionCount: number; updateCount: number } | null;
  /** The columns to map: the preview's, or (when it failed) those read by the file's own header. */
  columns: { headers: readonly string[]; mapping: readonly (Field | null)[] } | null;
  /** The values chosen for each column (`col0`, `col1` …), or null for the mapping read from the header. */
  chosen: readonly string[] | null;
  /** The target as previewTarget gives it. */
  target: TargetValues;
  /** Whether the target names an org unit short code the council does not have. */
  unknownUnit: boolean;
  plans: readonly PlanOption[];
  errors: Record<string, string>;
}) {
  const { preview, target, errors } = input;
  const headers = (input.columns?.headers ?? []).slice(0, MAX_COLUMNS);
  const selected = headers.map((_, i) => (input.chosen ? (input.chosen[i] ?? '') : (input.columns?.mapping[i] ?? '')));
  const meta = preview?.plan.plan ?? null;
  const sheetTitle = preview?.plan.sheetTitle ?? null;
  const orgCode = target.orgCode.trim().toUpperCase();
  // Importing into an approved (or published) plan changes it: say so, as the plan's own forms ask.
  const into = input.plans.find((p) => (target.target === 'plan' ? String(p.id) === target.planId : target.target === 'new' && p.orgCode === orgCode && p.yearLabel === target.year.trim()));
  const objectives = (preview?.plan.objectives ?? []).map(previewObjective);
  const actionCount = preview?.actionCount ?? 0;
  const hasErrors = Object.keys(errors).length > 0;
  return {
    title: 'Check the import',
    section: 'plans',
    wide: true,
    id: input.id,
    sourceName: input.source.filename || 'Pasted text',
    formatLabel: preview ? FORMAT_LABELS[preview.format] : FORMAT_LABELS[input.source.format ?? 'auto'],
    preview: preview ? { actionCount: preview.actionCount, updateCount: preview.updateCount } : null,
    objectives,
    warnings: (preview?.plan.warnings ?? []).map((w) => ({ line: w.line, message: w.message })),
    meta: meta ? { title: meta.title, org: meta.org ? { code: meta.org.code } : null, year: meta.year } : null,
    sheetTitle: sheetTitle ? { title: sheetTitle.title, line: sheetTitle.line } : null,
    // Say before importing that a new org unit will be made, and with which name.
    newUnit: input.unknownUnit ? { code: orgCode, name: target.newUnitName.trim() } : null,
    approvedTarget: into && (into.status === 'approved' || into.status === 'published') ? into.title : null,
    mappingSelects: headers.map((h, i) => ({
      id: `col${i}`,
      label: h ? `Column ${i + 1}: ${h}` : `Column ${i + 1} (no heading)`,
      items: mappingItems(selected[i] ?? ''),
      error: errors[`col${i}`],
    })),
    mappingValues: selected,
    target: { ...target },
    ...targetChoices(target.target, target.planId, input.plans),
    canConfirm: preview !== null && !Object.keys(errors).some((k) => k.startsWith('col') || k === 'mapping'),
    confirmText: actionCount > 0 || objectives.length === 0 ? `Import ${count(actionCount, 'action')}` : `Import ${count(objectives.length, 'objective')}`,
    errors: hasErrors ? { ...errors } : undefined,
    errorAnchors: { target: 'target', mapping: headers.length ? 'col0' : 'preview-heading', import: 'preview-heading' },
    breadcrumbs: [plansCrumb, { text: 'Import a plan', href: '/imports/new' }],
  };
}

/** The flash message after an import: where it went, what changed, and what had to be created. */
export function importSummary(o: Pick<ImportOutcome, 'orgCode' | 'year' | 'objectives' | 'actions' | 'updates' | 'notes'>): string {
  const parts = [
    `Imported into ${o.orgCode} ${o.year}.`,
    `Objectives: ${o.objectives.created} created, ${o.objectives.updated} updated, ${o.objectives.unchanged} unchanged.`,
    `Actions: ${o.actions.created} created, ${o.actions.updated} updated, ${o.actions.unchanged} unchanged.`,
    `Progress updates: ${o.updates.created} recorded, ${o.updates.unchanged} unchanged.`,
    ...o.notes.map((n) => (/[.!?]$/u.test(n) ? n : `${n}.`)),
  ];
  const summary = parts.join(' ');
  // The page shows at most 600 characters of a flash message.
  return summary.length > 600 ? `${summary.slice(0, 599)}…` : summary;
}
