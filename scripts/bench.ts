// Benchmark: Waymark at the size of a large county (`waymark demo --scale large`: 61 services,
// 3,416 actions, over 9,000 updates), on SQLite and PostgreSQL, against the goals of issue 14.
// It is a benchmark, not a test: it prints figures and never fails on them.
//
// For each database it loads the large demo (timed), starts the real server as a child process
// (compiled, from dist/, as `npm start` runs it; time to the first /health answer), and then, with
// 10 concurrent connections signed in:
//   - each key page: requests a second and p97.5 latency; and, as the baseline in the same run, the
//     same HTML bytes served from memory by a bare Fastify (the ratio is Waymark's share of it);
//   - 5 writers recording progress updates through the form while 10 readers browse: the POST's p97.5;
//   - the server's resident memory afterwards.
// Then it runs the import and report benchmarks.
//
//   npm run bench                          (BENCH_SECONDS=10 for longer runs; BENCH_DIALECTS=sqlite for one)
//   PostgreSQL: TEST_DATABASE_URL's server, else a throwaway embedded one (test/support/databases.ts).

import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { buildRuntime } from '../src/composition.ts';
import { systemActor } from '../src/services/context.ts';
import { loadLargeDemo } from '../src/services/demo-large.ts';
import { freshDatabase, type TestDialect } from '../test/support/databases.ts';
import { freePort, rssMb } from './processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 5));
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').filter(Boolean) as TestDialect[];
const PASSWORD = 'bench-orchard-lantern-tumbling';
const GOALS = { p975: 100, ratio: 0.25, loadSeconds: 60, startSeconds: 2, rssMb: 300, maxKb: 150 };

interface Row {
  what: string;
  figure: string;
  baseline: string;
  ratio: string;
  goal: string;
}


/** A tiny browser: a cookie jar and the CSRF token of the last page. */
class Client {
  cookies = new Map<string, string>();
  token = '';
  constructor(readonly base: string) {}
  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response, body: string): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.token = m[1]!;
  }
  async get(url: string): Promise<{ status: number; body: string }> {
    const res = await fetch(this.base + url, { headers: { cookie: this.cookie }, redirect: 'manual' });
    const body = await res.text();
    this.keep(res, body);
    return { status: res.status, body };
  }
  async post(url: string, fields: Record<string, string>): Promise<{ status: number; body: string; ms: number }> {
    const started = performance.now();
    const res = await fetch(this.base + url, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.token, ...fields }).toString(),
      redirect: 'manual',
    });
    const body = await res.text();
    const ms = performance.now() - started;
    this.keep(res, body);
    return { status: res.status, body, ms };
  }
  async signIn(email: string): Promise<void> {
    await this.get('/sign-in');
    const r = await this.post('/sign-in', { email, password: PASSWORD });
    if (r.status !== 303) throw new Error(`Signing in as ${email} gave ${r.status}`);
    await this.get('/');
  }
}

async function cannon(opts: { url: string; cookie?: string; connections?: number; requests?: { path: string }[] }): Promise<{ rps: number; p975: number; errors: number }> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections ?? 10,
    duration: SECONDS,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    ...(opts.requests ? { requests: opts.requests.map((r) => ({ method: 'GET' as const, path: r.path })) } : {}),
  });
  return { rps: result.requests.average, p975: result.latency.p97_5, errors: result.errors + result.non2xx };
}

/** The same bytes from memory, by a bare Fastify: the most any page could do on this machine. */
async function memoryBaseline(html: string): Promise<{ rps: number; p975: number }> {
  const app = Fastify();
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  try {
    return await cannon({ url: `http://127.0.0.1:${port}/` });
  } finally {
    await app.close();
  }
}


const p = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
};

async function startServer(databaseUrl: string, port: number): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  // The compiled server, as `npm start` runs it (main below builds dist/ first if it is stale).
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WAYMARK_DEMO: 'false', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, seconds: (performance.now() - started) / 1000 };
}

async function benchDialect(dialect: TestDialect): Promise<Row[]> {
  const rows: Row[] = [];
  const db = await freshDatabase(dialect);
  const url = db.config.dialect === 'sqlite' ? db.config.filename : db.config.connectionString;
  try {
    // The large council, loaded through the services, as `waymark demo --scale large` does.
    const rt = await buildRuntime(db.config);
    const t0 = performance.now();
    const { tenantId, accounts } = await loadLargeDemo(rt.services, { password: PASSWORD });
    const loadSeconds = (performance.now() - t0) / 1000;
    rows.push({ what: 'load the large demo (s)', figure: loadSeconds.toFixed(1), baseline: '–', ratio: '–', goal: `< ${GOALS.loadSeconds}` });
    const actor = systemActor(tenantId);
    const units = await rt.services.organisation.units(actor);
    const directorate = units.find((u) => u.kind === 'directorate')!;
    const service = units.find((u) => u.kind === 'service')!;
    const plans = await rt.services.plans.list(actor);
    const plan = plans.find((x) => x.orgUnitId === service.id)!;
    const planActions = (await rt.services.actions.forPlanYear(actor, service.code, plan.yearLabel)).actions;
    const action = planActions[0]!;
    await rt.close();

    const port = await freePort();
    const { child, seconds } = await startServer(url, port);
    rows.push({ what: 'start to first /health (s)', figure: seconds.toFixed(2), baseline: '–', ratio: '–', goal: `< ${GOALS.startSeconds}` });
    try {
      const base = `http://127.0.0.1:${port}`;
      const admin = new Client(base);
      await admin.signIn(accounts.find((a) => a.role === 'admin')!.email);
      const lead = new Client(base);
      await lead.signIn(accounts.find((a) => a.role === 'lead_officer')!.email);
      const pages: [string, string, Client][] = [
        ['home', '/', admin],
        ['council overview', '/dashboards', admin],
        ['directorate dashboard', `/dashboards/units/${directorate.id}`, admin],
        ['unit dashboard', `/dashboards/units/${service.id}`, admin],
        ['exceptions', '/dashboards/exceptions', admin],
        ['plan page', `/plans/${plan.id}`, admin],
        ['action page', `/actions/${action.id}`, admin],
        ['actions list', '/actions', admin],
        ['actions list, filtered', `/actions?service=${service.id}&light=red`, admin],
        ['my actions', '/dashboards/my-actions', lead],
        ['reports list', '/reports', admin],
      ];
      for (const [name, pagePath, client] of pages) {
        const page = await client.get(pagePath);
        if (page.status !== 200) throw new Error(`${pagePath} gave ${page.status}`);
        const kb = Buffer.byteLength(page.body) / 1024;
        const live = await cannon({ url: base + pagePath, cookie: client.cookie });
        const mem = await memoryBaseline(page.body);
        rows.push({
          what: `${name} (${kb.toFixed(0)} KB)`,
          figure: `${live.rps.toFixed(0)} req/s, p97.5 ${live.p975} ms${live.errors ? `, ${live.errors} errors` : ''}`,
          baseline: `${mem.rps.toFixed(0)} req/s, p97.5 ${mem.p975} ms`,
          ratio: (live.rps / mem.rps).toFixed(3),
          goal: `p97.5 < ${GOALS.p975} ms, ratio ≥ ${GOALS.ratio}, ≤ ${GOALS.maxKb} KB`,
        });
      }

      // 5 writers record updates through the form while 10 readers browse.
      const writers = await Promise.all(
        [0, 1, 2, 3, 4].map(async () => {
          const c = new Client(base);
          await c.signIn(accounts.find((a) => a.role === 'admin')!.email);
          return c;
        }),
      );
      const postMs: number[] = [];
      let refused = 0;
      const until = performance.now() + SECONDS * 1000;
      const reading = cannon({ url: base, cookie: admin.cookie, requests: pages.filter(([, , c]) => c === admin).map(([, path]) => ({ path })) });
      await Promise.all(
        writers.map(async (c, w) => {
          for (let i = 0; performance.now() < until; i++) {
            const target = planActions[(w + i * writers.length) % planActions.length]!;
            const form = await c.get(`/actions/${target.id}/updates/new`);
            const hidden = Object.fromEntries([...form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
            const period = /<select[^>]*name="periodId"[\s\S]*?<option value="(\d+)" selected/.exec(form.body)?.[1] ?? '';
            const day = /name="asAt-day"[^>]*value="(\d*)"/.exec(form.body)?.[1] ?? '';
            const month = /name="asAt-month"[^>]*value="(\d*)"/.exec(form.body)?.[1] ?? '';
            const year = /name="asAt-year"[^>]*value="(\d*)"/.exec(form.body)?.[1] ?? '';
            delete hidden._csrf;
            const r = await c.post(`/actions/${target.id}/updates`, { ...hidden, periodId: period, 'asAt-day': day, 'asAt-month': month, 'asAt-year': year, statusWord: 'IN PROGRESS', percentComplete: String(40 + (i % 50)), narrative: 'Benchmark update: work continues as planned.' });
            if (r.status === 303) postMs.push(r.ms);
            else refused += 1;
          }
        }),
      );
      const readers = await reading;
      rows.push({
        what: 'record an update (POST), 5 writers + 10 readers',
        figure: `${postMs.length} saved${refused ? `, ${refused} refused` : ''}, p97.5 ${p(postMs, 0.975).toFixed(0)} ms`,
        baseline: `readers ${readers.rps.toFixed(0)} req/s, p97.5 ${readers.p975} ms`,
        ratio: '–',
        goal: `p97.5 < ${GOALS.p975} ms`,
      });
      rows.push({ what: 'server resident memory after (MB)', figure: rssMb(child.pid!).toFixed(0), baseline: '–', ratio: '–', goal: `< ${GOALS.rssMb}` });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await db.drop();
  }
  return rows;
}

function table(title: string, rows: Row[]): string {
  const head: Row = { what: 'figure', figure: 'Waymark', baseline: 'baseline (same run)', ratio: 'ratio', goal: 'goal' };
  const all = [head, ...rows];
  const keys = ['what', 'figure', 'baseline', 'ratio', 'goal'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<(typeof keys)[number], number>;
  const line = (r: Row) => `| ${keys.map((k) => r[k].padEnd(width[k])).join(' | ')} |`;
  return [`\n${title}`, line(head), `| ${keys.map((k) => '-'.repeat(width[k])).join(' | ')} |`, ...rows.map(line)].join('\n');
}

// The server runs from dist/: build it first if it is not a build of these sources.
if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);

for (const dialect of DIALECTS) {
  const rows = await benchDialect(dialect);
  console.log(table(`Large council on ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, 10 connections, ${SECONDS} s each`, rows));
}

if (process.env.BENCH_OTHERS !== 'false') {
  for (const script of ['bench:import', 'bench:reports']) {
    console.log(`\nnpm run ${script}`);
    spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  }
}
process.exit(0);
