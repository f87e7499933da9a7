// Which group each test file belongs to, for scripts/run-tests.mjs.
//
//   unit  pure tests: they never open a database, build the app or start a browser
//         (domain rules, import readers, report renderers, config parsing)
//   db    repository, service and command-line tests over a fresh database on each dialect
//   http  tests that build the web app and send it requests (Fastify inject), or start the server
//         (scripts/build.test.ts: the compiled server, from dist/)
//   e2e   browser journeys (test/e2e/)
//
// A file's group comes from where it lives (the longest matching prefix below) and is then checked
// against what it imports: a "unit" file that imports the test databases, the composition root or
// the app, or a "db" file that builds the app, is in the wrong group and the run fails saying so.
// A test file in none of the places below fails the run too: add its place here.
import fs from 'node:fs';
import path from 'node:path';

export const GROUPS = ['unit', 'db', 'http', 'e2e'];

/** Where each group's files live: a directory (ending in /) or one file, relative to the repository. */
export const PLACES = {
  unit: ['src/domain/', 'src/import/', 'src/reports/', 'src/config.test.ts', 'src/services/validation.test.ts', 'src/services/field-schemas.test.ts'],
  db: ['src/db/', 'src/services/', 'src/cli/', 'test/support/'],
  http: ['src/web/', 'src/server.test.ts', 'scripts/build.test.ts'],
  e2e: ['test/e2e/'],
};

// The slowest files start first, so that the others run beside them rather than after them (the
// fuzz tests alone take about as long as the rest of the unit group together; the positions cache's
// comparison over the large demo, on both databases, takes about 40% of the db group's time, and
// started in its alphabetical place it can run on after the rest have finished). The run's summary
// lists each group's slowest files: keep this list in step with it.
export const SLOW_FIRST = [
  // unit
  'src/import/fuzz.test.ts',
  'src/import/xlsx.test.ts',
  'src/import/index.test.ts',
  // db
  'src/services/position-cache.test.ts',
  'src/cli/commands.test.ts',
  // http
  'src/web/authorization-matrix.test.ts',
  'scripts/build.test.ts',
  'src/server.test.ts',
];

/** The files in the order to run them: the slow ones first, then the rest as given. */
export function runOrder(files) {
  const slow = SLOW_FIRST.filter((f) => files.some((g) => posix(g) === f));
  return [...slow, ...files.filter((f) => !SLOW_FIRST.includes(posix(f)))];
}

// Imports that open a database or build the app (matched against the end of each import path).
const OPENS_DATABASE = [/\/test\/support\/databases\.ts$/, /\/test\/support\/cli\.ts$/, /\/composition\.ts$/, /\/db\/database\.ts$/, /\/test\/support\/factories\.ts$/];
const BUILDS_APP = [/\/test\/support\/http\.ts$/, /\/app\.ts$/, /\/server\.ts$/];

const posix = (p) => p.split(path.sep).join('/');

/** The group a file's place puts it in, or null when it is in none. */
export function placeOf(file) {
  const f = posix(file);
  let best = null;
  let bestLength = -1;
  for (const group of GROUPS) {
    for (const place of PLACES[group]) {
      const matches = place.endsWith('/') ? f.startsWith(place) : f === place;
      if (matches && place.length > bestLength) {
        best = group;
        bestLength = place.length;
      }
    }
  }
  return best;
}

/** The relative module paths a test file imports (static imports and `import('…')`). */
function importsOf(source) {
  const out = [];
  for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

/**
 * Every test file's group, and the problems that should fail the run: files in no group and files
 * whose imports say they belong in another.
 */
export function classify(root, files) {
  const groups = new Map(GROUPS.map((g) => [g, []]));
  const problems = [];
  for (const file of files) {
    const group = placeOf(file);
    if (!group) {
      problems.push(`${posix(file)} is in no test group: add its directory to PLACES in scripts/test-groups.mjs`);
      continue;
    }
    const imports = importsOf(fs.readFileSync(path.join(root, file), 'utf8')).map((i) => '/' + i.replace(/^(\.\.?\/)+/, ''));
    const any = (patterns) => imports.find((i) => patterns.some((re) => re.test(i)));
    const app = any(BUILDS_APP);
    const db = any(OPENS_DATABASE);
    if (group === 'unit' && (app || db)) problems.push(`${posix(file)} is a unit test by its place but imports ${(app || db).slice(1)}: unit tests stay pure (move it, or list it under db or http)`);
    if (group === 'db' && app) problems.push(`${posix(file)} is a db test by its place but builds the app (${app.slice(1)}): list it under http`);
    groups.get(group).push(file);
  }
  return { groups, problems };
}
