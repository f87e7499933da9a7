import fc from 'fast-check';

// Property tests (fast-check) run with a fixed seed, so that a run in CI can be repeated exactly.
// scripts/run-tests.mjs loads this module into every test process (`--import`): the seed is TEST_SEED
// (default below), or a new one each time with TEST_SEED=random. fast-check names the seed (and the
// path to the counterexample) in every failure it reports; replay one file with
//   TEST_SEED=<seed> node --import tsx --import ./test/support/property.ts --test <file>
// (Domain tests may not import from test/, hence a preloaded module rather than an import in each.)
export const DEFAULT_TEST_SEED = 20260401;

const raw = process.env.TEST_SEED ?? String(DEFAULT_TEST_SEED);
export const testSeed: number | null = raw === 'random' ? null : Number(raw);
if (testSeed !== null && !Number.isSafeInteger(testSeed)) throw new Error(`TEST_SEED must be a whole number or "random", not ${JSON.stringify(raw)}`);
if (testSeed !== null) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: testSeed });
