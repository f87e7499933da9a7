import { z } from 'zod';
import { OBJECTIVE_FIELDS } from '../../../domain/fields/objective-fields.ts';
import { PLAN_FIELDS } from '../../../domain/fields/plan-fields.ts';
import { postedValues } from '../../forms.ts';
import { formBody, formList, formText, listBody } from '../../schemas.ts';
import { newVersionField } from './new-version.ts';

// The plan, goal and objective forms as posted, and their values for the plan service. A plan's
// and an objective's own fields (title, kind, vision …; number, title, why) come from their field
// lists (src/domain/fields/); the service, year, goal, priorities and pledges are relations.

export const planBody = formBody({
  orgUnitId: formText,
  planYearId: formText,
  ...listBody(PLAN_FIELDS),
  version: formText,
  ...newVersionField,
});

export const goalBody = formBody({ number: formText, title: formText, ...newVersionField });

export const objectiveBody = formBody({ ...listBody(OBJECTIVE_FIELDS), goalId: formText, priorityIds: formList, pledgeIds: formList, version: formText, ...newVersionField });

/** The plan form as posted. */
export const planForm = (b: z.output<typeof planBody>) => ({ orgUnitId: b.orgUnitId, planYearId: b.planYearId, ...postedValues(PLAN_FIELDS, b) });

/** The objective form as posted. */
export const objectiveForm = (b: z.output<typeof objectiveBody>) => ({ ...postedValues(OBJECTIVE_FIELDS, b), goalId: b.goalId, priorityIds: b.priorityIds, pledgeIds: b.pledgeIds });
