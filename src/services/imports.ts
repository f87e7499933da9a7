import { randomBytes } from 'node:crypto';
import { normaliseCode } from '../domain/action-codes.ts';
import { hasControlCharacter } from '../domain/control-characters.ts';
import { ImportError, NotFoundError } from '../domain/errors.ts';
import type { Field } from '../domain/import-headers.ts';
import type { ParsedPlan } from '../domain/import-tables.ts';
import { datesOutsideYear, type YearBounds } from '../domain/import-year.ts';
import { parseYearLabel, planYearSpan } from '../domain/plan-years.ts';
import { planFromTables, readSource } from '../import/index.ts';
import { MAX_IMPORT_BYTES, type ImportFormat } from '../import/types.ts';
import { assertCanAdminister, type Actor, type Deps } from './context.ts';
import { hasProgress, type ImportOperations, type ImportOutcome, type ImportTarget } from './import-operations.ts';
import { ImportWriter } from './import-writer.ts';
import type { ProgressService } from './progress.ts';

// Bringing existing plans in: read a file or pasted text (src/import), turn it into objectives and
// actions (src/domain/import-tables.ts), show that as a preview, and on confirmation write it all in
// one transaction through the ordinary services, so imported data obeys every rule typed-in data
// does and every change is audited. Importing the same file again updates the same records.

export interface ImportSource {
  content: Buffer;
  filename?: string;
  format?: ImportFormat | 'auto';
  sheet?: string;
  /** The column mapping chosen in the preview (one entry per column). */
  mapping?: readonly (Field | null)[];
}

export interface ImportPreview {
  format: ImportFormat;
  plan: ParsedPlan;
  actionCount: number;
  updateCount: number;
}

export type { ImportCounts, ImportOperations, ImportOutcome, ImportTarget } from './import-operations.ts';
export { unknownUnitMessage } from './import-operations.ts';

/** The formats and size limit, for the web and the CLI (which do not reach into src/import themselves). */
export { IMPORT_FORMATS, MAX_IMPORT_BYTES, type ImportFormat } from '../import/types.ts';

/**
 * What an import into a database with no council says: how to make one. A council is created with
 * its first account, so the command is create-user's.
 */
export const NO_COUNCIL_MESSAGE =
  'There is no council yet: create one with `npx waymark create-council --name "Name of your council" --slug your-council`, give it an administrator with `npx waymark create-user --council your-council --email you@example.gov.uk --name "Your Name" --role admin --password-stdin` (type the password when asked), then import again';

const CODE = /^[A-Za-z0-9./_-]{1,30}$/u;
/** Problems the services would refuse, found before anything is written, so the preview can show them. */
function tidy(plan: ParsedPlan): void {
  const seen = new Set<string>();
  for (const o of plan.objectives) {
    for (const a of o.actions) {
      const label = a.code ?? `“${a.title.slice(0, 60)}”`;
      if (a.code !== null) {
        const code = normaliseCode(a.code);
        if (!CODE.test(code)) {
          plan.warnings.push({ line: a.line ?? 0, message: `Action code “${a.code}” is not a valid code (letters, numbers, dots and hyphens), so a new code will be given` });
          a.code = null;
        } else if (seen.has(code.toLowerCase())) {
          plan.warnings.push({ line: a.line ?? 0, message: `Action code ${code} appears more than once, so the later action will be given a new code` });
          a.code = null;
        } else {
          a.code = code;
          seen.add(code.toLowerCase());
        }
      }
      if (a.title.length > 1000) {
        plan.warnings.push({ line: a.line ?? 0, message: `Action ${label} has a title over 1,000 characters, so it was shortened` });
        a.title = `${a.title.slice(0, 999)}…`;
      }
      for (const key of ['dueDate', 'revisedDueDate'] as const) {
        if (a.startDate && a[key] && a[key] < a.startDate) {
          plan.warnings.push({ line: a.line ?? 0, message: `Action ${label} is due before it starts, so its start date was left out` });
          a.startDate = null;
        }
      }
    }
  }
}

export class ImportService {
  constructor(
    private readonly deps: Deps,
    private readonly progress: ProgressService,
    /** Runs the writes in one transaction, through the operations of that transaction. */
    private readonly atomically: <T>(fn: (ops: ImportOperations) => Promise<T>) => Promise<T>,
  ) {}

  /**
   * Reads the source into the plan it would become. Writes nothing. With a target (or a year the
   * file names), actions due outside that plan year are named among the things to check.
   */
  async preview(actor: Actor, source: ImportSource, target: ImportTarget = {}): Promise<ImportPreview> {
    assertCanAdminister(actor);
    checkNames(source);
    const tenant = await this.deps.store.repos.tenants.get(actor.tenantId);
    if (!tenant) throw new ImportError(NO_COUNCIL_MESSAGE);
    const vocabulary = await this.progress.vocabulary(actor);
    const read = await readSource(source.content, {
      format: source.format ?? 'auto',
      ...(source.sheet ? { sheet: source.sheet } : {}),
      ...(source.filename ? { filename: source.filename } : {}),
      yearStartMonth: tenant.year_start_month,
    });
    const plan: ParsedPlan =
      read.kind === 'plan'
        ? read.plan
        : planFromTables(read, { yearStartMonth: tenant.year_start_month, vocabulary, ...(source.mapping ? { mapping: source.mapping } : {}) });
    tidy(plan);
    const year = await this.targetYear(actor, target, plan, tenant.year_start_month);
    if (year) plan.warnings = [...plan.warnings, ...datesOutsideYear(plan.objectives, year)].sort((a, b) => a.line - b.line);
    const actions = plan.objectives.flatMap((o) => o.actions);
    if (actions.length === 0 && plan.objectives.length === 0) throw new ImportError('No actions were found: check that the table has an action column and rows under its header');
    return { format: read.format, plan, actionCount: actions.length, updateCount: actions.filter(hasProgress).length };
  }

  /** The plan year the import goes into: the target's, else the one the file names; null when neither says. */
  private async targetYear(actor: Actor, target: ImportTarget, plan: ParsedPlan, startMonth: number): Promise<YearBounds | null> {
    const r = this.deps.store.repos;
    if (target.planId !== undefined) {
      const existing = await r.plans.get(actor.tenantId, target.planId);
      const row = existing ? await r.planYears.get(actor.tenantId, existing.plan_year_id) : undefined;
      return row ? { label: row.label, start: row.start_date, end: row.end_date } : null;
    }
    const first = parseYearLabel(target.year ?? plan.plan?.year ?? plan.sheetTitle?.year ?? '');
    if (first === null) return null;
    const span = planYearSpan(first, startMonth);
    // A year already set up keeps its own dates (a council may have moved its year start since).
    const row = await r.planYears.byLabel(actor.tenantId, span.label);
    return row ? { label: row.label, start: row.start_date, end: row.end_date } : { label: span.label, start: span.startDate, end: span.endDate };
  }

  /**
   * Keeps an upload (or pasted text) between the preview and the confirmation, for the user who
   * sent it. Drafts older than a day are cleared whenever a new one is saved.
   */
  async saveDraft(actor: Actor, source: ImportSource): Promise<string> {
    assertCanAdminister(actor);
    if (actor.userId === null) throw new ImportError('Only a signed-in user can keep an import to confirm later');
    if (source.content.length > MAX_IMPORT_BYTES) throw new ImportError('The file is larger than 20 MB, the most Waymark imports at once');
    checkNames(source);
    const id = randomBytes(18).toString('base64url');
    const now = this.deps.clock();
    const r = this.deps.store.repos;
    await r.importDrafts.deleteOlderThan(new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
    await r.importDrafts.create({ id, tenantId: actor.tenantId, userId: actor.userId, filename: source.filename ?? null, format: source.format ?? 'auto', sheet: source.sheet ?? null, content: source.content, createdAt: now.toISOString() });
    return id;
  }

  /** The source kept by saveDraft; only its own user sees it. */
  async draft(actor: Actor, id: string): Promise<ImportSource & { id: string }> {
    assertCanAdminister(actor);
    const d = actor.userId === null ? undefined : await this.deps.store.repos.importDrafts.get(actor.tenantId, actor.userId, id);
    if (!d) throw new NotFoundError('Import');
    return { id: d.id, content: Buffer.from(d.content), format: d.format as ImportFormat | 'auto', ...(d.filename ? { filename: d.filename } : {}), ...(d.sheet ? { sheet: d.sheet } : {}) };
  }

  async discardDraft(actor: Actor, id: string): Promise<void> {
    await this.draft(actor, id);
    await this.deps.store.repos.importDrafts.delete(actor.tenantId, id);
  }

  /** Reads the source and writes it into the target plan, all or nothing. */
  async commit(actor: Actor, source: ImportSource, target: ImportTarget): Promise<ImportOutcome> {
    const preview = await this.preview(actor, source, target);
    return this.atomically((s) => new ImportWriter(s, actor, this.progress.today()).write(preview.plan, target));
  }
}

/** The file name and sheet name are kept with a draft: PostgreSQL refuses a NUL in them (issue 12). */
function checkNames(source: ImportSource): void {
  if (source.filename !== undefined && hasControlCharacter(source.filename)) throw new ImportError('The file name must not contain control characters: rename the file and upload it again');
  if (source.sheet !== undefined && hasControlCharacter(source.sheet)) throw new ImportError('The sheet name must not contain control characters');
}
