import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { council } from '../../test/support/factories.ts';
import { anonymousClient, eachHttpDialect, signedInClient, testApp, type HttpClient, type TestApp } from '../../test/support/http.ts';
import { routesOf } from '../app.ts';
import { ROUTE_RULE_TABLE } from './route-rules.ts';
import { allows, AUDIENCE_LABELS, AUDIENCES, ROUTE_RULES, type Audience, type RouteRule } from '../domain/permissions.ts';

// The authorization matrix: every route the app registers × every role, each request made for real
// through the app as that role (with a valid CSRF token), and each answer checked against the rule
// docs/permissions.md gives the route. A route missing from the document fails, and so does an
// entry for a route that no longer exists, and so does any answer of 500 or above (for any role).

const DOC = new URL('../../docs/permissions.md', import.meta.url);
const NOW = new Date('2026-11-25T12:00:00Z');
type Role = Exclude<Audience, 'anonymous'>;
// Requests that end the session they are made in run last, with a fresh sign-in for each role.
const ENDS_SESSION = /^POST (\/sign-out|\/account\/sign-out-everywhere)$/;

/** The route table of docs/permissions.md: "| GET | `/plans/:id` | read |". */
function documentedRoutes(): Map<string, RouteRule> {
  const out = new Map<string, RouteRule>();
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const m = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*`([^`]+)`\s*\|\s*([a-z]+)\s*\|/.exec(line);
    if (!m) continue;
    const rule = m[3] as RouteRule;
    assert.ok((ROUTE_RULES as readonly string[]).includes(rule), `docs/permissions.md: unknown rule "${rule}" for ${m[1]} ${m[2]}`);
    out.set(`${m[1]} ${m[2]}`, rule);
  }
  return out;
}

/** Routes the app registers only when configured so ("only when SSO is configured"). */
function conditionalRoutes(): Set<string> {
  const out = new Set<string>();
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const m = /^\|\s*(GET|POST)\s*\|\s*`([^`]+)`\s*\|\s*[a-z]+\s*\|\s*only when [^|]+\|/.exec(line);
    if (m) out.add(`${m[1]} ${m[2]}`);
  }
  return out;
}

/** The rule × role table of docs/permissions.md, as ✓ and ✗ cells. */
function documentedRules(): Map<RouteRule, Audience[]> {
  const out = new Map<RouteRule, Audience[]>();
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const m = /^\|\s*\*\*([a-z]+)\*\*\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const cells = (m[2] ?? '').split('|').map((c) => c.trim());
    out.set(m[1] as RouteRule, AUDIENCES.filter((_, i) => cells[i] === '✓'));
  }
  return out;
}

// On both dialects: a route that works on SQLite but fails on PostgreSQL (a query one of them
// refuses) shows here as a server error.
eachHttpDialect('authorization matrix: every route × every role, as docs/permissions.md says', (dialect) => {
  let t: TestApp;
  const clients = new Map<Audience, HttpClient>();
  const accounts = new Map<Role, { email: string; password: string }>();
  const ids: Record<string, number | string> = {};

  before(async () => {
    t = await testApp({ clock: () => NOW, dialect });
    const s = t.services;
    // One of everything a route can name, built for this test (the rules, not the data, are under test).
    const c = await council(s, { name: 'Matrix Council' });
    const actor = c.system;
    const dem = await c.unit({ code: 'DEM', name: 'Democratic Services' });
    // The head of service heads DEM, whose plan the plan routes are tried on, so his allowed role is
    // not refused by the scoped rule; other units' plans are refused to him by the service and page
    // tests. The lead officer leads the action the action routes are tried on, for the same reason.
    const users = await c.users({ unitId: dem });
    for (const role of Object.keys(users) as Role[]) accounts.set(role, users[role]);
    const year = await c.year({ label: '2026/27', scheme: 'halves' });
    const own = await c.plan({ unitId: dem, yearId: year.id, title: 'DEM plan' });
    const goal = await s.plans.createGoal(actor, own, { title: 'Matrix goal' });
    const objective = await c.objective(own, { goalId: goal });
    const action = await c.action(own, { objectiveId: objective, kind: 'one_off', dueDate: '2027-03-31', leadPersonIds: [users.lead_officer.personId!] });
    await s.corporate.savePlan(actor, { title: 'Matrix corporate plan' });
    const priority = await s.corporate.createPriority(actor, { title: 'Matrix priority' });
    const pledge = await s.corporate.createPledge(actor, { number: 1, text: 'Matrix pledge', priorityId: priority });
    const committee = await s.committees.createCommittee(actor, { name: 'Matrix Committee' });
    const meetingId = await s.committees.createMeeting(actor, { committeeId: committee, date: '2026-12-01' });
    const report = await s.reports.create(actor, { meetingId, template: 'half-year', title: 'Matrix report', asOf: '2026-10-20', planIds: [own], restricted: 'no' });
    await s.reports.issue(actor, report);
    Object.assign(ids, {
      plans: own,
      actions: action,
      objectives: objective,
      goals: goal,
      years: year.id,
      periodId: year.periods[0]!.id,
      organisation: dem,
      units: dem,
      people: users.lead_officer.personId!,
      priorities: priority,
      pledges: pledge,
      reports: report,
      n: 1,
      users: users.admin.userId, // acting on their own account, the admin's requests change no one else's access
      committees: committee,
    });
    clients.set('anonymous', anonymousClient(t.app));
    for (const [role, { email, password }] of accounts) clients.set(role, await signedInClient(t.app, email, password));
    // An import draft of the performance officer's, for the /imports/:id routes.
    const officer = clients.get('performance_officer')!;
    const boundary = 'matrix';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', officer.csrfToken, `--${boundary}`, 'Content-Disposition: form-data; name="paste"', '', 'Ref\tAction\nM1\tMatrix action', `--${boundary}`, 'Content-Disposition: form-data; name="format"', '', 'auto', `--${boundary}`, 'Content-Disposition: form-data; name="target"', '', 'new', `--${boundary}`, 'Content-Disposition: form-data; name="orgCode"', '', 'MTX', `--${boundary}`, 'Content-Disposition: form-data; name="year"', '', '2026/27', `--${boundary}`, 'Content-Disposition: form-data; name="newUnitName"', '', 'Matrix Unit', `--${boundary}--`, ''].join('\r\n');
    const res = await t.app.inject({ method: 'POST', url: '/imports', cookies: officer.cookies, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    ids.imports = /\/imports\/([^?]+)/.exec(String(res.headers.location))![1]!;
  });

  after(async () => {
    await t?.close();
  });

  const concrete = (url: string): string =>
    url
      .replace('/static/*', '/static/app.css')
      .replace(/\/([a-z-]+)\/:id/g, (_, seg: string) => `/${seg}/${ids[seg] ?? ids[seg.replace(/-plan$/, '')] ?? 999999}`)
      .replace(/:([a-zA-Z]+)/g, (_, name: string) => String(ids[name] ?? 1));

  test('the document lists every route and the rules match the domain', () => {
    const documented = documentedRoutes();
    const actual = new Set(routesOf(t.app).map((r) => `${r.method} ${r.url}`));
    const missing = [...actual].filter((r) => !documented.has(r));
    const conditional = conditionalRoutes();
    const stale = [...documented.keys()].filter((r) => !actual.has(r) && !conditional.has(r));
    assert.deepEqual(missing, [], `routes without an entry in docs/permissions.md:\n${missing.join('\n')}`);
    assert.deepEqual(stale, [], `entries in docs/permissions.md for routes that do not exist:\n${stale.join('\n')}`);
    assert.deepEqual(Object.fromEntries([...documented].sort()), Object.fromEntries(Object.entries(ROUTE_RULE_TABLE).sort()), 'docs/permissions.md and src/web/route-rules.ts list the same rules');
    const rules = documentedRules();
    for (const rule of ROUTE_RULES) assert.deepEqual(rules.get(rule), AUDIENCES.filter((a) => allows(rule, a)), `the ${rule} row of the rules table`);
  });

  test('every route answers every role as documented', async () => {
    const documented = documentedRoutes();
    const routes = [...routesOf(t.app)].sort((a, b) => Number(ENDS_SESSION.test(`${a.method} ${a.url}`)) - Number(ENDS_SESSION.test(`${b.method} ${b.url}`)));
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const rule = documented.get(key);
      if (!rule) continue;
      const url = concrete(route.url);
      for (const who of AUDIENCES) {
        let client = clients.get(who)!;
        if (ENDS_SESSION.test(key) && who !== 'anonymous') {
          const { email, password } = accounts.get(who)!;
          client = await signedInClient(t.app, email, password);
        }
        const res: LightMyRequestResponse = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
        const toSignIn = res.statusCode >= 300 && res.statusCode < 400 && String(res.headers.location ?? '').startsWith('/sign-in');
        // Signing out lands on the sign-in page by design: it worked when the session is gone.
        const signedOut = ENDS_SESSION.test(key) && who !== 'anonymous' && res.statusCode !== 403 && String((await client.get('/')).headers.location ?? '').startsWith('/sign-in');
        const refused = !signedOut && (res.statusCode === 403 || res.statusCode === 401 || toSignIn);
        const expected = allows(rule, who);
        checked++;
        // A server error is never an answer, whether the role is allowed or refused: an allowed
        // request that crashes does not work, and a refusal must come from the rules, not from a crash.
        if (res.statusCode >= 500) {
          failures.push(`${key} (${url}) as ${AUDIENCE_LABELS[who]}: server error ${res.statusCode}`);
          continue;
        }
        if (expected && refused) failures.push(`${key} (${url}) as ${AUDIENCE_LABELS[who]}: expected allowed, got ${res.statusCode}`);
        if (!expected && !refused) failures.push(`${key} (${url}) as ${AUDIENCE_LABELS[who]}: expected refused, got ${res.statusCode}`);
        if (!expected && who !== 'anonymous' && res.statusCode !== 403) failures.push(`${key} as ${AUDIENCE_LABELS[who]}: refused with ${res.statusCode}, not 403`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked >= routes.length * AUDIENCES.length - 10, `${checked} requests checked`);
  });
});
