import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, type Fields, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Issue 12: a NUL byte (which PostgreSQL refuses in text) or another control character in a text
// field is refused at the edge with a field error, the form coming back with what was typed and
// nothing written. "Today" is 1 October 2018, in the second quarter's update window.

const TODAY = new Date('2018-10-01T12:00:00Z');

describe('control characters in a progress update', () => {
  let t: TestApp;
  let client: HttpClient;
  let actor: Actor;
  let actionId = 0;
  let q2 = 0;

  const form = (extra: Fields): Fields => ({
    periodId: String(q2),
    'asAt-day': '30',
    'asAt-month': '9',
    'asAt-year': '2018',
    statusWord: 'ON TRACK',
    percentComplete: '60',
    narrative: 'Cameras are installed.',
    nextSteps: 'Train the clerks',
    ragOverride: '',
    overrideReason: '',
    ...extra,
  });

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const c = await createCouncil(t.services, { slug: 'ctl', name: 'Control Council', email: 'admin@ctl.example.gov.uk' });
    actor = systemActor(c.tenantId);
    const cex = await t.services.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
    const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    q2 = (await t.services.years.get(actor, year)).periods[1]!.id;
    const planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
    const objective = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decisions' });
    actionId = await t.services.actions.create(actor, planId, { objectiveId: objective, title: 'Webcast meetings', kind: 'one_off', dueDate: '2019-03-31' });
    client = await signedInClient(t.app, c.email);
  });
  after(() => t.close());

  // field, typed value, the message expected (the field's own label, as the form shows it)
  const cases: [string, string, string][] = [
    ['nextSteps', 'Train the clerks\u0000', 'Key actions remaining must not contain control characters'],
    ['nextSteps', 'Ring the \u0007bell', 'Key actions remaining must not contain control characters'],
    ['narrative', 'Cameras\u0000 installed', 'Progress update must not contain control characters'],
  ];
  for (const [field, value, message] of cases) {
    it(`refuses ${JSON.stringify(value)} in ${field} with a field error, keeps the rest of the text, writes nothing`, async () => {
      const res = await client.post(`/actions/${actionId}/updates`, form({ [field]: value }));
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      const text = pageText(res.body);
      assert.match(text, new RegExp(`There is a problem.*${message}`));
      assert.match(res.body, new RegExp(`href="#${field}">${message}</a>`));
      // What was typed is shown back: the refused field as it was, and the other field too.
      assert.ok(res.body.includes(`${value}</textarea>`));
      assert.match(res.body, field === 'narrative' ? /Train the clerks<\/textarea>/ : /Cameras are installed\.<\/textarea>/);
      assert.deepEqual(await t.services.progress.history(actor, actionId), []);
    });
  }

  it('keeps line breaks and tabs in the multi-line fields', async () => {
    const res = await client.post(`/actions/${actionId}/updates`, form({ nextSteps: 'One\r\n\tTwo' }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const [u] = await t.services.progress.history(actor, actionId);
    assert.equal(u?.next_steps, 'One\r\n\tTwo');
  });
});
