import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildRuntime, type Runtime } from '../composition.ts';
import { ACTION_KINDS, DEFAULT_ACTION_ROLES, USER_ROLES } from '../domain/vocabulary.ts';
import { systemActor, type Actor } from './context.ts';
import { isEmpty, loadDemo, randomDemoPassword, type DemoLoadResult } from './demo.ts';
import { checkPassword } from '../domain/passwords.ts';
import type { ObjectiveDetail, PlanDetail } from './plans.ts';

// The demo is what a council sees first, so these checks read it back through the services and
// hold it to the shapes of real council plans, not just "something loaded".

describe('demo council', () => {
  let rt: Runtime;
  let demo: DemoLoadResult;
  let actor: Actor;
  let emptyBefore: boolean;

  before(async () => {
    // A fixed day in the third quarter of 2026/27: the demo adds that year's plan with two quarters of updates.
    rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2026-11-25T12:00:00Z') });
    emptyBefore = await isEmpty(rt.services);
    demo = await loadDemo(rt.services);
    actor = systemActor(demo.tenantId);
  });

  after(async () => {
    await rt.close();
  });

  const planFor = async (orgCode: string, yearLabel: string): Promise<PlanDetail> => {
    const summary = (await rt.services.plans.list(actor)).find((p) => p.orgCode === orgCode && p.yearLabel === yearLabel);
    assert.ok(summary, `a plan for ${orgCode} in ${yearLabel}`);
    return rt.services.plans.detail(actor, summary.id);
  };
  const allObjectives = (d: PlanDetail): ObjectiveDetail[] => [...d.goals.flatMap((g) => g.objectives), ...d.objectives];
  const allActions = (d: PlanDetail) => allObjectives(d).flatMap((o) => o.actions);

  test('loads into an empty database as one council with the default roles', async () => {
    assert.equal(emptyBefore, true);
    assert.equal(await isEmpty(rt.services), false);
    const councils = await rt.services.councils.list();
    assert.equal(councils.length, 1);
    assert.equal(councils[0]!.slug, 'demo');
    const council = await rt.services.organisation.council(actor);
    assert.match(council.name, /District Council$/);
    assert.deepEqual(council.roles, [...DEFAULT_ACTION_ROLES]);
  });

  test("has a chief executive's department of coded services and teams, and other directorates", async () => {
    const units = await rt.services.organisation.units(actor);
    assert.equal(new Set(units.map((u) => u.code)).size, units.length, 'unit codes are unique');
    const cex = units.find((u) => u.code === 'CEX');
    assert.equal(cex?.kind, 'directorate');
    const services = units.filter((u) => u.parent_id === cex!.id && u.kind === 'service');
    assert.ok(services.length >= 6, `at least 6 services under CEX, got ${services.length}`);
    for (const code of ['CEC', 'DEM', 'ELE', 'LEG', 'PAR', 'POL', 'CIV']) assert.ok(services.some((s) => s.code === code), `service ${code}`);
    const teams = units.filter((u) => u.kind === 'team' && services.some((s) => s.id === u.parent_id));
    assert.ok(teams.length >= 3, 'teams under some CEX services');
    const others = units.filter((u) => u.kind === 'directorate' && u.id !== cex!.id);
    assert.ok(others.some((d) => units.filter((u) => u.parent_id === d.id && u.kind === 'service').length >= 2), 'another directorate with services');
  });

  test('has 15 to 25 officers with job titles, council email addresses and units', async () => {
    const people = await rt.services.organisation.people(actor);
    const unitIds = new Set((await rt.services.organisation.units(actor)).map((u) => u.id));
    assert.ok(people.length >= 15 && people.length <= 25, `got ${people.length} people`);
    assert.equal(new Set(people.map((p) => p.email)).size, people.length, 'emails are unique');
    assert.equal(new Set(people.map((p) => p.job_title)).size, people.length, 'job titles are unique, so leads written as titles link');
    for (const p of people) {
      assert.ok(p.job_title, `${p.name} has a job title`);
      assert.match(p.email ?? '', /^[a-z.]+@brackenmoor\.gov\.uk$/);
      assert.ok(p.org_unit_id !== null && unitIds.has(p.org_unit_id), `${p.name} sits in a unit`);
    }
  });

  test('has a corporate plan with values, a tree of priorities with straplines and numbered pledges', async () => {
    const c = await rt.services.corporate.overview(actor);
    assert.ok(c.plan?.title && c.plan.vision && c.plan.period_label);
    assert.ok(c.values.length >= 4);
    for (const v of c.values) assert.ok(v.name && v.description, `value ${v.name} has a description`);
    assert.ok(c.priorities.length >= 3);
    for (const p of c.flatPriorities) assert.ok(p.strapline, `priority ${p.title} has a strapline`);
    assert.ok(c.priorities.some((p) => p.children.length > 0), 'at least one priority has a child');
    assert.ok(c.pledges.length >= 10);
    assert.equal(new Set(c.pledges.map((p) => p.number)).size, c.pledges.length, 'pledge numbers are unique');
    for (const p of c.pledges) assert.ok(p.priority_id !== null, `pledge ${p.number} is linked to a priority`);
  });

  test('has plan years 2015/16 in quarters and 2018/19 in halves', async () => {
    const years = await rt.services.years.list(actor);
    const periods = async (label: string) => (await rt.services.years.get(actor, years.find((y) => y.label === label)!.id)).periods.length;
    assert.equal(await periods('2015/16'), 4);
    assert.equal(await periods('2018/19'), 2);
  });

  test('has a 2015/16 action plan with every description field filled in', async () => {
    const d = await planFor('CEC', '2015/16');
    assert.equal(d.plan.kind, 'action_plan');
    assert.match(d.plan.title, /Communications, Engagement and Culture .*2015\/16/);
    const objectives = allObjectives(d);
    assert.ok(objectives.length >= 3);
    for (const o of objectives) {
      assert.equal(o.number, null, 'action-plan objectives are unnumbered headings');
      assert.ok(o.priorityIds.length > 0, `objective ${o.title} is linked to a corporate priority`);
    }
    const actions = allActions(d);
    assert.ok(actions.length >= 8, `got ${actions.length} actions`);
    assert.deepEqual(actions.map((a) => a.code), actions.map((_, i) => `15-CEC${String(i + 1).padStart(2, '0')}`));
    for (const a of actions) {
      for (const field of ['role', 'target', 'outcome', 'critical_success_factors', 'environmental_impacts', 'due_date'] as const) {
        assert.ok(a[field], `${a.code} has ${field}`);
      }
      assert.ok((DEFAULT_ACTION_ROLES as readonly string[]).includes(a.role!), `${a.code} role is a default role`);
      assert.ok(a.leads.length > 0 && a.impacts.length > 0, `${a.code} has leads and impacts`);
      assert.ok(a.due_date! >= d.year.start_date && a.due_date! <= d.year.end_date, `${a.code} is due within the year`);
    }
    assert.deepEqual(new Set(actions.map((a) => a.role)), new Set(DEFAULT_ACTION_ROLES), 'all three roles are used');
    assert.ok(actions.some((a) => a.leads.length >= 3), 'a joint action with several lead officers');
    assert.ok(actions.some((a) => a.leads.some((l) => l.id !== null)), 'some leads are linked to people');
    assert.ok(actions.some((a) => a.environmental_impacts === 'N/A') && actions.some((a) => a.environmental_impacts !== 'N/A'));
    assert.ok(actions.some((a) => a.start_date) && actions.some((a) => !a.start_date), 'start dates sometimes');
    assert.ok(actions.some((a) => a.impacts.some((i) => i.id !== null)), 'impacted services link to units');
    assert.ok(actions.some((a) => a.partnerships.length === 0) && actions.some((a) => a.partnerships.some((p) => /Community Strategy/.test(p))));
    assert.ok(actions.some((a) => a.pledgeIds.length > 0) && actions.some((a) => a.priorityIds.length > 0));
  });

  test('has a 2018/19 department business plan with goals, numbered objectives and 40+ must-do actions', async () => {
    const d = await planFor('CEX', '2018/19');
    assert.equal(d.plan.kind, 'business_plan');
    assert.ok(d.plan.vision && d.plan.purpose && d.plan.statutory_duties && d.plan.areas_of_focus);
    assert.deepEqual(d.goals.map((g) => g.number), ['1', '2', '3', '4']);
    for (const g of d.goals) assert.ok(g.title && g.objectives.length >= 2, `goal ${g.number} has objectives`);
    assert.equal(d.objectives.length, 0, 'every objective sits under a strategic goal');
    const objectives = allObjectives(d);
    assert.ok(objectives.length >= 12);
    for (const o of objectives) {
      const goal = d.goals.find((g) => g.id === o.goal_id)!;
      assert.match(o.number ?? '', new RegExp(`^${goal.number}\\.\\d+$`));
      assert.ok(o.why && o.pledgeIds.length > 0, `objective ${o.number} has a why and pledges`);
    }
    assert.equal(new Set(objectives.map((o) => o.number)).size, objectives.length);
    const actions = allActions(d);
    assert.ok(actions.length >= 40, `got ${actions.length} actions`);
    for (const a of actions) {
      assert.match(a.code, /^18-CEX\d{2}$/);
      assert.ok(a.due_date! >= d.year.start_date && a.due_date! <= d.year.end_date, `${a.code} is due within the year`);
      assert.ok(a.leads.length > 0, `${a.code} has lead officers`);
    }
    assert.ok(actions.some((a) => a.partnerships.length > 0) && actions.some((a) => a.partnerships.length === 0), "some actions link to partnerships and some do not");
    for (const a of actions) {
      assert.doesNotMatch(a.title, /^Action \d/);
    }
    assert.equal(new Set(actions.map((a) => a.code)).size, actions.length);
    assert.equal(new Set(actions.map((a) => a.title)).size, actions.length, 'action titles are all different');
    assert.deepEqual(new Set(actions.map((a) => a.kind)), new Set(ACTION_KINDS));
    assert.ok(actions.filter((a) => a.due_date! < '2018-10-01').length >= 5, 'some due before mid-year');
    assert.ok(actions.filter((a) => a.due_date === '2019-03-31').length >= 10, 'many due at year end');
    assert.ok(actions.filter((a) => a.impacts.some((i) => i.id !== null)).length >= 20, 'impacted services link to units');
    assert.ok(actions.some((a) => a.leads.some((l) => l.id === null)), 'a lead kept as written when it names nobody');
    assert.ok(new Set(actions.flatMap((a) => a.leads.map((l) => l.name))).size >= 10, 'a spread of lead officers');
  });

  test('has a smaller Democratic Services improvement plan for 2018/19', async () => {
    const d = await planFor('DEM', '2018/19');
    assert.equal(d.plan.kind, 'service_improvement_plan');
    const objectives = allObjectives(d);
    assert.ok(objectives.length >= 2 && objectives.length <= 3);
    const actions = allActions(d);
    assert.ok(actions.length >= 5 && actions.length <= 8);
    for (const a of actions) assert.match(a.code, /^18-DEM\d{2}$/);
  });

  test('carries an action over from 2015/16 and keeps action codes unique across the council', async () => {
    const all = await rt.services.actions.list(actor, rt.services.actions.parseFilter({}));
    assert.equal(new Set(all.map((a) => a.code)).size, all.length);
    const plans = await rt.services.plans.list(actor);
    assert.equal(plans.length, 5);
    assert.equal(all.length, plans.reduce((n, p) => n + p.actions, 0));
    const carried = all.filter((a) => a.carried_from_id !== null);
    assert.ok(carried.length >= 1);
    const detail = await rt.services.actions.detail(actor, carried[0]!.id);
    assert.equal(detail.carriedFrom?.yearLabel, '2015/16');
    assert.match(detail.carriedFrom.code, /^15-CEC\d{2}$/);
  });

  test('returns one working account for each role', async () => {
    assert.deepEqual(new Set(demo.accounts.map((a) => a.role)), new Set(USER_ROLES));
    assert.equal(new Set(demo.accounts.map((a) => a.email)).size, demo.accounts.length);
    for (const a of demo.accounts) {
      assert.ok(a.password.length >= 12);
      const { user } = await rt.services.auth.signIn(a.email, a.password, '127.0.0.1');
      assert.equal(user.role, a.role);
      assert.equal(user.tenantId, demo.tenantId);
      assert.equal(user.name, a.name);
    }
  });

  test('adds this year\'s plans, rolled forward from 2018/19', async () => {
    const plans = await rt.services.plans.list(actor);
    const current = plans.find((p) => p.yearLabel === '2026/27' && p.kind === 'business_plan');
    assert.ok(plans.some((p) => p.yearLabel === '2026/27' && p.orgCode === 'DEM'), 'the service improvement plan rolls forward too');
    assert.ok(current, 'a plan for 2026/27');
    assert.equal(current.kind, 'business_plan');
    assert.ok(current.actions >= 40);
    const { actions } = await rt.services.actions.forPlanYear(actor, current.orgCode, '2026/27');
    assert.ok(actions.every((a) => a.code.startsWith('26-')));
    assert.ok(actions.every((a) => !a.due_date || (a.due_date >= '2026-04-01' && a.due_date <= '2027-03-31')));
  });

  test('gives progress updates for two reporting periods with every stage and traffic light', async () => {
    const status = await rt.services.dashboards.status(actor, 'CEX', '2026/27', '2026-11-25');
    const { actions } = await rt.services.actions.forPlanYear(actor, 'CEX', '2026/27');
    // 26-CEX02 started with the year: an update for each of the two quarters.
    const history = await rt.services.progress.history(actor, actions[1]!.id);
    assert.equal(new Set(history.map((u) => u.period_id)).size, 2, 'updates in two periods');
    // 26-CEX01 starts on 1 July: it reports from the second quarter, where its update was corrected.
    const first = await rt.services.progress.history(actor, actions[0]!.id);
    assert.equal(new Set(first.map((u) => u.period_id)).size, 1);
    assert.ok(first.some((u) => u.corrects_id !== null), 'a correction shows as a new version');
    const stages = new Set(status.actions.map((a) => a.stage));
    for (const s of ['not_started', 'in_progress', 'ongoing', 'complete', 'carried_over', 'deferred', 'cancelled']) assert.ok(stages.has(s), `stage ${s}`);
    const rags = new Set(status.actions.map((a) => a.rag));
    for (const r of ['green', 'amber', 'red', 'complete', 'closed', 'not_updated']) assert.ok(rags.has(r), `RAG ${r}: ${JSON.stringify(status.summary.byRag)}`);
    assert.ok(status.actions.some((a) => a.override !== null), 'an overridden traffic light');
    // The 2018/19 plans have both halves' updates.
    const past = await rt.services.dashboards.status(actor, 'CEX', '2018/19', '2019-03-31');
    assert.ok(past.actions.filter((a) => a.stage === 'complete').length >= 5);
  });

  test('tells the story of the update cycle: updates written on working days after each quarter, and the few that were missed', async () => {
    const { actions } = await rt.services.actions.forPlanYear(actor, 'CEX', '2026/27');
    const updates = (await Promise.all(actions.map((a) => rt.services.progress.history(actor, a.id)))).flat();
    // Quarter ends, and the last day each quarter's updates are taken (due 14 days after, plus 5 days' grace).
    const lastDay: Record<string, string> = { '2026-06-30': '2026-07-19', '2026-09-30': '2026-10-19' };
    for (const u of updates) {
      assert.ok(u.as_at in lastDay, `${u.as_at} is a quarter end`);
      const written = u.recorded_at.slice(0, 10);
      assert.ok(written > u.as_at && written <= lastDay[u.as_at]!, `written ${written}, after ${u.as_at} and by ${lastDay[u.as_at]}`);
      assert.ok(![0, 6].includes(new Date(`${written}T00:00:00Z`).getUTCDay()), `${written} is a working day`);
    }
    // 25 November is before the third quarter's window opens (18 December): nothing reports on it.
    assert.ok(!updates.some((u) => u.as_at > '2026-09-30'));
    // As at the end of each quarter almost every action had its update. The three "silent" actions
    // (positions 8, 26 and 44 of the plan) reported for Quarter 1 and missed Quarter 2, whose deadline
    // has passed; 26-CEX27 (position 26) was complete by June, so two are "not updated", each saying why.
    const lights = async (asOf: string) => (await rt.services.dashboards.status(actor, 'CEX', '2026/27', asOf)).actions.filter((a) => a.rag === 'not_updated');
    assert.deepEqual(await lights('2026-06-30'), []);
    const missed = await lights('2026-09-30');
    assert.deepEqual(missed.map((a) => a.code), ['26-CEX09', '26-CEX45']);
    for (const a of missed) assert.match(a.explanation, /^Not updated: no progress update for Quarter 2 \(July to September\), due by 14 October 2026; last known: 25% complete, as at 30 June 2026\.$/);
    const before = await rt.services.progress.history(actor, actions.find((a) => a.code === '26-CEX09')!.id);
    assert.match(before[0]!.next_steps ?? '', /on leave for most of next quarter/);
  });

  test('says nothing that contradicts its own figures', async () => {
    // Before this was fixed, 2026/27 had eight actions "IN PROGRESS" at 0% and two overdue actions
    // whose latest update said the work was on schedule; 2015/16 had one. None is right.
    const onTrack = /as planned|going to plan|On schedule|in line with the agreed timetable/;
    const contradictions: string[] = [];
    for (const p of await rt.services.plans.list(actor)) {
      const status = await rt.services.dashboards.status(actor, p.orgCode, p.yearLabel, {});
      const { actions } = await rt.services.actions.forPlanYear(actor, p.orgCode, p.yearLabel);
      for (const a of status.actions) {
        if (a.stage === 'in_progress' && a.percentComplete === 0) contradictions.push(`${a.code}: in progress at 0%`);
        if (!a.overdue) continue;
        const latest = (await rt.services.progress.history(actor, actions.find((x) => x.code === a.code)!.id))[0];
        if (onTrack.test(latest?.narrative ?? '')) contradictions.push(`${a.code}: overdue, but “${latest?.narrative}”`);
      }
    }
    assert.deepEqual(contradictions, []);
  });

  test('has committees, their meetings, and plans approved at them', async () => {
    const committees = await rt.services.committees.committees(actor);
    assert.deepEqual(committees.map((c) => c.name).sort(), ['Audit and Scrutiny Committee', 'Policy and Resources Committee']);
    // Three plan years (2015/16, 2018/19 and this year, 2026/27), each with an approval meeting and a half-year one.
    assert.equal((await rt.services.committees.meetings(actor)).length, 6);
    const plans = await rt.services.plans.list(actor);
    const state = Object.fromEntries(plans.map((p) => [`${p.orgCode} ${p.yearLabel}`, p.status]));
    // Past years' plans are approved and published; this year's department plan is approved; this
    // year's Democratic Services plan waits for the committee.
    assert.deepEqual(state, { 'CEC 2015/16': 'published', 'CEX 2018/19': 'published', 'DEM 2018/19': 'published', 'CEX 2026/27': 'approved', 'DEM 2026/27': 'submitted' });
    const cex = plans.find((p) => p.orgCode === 'CEX' && p.yearLabel === '2018/19')!;
    const [v1] = await rt.services.planLifecycle.versions(actor, cex.id);
    // 2018/19 starts on Sunday 1 April 2018: three weeks before is Sunday 11 March, so the meeting is Friday 9 March.
    assert.deepEqual([v1?.approved_committee, v1?.approved_on], ['Policy and Resources Committee', '2018-03-09']);
  });

  test('has a lead officer’s updates for the latest quarter waiting for sign-off', async () => {
    const { actions } = await rt.services.actions.forPlanYear(actor, 'CEX', '2026/27');
    const pending: string[] = [];
    for (const a of actions) {
      for (const u of await rt.services.progress.history(actor, a.id)) if (u.approval !== 'approved') pending.push(`${a.code} ${u.as_at} ${u.approval} ${u.author_name}`);
    }
    // Daniel Okafor (Communications Team Leader) leads 26-CEX03 (jointly), 09, 21, 22 and 24. 26-CEX09
    // is one of the "silent" actions that missed Quarter 2; the other four reported on 30 September,
    // in his name, and wait for sign-off. Nothing earlier, and nobody else's, waits.
    assert.deepEqual(pending, ['26-CEX03 2026-09-30 submitted Daniel Okafor', '26-CEX21 2026-09-30 submitted Daniel Okafor', '26-CEX22 2026-09-30 submitted Daniel Okafor', '26-CEX24 2026-09-30 submitted Daniel Okafor']);
    assert.equal((await rt.services.updateCycle.settings(actor)).requireApproval, true);
  });

  test('refuses to load a second time', async () => {
    await assert.rejects(loadDemo(rt.services), /empty database/);
    assert.equal((await rt.services.councils.list()).length, 1);
    assert.equal((await rt.services.plans.list(actor)).length, 5);
  });
});

describe('demo passwords', () => {
  test('are random: each account its own, different again on another load, and never the one once printed in the README', async () => {
    const loads: DemoLoadResult[] = [];
    for (let i = 0; i < 2; i++) {
      const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2026-11-25T12:00:00Z') });
      try {
        loads.push(await loadDemo(rt.services));
        // Each works for its own account only.
        const [admin, officer] = loads[i]!.accounts;
        assert.equal((await rt.services.auth.signIn(admin!.email, admin!.password, '127.0.0.1')).user.role, 'admin');
        await assert.rejects(rt.services.auth.signIn(officer!.email, admin!.password, '127.0.0.1'));
      } finally {
        await rt.close();
      }
    }
    const passwords = loads.flatMap((l) => l.accounts.map((a) => a.password));
    // 5 accounts × 2 loads: 10 different passwords (16 symbols from 21 each: a repeat is a 1 in 10^21 chance).
    assert.equal(new Set(passwords).size, 10);
    assert.ok(!passwords.includes('demo-password-2026'));
  });

  test('a test can give the one password every account gets', async () => {
    const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2026-11-25T12:00:00Z') });
    try {
      const { accounts } = await loadDemo(rt.services, { password: 'a known test password' });
      assert.deepEqual([...new Set(accounts.map((a) => a.password))], ['a known test password']);
      const { user } = await rt.services.auth.signIn('cllr.margaret.ellison@brackenmoor.gov.uk', 'a known test password', '127.0.0.1');
      assert.equal(user.role, 'viewer');
    } finally {
      await rt.close();
    }
  });

  test('randomDemoPassword: four groups of four letters and digits that spell nothing, so the password policy accepts them', () => {
    for (let i = 0; i < 200; i++) {
      const p = randomDemoPassword();
      assert.match(p, /^[bcdfghjkmnpqrstvwxz29]{4}(-[bcdfghjkmnpqrstvwxz29]{4}){3}$/);
      for (const owner of [{ email: 'admin@brackenmoor.gov.uk', name: 'Demo Administrator' }, { email: 'tom.whitfield@brackenmoor.gov.uk', name: 'Tom Whitfield' }]) {
        assert.equal(checkPassword(p, owner), null, p);
      }
    }
  });
});
