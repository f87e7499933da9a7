#!/usr/bin/env node
// Runs the tests: `node scripts/run-tests.mjs [unit|db|http|e2e|all]` (default all).
//
// On Node 20, `node --test dir/` finds no .ts files (and passes with 0 tests), so we list the test
// files ourselves and hand them to node's test runner through tsx. Tests beside the code and in
// test/ run first (two files at a time); end-to-end journeys (test/e2e/**) run after, one at a time.
//   unit, db, http  every test except end-to-end
//   e2e             end-to-end journeys only
//   all             both, in that order
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const groups = new Set(['unit', 'db', 'http', 'e2e', 'all']);
const group = process.argv[2] ?? 'all';
if (!groups.has(group) || process.argv.length > 3) {
  console.error(`Usage: node scripts/run-tests.mjs [${[...groups].join('|')}]`);
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

const all = [...findTests('src'), ...findTests('test')];
const isE2e = (f) => f.split(path.sep).join('/').startsWith('test/e2e/');
const runs = [];
if (group !== 'e2e') runs.push({ name: 'tests', files: all.filter((f) => !isE2e(f)), concurrency: 2 });
if (group === 'e2e' || group === 'all') runs.push({ name: 'end-to-end tests', files: all.filter(isE2e), concurrency: 1 });

function run({ files, concurrency }) {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, TZ: 'Europe/London' } });
    // Pass the reporter's output through, keeping its tail for the counts in the summary.
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-8192);
    });
    child.on('error', (err) => {
      console.error(err);
      resolve({ code: 1, counts: null });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts: countsFrom(tail) }));
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

const started = Date.now();
const totals = { pass: 0, fail: 0, skipped: 0 };
const results = [];
let failed = false;
for (const r of runs) {
  if (r.files.length === 0) {
    // No end-to-end journeys yet is fine; no tests at all means the runner is looking in the wrong place.
    results.push(`${r.name}: none found`);
    if (r.name === 'tests') failed = true;
    continue;
  }
  const t = Date.now();
  const { code, counts } = await run(r);
  if (counts) {
    totals.pass += counts.pass;
    totals.fail += counts.fail + counts.cancelled;
    totals.skipped += counts.skipped;
  }
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  results.push(`${r.name}: ${r.files.length} file${r.files.length === 1 ? '' : 's'} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${secs} s`);
  if (code !== 0) failed = true;
}
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n${failed ? 'FAIL' : 'PASS'} (${group}, ${total} s) – ${results.join('; ')}`);
console.log(`total: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
