import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../../test/support/databases.ts';
import { runWaymark } from '../../test/support/cli.ts';

const run = runWaymark;

const T = '\t';
// A parks service's plan with progress, as copied from a Word table (our own words).
const PASTE = [
  ['Action code', 'Action', 'Lead officer', 'Due date', '% complete', 'Comments'].join(T),
  ['Corporate Priority: Place', '', '', '', '', ''].join(T),
  ['2.1 Look after our parks Why: they are the most used council service', '', '', '', '', ''].join(T),
  ['16-PKS01', 'Replant the bandstand beds', 'Parks Manager', '30 June 2016', '100%', 'COMPLETE – planted in May'].join(T),
  ['16-PKS02', 'Resurface the lakeside path', 'Joint action: Parks Manager and Highways Engineer', 'March 2017', '40', 'In progress - contractor appointed'].join(T),
].join('\n');

for (const dialect of DIALECTS) {
  describe(`waymark import and export [${dialect}]`, () => {
    let db: FreshDatabase;
    let env: NodeJS.ProcessEnv;
    let dir: string;
    const file = (name: string, content: string | Buffer) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    };
    const planCount = async () => (JSON.parse((await run(['plans', '--json'], env)).out) as unknown[]).length;

    before(async () => {
      db = await freshDatabase(dialect);
      env = { DATABASE_URL: db.config.dialect === 'sqlite' ? db.config.filename : db.config.connectionString };
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-import-'));
      const council = await run(['create-council', '--name', 'Test Council', '--slug', 'test'], env);
      assert.equal(council.code, 0, council.err);
      const r = await run(['create-user', '--email', 'po@example.gov.uk', '--name', 'P O', '--role', 'performance_officer', '--password-stdin', '--council-name', 'Test Council'], env, 'a long enough password');
      assert.equal(r.code, 0, r.err);
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    it('--dry-run --json prints exactly the documented shape and writes nothing', async () => {
      const r = await run(['import', file('parks.txt', PASTE), '--format', 'paste', '--dry-run', '--json'], env);
      assert.equal(r.code, 0, r.err);
      const parsed = JSON.parse(r.out) as { objectives: { actions: Record<string, unknown>[] }[]; warnings: unknown[] };
      assert.deepEqual(Object.keys(parsed), ['objectives', 'warnings']);
      assert.deepEqual(parsed.objectives, [
        {
          number: '2.1',
          title: 'Look after our parks',
          why: 'they are the most used council service',
          goal: 'Corporate Priority: Place',
          actions: [
            {
              code: '16-PKS01', title: 'Replant the bandstand beds', role: null, target: null, outcome: null, criticalSuccessFactors: null,
              environmentalImpacts: null, dueDate: '2016-06-30', leadOfficers: ['Parks Manager'], impactedServices: [], partnershipLinks: [],
              status: 'complete', percentComplete: 100, narrative: 'planted in May',
            },
            {
              code: '16-PKS02', title: 'Resurface the lakeside path', role: null, target: null, outcome: null, criticalSuccessFactors: null,
              environmentalImpacts: null, dueDate: '2017-03-31', leadOfficers: ['Parks Manager', 'Highways Engineer'], impactedServices: [], partnershipLinks: [],
              status: 'in_progress', percentComplete: 40, narrative: 'contractor appointed',
            },
          ],
        },
      ]);
      assert.deepEqual(parsed.warnings, [{ line: 5, message: '“March 2017” read as 31 March 2017' }]);
      assert.equal(await planCount(), 0);
    });

    it('an action table with no objectives gives one objective titled "Actions"', async () => {
      const r = await run(['import', file('flat.csv', 'Ref,Activity,Deadline\nA1,Sweep the market square,31/03/2017\n'), '--dry-run', '--json'], env);
      assert.equal(r.code, 0, r.err);
      const parsed = JSON.parse(r.out) as { objectives: { number: unknown; title: string; actions: { code: string }[] }[] };
      assert.equal(parsed.objectives.length, 1);
      assert.equal(parsed.objectives[0]!.number, null);
      assert.equal(parsed.objectives[0]!.title, 'Actions');
      assert.equal(parsed.objectives[0]!.actions[0]!.code, 'A1');
    });

    it('imports into an org unit and year that do not exist yet, says so, and a second run changes nothing', async () => {
      const p = file('parks.txt', PASTE);
      const r = await run(['import', p, '--org', 'PKS', '--year', '2016/17', '--new-unit-name', 'Unit PKS'], env);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Created org unit PKS/);
      assert.match(r.out, /Created plan year 2016\/17/);
      assert.match(r.out, /actions 2 created, 0 updated, 0 unchanged; progress updates 2 recorded/);
      const again = await run(['import', p, '--org', 'PKS', '--year', '2016/17', '--new-unit-name', 'Unit PKS'], env);
      assert.equal(again.code, 0, again.err);
      assert.doesNotMatch(again.out, /Created/);
      assert.match(again.out, /actions 0 created, 0 updated, 2 unchanged; progress updates 0 recorded, 2 already there/);
      assert.equal(await planCount(), 1);
    });

    it('exports the plan as CSV, XLSX and JSON, and each export reads back as the same actions', async () => {
      for (const format of ['csv', 'xlsx', 'json']) {
        const out = path.join(dir, `pks.${format}`);
        const r = await run(['export', '--org', 'PKS', '--year', '2016/17', '--format', format, '--out', out], env);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Wrote .* to /);
        const back = await run(['import', out, '--dry-run', '--json'], env);
        assert.equal(back.code, 0, back.err);
        const parsed = JSON.parse(back.out) as { objectives: { number: string; actions: { code: string; percentComplete: number; status: string }[] }[] };
        assert.equal(parsed.objectives[0]!.number, '2.1', format);
        assert.deepEqual(parsed.objectives[0]!.actions.map((a) => [a.code, a.status, a.percentComplete]), [['16-PKS01', 'complete', 100], ['16-PKS02', 'in_progress', 40]], format);
      }
      const stdout = await run(['export', '--org', 'PKS', '--year', '2016/17', '--format', 'json', '--out', '-'], env);
      assert.equal((JSON.parse(stdout.out) as { format: string }).format, 'waymark-plan');
    });

    it('bad input: exit code 2, a message naming the problem, and nothing written', async () => {
      const big = path.join(dir, 'big.csv');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 21 * 1024 * 1024);
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const cases: [string[], RegExp][] = [
        [['import'], /needs the file/],
        [['import', path.join(dir, 'missing.csv'), '--org', 'X', '--year', '2016/17', '--new-unit-name', 'Unit X'], /no such file/],
        [['import', big, '--org', 'BIG', '--year', '2016/17', '--new-unit-name', 'Unit BIG'], /20 MB/],
        [['import', file('empty.csv', ''), '--org', 'EMP', '--year', '2016/17', '--new-unit-name', 'Unit EMP'], /empty/i],
        [['import', file('garbage.bin', garbage), '--org', 'GAR', '--year', '2016/17', '--new-unit-name', 'Unit GAR'], /./],
        [['import', file('prose.txt', 'Dear colleagues,\nPlease find the plan attached.\n'), '--org', 'PRO', '--year', '2016/17', '--new-unit-name', 'Unit PRO'], /action/i],
        [['import', file('noaction.csv', 'Name,Email\nA,a@example.org\n'), '--org', 'NOA', '--year', '2016/17', '--new-unit-name', 'Unit NOA'], /action/i],
        [['import', file('parks2.txt', PASTE), '--format', 'pdf'], /--format must be one of/],
        [['import', file('parks3.txt', PASTE), '--org', 'PKS'], /--org and --year together/],
        [['export', '--org', 'PKS', '--year', '2016/17', '--format', 'docx', '--out', 'x'], /--format must be one of csv, xlsx, json/],
      ];
      for (const [args, message] of cases) {
        const r = await run(args, env);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
        assert.match(r.err, message, args.join(' '));
      }
      assert.equal(await planCount(), 1, 'no plan was created by any bad import');
    });

    it('the exempt information column: not in the dry-run shape, but imported and exported', async () => {
      const csv = file('exempt.csv', 'Ref,Activity,Deadline,Exempt information\nE1,Sell the old depot,31/03/2017,Paragraph 2\nE2,Open a new café,31/03/2017,Whisper it\n');
      const dry = await run(['import', csv, '--dry-run', '--json'], env);
      assert.equal(dry.code, 0, dry.err);
      const parsed = JSON.parse(dry.out) as { objectives: { actions: Record<string, unknown>[] }[]; warnings: { line: number; message: string }[] };
      assert.deepEqual(Object.keys(parsed.objectives[0]!.actions[0]!), [
        'code', 'title', 'role', 'target', 'outcome', 'criticalSuccessFactors', 'environmentalImpacts', 'dueDate',
        'leadOfficers', 'impactedServices', 'partnershipLinks', 'status', 'percentComplete', 'narrative',
      ]);
      assert.deepEqual(parsed.warnings.map((w) => w.line), [3]);
      assert.match(parsed.warnings[0]!.message, /“Whisper it” as exempt information/);

      const r = await run(['import', csv, '--org', 'EST', '--year', '2016/17', '--new-unit-name', 'Unit EST'], env);
      assert.equal(r.code, 0, r.err);
      const out = await run(['export', '--org', 'EST', '--year', '2016/17', '--format', 'csv', '--out', '-'], env);
      assert.equal(out.code, 0, out.err);
      const lines = out.out.replace(/^\uFEFF/u, '').trim().split(/\r?\n/u);
      // Exempt information, then the three traffic-light columns worked out on the day (issue 12).
      assert.match(lines[0]!, /,Exempt information,Traffic light,Overdue,Expected % complete$/);
      assert.match(lines.find((l) => l.includes('E1'))!, /,Paragraph 2(,[^,]*){3}$/);
      assert.match(lines.find((l) => l.includes('E2'))!, /,(,[^,]*){3}$/);
    });
  });

  describe(`waymark import into a database with no council [${dialect}]`, () => {
    let db: FreshDatabase;
    let env: NodeJS.ProcessEnv;
    let dir: string;
    before(async () => {
      db = await freshDatabase(dialect);
      env = { DATABASE_URL: db.config.dialect === 'sqlite' ? db.config.filename : db.config.connectionString };
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-no-council-'));
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    });

    it('a dry run and an import both say how to create the council, and the command they give works', async () => {
      const p = path.join(dir, 'parks.txt');
      fs.writeFileSync(p, PASTE);
      for (const args of [['import', p, '--dry-run'], ['import', p, '--dry-run', '--json'], ['import', p, '--org', 'PKS', '--year', '2016/17', '--new-unit-name', 'Unit PKS']]) {
        const r = await run(args, env);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.out, '');
        assert.match(
          r.err,
          /^waymark: There is no council yet: create one with `npx waymark create-council --name "Name of your council" --slug your-council`, give it an administrator with `npx waymark create-user --council your-council --email you@example\.gov\.uk --name "Your Name" --role admin --password-stdin`/,
          args.join(' '),
        );
      }
      // The commands as the message gives them, with a name filled in.
      const council = await run(['create-council', '--name', 'Test Council', '--slug', 'your-council'], env);
      assert.equal(council.code, 0, council.err);
      const created = await run(['create-user', '--council', 'your-council', '--email', 'you@example.gov.uk', '--name', 'Your Name', '--role', 'admin', '--password-stdin'], env, 'a long enough password');
      assert.equal(created.code, 0, created.err);
      const r = await run(['import', p, '--dry-run'], env);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Read 1 objectives and 2 actions/);
    });
  });
}
