import { ACTION_KIND_LABELS, ACTION_KINDS, type ActionKind } from '../../../domain/vocabulary.ts';
import { checkboxItems, radioItems, restrictionItems, selectItems, type Item } from '../../items.ts';
import type { DateParts } from './as-of.ts';
import { plansCrumb } from './presenters.ts';

// The actions' forms as view models: the action form (new and edit), the progress update form
// (record, correct, and the page that says someone else's update got in first) and the merge page
// (someone else saved the action first).

type Errors = Record<string, string> | undefined;
type PlanRef = { id: number; title: string };

const planCrumbs = (plan: PlanRef) => [plansCrumb, { text: plan.title, href: `/plans/${plan.id}` }];
const actionCrumbs = (plan: PlanRef, action: { id: number; code: string }) => [...planCrumbs(plan), { text: action.code, href: `/actions/${action.id}` }];

/** /plans/:id/actions/new and /actions/:id/edit (and the form again with its errors). */
export function actionFormPage(input: {
  options: {
    plan: PlanRef;
    unit: { id: number };
    suggestedCode: string;
    roles: readonly string[];
    objectives: readonly { id: number; number: string | null; title: string }[];
    units: readonly { id: number; name: string }[];
    priorities: readonly { id: number; title: string; depth: number }[];
    pledges: readonly { id: number; number: number | string; text: string }[];
  };
  planId: number;
  id?: number;
  version?: number;
  original?: string;
  newVersion?: boolean;
  values: Record<string, unknown>;
  dates: Record<string, unknown>;
  errors?: Errors;
  errorAnchors: Record<string, string>;
}) {
  const { options: o, errorAnchors, ...data } = input;
  const v = data.values;
  const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  return {
    title: data.id ? `Edit action ${str(v.code)}` : 'Add an action',
    section: 'actions',
    plan: { id: o.plan.id, title: o.plan.title },
    suggestedCode: o.suggestedCode,
    objectiveItems: selectItems(o.objectives, (x) => x.id, (x) => `${x.number ? `${x.number} ` : ''}${x.title}`.slice(0, 120), v.objectiveId, 'Select an objective'),
    roleItems: selectItems(o.roles, (r) => r, (r) => r, v.role, 'Not set'),
    kindItems: radioItems(ACTION_KINDS, (k) => ACTION_KIND_LABELS[k as ActionKind], v.kind),
    unitItems: checkboxItems(o.units.filter((u) => u.id !== o.unit.id), (u) => u.id, (u) => u.name, v.impactedUnitIds),
    priorityItems: checkboxItems(o.priorities, (p) => p.id, (p) => `${'– '.repeat(p.depth)}${p.title}`, v.priorityIds),
    pledgeItems: checkboxItems(o.pledges, (p) => p.id, (p) => `Pledge ${p.number}: ${p.text}`, v.pledgeIds),
    ...restrictionItems(v.restricted, v.exemptParagraph, 'No, it is open'),
    breadcrumbs: planCrumbs(o.plan),
    errorAnchors,
    ...data,
  };
}

type Conflict = {
  reason: string;
  message: string;
  author: string;
  when: string;
  rows: { label: string; theirs: string; yours: string; differs: boolean }[];
};

/** /actions/:id/updates/new (and the form again after a refusal, an error or someone else's update). */
export function updateFormPage(input: {
  action: { id: number; code: string; title: string };
  plan: PlanRef;
  year: { label: string };
  actionId: number;
  values: Record<string, string>;
  asAt: DateParts;
  periodItems: Item[];
  periodNotice: string | null;
  statusItems: Item[];
  overrideItems: unknown[];
  correctsText: string | null;
  errors?: Errors;
  errorAnchors: Record<string, string>;
  conflict: Conflict | null;
}) {
  const { action, plan, values, errors } = input;
  return {
    title: input.correctsText ? `Correct a progress update for ${action.code}` : `Record a progress update for ${action.code}`,
    section: 'actions',
    action: { id: action.id, code: action.code, title: action.title },
    year: { label: input.year.label },
    periodItems: input.periodItems,
    periodNotice: input.periodNotice,
    statusItems: input.statusItems,
    overrideItems: input.overrideItems,
    ...restrictionItems(values.restricted, values.exemptParagraph, 'No, it is open'),
    overrideOpen: Boolean(values.ragOverride || values.overrideReason || errors?.ragOverride || errors?.overrideReason),
    correctsText: input.correctsText,
    breadcrumbs: actionCrumbs(plan, action),
    errorAnchors: input.errorAnchors,
    actionId: input.actionId,
    values,
    asAt: input.asAt,
    errors,
    conflict: input.conflict,
  };
}

/** The merge page (409): their saved version and this editor's, field by field, each with a choice. */
export function mergePage(input: {
  plan: PlanRef;
  action: { id: number; code: string; version: number };
  newVersion: boolean;
  original: string;
  mine: string;
  savedBy: string;
  savedSelf: boolean;
  savedAt: string;
  rows: { field: string; label: string; note: string; theirs: string[]; mine: string[]; proposed: 'theirs' | 'mine' }[];
  automatic: { label: string; side: string }[];
  bothChanged: string[];
  unattributed: string[];
}) {
  const { plan, action: a } = input;
  return {
    title: `Edit action ${a.code}`,
    section: 'actions',
    plan: { id: plan.id, title: plan.title },
    id: a.id,
    newVersion: input.newVersion,
    version: a.version,
    original: input.original,
    mine: input.mine,
    savedBy: input.savedBy,
    savedSelf: input.savedSelf,
    savedAt: input.savedAt,
    rows: input.rows.map((r) => ({
      field: r.field,
      label: r.label,
      note: r.note,
      theirs: r.theirs,
      mine: r.mine,
      items: (['theirs', 'mine'] as const).map((side) => ({ value: side, text: side === 'theirs' ? 'Keep theirs' : 'Use mine', checked: r.proposed === side })),
    })),
    automatic: input.automatic,
    bothChanged: input.bothChanged,
    unattributed: input.unattributed,
    errors: {
      merge: input.savedSelf
        ? 'This action was saved again (by you, in another tab or window) after you opened it. Your changes here have not been saved yet: choose which version of each field to keep.'
        : 'Someone else saved a change to this action after you opened it. Your changes have not been saved yet: choose which version of each field to keep.',
    },
    errorAnchors: { merge: 'merge' },
    breadcrumbs: actionCrumbs(plan, a),
  };
}
