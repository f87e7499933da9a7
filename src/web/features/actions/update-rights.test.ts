import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import { eachDialect } from '../../../../test/support/databases.ts';
import { pageText, signedInClient, TEST_PASSWORD, type Fields, type HttpClient } from '../../../../test/support/http.ts';

// Who may record a progress update, through the web, on both databases: the union of "leads this
// action" and "heads this unit" (src/domain/permissions.ts, canUpdateAction). The bug this guards: a
// head of service opened "Add a progress update" for an action he leads in another service's plan,
// and saving gave a bare 403 page that lost what he had typed.
//
// "Today" is 1 October 2018: the second quarter of 2018/19 takes updates.

const TODAY = new Date('2018-10-01T12:00:00Z');

eachDialect(
  'who may record a progress update (web)',
  (ctx) => {
    let app: FastifyInstance;
    let actor: Actor;
    let head: HttpClient; // Harriet Hale, head of service of DEM
    let lead: HttpClient; // Liam Lowe, lead officer in CEC
    const ids = { q2: 0, ledByHeadInCec: 0, ledByLeadInCec: 0, ledByLeadInDem: 0 };
    const form = (narrative: string, extra: Fields = {}): Fields => ({
      periodId: String(ids.q2),
      'asAt-day': '30',
      'asAt-month': '9',
      'asAt-year': '2018',
      statusWord: 'IN PROGRESS',
      percentComplete: '40',
      narrative,
      nextSteps: 'Agree the timetable with the clerks',
      ...extra,
    });
    const updates = async (actionId: number) => (await ctx.services.progress.history(actor, actionId)).length;

    before(async () => {
      const s = ctx.services;
      const tenantId = await s.councils.create({ slug: 'rights', name: 'Rights District Council' });
      actor = systemActor(tenantId);
      const cex = await s.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
      const cec = await s.organisation.createUnit(actor, { name: 'Communications', code: 'CEC', kind: 'service', parentId: cex });
      const harriet = await s.organisation.createPerson(actor, { name: 'Harriet Hale', jobTitle: 'Head of Democratic Services', email: 'harriet.hale@rights.example.gov.uk', orgUnitId: dem });
      const liam = await s.organisation.createPerson(actor, { name: 'Liam Lowe', jobTitle: 'Communications Officer', email: 'liam.lowe@rights.example.gov.uk', orgUnitId: cec });
      await s.auth.createUser(tenantId, { email: 'harriet.hale@rights.example.gov.uk', name: 'Harriet Hale', role: 'head_of_service', password: TEST_PASSWORD });
      await s.auth.createUser(tenantId, { email: 'liam.lowe@rights.example.gov.uk', name: 'Liam Lowe', role: 'lead_officer', password: TEST_PASSWORD });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'quarters' });
      ids.q2 = (await s.years.get(actor, year)).periods[1]!.id;
      const cecPlan = await s.plans.create(actor, { orgUnitId: cec, planYearId: year, title: 'Communications Plan 2018/19', kind: 'service_improvement_plan' });
      const cecObjective = await s.plans.createObjective(actor, cecPlan, { number: '1', title: 'Tell residents what the council decides' });
      ids.ledByHeadInCec = await s.actions.create(actor, cecPlan, { objectiveId: cecObjective, title: 'Publish committee decisions online', kind: 'one_off', dueDate: '2019-03-31', leadPersonIds: [harriet] });
      ids.ledByLeadInCec = await s.actions.create(actor, cecPlan, { objectiveId: cecObjective, title: 'Refresh the residents’ newsletter', kind: 'one_off', dueDate: '2019-03-31', leadPersonIds: [liam] });
      const demPlan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'Democratic Services Plan 2018/19', kind: 'service_improvement_plan' });
      const demObjective = await s.plans.createObjective(actor, demPlan, { number: '1', title: 'Open decision making' });
      ids.ledByLeadInDem = await s.actions.create(actor, demPlan, { objectiveId: demObjective, title: 'Webcast council meetings', kind: 'one_off', dueDate: '2019-03-31', leadPersonIds: [liam] });
      app = await buildApp({ services: s, logLevel: 'silent' });
      await app.ready();
      head = await signedInClient(app, 'harriet.hale@rights.example.gov.uk');
      lead = await signedInClient(app, 'liam.lowe@rights.example.gov.uk');
    });
    after(async () => {
      await app?.close();
    });

    test('a head of service saves an update on an action he leads in another service’s plan (leads this action)', async () => {
      const opened = await head.get(`/actions/${ids.ledByHeadInCec}/updates/new`);
      assert.equal(opened.statusCode, 200);
      const res = await head.post(`/actions/${ids.ledByHeadInCec}/updates`, form('Decisions go online within two days.'));
      assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 400));
      assert.equal(res.headers.location, `/actions/${ids.ledByHeadInCec}`);
      assert.equal(await updates(ids.ledByHeadInCec), 1);
    });

    test('a head of service saves an update on an action of the unit he heads that someone else leads (heads this unit)', async () => {
      const res = await head.post(`/actions/${ids.ledByLeadInDem}/updates`, form('Cameras ordered.'));
      assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 400));
      assert.equal(await updates(ids.ledByLeadInDem), 1);
    });

    test('a lead officer saves an update on an action he leads, in any unit', async () => {
      // The head of service may have updated this action too (the test above): one more than before.
      const before = await updates(ids.ledByLeadInDem);
      const res = await lead.post(`/actions/${ids.ledByLeadInDem}/updates`, form('Webcasts tested in the chamber.', { percentComplete: '50' }));
      assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 400));
      assert.equal(await updates(ids.ledByLeadInDem), before + 1);
    });

    test('a head of service who neither leads nor heads is refused on the form: 403, the typed text kept, a clear message, nothing saved', async () => {
      const typed = 'Newsletter survey closed with 412 replies – keep this text!';
      const res = await head.post(`/actions/${ids.ledByLeadInCec}/updates`, form(typed));
      assert.equal(res.statusCode, 403);
      // The form again, not the bare "You cannot do that" page.
      assert.match(res.body, /<h1 class="govuk-heading-l">Record a progress update<\/h1>/);
      assert.match(res.body, /class="govuk-error-summary"/);
      assert.match(res.body, /href="#refused"/);
      assert.ok(pageText(res.body).includes('Your update has not been saved. You can record updates only on the actions you lead and the actions of the services you head.'), pageText(res.body).slice(0, 600));
      // What was typed is in the narrative box (the en dash and apostrophe-free text, HTML-escaped only by nunjucks).
      assert.ok(res.body.includes(`>${typed}</textarea>`), 'the narrative is kept');
      assert.ok(res.body.includes('>Agree the timetable with the clerks</textarea>'), 'the next steps are kept');
      assert.match(res.body, /name="percentComplete" type="text"[^>]*value="40"/);
      assert.equal(await updates(ids.ledByLeadInCec), 0);
    });

    test('a lead officer on an action he does not lead is refused the same way', async () => {
      const before = await updates(ids.ledByHeadInCec);
      const res = await lead.post(`/actions/${ids.ledByHeadInCec}/updates`, form('Not mine to write.'));
      assert.equal(res.statusCode, 403);
      assert.ok(res.body.includes('>Not mine to write.</textarea>'));
      assert.ok(pageText(res.body).includes('You can record updates only on actions you lead.'));
      assert.equal(await updates(ids.ledByHeadInCec), before, 'nothing saved');
    });
  },
  { clock: () => TODAY },
);
