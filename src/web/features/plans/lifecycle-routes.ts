import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { fieldLabel, showValue } from '../../../domain/plan-diff.ts';
import type { Services } from '../../../services/index.ts';
import type { VersionRef } from '../../../services/plan-lifecycle.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes, joinDate } from '../../forms.ts';
import { dateFields, emptyForm, formBody, formText, idParams, type WebApp } from '../../schemas.ts';
import { approvePage, comparePage, returnPage, versionsPage, type Comparison } from './presenters.ts';

// The plan lifecycle on the web: submit for approval, approve at a meeting, return to draft with a
// comment, publish; and the plan's versions with what changed between them. The routes are under
// the edit rule; the service refuses a step the role may not take (a lead officer approving, the
// submitter approving their own plan) with 403.

export function registerPlanLifecycleRoutes(app: WebApp, services: Services): void {
  const lifecycle = services.planLifecycle;

  app.post('/plans/:id/submit', { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
    const id = request.params.id;
    await lifecycle.submit(actorOf(request), id);
    return reply.flash('Plan submitted for approval').redirect(`/plans/${id}`, 303);
  });

  app.post('/plans/:id/publish', { schema: { params: idParams, body: emptyForm } }, async (request, reply) => {
    const id = request.params.id;
    await lifecycle.publish(actorOf(request), id);
    return reply.flash('Plan published').redirect(`/plans/${id}`, 303);
  });

  const renderApprove = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, string>, errors?: Record<string, string>, dateParts = { day: '', month: '', year: '' }) => {
    const actor = actorOf(request);
    const plan = await services.plans.editable(actor, id);
    const meetings = await services.committees.meetings(actor);
    return reply.render('plans/approve-form.njk', approvePage({ plan, meetings, values, errors, dateParts }));
  };

  app.get('/plans/:id/approve', { schema: { params: idParams } }, async (request, reply) => renderApprove(request, reply, request.params.id, {}));

  app.post('/plans/:id/approve', { schema: { params: idParams, body: formBody({ meetingId: formText, committee: formText, ...dateFields('approvedOn') }) } }, async (request, reply) => {
    const id = request.params.id;
    const body = request.body;
    // The date of approval comes from the three GOV.UK date boxes; what was typed is shown again on an error.
    const dateParts = dateBoxes(body, 'approvedOn');
    const values = { meetingId: body.meetingId, committee: body.committee, approvedOn: joinDate(body, 'approvedOn') };
    try {
      const number = await lifecycle.approve(actorOf(request), id, values);
      return reply.flash(`Plan approved as version ${number}`).redirect(`/plans/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderApprove(request, reply.code(400), id, values, err.fields, dateParts);
      throw err;
    }
  });

  const renderReturn = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, string>, errors?: Record<string, string>) => {
    const plan = await services.plans.editable(actorOf(request), id);
    return reply.render('plans/return-form.njk', returnPage({ plan, values, errors }));
  };

  app.get('/plans/:id/return', { schema: { params: idParams } }, async (request, reply) => renderReturn(request, reply, request.params.id, {}));

  app.post('/plans/:id/return', { schema: { params: idParams, body: formBody({ comment: formText }) } }, async (request, reply) => {
    const id = request.params.id;
    const values = { comment: request.body.comment };
    try {
      await lifecycle.returnToDraft(actorOf(request), id, values);
      return reply.flash('Plan returned to draft').redirect(`/plans/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderReturn(request, reply.code(400), id, values, err.fields);
      throw err;
    }
  });

  app.get('/plans/:id/versions', { schema: { params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const plan = await services.plans.get(actor, request.params.id);
    const versions = await lifecycle.versions(actor, plan.id);
    return reply.render('plans/versions.njk', versionsPage({ plan, versions }));
  });

  app.get('/plans/:id/versions/compare', { schema: { params: idParams, querystring: z.object({ from: formText, to: formText }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const plan = await services.plans.get(actor, request.params.id);
    const versions = await lifecycle.versions(actor, plan.id);
    const q = request.query;
    const parse = (v: string, fallback: VersionRef): VersionRef => {
      if (v === '') return fallback;
      if (v === 'current') return 'current';
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new NotFoundError(`Version ${v}`);
      return n;
    };
    const latest = versions.at(-1)?.number;
    const render = (data: { comparison: Comparison | null; fromItems?: { value: string; text: string; selected: boolean }[]; toItems?: { value: string; text: string; selected: boolean }[] }) =>
      reply.render('plans/compare.njk', comparePage({ plan, ...data }));
    if (latest === undefined) return render({ comparison: null });
    const from = parse(q.from, latest);
    const to = parse(q.to, 'current');
    const { diff } = await lifecycle.compare(actor, plan.id, from, to);
    const name = (ref: VersionRef) => (ref === 'current' ? 'the plan now' : `version ${ref}`);
    const refItems = (selected: VersionRef) => [
      ...versions.map((v) => ({ value: String(v.number), text: `Version ${v.number}`, selected: selected === v.number })),
      { value: 'current', text: 'The plan now', selected: selected === 'current' },
    ];
    const changes = (list: { field: string; before: Parameters<typeof showValue>[0]; after: Parameters<typeof showValue>[0] }[]) =>
      list.map((c) => ({ field: fieldLabel(c.field), before: showValue(c.before), after: showValue(c.after) }));
    const section = (s: typeof diff.actions) => ({
      added: s.added.map((i) => i.label),
      removed: s.removed.map((i) => i.label),
      changed: s.changed.map((c) => ({ label: c.label, changes: changes(c.changes) })),
    });
    return render({
      comparison: {
        fromName: name(from),
        toName: name(to),
        same: diff.same,
        plan: changes(diff.plan),
        goals: section(diff.goals),
        objectives: section(diff.objectives),
        actions: section(diff.actions),
      },
      fromItems: refItems(from),
      toItems: refItems(to),
    });
  });
}
