#!/usr/bin/env node
// Runs the tests: `node scripts/run-tests.mjs [unit|db|http|e2e|all|list]` (default all).
//
// On Node 20, `node --test dir/` finds no .ts files (and passes with 0 tests), so we list the test
// files ourselves and hand them to node's test runner through tsx, one group after another:
//   unit  pure tests (domain rules, import readers, report renderers): no database, no app
//   db    repository, service and command-line tests, on SQLite and PostgreSQL
//   http  tests that build the web app and send it requests
//   e2e   browser journeys in Chromium, one file at a time
//   all   the four, in that order
//   list  prints each group's files and runs nothing
// scripts/test-groups.mjs says which file is in which group; a test file in none (or whose imports
// say it is in the wrong one) fails the run before anything starts. The time of each group is
// printed at the end, and each group's slowest files (scripts/test-timing-reporter.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, GROUPS, runOrder } from './test-groups.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const commands = new Set([...GROUPS, 'all', 'list']);
const command = process.argv[2] ?? 'all';
if (!commands.has(command) || process.argv.length > 3) {
  console.error(`Usage: node scripts/run-tests.mjs [${[...commands].join('|')}]`);
  process.exit(2);
}

/** Every *.test.ts under dir, sorted, as paths relative to the repository. */
function findTests(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if (err.code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

const all = [...findTests('src'), ...findTests('test'), ...findTests('scripts')];
const { groups, problems } = classify(root, all);
if (problems.length > 0) {
  console.error(`Test files out of place (scripts/test-groups.mjs):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (command === 'list') {
  for (const [group, files] of groups) console.log(`${group} (${files.length}):\n  ${files.join('\n  ')}`);
  process.exit(0);
}

// Property tests (fast-check) use this seed (test/support/property.ts, loaded into every test
// process), the same on every run unless TEST_SEED says otherwise, so that CI is repeatable and a
// failure can be replayed.
const seed = process.env.TEST_SEED || '20260401'; // DEFAULT_TEST_SEED in test/support/property.ts
// Two files at a time by default (the machines here have two cores); e2e journeys one at a time.
const concurrency = Number(process.env.TEST_CONCURRENCY) || 2;
const runs = (command === 'all' ? GROUPS : [command]).map((name) => ({ name, files: runOrder(groups.get(name)), concurrency: name === 'e2e' ? 1 : concurrency }));

/**
 * When TEST_DATABASE_URL is set, the server there must answer before any test starts: otherwise every
 * test file would fail on its own, each after its own wait, and say the same thing many times.
 * (test/support/databases.ts refuses, too, to start a throwaway server in its place.)
 */
async function checkTestDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const { default: pg } = await import('pg');
  let shown = url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    shown = u.toString();
  } catch {
    return `TEST_DATABASE_URL is not a URL: ${url}`;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return null;
  } catch (err) {
    // A server that answers but has no such database is fine: the tests use its maintenance database.
    if (err.code === '3D000' || err.code === '28000' || err.code === '28P01') return null;
    const why = Array.isArray(err.errors) && err.errors.length ? err.errors.map((e) => e.code ?? e.message).join(', ') : err.code ?? err.message;
    return `TEST_DATABASE_URL is set to ${shown}, and no PostgreSQL server answers there (${why}).\nStart that server, or unset TEST_DATABASE_URL to let the tests start a throwaway PostgreSQL of their own.`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads the timing reporter's lines: how long each file took, slowest first. */
function readTimings(file) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return rows.sort((a, b) => b.ms - a.ms).map((r) => ({ ...r, file: path.relative(root, r.file) }));
}

function run({ files, concurrency }) {
  return new Promise((resolve) => {
    // Each file's time goes to a file of its own through a second reporter (scripts/test-timing-reporter.mjs).
    const timingFile = path.join(os.tmpdir(), `waymark-test-times-${process.pid}-${Date.now()}.jsonl`);
    const args = [
      '--import',
      'tsx',
      '--import',
      './test/support/property.ts',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/test-timing-reporter.mjs',
      `--test-reporter-destination=${timingFile}`,
      `--test-concurrency=${concurrency}`,
      ...files,
    ];
    const env = { ...process.env, TZ: 'Europe/London', TEST_SEED: seed };
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env });
    // Pass the reporter's output through, keeping its tail for the counts in the summary.
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-8192);
    });
    const timings = () => {
      const rows = readTimings(timingFile);
      fs.rmSync(timingFile, { force: true });
      return rows;
    };
    child.on('error', (err) => {
      console.error(err);
      resolve({ code: 1, counts: null, timings: timings() });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts: countsFrom(tail), timings: timings() }));
  });
}

/** The totals from node's spec reporter ("ℹ pass 12"), or null when the run printed none. */
function countsFrom(text) {
  const grab = (word) => {
    const m = new RegExp(`^ℹ ${word} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const pass = grab('pass');
  const fail = grab('fail');
  return pass === null || fail === null ? null : { pass, fail, skipped: (grab('skipped') ?? 0) + (grab('todo') ?? 0), cancelled: grab('cancelled') ?? 0 };
}

if (runs.some((r) => r.name !== 'unit')) {
  const problem = await checkTestDatabase();
  if (problem) {
    console.error(`FAIL before any test ran: ${problem}`);
    process.exit(1);
  }
}

const started = Date.now();
const totals = { pass: 0, fail: 0, skipped: 0 };
const results = [];
const fileTimes = [];
let failed = false;
for (const r of runs) {
  if (r.files.length === 0) {
    // No files in a group means the runner is looking in the wrong place.
    results.push(`${r.name}: none found`);
    failed = true;
    continue;
  }
  console.log(`\n▶ ${r.name}: ${r.files.length} file${r.files.length === 1 ? '' : 's'} (property tests: TEST_SEED=${seed})\n`);
  const t = Date.now();
  const { code, counts, timings } = await run(r);
  fileTimes.push({ group: r.name, timings });
  if (counts) {
    totals.pass += counts.pass;
    totals.fail += counts.fail + counts.cancelled;
    totals.skipped += counts.skipped;
  }
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  const tally = counts ? `, ${counts.pass} passed, ${counts.fail + counts.cancelled} failed` : '';
  results.push(`${r.name}: ${r.files.length} file${r.files.length === 1 ? '' : 's'} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${secs} s${tally}`);
  if (code !== 0) failed = true;
}
const total = ((Date.now() - started) / 1000).toFixed(1);
// Each group's slowest files (wall time, from start-up to exit, files running beside each other as the
// group's concurrency allows): where to look first when the run grows slow. TEST_TIMES=all lists every file.
const shown = process.env.TEST_TIMES === 'all' ? Infinity : 8;
for (const { group, timings } of fileTimes) {
  if (timings.length === 0) continue;
  console.log(`\n${group}, slowest files${timings.length > shown ? ` (${shown} of ${timings.length}; TEST_TIMES=all for every one)` : ''}:`);
  for (const t of timings.slice(0, shown)) console.log(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.file}${t.passed ? '' : '  (failed)'}`);
}
console.log(`\n${failed ? 'FAIL' : 'PASS'} (${command}, ${total} s)\n  ${results.join('\n  ')}`);
console.log(`total: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
if (failed) console.log(`(property tests ran with TEST_SEED=${seed}; set it to replay them)`);
process.exit(failed ? 1 : 0);
