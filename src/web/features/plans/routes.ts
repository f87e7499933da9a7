import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../../../domain/errors.ts';
import { availableSteps } from '../../../domain/plan-lifecycle.ts';
import { objectiveFieldsFromColumns } from '../../../domain/fields/objective-fields.ts';
import { EXPORT_FORMATS, type ExportFile } from '../../../services/exports.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formText, idParams, pageNumber, type WebApp } from '../../schemas.ts';
import { asOfQuery, readAsOf } from '../actions/as-of.ts';
import { goalBody, objectiveBody, objectiveForm, planBody, planForm } from './form-bodies.ts';
import { registerPlanLifecycleRoutes } from './lifecycle-routes.ts';
import { goalFormPage, objectiveFormPage, planFormPage, planFormValues, planListPage, planPage } from './presenters.ts';
import { asksNewVersion, newVersionConfirmed, newVersionField, renderNewVersionQuestion, type Carried, type PlanForQuestion } from './new-version.ts';

const confirmQuery = z.object(newVersionField);
/** A plan page's query: the as-at date, and the page of actions of a very large plan. */
const planPageQuery = asOfQuery.extend({ page: pageNumber });
type Asked = { query?: Carried; body?: Carried };

// Service plans, their strategic goals and objectives. The plan page reads like the councils' own
// action-plan tables: objectives with their actions and every field.

export function registerPlanRoutes(app: WebApp, services: Services): void {
  const plans = services.plans;
  registerPlanLifecycleRoutes(app, services);

  const renderPlanForm = async (request: FastifyRequest, reply: FastifyReply, data: { id?: number; version?: number; newVersion?: boolean; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const actor = actorOf(request);
    const [units, years] = await Promise.all([services.organisation.units(actor), services.years.list(actor)]);
    return reply.render('plans/plan-form.njk', planFormPage({ ...data, units, years }));
  };

  app.get('/plans', { schema: { querystring: z.object({ year: formText, service: formText }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    const filter = services.actions.parseFilter({ year: q.year, service: q.service });
    const [all, years, units] = await Promise.all([
      plans.list(actor, { planYearId: filter.year ?? undefined, orgUnitId: filter.service ?? undefined }),
      services.years.list(actor),
      services.organisation.units(actor),
    ]);
    // Each plan's position in words ("2 red, 1 amber, 9 green"), never a colour alone.
    const cards = await services.dashboards.planScorecards(actor, all);
    return reply.render('plans/list.njk', planListPage({ plans: all, cards, years, units, filter }));
  });

  app.get('/plans/new', { schema: { querystring: z.object({ year: formText, service: formText }) } }, async (request, reply) => {
    const q = request.query;
    return renderPlanForm(request, reply, { values: { orgUnitId: q.service, planYearId: q.year, kind: 'service_improvement_plan' } });
  });

  app.post('/plans', { schema: { body: planBody } }, async (request, reply) => {
    const values = planForm(request.body);
    try {
      const id = await plans.create(actorOf(request), values);
      return reply.flash('Plan created').redirect(`/plans/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPlanForm(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  app.get('/plans/:id', { schema: { params: idParams, querystring: planPageQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const detail = await plans.detail(actor, request.params.id);
    const corporate = await services.corporate.overview(actor);
    // Each action's traffic light as at the chosen date (today by default).
    const when = await readAsOf(services, actor, request.query, detail.year.id);
    const all = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives].flatMap((o) => o.actions);
    const positions = when.asOf ? await services.progress.positions(actor, all, when.asOf, { knownOn: when.knownOn }) : [];
    const changes = when.asOf ? await services.changes.since(actor, positions, when.asOf, { knownOn: when.knownOn }) : null;
    return reply.code(when.errors ? 400 : 200).render(
      'plans/view.njk',
      planPage({
        detail,
        priorities: corporate.flatPriorities,
        pledges: corporate.pledges,
        steps: detail.mayChange ? availableSteps({ status: detail.plan.status, submittedBy: detail.plan.submitted_by_user_id }, actor) : [],
        when,
        results: positions.map((p) => ({ actionId: p.action.id, result: p.result })),
        changes,
        page: request.query.page,
        query: request.query,
      }),
    );
  });

  // Exports: the whole plan as CSV, Excel or Waymark JSON, in the importer's own columns.
  for (const format of EXPORT_FORMATS) {
    app.get(`/plans/:id/export.${format}`, { schema: { params: idParams } }, async (request, reply) => sendDownload(reply, await services.exports.plan(actorOf(request), request.params.id, format)));
  }

  /**
   * Every form that changes a plan asks first when the plan is approved or published (see
   * new-version.ts): `ask` gives the question page, or null when the form may go on.
   */
  const ask = (
    reply: FastifyReply,
    plan: PlanForQuestion,
    confirmed: boolean,
    q: { question: string; what: string; formPath: string; postPath: string; query?: Carried | null; body?: Carried | null; cancelHref?: string },
  ) => (asksNewVersion(plan, confirmed) ? renderNewVersionQuestion(reply, { plan, cancelHref: `/plans/${plan.id}`, ...q }) : null);

  const askEditPlan = (reply: FastifyReply, plan: PlanForQuestion, confirmed: boolean, src: Asked) =>
    ask(reply, plan, confirmed, { question: 'Edit this plan?', what: 'the plan', formPath: `/plans/${plan.id}/edit`, postPath: `/plans/${plan.id}`, ...src });

  app.get('/plans/:id/edit', { schema: { params: idParams, querystring: confirmQuery } }, async (request, reply) => {
    const p = await plans.editable(actorOf(request), request.params.id);
    const confirmed = newVersionConfirmed(request.query);
    const question = askEditPlan(reply, p, confirmed, { query: request.query });
    if (question) return question;
    return renderPlanForm(request, reply, {
      id: p.id,
      version: p.version,
      newVersion: confirmed,
      values: planFormValues(p),
    });
  });

  app.post('/plans/:id', { schema: { params: idParams, body: planBody } }, async (request, reply) => {
    const id = request.params.id;
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    const question = askEditPlan(reply, await plans.editable(actorOf(request), id), confirmed, { body });
    if (question) return question;
    const values = planForm(body);
    const version = Number(body.version);
    const form = { id, version, newVersion: confirmed, values };
    try {
      await plans.update(actorOf(request), id, version, values);
      return reply.flash('Plan saved').redirect(`/plans/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderPlanForm(request, reply.code(400), { ...form, errors: err.fields });
      if (err instanceof ConflictError) return renderPlanForm(request, reply.code(409), { ...form, errors: { title: conflictMessage('plan') } });
      throw err;
    }
  });

  // Strategic goals ---------------------------------------------------------------------------

  const renderGoalForm = async (request: FastifyRequest, reply: FastifyReply, data: { planId: number; id?: number; newVersion?: boolean; values: Record<string, unknown>; errors?: Record<string, string> }) => {
    const plan = await plans.editable(actorOf(request), data.planId);
    return reply.render('plans/goal-form.njk', goalFormPage({ plan, ...data }));
  };

  const askNewGoal = (reply: FastifyReply, plan: PlanForQuestion, confirmed: boolean, src: Asked) =>
    ask(reply, plan, confirmed, { question: 'Add a strategic goal to this plan?', what: 'the new strategic goal', formPath: `/plans/${plan.id}/goals/new`, postPath: `/plans/${plan.id}/goals`, ...src });
  const askEditGoal = (reply: FastifyReply, plan: PlanForQuestion, goalId: number, confirmed: boolean, src: Asked) =>
    ask(reply, plan, confirmed, { question: 'Edit this strategic goal?', what: 'the strategic goal', formPath: `/goals/${goalId}/edit`, postPath: `/goals/${goalId}`, ...src });

  app.get('/plans/:id/goals/new', { schema: { params: idParams, querystring: confirmQuery } }, async (request, reply) => {
    const planId = request.params.id;
    const confirmed = newVersionConfirmed(request.query);
    const question = askNewGoal(reply, await plans.editable(actorOf(request), planId), confirmed, { query: request.query });
    return question ?? renderGoalForm(request, reply, { planId, newVersion: confirmed, values: {} });
  });

  app.post('/plans/:id/goals', { schema: { params: idParams, body: goalBody } }, async (request, reply) => {
    const planId = request.params.id;
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    const question = askNewGoal(reply, await plans.editable(actorOf(request), planId), confirmed, { body });
    if (question) return question;
    const values = { number: body.number, title: body.title };
    try {
      await plans.createGoal(actorOf(request), planId, values);
      return reply.flash('Strategic goal added').redirect(`/plans/${planId}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderGoalForm(request, reply.code(400), { planId, newVersion: confirmed, values, errors: err.fields });
      throw err;
    }
  });

  app.get('/goals/:id/edit', { schema: { params: idParams, querystring: confirmQuery } }, async (request, reply) => {
    const g = await plans.goal(actorOf(request), request.params.id);
    const confirmed = newVersionConfirmed(request.query);
    const question = askEditGoal(reply, await plans.editable(actorOf(request), g.plan_id), g.id, confirmed, { query: request.query });
    return question ?? renderGoalForm(request, reply, { planId: g.plan_id, id: g.id, newVersion: confirmed, values: { number: g.number, title: g.title } });
  });

  app.post('/goals/:id', { schema: { params: idParams, body: goalBody } }, async (request, reply) => {
    const id = request.params.id;
    const g = await plans.goal(actorOf(request), id);
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    const question = askEditGoal(reply, await plans.editable(actorOf(request), g.plan_id), id, confirmed, { body });
    if (question) return question;
    const values = { number: body.number, title: body.title };
    try {
      await plans.updateGoal(actorOf(request), id, values);
      return reply.flash('Strategic goal saved').redirect(`/plans/${g.plan_id}#goal-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderGoalForm(request, reply.code(400), { planId: g.plan_id, id, newVersion: confirmed, values, errors: err.fields });
      throw err;
    }
  });

  // Objectives --------------------------------------------------------------------------------

  const renderObjectiveForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { planId: number; id?: number; version?: number; newVersion?: boolean; values: Record<string, unknown>; errors?: Record<string, string> },
  ) => {
    const actor = actorOf(request);
    await plans.editable(actor, data.planId);
    const detail = await plans.detail(actor, data.planId);
    const corporate = await services.corporate.overview(actor);
    return reply.render('plans/objective-form.njk', objectiveFormPage({ plan: detail.plan, goals: detail.goals, priorities: corporate.flatPriorities, pledges: corporate.pledges, ...data }));
  };

  const askNewObjective = (reply: FastifyReply, plan: PlanForQuestion, confirmed: boolean, src: Asked) =>
    ask(reply, plan, confirmed, { question: 'Add an objective to this plan?', what: 'the new objective', formPath: `/plans/${plan.id}/objectives/new`, postPath: `/plans/${plan.id}/objectives`, ...src });
  const askEditObjective = (reply: FastifyReply, plan: PlanForQuestion, objectiveId: number, confirmed: boolean, src: Asked) =>
    ask(reply, plan, confirmed, { question: 'Edit this objective?', what: 'the objective', formPath: `/objectives/${objectiveId}/edit`, postPath: `/objectives/${objectiveId}`, ...src });

  app.get('/plans/:id/objectives/new', { schema: { params: idParams, querystring: z.object({ goal: formText, ...newVersionField }) } }, async (request, reply) => {
    const planId = request.params.id;
    const q = request.query;
    const confirmed = newVersionConfirmed(q);
    const question = askNewObjective(reply, await plans.editable(actorOf(request), planId), confirmed, { query: q });
    return question ?? renderObjectiveForm(request, reply, { planId, newVersion: confirmed, values: { goalId: q.goal, priorityIds: [], pledgeIds: [] } });
  });

  app.post('/plans/:id/objectives', { schema: { params: idParams, body: objectiveBody } }, async (request, reply) => {
    const planId = request.params.id;
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    const question = askNewObjective(reply, await plans.editable(actorOf(request), planId), confirmed, { body });
    if (question) return question;
    const values = objectiveForm(body);
    try {
      const id = await plans.createObjective(actorOf(request), planId, values);
      return reply.flash('Objective added').redirect(`/plans/${planId}#objective-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderObjectiveForm(request, reply.code(400), { planId, newVersion: confirmed, values, errors: err.fields });
      throw err;
    }
  });

  app.get('/objectives/:id/edit', { schema: { params: idParams, querystring: confirmQuery } }, async (request, reply) => {
    const o = await plans.objective(actorOf(request), request.params.id);
    const confirmed = newVersionConfirmed(request.query);
    const question = askEditObjective(reply, await plans.editable(actorOf(request), o.plan_id), o.id, confirmed, { query: request.query });
    if (question) return question;
    return renderObjectiveForm(request, reply, {
      planId: o.plan_id,
      id: o.id,
      version: o.version,
      newVersion: confirmed,
      values: { ...objectiveFieldsFromColumns(o), goalId: o.goal_id ?? '', priorityIds: o.priorityIds.map(String), pledgeIds: o.pledgeIds.map(String) },
    });
  });

  app.post('/objectives/:id', { schema: { params: idParams, body: objectiveBody } }, async (request, reply) => {
    const id = request.params.id;
    const o = await plans.objective(actorOf(request), id);
    const body = request.body;
    const confirmed = newVersionConfirmed(body);
    const question = askEditObjective(reply, await plans.editable(actorOf(request), o.plan_id), id, confirmed, { body });
    if (question) return question;
    const values = objectiveForm(body);
    const version = Number(body.version);
    const form = { planId: o.plan_id, id, version, newVersion: confirmed, values };
    try {
      await plans.updateObjective(actorOf(request), id, version, values);
      return reply.flash('Objective saved').redirect(`/plans/${o.plan_id}#objective-${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderObjectiveForm(request, reply.code(400), { ...form, errors: err.fields });
      if (err instanceof ConflictError) return renderObjectiveForm(request, reply.code(409), { ...form, errors: { title: conflictMessage('objective') } });
      throw err;
    }
  });
}

/** Sends an export as a download with its own file name. */
export function sendDownload(reply: FastifyReply, file: ExportFile): FastifyReply {
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/gu, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function conflictMessage(what: string): string {
  return `Someone else saved a change to this ${what} after you opened it. Your changes have not been saved: open the ${what} again to see the latest version, then make your changes.`;
}
