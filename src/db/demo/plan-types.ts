import type { ActionTextName } from '../../domain/fields/action-fields.ts';
import { DEFAULT_ACTION_ROLES, type ActionKind, type PlanKind } from '../../domain/vocabulary.ts';

// The shapes of the demo plans, and the numbering of their actions.

/** A demo action; its plain text fields (target, outcome …) are those of src/domain/fields/action-fields.ts. */
export interface DemoAction extends Partial<Record<ActionTextName, string>> {
  code: string;
  title: string;
  role?: string;
  kind: ActionKind;
  startDate?: string;
  dueDate: string;
  leads: string[]; // names or job titles, one lead officer per entry
  impacts?: string[]; // unit codes (linked) or other services and bodies in words
  partnerships?: string[];
  priorities?: string[]; // priority keys
  pledges?: number[];
  carriedFrom?: string; // code of an earlier action this one continues
  exemptParagraph?: number; // restricted: the Schedule 12A paragraph it relies on
}

export interface DemoObjective {
  number: string | null;
  goal?: string; // strategic goal number
  title: string;
  why?: string;
  priorities: string[];
  pledges: number[];
  actions: DemoAction[];
}

export interface DemoPlan {
  unit: string;
  year: string;
  title: string;
  kind: PlanKind;
  vision?: string;
  purpose?: string;
  statutoryDuties?: string;
  areasOfFocus?: string;
  goals: { number: string; title: string }[];
  objectives: DemoObjective[];
}

export type Draft = Omit<DemoAction, 'code'>;
export type DraftObjective = Omit<DemoObjective, 'actions'> & { actions: Draft[] };

/** Numbers the actions of a plan in order (`18-CEX01`, `18-CEX02` …), as the councils' own tables do. */
export function withCodes(prefix: string, objectives: DraftObjective[]): DemoObjective[] {
  let n = 0;
  return objectives.map((o) => ({ ...o, actions: o.actions.map((a) => ({ code: `${prefix}${String(++n).padStart(2, '0')}`, ...a })) }));
}

/** The three default roles an action can play, in the order councils list them. */
export const [LEADER, PROVIDER, ENABLER] = DEFAULT_ACTION_ROLES;

// Lead officers (by job title), the year end and partnership agendas the 2018/19 plans share.
export const YEAR_END = '2019-03-31';
export const COMMS = 'Communications Team Leader';
export const DEMOCRATIC = 'Head of Democratic Services';
export const ELECTORAL = 'Electoral Services Manager';
export const ENGAGE = 'Engagement and Partnerships Team Leader';
export const PERF = 'Performance and Risk Manager';
export const POLICY = 'Head of Policy and Intelligence';
export const DATA = 'Insight and Data Lead';
export const LEGAL = 'Head of Legal Services and Monitoring Officer';
export const COMMUNITY = 'Brackenmoor Community Strategy';
export const GROWTH = 'County Growth Deal';
