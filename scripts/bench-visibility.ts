// Benchmark: what leaving out restricted items costs a reader. A plan of ACTIONS actions with
// progress (one in ten restricted, with a restricted update on another one in ten), read as the
// plan page reads it (the plan's tree, then every action's position as at a date), best of RUNS.
// The baseline, in the same run, is the same read by an administrator, who sees everything and so
// skips the filtering; the ratios compare a reader without access (everything restricted is
// filtered out, the lead officers of restricted rows looked up) and a performance officer with
// access (the rule short-circuits).
//
//   npm run bench:visibility          (ACTIONS=5000 RUNS=5 npm run bench:visibility for other sizes)

import { performance } from 'node:perf_hooks';
import { buildRuntime } from '../src/composition.ts';
import { systemActor, type Actor } from '../src/services/index.ts';

const ACTIONS = Number(process.env.ACTIONS ?? 2000);
const RUNS = Math.max(1, Number(process.env.RUNS ?? 5));

const rt = await buildRuntime({ dialect: 'sqlite', filename: ':memory:' }, { clock: () => new Date('2025-11-01T12:00:00Z') });
const s = rt.services;
const admin = systemActor(await s.councils.create({ slug: 'bench', name: 'Benchmark Council' }));
const rows = ['Objective number\tObjective\tAction code\tAction\tKind\tDue date\tLead officer\tStatus\t% complete\tProgress update\tAs at'];
for (let i = 0; i < ACTIONS; i++) {
  const o = Math.floor(i / 10) + 1;
  rows.push([`${Math.ceil(o / 5)}.${((o - 1) % 5) + 1}`, `Objective ${o}`, `25-BEN${String(i + 1).padStart(4, '0')}`, `Action ${i + 1}`, i % 3 ? 'One-off' : 'Ongoing', `2026-0${(i % 3) + 1}-28`, 'Service Manager', 'IN PROGRESS', String((i * 7) % 100), 'Steady progress this period.', '2025-09-30'].join('\t'));
}
await s.imports.commit(admin, { content: Buffer.from(rows.join('\n')), format: 'paste' }, { orgCode: 'BEN', year: '2025/26', newUnitName: 'Benchmark Service' });
const plan = (await s.plans.list(admin)).find((p) => p.orgCode === 'BEN')!;
const period = (await s.years.get(admin, plan.planYearId)).periods[2]!.id;
const all = (await s.actions.forPlanYear(admin, 'BEN', '2025/26')).actions;
for (const [i, a] of all.entries()) {
  if (i % 10 === 0) {
    await s.actions.update(admin, a.id, a.version, { objectiveId: a.objective_id, code: a.code, title: a.title, kind: a.kind, dueDate: a.due_date, leads: a.leads.map((l) => l.name).join('\n'), restricted: 'yes', exemptParagraph: 3 });
  } else if (i % 10 === 5) {
    await s.progress.recordUpdate(admin, a.id, { periodId: period, asAt: '2025-10-30', statusWord: 'IN PROGRESS', percentComplete: 60, narrative: 'Commercial terms.', restricted: 'yes', exemptParagraph: 3 });
  }
}
const user = async (email: string, role: string, clearance: boolean): Promise<Actor> => ({
  tenantId: admin.tenantId,
  userId: await s.auth.createUser(admin.tenantId, { email, name: email.split('@')[0]!, role, password: 'long-enough-password' }),
  role,
  clearance,
});
const viewer = await user('cllr@bench.gov.uk', 'viewer', false);
const cleared = await user('po@bench.gov.uk', 'performance_officer', true);

/** The plan page's read: the tree, then each shown action's position. Returns how many actions were shown. */
async function read(actor: Actor): Promise<number> {
  const detail = await s.plans.detail(actor, plan.id);
  const actions = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives].flatMap((o) => o.actions);
  await s.progress.positions(actor, actions, '2025-10-31');
  return actions.length;
}

async function best(actor: Actor): Promise<{ ms: number; shown: number }> {
  let out = { ms: Infinity, shown: 0 };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const shown = await read(actor);
    const ms = performance.now() - start;
    if (ms < out.ms) out = { ms, shown };
  }
  return out;
}

await read(admin); // warm up
const baseline = await best(admin);
const results: [string, { ms: number; shown: number }][] = [
  ['viewer without access', await best(viewer)],
  ['performance officer with access', await best(cleared)],
];
await rt.close();

const ms = (t: number): string => `${t < 10 ? t.toFixed(1) : Math.round(t).toLocaleString('en-GB')} ms`;
console.log(`Restricted-item filtering: a plan of ${ACTIONS.toLocaleString('en-GB')} actions (one in ten restricted, one in ten with a restricted latest update); best of ${RUNS}; Node ${process.version}`);
console.log(`  ${'baseline: administrator'.padEnd(34)}${ms(baseline.ms).padEnd(10)}${baseline.shown} actions shown`);
for (const [name, t] of results) console.log(`  ${name.padEnd(34)}${ms(t.ms).padEnd(10)}${String(t.shown).padEnd(5)} actions shown (${(t.ms / baseline.ms).toFixed(2)}× baseline)`);
