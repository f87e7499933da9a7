import { z } from 'zod';
import { normaliseCode } from '../domain/action-codes.ts';
import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS, actionDateField, type ActionDateName, type ActionTextName } from '../domain/fields/action-fields.ts';
import { ACTION_KINDS } from '../domain/vocabulary.ts';
import type { ActionLinks, ActionListRow, ActionRow, ObjectiveRow, OrgUnitRow, PersonRow, ServicePlanRow, PlanYearRow } from '../db/repositories/index.ts';
import { checkRestriction, restrictionFields } from './restriction.ts';
import { capitalise, idList, nameList, oneOf, optionalDate, optionalId, optionalText, requiredId, requiredText, type Loose } from './validation.ts';

// What the action forms say (checked here) and what the action pages are given (src/services/actions.ts).

/** The plain text fields (src/domain/fields/action-fields.ts): optional, each with its own length limit. */
const textFields = Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, optionalText(f.message, f.maxLength)])) as Record<ActionTextName, ReturnType<typeof optionalText>>;
/** The dates (the same list): optional, as ISO or the GOV.UK date input's day, month and year. */
const dateFields = Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, optionalDate(f.message)])) as Record<ActionDateName, ReturnType<typeof optionalDate>>;

export const actionSchema = z
  .object({
    objectiveId: requiredId('the objective this action serves'),
    code: z.preprocess((v) => (typeof v === 'string' ? normaliseCode(v) : v), z.string().max(30, 'Action code must be 30 characters or fewer').regex(/^[A-Za-z0-9./_-]*$/, 'Action code must use only letters, numbers, dots and hyphens, like 15-CEC01').default('')),
    title: requiredText('the action', 1000),
    role: optionalText('role', 200),
    ...textFields,
    kind: oneOf(ACTION_KINDS, 'the kind of action'),
    ...dateFields,
    weight: z.preprocess((v) => (v === '' || v === undefined || v === null ? 1 : typeof v === 'string' ? Number(v) : v), z.number({ error: 'Weight must be a whole number from 1 to 100' }).int('Weight must be a whole number from 1 to 100').min(1, 'Weight must be a whole number from 1 to 100').max(100, 'Weight must be a whole number from 1 to 100')),
    leads: nameList('lead officers', 300),
    leadPersonIds: idList('lead officers'),
    impactedUnitIds: idList('impacted services'),
    impactsOther: nameList('other impacted services', 300),
    partnerships: nameList('partnership links', 300),
    priorityIds: idList('corporate priorities'),
    pledgeIds: idList('pledges'),
    carriedFromId: optionalId('action carried from'),
    // Left out (an import, say), an action keeps the restriction it has.
    ...restrictionFields('action'),
  })
  .superRefine((v, ctx) => {
    // A date that may not come before another ("Due date must be the same as or after the start date").
    for (const f of ACTION_DATE_FIELDS) {
      if (!f.notBefore) continue;
      const other = actionDateField(f.notBefore as ActionDateName);
      const [date, earliest] = [v[f.name], v[other.name]];
      if (date && earliest && date < earliest) ctx.addIssue({ code: 'custom', path: [f.name], message: `${capitalise(f.message)} must be the same as or after the ${other.message}` });
    }
    checkRestriction(v, ctx, 'action');
  });
export type ActionInput = Loose<z.input<typeof actionSchema>>;

export const filterSchema = z.object({
  service: optionalId('service'),
  year: optionalId('plan year'),
  objective: optionalId('objective'),
  priority: optionalId('corporate priority'),
  pledge: optionalId('pledge'),
  person: optionalId('person'),
  lead: optionalText('lead officer', 200),
  search: optionalText('search', 200),
  dueFrom: optionalDate('due from date'),
  dueTo: optionalDate('due to date'),
});
export type ActionFilterInput = Loose<z.input<typeof filterSchema>>;
export type ActionFilterValues = z.output<typeof filterSchema>;

export type ActionWithLinks = ActionListRow & ActionLinks;

export interface ActionDetail {
  action: ActionRow & ActionLinks;
  plan: ServicePlanRow;
  unit: OrgUnitRow;
  year: PlanYearRow;
  objective: ObjectiveRow;
  priorities: { id: number; title: string }[];
  pledges: { id: number; number: number; text: string }[];
  carriedFrom: { id: number; code: string; yearLabel: string } | null;
  /** Carried over from a restricted action the reader may not see. */
  carriedFromHidden: boolean;
  /** Whether the reader may edit the action (its plan is in their reach). */
  mayChange: boolean;
}

export interface ActionFormOptions {
  plan: ServicePlanRow;
  unit: OrgUnitRow;
  year: PlanYearRow;
  roles: string[];
  objectives: ObjectiveRow[];
  people: PersonRow[];
  units: OrgUnitRow[];
  priorities: { id: number; title: string; depth: number }[];
  pledges: { id: number; number: number; text: string }[];
  suggestedCode: string;
}
