import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../../test/support/databases.ts';
import { runWaymark } from '../../test/support/cli.ts';
import { buildRuntime } from '../composition.ts';
import { systemActor } from '../services/context.ts';

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

    it('refuses the large demo into a database that holds a council, writing nothing, and an unknown scale', async () => {
      const before = (JSON.parse((await run(['plans', '--json'], env)).out) as unknown[]).length;
      const r = await run(['demo', '--scale', 'large'], env);
      assert.equal(r.code, 1);
      assert.match(r.err, /only be loaded into an empty database/);
      assert.equal((JSON.parse((await run(['plans', '--json'], env)).out) as unknown[]).length, before, 'no plan added');
      const unknown = await run(['demo', '--scale', 'huge'], env);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /--scale must be one of standard, large, not "huge"/);
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

    it('sso-unlink removes an account\'s single sign-on links, audited, so its next SSO sign-in links afresh', async () => {
      const rt = await buildRuntime(db.config);
      try {
        const user = await rt.db.kysely.selectFrom('users').select(['id', 'tenant_id']).where('email', '=', 'new.officer@example.gov.uk').executeTakeFirstOrThrow();
        // A link as the first SSO sign-in makes it (src/services/sso.test.ts goes through a real provider).
        const at = new Date().toISOString();
        await rt.db.kysely.insertInto('sso_identities').values({ tenant_id: user.tenant_id, user_id: user.id, issuer: 'https://login.example.test', subject: 'sub-1', created_at: at, last_used_at: at }).execute();
        const r = await run(['sso-unlink', '--email', 'New.Officer@example.gov.uk'], env);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /^Unlinked new\.officer@example\.gov\.uk from 1 single sign-on identity/);
        assert.deepEqual(await rt.db.kysely.selectFrom('sso_identities').select('id').where('user_id', '=', user.id).execute(), []);
        const audit = await rt.db.kysely.selectFrom('audit_events').select(['entity_id', 'before_json']).where('event', '=', 'sso_unlink').executeTakeFirstOrThrow();
        assert.equal(audit.entity_id, user.id);
        assert.deepEqual(JSON.parse(audit.before_json ?? 'null'), { identities: [{ issuer: 'https://login.example.test', subject: 'sub-1' }] });
        const again = await run(['sso-unlink', '--email', 'new.officer@example.gov.uk'], env);
        assert.match(again.out, /is not linked to any single sign-on identity/);
        const nobody = await run(['sso-unlink', '--email', 'nobody@example.gov.uk'], env);
        assert.equal(nobody.code, 2);
        assert.match(nobody.err, /There is no account with email nobody@example\.gov\.uk/);
      } finally {
        await rt.close();
      }
    });

    it('create-user --council-name for a council that does not exist is refused, saying to run create-council, and adds no one anywhere', async () => {
      // The database holds one council (the demo's, "Brackenmoor District Council"): the old
      // behaviour quietly put this administrator into it.
      const r = await run(['create-user', '--council-name', 'Other Borough Council', '--email', 'admin@other.example.gov.uk', '--name', 'Olu Other', '--role', 'admin', '--password-stdin'], env, 'a long enough password');
      assert.equal(r.code, 2);
      assert.match(r.err, /There is no council called Other Borough Council: create it with: waymark create-council --name "Name of your council" --slug your-council/);
      assert.equal(r.out, '');
      const rt = await buildRuntime(db.config);
      try {
        assert.equal(await rt.db.kysely.selectFrom('users').select('id').where('email', '=', 'admin@other.example.gov.uk').executeTakeFirst(), undefined);
        assert.equal((await rt.services.councils.list()).length, 1, 'no council was made either');
      } finally {
        await rt.close();
      }
    });

    it('create-council adds a second council; create-user puts the account in exactly the council named, which sees none of the other\'s data', async () => {
      const made = await run(['create-council', '--name', 'Other Borough Council', '--slug', 'other'], env);
      assert.equal(made.code, 0, made.err);
      assert.match(made.out, /^Created council Other Borough Council \(other\)\. Add its first administrator with: waymark create-user --council other /);
      // By name (any case), and by slug.
      const byName = await run(['create-user', '--council-name', 'other borough council', '--email', 'admin@other.example.gov.uk', '--name', 'Olu Other', '--role', 'admin', '--password-stdin'], env, 'a long enough password');
      assert.equal(byName.code, 0, byName.err);
      assert.match(byName.out, /Created admin account admin@other\.example\.gov\.uk in Other Borough Council\./);
      const bySlug = await run(['create-user', '--council', 'other', '--email', 'viewer@other.example.gov.uk', '--name', 'Vic Other', '--role', 'viewer', '--password-stdin'], env, 'a long enough password');
      assert.equal(bySlug.code, 0, bySlug.err);
      // Two councils now: an account with no council named is refused rather than guessed.
      const unnamed = await run(['create-user', '--email', 'who@example.gov.uk', '--name', 'Who', '--role', 'viewer', '--password-stdin'], env, 'a long enough password');
      assert.equal(unnamed.code, 2);
      assert.match(unnamed.err, /several councils: choose one with --council \(demo, other\)/);
      const both = await run(['create-user', '--council', 'other', '--council-name', 'Other Borough Council', '--email', 'who@example.gov.uk', '--name', 'Who', '--role', 'viewer', '--password-stdin'], env, 'a long enough password');
      assert.equal(both.code, 2);
      assert.match(both.err, /not both/);
      const rt = await buildRuntime(db.config);
      try {
        const other = await rt.services.councils.bySlug('other');
        const demo = await rt.services.councils.bySlug('demo');
        for (const email of ['admin@other.example.gov.uk', 'viewer@other.example.gov.uk']) {
          const { user } = await rt.services.auth.signIn(email, 'a long enough password', '127.0.0.1');
          assert.equal(user.tenantId, other.id, email);
          assert.equal(user.tenantName, 'Other Borough Council');
        }
        // The new council is empty: none of the demo council's 5 plans, units or people.
        const actor = systemActor(other.id);
        assert.deepEqual(await rt.services.plans.list(actor), []);
        assert.deepEqual(await rt.services.organisation.units(actor), []);
        assert.deepEqual(await rt.services.organisation.people(actor), []);
        assert.equal((await rt.services.plans.list(systemActor(demo.id))).length, 5);
        // plans --council other lists nothing; the demo council's plans are still there.
        assert.deepEqual(JSON.parse((await run(['plans', '--json', '--council', 'other'], env)).out), []);
      } finally {
        await rt.close();
      }
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

  it('on an empty database, create-user says to create the council first, and creates nothing', async () => {
    for (const extra of [[], ['--council-name', 'Test Council'], ['--council', 'test']]) {
      const r = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin', ...extra], env, 'long-enough-password');
      assert.equal(r.code, 2, extra.join(' '));
      assert.match(r.err, /create it with: waymark create-council --name "Name of your council" --slug your-council/, extra.join(' '));
    }
    assert.deepEqual(JSON.parse((await run(['plans', '--json'], env)).out), []);
  });

  it('refuses bad create-council input, naming what is wrong, and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--name', 'Test Council'], /create-council needs --slug, like: waymark create-council --name/],
      [['--slug', 'test'], /create-council needs --name/],
      [['--name', 'Test Council', '--slug', 'Test Council'], /Council slug must be 2 to 40 lower-case letters, numbers or hyphens/],
      [['--name', '   ', '--slug', 'test'], /council name/i],
      // Months are 1 (January) to 12 (December): 0, 13 and words are not months.
      [['--name', 'Test Council', '--slug', 'test', '--year-start-month', '13'], /--year-start-month must be a month number from 1 to 12/],
      [['--name', 'Test Council', '--slug', 'test', '--year-start-month', '0'], /--year-start-month must be a month number from 1 to 12/],
      [['--name', 'Test Council', '--slug', 'test', '--year-start-month', 'April'], /--year-start-month must be a month number from 1 to 12/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['create-council', ...args], env);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message, args.join(' '));
    }
    const none = await run(['create-user', '--council', 'test', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin'], env, 'long-enough-password');
    assert.match(none.err, /There is no council with slug test/, 'no council was made by the refused commands');
  });

  it('creates a council, refuses a second with the same slug, and refuses a short password and a bad role, writing nothing', async () => {
    const made = await run(['create-council', '--name', 'Test Council', '--slug', 'test', '--year-start-month', '1'], env);
    assert.equal(made.code, 0, made.err);
    const twice = await run(['create-council', '--name', 'Another Council', '--slug', 'test'], env);
    assert.equal(twice.code, 2);
    assert.match(twice.err, /A council with slug test already exists/);
    const short = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin', '--council-name', 'Test Council'], env, 'short');
    assert.equal(short.code, 2);
    assert.match(short.err, /Password must be 12 characters or more/);
    const role = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'emperor', '--password-stdin', '--council-name', 'Test Council'], env, 'long-enough-password');
    assert.equal(role.code, 2);
    assert.match(role.err, /Select a role/);
    // Neither was saved: the address is still free.
    const ok = await run(['create-user', '--email', 'a@b.gov.uk', '--name', 'A', '--role', 'admin', '--password-stdin'], env, 'long-enough-password');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /in Test Council/);
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
