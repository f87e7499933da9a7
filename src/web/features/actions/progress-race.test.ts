import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import { DIALECTS, testRuntime, type TestRuntime } from '../../../../test/support/databases.ts';
import { createCouncil, pageText, signedInClient, type Fields, type HttpClient } from '../../../../test/support/http.ts';

// Issue 12, as the attacker did it: ten progress updates of one action posted at once through the
// web from the same opened form (the same newest update seen), on each database. Exactly one is
// saved (303); every other gets the conflict page (409) saying whose update got in first; no 500.
// The same for ten corrections of one update.

const TODAY = new Date('2018-10-01T12:00:00Z');
const N = 10;

for (const dialect of DIALECTS) {
  describe(`progress updates posted at once [${dialect}]`, () => {
    let rt: TestRuntime;
    let app: FastifyInstance;
    let client: HttpClient;
    let actor: Actor;
    let actionId = 0;
    let q2 = 0;

    before(async () => {
      rt = await testRuntime(dialect, { clock: () => TODAY });
      app = await buildApp({ services: rt.services, logLevel: 'silent' });
      await app.ready();
      const s = rt.services;
      const c = await createCouncil(s, { slug: 'race', name: 'Race Council', email: 'admin@race.example.gov.uk', userName: 'Alex Admin' });
      actor = systemActor(c.tenantId);
      const cex = await s.organisation.createUnit(actor, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
      const year = await s.years.create(actor, { label: '2018/19', scheme: 'quarters' });
      q2 = (await s.years.get(actor, year)).periods[1]!.id;
      const plan = await s.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(actor, plan, { number: '1', title: 'Open decisions' });
      actionId = await s.actions.create(actor, plan, { objectiveId, title: 'Webcast meetings', kind: 'one_off', dueDate: '2019-03-31' });
      client = await signedInClient(app, c.email);
    });
    after(async () => {
      await app?.close();
      await rt?.close();
    });

    it(`${N} posts from the same form: one saved, ${N - 1} conflict pages, no 500`, async () => {
      const form = (i: number): Fields => ({
        periodId: String(q2),
        'asAt-day': '30',
        'asAt-month': '9',
        'asAt-year': '2018',
        statusWord: 'ON TRACK',
        percentComplete: String(50 + i),
        narrative: `Attempt ${i}`,
        seenLatestId: '0',
      });
      const responses = await Promise.all(Array.from({ length: N }, (_, i) => client.post(`/actions/${actionId}/updates`, form(i))));
      const codes = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [303, ...Array.from({ length: N - 1 }, () => 409)]);
      for (const r of responses.filter((x) => x.statusCode === 409)) {
        assert.match(pageText(r.body), /Alex Admin recorded an update for this period after you opened the form\. Your update has not been saved\./);
      }
      assert.equal((await rt.services.progress.history(actor, actionId)).length, 1);
    });

    it(`${N} corrections of one update posted at once: one saved, ${N - 1} conflict pages, no 500`, async () => {
      const [first] = await rt.services.progress.history(actor, actionId);
      assert.ok(first);
      const form = (i: number): Fields => ({
        periodId: String(q2),
        'asAt-day': '30',
        'asAt-month': '9',
        'asAt-year': '2018',
        statusWord: 'ON TRACK',
        percentComplete: String(70 + i),
        narrative: `Correction ${i}`,
        correctsId: String(first.id),
      });
      const responses = await Promise.all(Array.from({ length: N }, (_, i) => client.post(`/actions/${actionId}/updates`, form(i))));
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [303, ...Array.from({ length: N - 1 }, () => 409)]);
      for (const r of responses.filter((x) => x.statusCode === 409)) {
        assert.match(pageText(r.body), /Alex Admin corrected this update before you did\. Your correction has not been saved\./);
      }
      // The update and its one correction.
      assert.equal((await rt.services.progress.history(actor, actionId)).length, 2);
    });
  });
}
