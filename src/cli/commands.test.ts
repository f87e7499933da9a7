import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../../test/support/databases.ts';
import { runWaymark } from '../../test/support/cli.ts';

const run = runWaymark;

for (const dialect of DIALECTS) {
  describe(`waymark CLI [${dialect}]`, () => {
    let db: FreshDatabase;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      db = await freshDatabase(dialect);
      env = { DATABASE_URL: db.config.dialect === 'sqlite' ? db.config.filename : db.config.connectionString };
    });
    after(async () => db.drop());

    it('lists no plans in an empty database', async () => {
      const r = await run(['plans', '--json'], env);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(r.out), []);
    });

    it('loads the demo and lists its plans as JSON', async () => {
      const demo = await run(['demo'], env);
      assert.equal(demo.code, 0, demo.err);
      assert.match(demo.out, /admin@/);
      const r = await run(['plans', '--json'], env);
      assert.equal(r.code, 0, r.err);
      const plans = JSON.parse(r.out) as { org: string; year: string; title: string; kind: string; objectives: number; actions: number }[];
      assert.ok(plans.length >= 2);
      for (const p of plans) assert.deepEqual(Object.keys(p), ['org', 'year', 'title', 'kind', 'objectives', 'actions']);
      const business = plans.find((p) => p.kind === 'business_plan');
      assert.ok(business && business.objectives >= 12 && business.actions >= 40, JSON.stringify(business));
      const actionPlan = plans.find((p) => p.kind === 'action_plan');
      assert.ok(actionPlan && actionPlan.org === 'CEC' && actionPlan.year === '2015/16' && actionPlan.actions >= 8, JSON.stringify(actionPlan));
    });

    it('refuses to load the demo twice', async () => {
      const r = await run(['demo'], env);
      assert.equal(r.code, 1);
      assert.match(r.err, /empty database/);
    });

    it('prints a readable table without --json', async () => {
      const r = await run(['plans'], env);
      assert.equal(r.code, 0);
      assert.match(r.out, /^ORG\s+YEAR/m);
      assert.match(r.out, /CEC\s+2015\/16/);
    });

    it('prints the position of a plan as at a date, in the documented shape', async () => {
      const r = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2019-03-31', '--json'], env);
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out) as { asOf: string; actions: Record<string, unknown>[]; summary: { byStage: Record<string, number>; byRag: Record<string, number> } };
      assert.deepEqual(Object.keys(report), ['asOf', 'actions', 'summary']);
      assert.equal(report.asOf, '2019-03-31');
      assert.ok(report.actions.length >= 40);
      const stages = ['not_started', 'in_progress', 'ongoing', 'complete', 'carried_over', 'deferred', 'cancelled'];
      const rags = ['green', 'amber', 'red', 'complete', 'closed', 'not_updated', 'not_due'];
      for (const a of report.actions) {
        assert.deepEqual(Object.keys(a), ['code', 'title', 'stage', 'percentComplete', 'expectedPercent', 'rag', 'overdue', 'override', 'explanation']);
        assert.ok(stages.includes(a.stage as string), String(a.stage));
        assert.ok(rags.includes(a.rag as string), String(a.rag));
        assert.equal(typeof a.overdue, 'boolean');
        assert.ok(a.percentComplete === null || (typeof a.percentComplete === 'number' && a.percentComplete >= 0 && a.percentComplete <= 100));
        assert.match(a.explanation as string, /^(Green|Amber|Red|Complete|Closed|Not updated|Not due yet)/);
      }
      assert.deepEqual(Object.keys(report.summary.byStage).sort(), [...stages].sort());
      assert.deepEqual(Object.keys(report.summary.byRag).sort(), [...rags].sort());
      assert.equal(Object.values(report.summary.byRag).reduce((a, b) => a + b, 0), report.actions.length);
      assert.ok(report.summary.byStage.complete! > 0 && report.summary.byRag.complete === report.summary.byStage.complete);
      // Reproducible: the same question gives the same answer.
      const again = await run(['status', '--org', 'cex', '--year', '2018/19', '--as-of', '2019-03-31', '--json'], env);
      assert.equal(again.out, r.out);
      // Earlier, before the second half's updates were written, fewer actions were complete.
      const earlier = JSON.parse((await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-09-30', '--json'], env)).out) as typeof report;
      assert.ok(earlier.summary.byStage.complete! < report.summary.byStage.complete!);
    });

    it('prints a readable status table and refuses bad status requests', async () => {
      const table = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-10-31'], env);
      assert.equal(table.code, 0, table.err);
      assert.match(table.out, /^Position as at 31 October 2018/);
      assert.match(table.out, /18-CEX01/);
      const outside = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2030-01-01'], env);
      assert.equal(outside.code, 2);
      assert.match(outside.err, /outside every plan year/);
      const badDate = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '31/03/2019'], env);
      assert.equal(badDate.code, 2);
      assert.match(badDate.err, /--as-of/);
      const missing = await run(['status', '--year', '2018/19'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /--org/);
      const unknown = await run(['status', '--org', 'NOPE', '--year', '2018/19', '--as-of', '2018-10-31'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.err, /NOPE/);
    });

    it('status without --as-of for a year that has ended uses its last reporting date; --known-on limits it to what was recorded by then', async () => {
      type Status = { asOf: string; knownOn?: string; actions: { code: string; stage: string; percentComplete: number | null; rag: string }[] };
      // 2018/19 ended on 31 March 2019, long before today: its year-end position, not one "as at" today.
      const ended = JSON.parse((await run(['status', '--org', 'CEX', '--year', '2018/19', '--json'], env)).out) as Status;
      assert.equal(ended.asOf, '2019-03-31');
      assert.equal(ended.knownOn, undefined);
      // The demo's first-half updates report on 30 September 2018 and were written from 2 October on
      // (src/db/demo/progress.ts), so as known on 30 September there was no update at all …
      const before = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-09-30', '--known-on', '2018-09-30', '--json'], env);
      assert.equal(before.code, 0, before.err);
      const then = JSON.parse(before.out) as Status;
      assert.equal(then.knownOn, '2018-09-30');
      assert.deepEqual([...new Set(then.actions.map((a) => `${a.stage}/${String(a.percentComplete)}`))], ['not_started/null']);
      // … and, the first deadline (14 October, plus 5 days' grace) not having passed, nothing was "not updated".
      assert.equal(then.actions.filter((a) => a.rag === 'not_updated').length, 0);
      const table = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-09-30', '--known-on', '2018-10-20'], env);
      assert.match(table.out, /^Position as at 30 September 2018, as known on 20 October 2018/);
      // A known-on date before the as-at date, in the future, or not a date is refused with what to do.
      const early = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-09-30', '--known-on', '2018-09-29'], env);
      assert.equal(early.code, 2);
      assert.match(early.err, /before the as-at date 30 September 2018: choose 30 September 2018 or later/);
      const future = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2018-09-30', '--known-on', '2999-01-01'], env);
      assert.equal(future.code, 2);
      assert.match(future.err, /in the future/);
      const malformed = await run(['status', '--org', 'CEX', '--year', '2018/19', '--known-on', 'yesterday'], env);
      assert.equal(malformed.code, 2);
      assert.match(malformed.err, /--known-on must be a date/);
      // An as-at date in another plan year than the one asked about.
      const otherYear = await run(['status', '--org', 'CEX', '--year', '2018/19', '--as-of', '2015-09-30'], env);
      assert.equal(otherYear.code, 2);
      assert.match(otherYear.err, /falls in 2015\/16, not 2018\/19/);
    });

    it('creates a user from a password on standard input', async () => {
      const r = await run(['create-user', '--email', 'New.Officer@example.gov.uk', '--name', 'New Officer', '--role', 'lead_officer', '--password-stdin', '--council', 'demo'], env, 'a-very-long-password\n');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /new\.officer@example\.gov\.uk/);
      const again = await run(['create-user', '--email', 'new.officer@example.gov.uk', '--name', 'X', '--role', 'viewer', '--password-stdin'], env, 'a-very-long-password');
      assert.equal(again.code, 2);
      assert.match(again.err, /already exists/);
    });
  });
}

describe('waymark CLI: bad input', () => {
  let db: FreshDatabase;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    db = await freshDatabase('sqlite');
    env = { DATABASE_URL: `file:${db.config.dialect === 'sqlite' ? db.config.filename : ''}` };
  });
  after(async () => db.drop());

  it('names an unknown flag', async () => {
    const r = await run(['plans', '--bogus'], env);
    assert.equal(r.code, 2);
    assert.match(r.err, /bogus/);
  });

  it('names the missing flags of create-user', async () => {
    const r = await run(['create-user', '--email', 'a@b.gov.uk'], env);
    assert.equal(r.code, 2);
    assert.match(r.err, /--name, --role/);
  });

  it('refuses a short password and a bad role, naming them, and writes nothing', async () => {
    const short = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin', '--council-name', 'Test Council'], env, 'short');
    assert.equal(short.code, 2);
    assert.match(short.err, /Password must be 12 characters or more/);
    const role = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'emperor', '--password-stdin', '--council-name', 'Test Council'], env, 'long-enough-password');
    assert.equal(role.code, 2);
    assert.match(role.err, /Select a role/);
    // Nothing was written: not even the council the command would have created.
    const noCouncil = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin'], env, 'long-enough-password');
    assert.equal(noCouncil.code, 2);
    assert.match(noCouncil.err, /There is no council yet/);
  });

  it('needs a council name on an empty database', async () => {
    const r = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin'], { DATABASE_URL: ':memory:' }, 'long-enough-password');
    assert.equal(r.code, 2);
    assert.match(r.err, /--council-name/);
  });

  it('rejects an unsupported DATABASE_URL and an unknown command', async () => {
    const url = await run(['plans'], { DATABASE_URL: 'mysql://localhost/x' });
    assert.equal(url.code, 2);
    assert.match(url.err, /DATABASE_URL/);
    const cmd = await run(['frobnicate'], env);
    assert.equal(cmd.code, 2);
    assert.match(cmd.err, /Unknown command/);
  });
});
