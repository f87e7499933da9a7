import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { buildRuntime, type Runtime } from '../composition.ts';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { DomainError, ImportError, ValidationError } from '../domain/errors.ts';
import type { ParsedPlan } from '../domain/import-tables.ts';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, NO_COUNCIL_MESSAGE, type ImportFormat } from '../services/imports.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../services/exports.ts';
import { REPORT_FORMATS, REPORT_TEMPLATES, renderFile, type ReportFormat, type ReportTemplate } from '../services/reports.ts';
import { systemActor } from '../services/index.ts';
import type { StatusReport } from '../services/dashboards.ts';
import { formatUkDate } from '../domain/dates.ts';
import { RAG_LABELS, type Rag } from '../domain/rag.ts';
import { loadDemo } from '../services/demo.ts';
import { loadLargeDemo } from '../services/demo-large.ts';

const DEMO_SCALES = ['standard', 'large'];
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
  demo [--scale standard|large] load the demo council into an empty database and print its
                                accounts' passwords (refused with NODE_ENV=production); large is
                                a county of 61 services and 3,416 actions, for trying the scale
  create-council --name NAME --slug SLUG [--year-start-month 1-12]
                                add a council (SLUG: its short name in commands, like --council SLUG)
  create-user --email E --name N --role ROLE --password-stdin [--council SLUG | --council-name NAME]
                                create a sign-in account in that council (needed when there are
                                several); the password is read from standard input
                                (ROLE: admin, performance_officer, head_of_service, lead_officer, viewer)
  sso-unlink --email E          let an account link to a new single sign-on identity: its next
                                organisation sign-in is matched by email again
  plans [--json] [--council SLUG]
                                list the service plans in the database
  status --org ORGCODE --year YEAR [--as-of YYYY-MM-DD] [--known-on YYYY-MM-DD] [--json] [--council SLUG]
                                the position of a plan's actions as at a date (default today, or
                                the year's last reporting date once it is over), from the updates
                                reporting on that date or earlier; --known-on uses only what had
                                been recorded by then: stage, % complete, expected %, light and why
  import FILE [--format auto|paste|csv|xlsx|docx|records|json|decidim] [--sheet NAME]
              [--org ORGCODE --year YEAR] [--dry-run] [--json] [--council SLUG]
                                bring a plan in from a file (FILE - reads standard input); the org
                                unit, plan year and plan are created when missing; --dry-run
                                shows what would be saved and writes nothing
  export --org ORGCODE --year YEAR --format csv|xlsx|json --out FILE [--council SLUG]
                                write a plan with its latest progress (FILE - writes standard output)
  report --year YEAR [--org ORGCODE …] --as-of YYYY-MM-DD --format docx|pdf|html|xlsx --out FILE
         [--template half-year|plan-approval] [--title "…"] [--meeting-date YYYY-MM-DD] [--council SLUG]
                                a complete committee report (cover report and appendices) from
                                the current data; without --org, every plan of that year

The database is DATABASE_URL (a file path, a file: URL or postgres://…), default ./data/waymark.sqlite.
`;

type Flags = Record<string, string | boolean | string[] | undefined>;

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function parse(args: string[], options: Options): Flags {
  return parseWithFiles(args, options, 0).flags;
}

function parseWithFiles(args: string[], options: Options, files: number): { flags: Flags; files: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: files > 0 });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^.*?: /, ''));
  }
  if (parsed.positionals.length > files) throw new UsageError(`Unexpected argument "${parsed.positionals[files]}"`);
  return { flags: parsed.values as Flags, files: parsed.positionals };
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The file to import, refusing one over the size limit before reading it into memory. */
async function readImportFile(file: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of stdin) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
      size += b.length;
      if (size > MAX_IMPORT_BYTES) throw new ImportError('The input is larger than 20 MB, the most Waymark imports at once');
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) throw new UsageError(`Cannot read ${file}: no such file`);
  if (info.size > MAX_IMPORT_BYTES) throw new ImportError(`${file} is ${(info.size / 1024 / 1024).toFixed(1)} MB, larger than the 20 MB Waymark imports at once`);
  return readFile(file);
}

/** The documented --dry-run --json shape: exactly these fields, in this order. */
export function dryRunShape(plan: ParsedPlan) {
  return {
    objectives: plan.objectives.map((o) => ({
      number: o.number,
      title: o.title,
      why: o.why,
      goal: o.goal,
      actions: o.actions.map((a) => ({
        code: a.code,
        title: a.title,
        role: a.role,
        target: a.target,
        outcome: a.outcome,
        criticalSuccessFactors: a.criticalSuccessFactors,
        environmentalImpacts: a.environmentalImpacts,
        dueDate: a.dueDate,
        leadOfficers: a.leadOfficers,
        impactedServices: a.impactedServices,
        partnershipLinks: a.partnershipLinks,
        status: a.status,
        percentComplete: a.percentComplete,
        narrative: a.narrative,
      })),
    })),
    warnings: plan.warnings.map((w) => ({ line: w.line, message: w.message })),
  };
}

/** The council a command acts for: the one named, or the only one. */
async function councilId(rt: Runtime, slug: unknown): Promise<number> {
  if (slug) return (await rt.services.councils.bySlug(String(slug))).id;
  const councils = await rt.services.councils.list();
  if (councils.length === 1) return councils[0]!.id;
  if (!councils.length) throw new UsageError('There is no council in this database yet');
  throw new UsageError(`There are several councils: choose one with --council (${councils.map((c) => c.slug).join(', ')})`);
}

/** How to make a council, for the messages that need one. */
const CREATE_COUNCIL_HINT = 'create it with: waymark create-council --name "Name of your council" --slug your-council';

/** The council a new account goes to: the one named by slug or by name, or else the only one. */
async function councilFor(rt: Runtime, slug: unknown, name: unknown): Promise<{ id: number; name: string }> {
  const councils = await rt.services.councils.list();
  if (slug) {
    const found = councils.find((c) => c.slug === String(slug));
    if (!found) throw new UsageError(`There is no council with slug ${String(slug)}: ${CREATE_COUNCIL_HINT}${councils.length ? ` (the councils are: ${councils.map((c) => c.slug).join(', ')})` : ''}`);
    return found;
  }
  if (name) {
    const wanted = String(name).trim().toLowerCase();
    const found = councils.filter((c) => c.name.trim().toLowerCase() === wanted);
    if (found.length > 1) throw new UsageError(`Several councils are called ${String(name)}: choose one with --council (${found.map((c) => c.slug).join(', ')})`);
    if (!found[0]) throw new UsageError(`There is no council called ${String(name)}: ${CREATE_COUNCIL_HINT}, then create the account with --council your-council`);
    return found[0];
  }
  if (councils.length === 1) return councils[0]!;
  if (!councils.length) throw new UsageError(`There is no council yet: ${CREATE_COUNCIL_HINT}`);
  throw new UsageError(`There are several councils: choose one with --council (${councils.map((c) => c.slug).join(', ')})`);
}

function statusTable(report: StatusReport): string {
  const lines = [`Position as at ${formatUkDate(report.asOf)}${report.knownOn ? `, as known on ${formatUkDate(report.knownOn)}` : ''}`, ''];
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
        const f = parse(rest, { scale: { type: 'string' } });
        const scale = f.scale === undefined ? 'standard' : String(f.scale);
        if (!DEMO_SCALES.includes(scale)) throw new UsageError(`--scale must be one of ${DEMO_SCALES.join(', ')}, not "${scale}"`);
        if (loadConfig(io.env).production) throw new UsageError('The demo council is not loaded with NODE_ENV=production: it is for trying Waymark out, not for a live install');
        const rt = await open();
        const started = Date.now();
        const { accounts } = scale === 'large' ? await loadLargeDemo(rt.services) : await loadDemo(rt.services);
        out(`Loaded the ${scale === 'large' ? 'large demo council' : 'demo council'} in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in with:`);
        for (const a of accounts) out(`  ${a.email.padEnd(36)} ${a.password}  (${a.role})`);
        return 0;
      }
      case 'create-council': {
        const f = parse(rest, { name: { type: 'string' }, slug: { type: 'string' }, 'year-start-month': { type: 'string' } });
        const missing = ['name', 'slug'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`create-council needs ${missing.map((m) => `--${m}`).join(' and ')}, like: waymark create-council --name "Brackenmoor District Council" --slug brackenmoor`);
        const month = f['year-start-month'] === undefined ? undefined : String(f['year-start-month']);
        if (month !== undefined && !/^(?:[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--year-start-month must be a month number from 1 to 12 (4 is April), not "${month}"`);
        const rt = await open();
        const name = String(f.name).trim();
        await rt.services.councils.create({ name, slug: String(f.slug), ...(month ? { yearStartMonth: Number(month) } : {}) });
        out(`Created council ${name} (${String(f.slug)}). Add its first administrator with: waymark create-user --council ${String(f.slug)} --email … --name … --role admin --password-stdin`);
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
        if (f.council && f['council-name']) throw new UsageError('Name the council once: --council SLUG or --council-name NAME, not both');
        const password = await readStdin(io.stdin);
        const rt = await open();
        // The account goes to exactly the council named, or to the only one; never to another.
        const tenant = await councilFor(rt, f.council, f['council-name']);
        await rt.services.auth.createUser(tenant.id, { email: f.email, name: f.name, role: f.role, password });
        out(`Created ${String(f.role)} account ${String(f.email).toLowerCase()} in ${tenant.name}.`);
        return 0;
      }
      case 'sso-unlink': {
        const f = parse(rest, { email: { type: 'string' } });
        if (!f.email) throw new UsageError('sso-unlink needs --email, the account\'s email address');
        const email = String(f.email).trim().toLowerCase();
        const rt = await open();
        for (const c of await rt.services.councils.list()) {
          const actor = systemActor(c.id);
          const user = (await rt.services.users.list(actor)).find((u) => u.email === email);
          if (!user) continue;
          const n = await rt.services.users.unlinkSso(actor, user.id);
          out(n ? `Unlinked ${email} from ${n} single sign-on ${n === 1 ? 'identity' : 'identities'}: the next organisation sign-in links it again by email.` : `${email} is not linked to any single sign-on identity.`);
          return 0;
        }
        throw new UsageError(`There is no account with email ${email}`);
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
        const f = parse(rest, { org: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, 'known-on': { type: 'string' }, json: { type: 'boolean' }, council: { type: 'string' } });
        const missing = ['org', 'year'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`status needs ${missing.map((m) => `--${m}`).join(' and ')}`);
        const date = (flag: string, example: string) => {
          const v = f[flag] === undefined ? undefined : String(f[flag]);
          if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${flag} must be a date like ${example}, not "${v}"`);
          return v;
        };
        const asOf = date('as-of', '2018-09-30');
        const knownOn = date('known-on', '2018-10-20');
        const rt = await open();
        const report = await rt.services.dashboards.status(systemActor(await councilId(rt, f.council)), String(f.org), String(f.year), { asOf, knownOn });
        if (f.json) out(JSON.stringify(report));
        else out(statusTable(report));
        return 0;
      }
      case 'import': {
        const { flags: f, files } = parseWithFiles(rest, {
          format: { type: 'string' }, sheet: { type: 'string' }, org: { type: 'string' }, year: { type: 'string' },
          'new-unit-name': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, council: { type: 'string' },
        }, 1);
        const file = files[0];
        if (!file) throw new UsageError('import needs the file to read, like: waymark import plan.xlsx --org CEC --year 2015/16');
        const format = f.format === undefined ? 'auto' : String(f.format);
        if (format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of auto, ${IMPORT_FORMATS.join(', ')}; not "${format}"`);
        if (Boolean(f.org) !== Boolean(f.year)) throw new UsageError('import needs --org and --year together');
        const content = await readImportFile(file, io.stdin);
        const rt = await open();
        // A first-time user's first command may well be an import: say how to make the council it needs.
        if (!f.council && (await rt.services.councils.list()).length === 0) throw new UsageError(NO_COUNCIL_MESSAGE);
        const actor = systemActor(await councilId(rt, f.council));
        const source = { content, filename: file, format: format as ImportFormat | 'auto', ...(f.sheet ? { sheet: String(f.sheet) } : {}) };
        if (f['dry-run']) {
          const preview = await rt.services.imports.preview(actor, source, f.year ? { year: String(f.year) } : {});
          if (f.json) out(JSON.stringify(dryRunShape(preview.plan)));
          else {
            out(`Read ${preview.plan.objectives.length} objectives and ${preview.actionCount} actions (${preview.updateCount} with progress) from ${file} as ${preview.format}. Nothing was written.`);
            for (const w of preview.plan.warnings) out(`Warning${w.line ? ` (line ${w.line})` : ''}: ${w.message}`);
          }
          return 0;
        }
        const newUnit = f['new-unit-name'] ? { newUnitName: String(f['new-unit-name']) } : {};
        const result = await rt.services.imports.commit(actor, source, f.org ? { orgCode: String(f.org), year: String(f.year), ...newUnit } : newUnit);
        if (f.json) out(JSON.stringify(result));
        else {
          for (const n of result.notes) out(`${n}.`);
          const counts = (c: { created: number; updated?: number; unchanged: number }) => `${c.created} created, ${c.updated ?? 0} updated, ${c.unchanged} unchanged`;
          out(`Imported ${file} into ${result.orgCode} ${result.year}: objectives ${counts(result.objectives)}; actions ${counts(result.actions)}; progress updates ${result.updates.created} recorded, ${result.updates.unchanged} already there.`);
          for (const w of result.warnings) out(`Warning${w.line ? ` (line ${w.line})` : ''}: ${w.message}`);
        }
        return 0;
      }
      case 'export': {
        const f = parse(rest, { org: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, council: { type: 'string' } });
        const missing = ['org', 'year', 'format', 'out'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`export needs ${missing.map((m) => `--${m}`).join(', ')}`);
        const format = String(f.format);
        if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}; not "${format}"`);
        const rt = await open();
        const actor = systemActor(await councilId(rt, f.council));
        const { plan } = await rt.services.actions.forPlanYear(actor, String(f.org), String(f.year));
        const file = await rt.services.exports.plan(actor, plan.id, format as ExportFormat);
        if (f.out === '-') io.stdout.write(file.body);
        else {
          await writeFile(String(f.out), file.body);
          out(`Wrote ${plan.title} to ${String(f.out)} (${file.body.length.toLocaleString('en-GB')} bytes).`);
        }
        return 0;
      }
      case 'report': {
        const f = parse(rest, {
          year: { type: 'string' }, org: { type: 'string', multiple: true }, 'as-of': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
          template: { type: 'string' }, title: { type: 'string' }, 'meeting-date': { type: 'string' }, council: { type: 'string' },
        });
        const missing = ['year', 'as-of', 'format', 'out'].filter((k) => !f[k]);
        if (missing.length) throw new UsageError(`report needs ${missing.map((m) => `--${m}`).join(', ')}`);
        const format = String(f.format);
        if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}; not "${format}"`);
        const template = f.template === undefined ? 'half-year' : String(f.template);
        if (!(REPORT_TEMPLATES as readonly string[]).includes(template)) throw new UsageError(`--template must be one of ${REPORT_TEMPLATES.join(', ')}; not "${template}"`);
        for (const flag of ['as-of', 'meeting-date']) {
          if (f[flag] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(f[flag]))) throw new UsageError(`--${flag} must be a date like 2018-09-30, not "${String(f[flag])}"`);
        }
        const rt = await open();
        const actor = systemActor(await councilId(rt, f.council));
        const model = await rt.services.reports.adHoc(actor, {
          year: String(f.year),
          orgCodes: Array.isArray(f.org) ? f.org : [],
          asOf: String(f['as-of']),
          template: template as ReportTemplate,
          ...(f.title ? { title: String(f.title) } : {}),
          ...(f['meeting-date'] ? { meetingDate: String(f['meeting-date']) } : {}),
        });
        const file = await renderFile(model, format as ReportFormat, 'report');
        // Written whole or not at all: a failed render leaves no file, and a crash mid-write no half file.
        const target = String(f.out);
        const temp = `${target}.${process.pid}.tmp`;
        await writeFile(temp, file.body);
        await rename(temp, target);
        const actions = model.appendices.reduce((n, a) => n + (a.kind === 'progress' ? a.objectives.reduce((m, o) => m + o.rows.length, 0) : 0), 0);
        out(`Wrote ${template} report “${model.title}” (${actions} actions, as at ${String(f['as-of'])}) to ${target}.`);
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
    if (e instanceof ImportError) {
      err(`waymark: ${e.message}. Nothing was written.`.replace('.. Nothing', '. Nothing'));
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
