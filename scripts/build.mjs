#!/usr/bin/env node
// Builds src/ into dist/: TypeScript compiled by tsc (tsconfig.build.json: `.ts` import specifiers
// rewritten to `.js`, tests left out), then every other file under src/ that is not TypeScript
// (Nunjucks templates, static files, the common-passwords list) copied beside it, so that paths
// taken relative to a module (import.meta.url) are the same under dist/ as under src/.
//
//   node scripts/build.mjs              build now
//   node scripts/build.mjs --if-stale   build only when dist/ does not match the sources (`npm start`)
//   node scripts/build.mjs --if-stale --no-fail   the same, but a failed build does not fail (`npm install`)
//   node scripts/build.mjs --check      exit 0 when dist/ matches the sources, 1 when not; build nothing
//
// "Matches" means dist/BUILD's fingerprint equals a sha256 of the inputs: the path and bytes of every
// file under src/ but the tests, the tsconfig files, this script and TypeScript's version. An edit,
// a new or deleted file, or a checkout of other sources changes it; so a stale dist/ is rebuilt
// before it runs, never run as it is. Checking takes a few hundredths of a second; building takes
// tsc's time (it type-checks too, and refuses to build sources with type errors).
//
// The build is made in dist.build-<pid>/ and put in place at the end, so a failed build leaves the
// old dist/ (still stale, so still refused by `npm start` and skipped by the `waymark` command).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const SRC = path.join(ROOT, 'src');
const STAMP = 'BUILD';
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

const isTest = (file) => file.endsWith('.test.ts');
const isTypeScript = (file) => file.endsWith('.ts');

/** Every file under src/, as sorted paths relative to it (with forward slashes). */
function sourceFiles() {
  return fs
    .readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(SRC, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/** TypeScript's version, or null when it is not installed (read from its package.json: loading it is slow). */
function typescriptVersion() {
  try {
    const require = createRequire(path.join(ROOT, 'package.json'));
    return JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The sha256 of everything the build reads (see the top of this file). */
export function fingerprint() {
  const hash = createHash('sha256');
  hash.update(`typescript ${typescriptVersion()}\0`);
  for (const file of CONFIGS) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update('\0');
  for (const file of sourceFiles()) {
    if (isTest(file)) continue;
    hash.update(`src/${file}\0`).update(fs.readFileSync(path.join(SRC, file))).update('\0');
  }
  return hash.digest('hex');
}

/** dist/'s fingerprint, or null when there is no finished build. */
function builtFingerprint() {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIST, STAMP), 'utf8')).fingerprint ?? null;
  } catch {
    return null;
  }
}

/** True when dist/ holds a finished build of the sources as they are now. */
export function isFresh() {
  const built = builtFingerprint();
  return built !== null && built === fingerprint();
}

/** Builds into a fresh directory and puts it in place as dist/. Throws when tsc fails. */
export function build({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const started = Date.now();
  const print = fingerprint();
  const out = path.join(ROOT, `dist.build-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  let tsc;
  try {
    tsc = createRequire(path.join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('TypeScript is not installed, so Waymark cannot be built: run `npm install` (with the dev dependencies) first.');
  }
  try {
    const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal}): nothing was built, dist/ is as it was.`);
    let copied = 0;
    for (const file of sourceFiles()) {
      if (isTypeScript(file)) continue;
      const to = path.join(out, file);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(SRC, file), to);
      copied += 1;
    }
    fs.writeFileSync(path.join(out, STAMP), `${JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString() }, null, 2)}\n`);
    // Swap the new build in. (Two builds at once each make their own directory; the last in wins.)
    const old = path.join(ROOT, `dist.old-${process.pid}`);
    try {
      fs.renameSync(DIST, old);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    fs.renameSync(out, DIST);
    fs.rmSync(old, { recursive: true, force: true });
    log(`waymark: built dist/ from src/ (${copied} other files copied) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Builds unless dist/ is already fresh. Returns whether it built. */
export function buildIfStale(options) {
  if (isFresh()) return false;
  build(options);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const known = ['--if-stale', '--check', '--no-fail'];
  if ([...args].some((a) => !known.includes(a)) || (args.has('--check') && args.size > 1)) {
    console.error('Usage: node scripts/build.mjs [--if-stale] [--no-fail] | --check');
    process.exit(2);
  }
  if (args.has('--check')) {
    const fresh = isFresh();
    console.log(fresh ? 'dist/ is up to date' : 'dist/ is missing or stale');
    process.exit(fresh ? 0 : 1);
  }
  try {
    if (!args.has('--if-stale')) build();
    else if (!isFresh()) {
      console.error('waymark: building dist/ (there is none, or the sources have changed since it was built) …');
      build();
    }
  } catch (err) {
    console.error(`waymark: ${err.message}`);
    // --no-fail (`npm install`'s prepare step): say so, but let the install finish; `npm start`
    // builds again and stops there, and the `waymark` command runs the sources through tsx meanwhile.
    if (args.has('--no-fail')) console.error('waymark: not built; `npm start` will try again.');
    else process.exit(1);
  }
}
