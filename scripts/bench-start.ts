// Benchmark: start-up with the large demo already loaded (issue 14: "from launch to the first
// /health answer under 2 s; resident memory under 300 MB"). It is a benchmark, not a test: it prints
// figures and never fails on them.
//
// It builds dist/ if it is stale, loads `waymark demo --scale large` into an empty SQLite file,
// then starts the server on it several times each way, in turn:
//   npm start                 what the README says (the prestart freshness check, then node dist/main.js)
//   node dist/main.js         the compiled server alone
//   tsx src/main.ts           how `npm start` ran before the build (TypeScript compiled on every start)
// and prints, for each, the time from launch to the first 200 from /health (median and best), the
// processor time the server process had used by then (steadier than the time taken when other work
// shares the machine) and its resident memory.
//
//   npm run bench:start                    (BENCH_RUNS=5 for more runs; the default is 3)

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, rssMb } from './processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const GOALS = { startSeconds: 2, rssMb: 300 };

const WAYS: { name: string; command: string; args: string[]; server: RegExp }[] = [
  { name: 'npm start', command: 'npm', args: ['start', '--silent'], server: /dist\/main\.js/ },
  { name: 'node dist/main.js', command: process.execPath, args: ['dist/main.js', '--demo'], server: /dist\/main\.js/ },
  { name: 'tsx src/main.ts (before)', command: path.join(ROOT, 'node_modules', '.bin', 'tsx'), args: ['src/main.ts', '--demo'], server: /src\/main\.ts/ },
];



const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** The processor time (user and system) the process has used, in seconds, from /proc (Linux). */
const cpuSeconds = (pid: number): number => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
};

/** Every process below pid (npm runs a shell that runs node; tsx runs node again). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the second field after the name, which is in brackets and may hold spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** The server itself: the last process in the tree (the launcher, or one below it) running main. */
function serverPid(launcher: number, server: RegExp): number {
  const candidates = [launcher, ...descendants(launcher)].filter((pid) => {
    try {
      return server.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      return false;
    }
  });
  return candidates.at(-1) ?? launcher;
}

async function startOnce(way: (typeof WAYS)[number], databaseUrl: string): Promise<{ seconds: number; cpu: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so that stopping it stops npm's shell and the server below it too.
  const child: ChildProcess = spawn(way.command, way.args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`${way.name} exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    const server = serverPid(child.pid!, way.server);
    return { seconds, cpu: cpuSeconds(server), rss: rssMb(server) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// dist/ must be a build of these sources (`npm start` would build it first: that is not start-up).
const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const check = performance.now();
spawnSync(process.execPath, ['scripts/build.mjs', '--check'], { cwd: ROOT, stdio: 'ignore' });
const checkSeconds = (performance.now() - check) / 1000;

fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
const dir = fs.mkdtempSync(path.join(ROOT, 'tmp', 'bench-start-'));
try {
  const databaseUrl = path.join(dir, 'waymark.sqlite');
  const t0 = performance.now();
  const demo = spawnSync(process.execPath, ['bin/waymark.js', 'demo', '--scale', 'large'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (demo.status !== 0) throw new Error(`waymark demo --scale large exited with ${demo.status}`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const sizeMb = fs.statSync(databaseUrl).size / 1024 / 1024;
  console.log(`Large demo loaded into ${path.relative(ROOT, databaseUrl)} (${sizeMb.toFixed(0)} MB) in ${loadSeconds.toFixed(1)} s; the freshness check (node scripts/build.mjs --check) takes ${checkSeconds.toFixed(2)} s.`);

  const results = new Map(WAYS.map((w) => [w.name, { seconds: [] as number[], cpu: [] as number[], rss: [] as number[] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const way of WAYS) {
      const r = await startOnce(way, databaseUrl);
      results.get(way.name)!.seconds.push(r.seconds);
      results.get(way.name)!.cpu.push(r.cpu);
      results.get(way.name)!.rss.push(r.rss);
    }
  }

  const rows = [
    ['start with the large demo loaded', 'launch to first /health 200: median (best) s', 'server CPU by then: median s', 'server RSS then: median MB', 'goal'],
    ...WAYS.map((w) => {
      const r = results.get(w.name)!;
      return [w.name, `${median(r.seconds).toFixed(2)} (${Math.min(...r.seconds).toFixed(2)})`, median(r.cpu).toFixed(2), median(r.rss).toFixed(0), `< ${GOALS.startSeconds} s, < ${GOALS.rssMb} MB`];
    }),
  ];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\n${RUNS} runs each, SQLite, ${os.cpus().length} cores, load average ${load} at the end`);
  console.log([line(rows[0]!), `| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
