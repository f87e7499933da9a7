import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { buildRuntime, type Runtime } from '../composition.ts';
import { DomainError, ValidationError } from '../domain/errors.ts';
import { systemActor } from '../services/index.ts';
import type { StatusReport } from '../services/dashboards.ts';
import { formatUkDate } from '../domain/dates.ts';
import { RAG_LABELS, type Rag } from '../domain/rag.ts';
import { loadDemo } from '../services/demo.ts';
import { serve } from '../server.ts';

// The `waymark` command. Every command takes the same database settings as the server
// (DATABASE_URL, default ./data/waymark.sqlite).

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export class UsageError extends Error {}

const HELP = `Usage: waymark <command> [options]

Commands:
  serve                         start the web server (same as npm start)
  migrate                       create or update the database tables
  demo                          load the demo council into an empty database
  create-user --email E --name N --role ROLE --password-stdin [--council SLUG] [--council-name NAME]
                                create a sign-in account; the password is read from standard input
                                (ROLE: admin, performance_officer, head_of_service, lead_officer, viewer)
  plans [--json] [--council SLUG]
                                list the service plans in the database
  status --org ORGCODE --year YEAR [--as-of YYYY-MM-DD] [--json] [--council SLUG]
                                the position of a plan's actions as at a date (default today):
                                stage, % complete, expected %, traffic light and why

The database is DATABASE_URL (a file path, a file: URL or postgres://…), default ./data/waymark.sqlite.
`;

type Flags = Record<string, string | boolean | undefined>;

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): Flags {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^.*?: /, ''));
  }
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The council a command acts for: the one named, or the only one. */
async function councilId(rt: Runtime, slug: unknown): Promise<number> {
  if (slug) return (await rt.services.councils.bySlug(String(slug))).id;
  const councils = await rt.services.councils.list();
  if (councils.length === 1) return councils[0]!.id;
  if (!councils.length) throw new UsageError('There is no council in this database yet');
  throw new UsageError(`There are several councils: choose one with --council (${councils.map((c) => c.slug).join(', ')})`);
}

function statusTable(report: StatusReport): string {
  const lines = [`Position as at ${formatUkDate(report.asOf)}`, ''];
  lines.push(`${'CODE'.padEnd(11)}${'RAG'.padEnd(13)}${'DONE'.padStart(5)}${'EXP'.padStart(5)}  TITLE`);
  for (const a of report.actions) {
    const rag = `${RAG_LABELS[a.rag as Rag] ?? a.rag}${a.overdue ? '*' : ''}`;
    const pct = (n: number | null) => (n === null ? '–' : `${n}%`).padStart(5);
    lines.push(`${a.code.padEnd(11)}${rag.padEnd(13)}${pct(a.percentComplete)}${pct(a.expectedPercent)}  ${a.title.slice(0, 70)}`);
    lines.push(`${''.padEnd(11)}${a.explanation}`);
  }
  const counts = Object.entries(report.summary.byRag).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${RAG_LABELS[k as Rag].toLowerCase()}`);
  lines.push('', `${report.actions.length} actions: ${counts.join(', ')}. * overdue`);
  return lines.join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const out = (s: string) => io.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  const err = (s: string) => io.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command ? 0 : 2;
  }
  let runtime: Runtime | null = null;
  const open = async () => (runtime = await buildRuntime(loadConfig(io.env)));
  try {
    switch (command) {
      case 'serve': {
        parse(rest, {});
        await serve(loadConfig(io.env));
        return 0;
      }
      case 'migrate': {
        parse(rest, {});
        await open();
        out('Database is up to date.');
        return 0;
      }
      case 'demo': {
        parse(rest, {});
        const rt = await open();
        const { accounts } = await loadDemo(rt.services);
        out('Loaded the demo council. Sign in with:');
        for (const a of accounts) out(`  ${a.email.padEnd(36)} ${a.password}  (${a.role})`);
        return 0;
      }
      case 'create-user': {
        const f = parse(rest, {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          council: { type: 'string' },
          'council-name': { type: 'string' },
        });
        const missing = ['email', 'name', 'role'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`create-user needs ${missing.map((m) => `--${m}`).join(', ')}`);
        if (!f['password-stdin']) throw new UsageError('create-user reads the password from standard input: add --password-stdin');
        const password = await readStdin(io.stdin);
        const rt = await open();
        // One transaction: a refused account leaves no new council behind either.
        let createdCouncil = false;
        await rt.services.atomically(async (services) => {
          const councils = await services.councils.list();
          let tenantId: number;
          if (f.council) tenantId = (await services.councils.bySlug(String(f.council))).id;
          else if (councils.length === 1) tenantId = councils[0]!.id;
          else if (councils.length === 0) {
            if (!f['council-name']) throw new UsageError('There is no council yet: add --council-name "Name of your council" to create it');
            tenantId = await services.councils.create({ slug: 'council', name: String(f['council-name']) });
            createdCouncil = true;
          } else throw new UsageError(`There are several councils: choose one with --council (${councils.map((c) => c.slug).join(', ')})`);
          await services.auth.createUser(tenantId, { email: f.email, name: f.name, role: f.role, password });
        });
        if (createdCouncil) out(`Created council ${String(f['council-name'])}.`);
        out(`Created ${String(f.role)} account ${String(f.email).toLowerCase()}.`);
        return 0;
      }
      case 'plans': {
        const f = parse(rest, { json: { type: 'boolean' }, council: { type: 'string' } });
        const rt = await open();
        const councils = f.council ? [await rt.services.councils.bySlug(String(f.council))] : await rt.services.councils.list();
        const rows = [];
        for (const c of councils) {
          for (const p of await rt.services.plans.list(systemActor(c.id))) {
            rows.push({ org: p.orgCode, year: p.yearLabel, title: p.title, kind: p.kind, objectives: p.objectives, actions: p.actions });
          }
        }
        if (f.json) out(JSON.stringify(rows));
        else if (!rows.length) out('No plans.');
        else {
          out(`${'ORG'.padEnd(8)}${'YEAR'.padEnd(9)}${'OBJ'.padStart(4)}${'ACT'.padStart(5)}  TITLE`);
          for (const r of rows) out(`${r.org.padEnd(8)}${r.year.padEnd(9)}${String(r.objectives).padStart(4)}${String(r.actions).padStart(5)}  ${r.title}`);
        }
        return 0;
      }
      case 'status': {
        const f = parse(rest, { org: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, council: { type: 'string' } });
        const missing = ['org', 'year'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`status needs ${missing.map((m) => `--${m}`).join(' and ')}`);
        const asOf = f['as-of'] === undefined ? undefined : String(f['as-of']);
        if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be a date like 2018-09-30, not "${asOf}"`);
        const rt = await open();
        const report = await rt.services.dashboards.status(systemActor(await councilId(rt, f.council)), String(f.org), String(f.year), asOf);
        if (f.json) out(JSON.stringify(report));
        else out(statusTable(report));
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Run waymark help.`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(`waymark: ${e.message}`);
      return 2;
    }
    if (e instanceof ValidationError) {
      for (const m of Object.values(e.fields)) err(`waymark: ${m}`);
      return 2;
    }
    if (e instanceof DomainError || e instanceof Error) {
      err(`waymark: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    if (runtime) await (runtime as Runtime).close();
  }
}
