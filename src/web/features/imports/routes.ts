import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { ForbiddenError, ImportError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import { formatUkDate } from '../../../domain/dates.ts';
import { ACTION_TEXT_FIELDS } from '../../../domain/fields/action-fields.ts';
import { FIELD_LABELS, FIELDS, type Field, type ParsedAction, type ParsedPlan } from '../../../domain/import-tables.ts';
import { parseYearLabel } from '../../../domain/plan-years.ts';
import { ACTION_KIND_LABELS, canAdministerPlanning } from '../../../domain/vocabulary.ts';
import { unknownUnitMessage, type ImportOutcome, type ImportPreview, type ImportSource, type ImportTarget } from '../../../services/imports.ts';
import type { Actor, Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formText, openFormBody, type WebApp } from '../../schemas.ts';
import { radioItems, selectItems, type Item } from '../../items.ts';
import { MAX_IMPORT_BYTES } from '../../../services/imports.ts';

// Importing a plan: upload a file or paste a table (GET /imports/new, POST /imports), check the
// preview and the column mapping (GET /imports/:id), then confirm (POST /imports/:id) or cancel
// (POST /imports/:id/discard). The upload is kept as a draft for its own user between the steps;
// the target plan and the column mapping travel in the query string and the forms.
//
// These routes live in their own Fastify scope, the only one that accepts multipart/form-data:
// multipart fields are attached to the body as plain values, so the app-wide CSRF check reads
// `_csrf` from an upload just as it does from any other form.

type FormatChoice = NonNullable<ImportSource['format']>;

const FORMAT_CHOICES: readonly { value: FormatChoice; text: string }[] = [
  { value: 'auto', text: 'Work it out for me' },
  { value: 'paste', text: 'Pasted table (copied from Word, Excel or a PDF)' },
  { value: 'csv', text: 'CSV' },
  { value: 'xlsx', text: 'Excel workbook (.xlsx)' },
  { value: 'docx', text: 'Word document (.docx)' },
  { value: 'records', text: 'Records (Label: value blocks)' },
  { value: 'json', text: 'Waymark JSON (exported from Waymark)' },
  { value: 'decidim', text: 'Decidim accountability CSV' },
];
const FORMAT_LABELS = Object.fromEntries(FORMAT_CHOICES.map((f) => [f.value, f.text])) as Record<FormatChoice, string>;

const TARGETS = ['plan', 'new'] as const;
const TARGET_LABELS: Record<string, string> = { plan: 'An existing plan', new: 'A new plan, or the plan of another service or year' };
const TARGET_HINTS: Record<string, string> = {
  plan: 'Choose the plan below.',
  new: 'Give the org unit short code and the plan year below. Any that do not exist yet are created.',
};


const ORG_CODE = /^[A-Z0-9]{1,12}$/u;
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/u;
/** Columns beyond this are not offered in the mapping (no council table is this wide). */
const MAX_COLUMNS = 200;
const MB = Math.round(MAX_IMPORT_BYTES / (1024 * 1024));

interface Upload {
  filename: string;
  content: Buffer;
  tooLarge: boolean;
}

/** The file part of each multipart request, read in full (up to the limit) before the handler runs. */
const uploads = new WeakMap<FastifyRequest, Upload>();

interface TargetValues {
  target: string;
  planId: string;
  orgCode: string;
  year: string;
  /** The name for a new org unit, when orgCode is not one the council has. */
  newUnitName: string;
}

const targetFields = { target: formText, planId: formText, orgCode: formText, year: formText, newUnitName: formText };

/** The upload form: a file part (read by onFile below, not typed here), pasted text, the format and the target. */
const uploadBody = openFormBody({ paste: formText, format: formText, sheet: formText, ...targetFields }, z.unknown());
/** The preview page's query and the confirm form: the target and the column mapping (`col0=code&col1=title…`). */
const previewQuery = z.object(targetFields).catchall(z.string());
const confirmBody = openFormBody(targetFields, z.unknown());
const draftParams = z.object({ id: z.string() });

const targetValues = (b: Readonly<Record<keyof TargetValues, string>>): TargetValues => ({
  target: b.target, planId: b.planId, orgCode: b.orgCode, year: b.year, newUnitName: b.newUnitName,
});

/** The target as the query string of the preview page (only the fields the choice uses). */
function targetQuery(v: TargetValues): string {
  const q = new URLSearchParams();
  if (v.target === 'plan') {
    q.set('target', 'plan');
    q.set('planId', v.planId);
  } else if (v.target === 'new') {
    q.set('target', 'new');
    q.set('orgCode', v.orgCode.trim().toUpperCase());
    q.set('year', v.year.trim());
    if (v.newUnitName.trim()) q.set('newUnitName', v.newUnitName.trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const unitExists = (services: Services, actor: Actor, code: string): Promise<boolean> =>
  services.organisation.unitByCode(actor, code).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)));

/** The import target a form names, or the messages that say what is missing. */
async function readTarget(services: Services, actor: Actor, v: TargetValues): Promise<{ target: ImportTarget | null; errors: Record<string, string> }> {
  if (v.target === 'plan') {
    const plans = await services.plans.list(actor);
    const plan = plans.find((p) => String(p.id) === v.planId);
    return plan ? { target: { planId: plan.id }, errors: {} } : { target: null, errors: { planId: 'Choose the plan to import into' } };
  }
  if (v.target === 'new') {
    const errors: Record<string, string> = {};
    const orgCode = v.orgCode.trim().toUpperCase();
    const year = v.year.trim();
    if (!orgCode) errors.orgCode = 'Enter the org unit short code';
    else if (!ORG_CODE.test(orgCode)) errors.orgCode = 'Org unit short code must be 12 letters or numbers or fewer, like CEC';
    if (!year) errors.year = 'Enter the plan year';
    else if (parseYearLabel(year) === null) errors.year = 'Plan year must be two years in a row, like 2015/16';
    // A code the council does not have is created only when asked, with the name given for it.
    const newUnitName = v.newUnitName.trim();
    const known = errors.orgCode ? true : await unitExists(services, actor, orgCode);
    if (!known && !newUnitName) errors.newUnitName = unknownUnitMessage(orgCode);
    else if (!known && newUnitName.length > 200) errors.newUnitName = 'The name of the new org unit must be 200 characters or fewer';
    return Object.keys(errors).length ? { target: null, errors } : { target: { orgCode, year, ...(known ? {} : { newUnitName }) }, errors };
  }
  return { target: null, errors: { target: 'Choose where to import the actions' } };
}

/**
 * The column mapping chosen in the preview (`col0=code&col1=title…`), or null when none was sent.
 * An empty value means "Not imported"; anything not in the list, or a field chosen twice, is an error.
 */
function readMapping(b: Readonly<Record<string, unknown>>): { mapping: (Field | null)[] | null; chosen: string[] | null; errors: Record<string, string> } {
  const keys = Object.keys(b)
    .map((k) => /^col(\d{1,3})$/u.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((i) => i < MAX_COLUMNS);
  if (keys.length === 0) return { mapping: null, chosen: null, errors: {} };
  const width = Math.max(...keys) + 1;
  const chosen = Array.from({ length: width }, (_, i) => {
    const v = b[`col${i}`];
    return typeof v === 'string' ? v : '';
  });
  const errors: Record<string, string> = {};
  const firstUse = new Map<string, number>();
  const mapping = chosen.map((value, i) => {
    if (value === '') return null;
    if (!(FIELDS as readonly string[]).includes(value)) {
      errors[`col${i}`] = `Choose what column ${i + 1} holds from the list`;
      return null;
    }
    const earlier = firstUse.get(value);
    if (earlier !== undefined) {
      errors[`col${i}`] = `Columns ${earlier + 1} and ${i + 1} are both read as ${FIELD_LABELS[value as Field]}: choose Not imported for one of them`;
    } else {
      firstUse.set(value, i);
    }
    return value as Field;
  });
  return { mapping, chosen, errors };
}

function mappingItems(selected: string): Item[] {
  return [{ value: '', text: 'Not imported', selected: selected === '' }, ...FIELDS.map((f) => ({ value: f, text: FIELD_LABELS[f], selected: f === selected }))];
}

/**
 * Everything read for an action beyond the preview table's own columns, as label and text, so no
 * column the import reads is hidden from the person checking it.
 */
function actionDetails(a: ParsedAction): { label: string; text: string }[] {
  const list = (xs: string[]): string | null => (xs.length ? xs.join('; ') : null);
  const exempt = a.exemptParagraph === undefined || a.exemptParagraph === null ? null : a.exemptParagraph === false ? 'No (open)' : `Yes: paragraph ${a.exemptParagraph}`;
  const rows: [Field, string | null][] = [
    ['role', a.role],
    ['kind', a.kind ? ACTION_KIND_LABELS[a.kind] : null],
    ['startDate', a.startDate ? formatUkDate(a.startDate) : null],
    ['weight', a.weight !== null ? String(a.weight) : null],
    // The plain text fields (src/domain/fields/action-fields.ts).
    ...ACTION_TEXT_FIELDS.map((f): [Field, string | null] => [f.importField as Field, a[f.name]]),
    ['impacts', list(a.impactedServices)],
    ['partnerships', list(a.partnershipLinks)],
    ['asAt', a.asAt ? formatUkDate(a.asAt) : null],
    ['exempt', exempt],
  ];
  return rows.filter((r): r is [Field, string] => r[1] !== null && r[1] !== '').map(([f, t]) => ({ label: FIELD_LABELS[f], text: t }));
}

/** The part of the target that says which plan year the import goes into, for the preview's date checks. */
function yearTarget(v: TargetValues): ImportTarget {
  if (v.target === 'plan' && /^\d{1,12}$/u.test(v.planId)) return { planId: Number(v.planId) };
  if (v.target === 'new' && parseYearLabel(v.year.trim()) !== null) return { year: v.year.trim() };
  return {};
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The flash message after an import: where it went, what changed, and what had to be created. */
function importSummary(o: ImportOutcome): string {
  const parts = [
    `Imported into ${o.orgCode} ${o.year}.`,
    `Objectives: ${o.objectives.created} created, ${o.objectives.updated} updated, ${o.objectives.unchanged} unchanged.`,
    `Actions: ${o.actions.created} created, ${o.actions.updated} updated, ${o.actions.unchanged} unchanged.`,
    `Progress updates: ${o.updates.created} recorded, ${o.updates.unchanged} unchanged.`,
    ...o.notes.map((n) => (/[.!?]$/u.test(n) ? n : `${n}.`)),
  ];
  const summary = parts.join(' ');
  // The page shows at most 600 characters of a flash message.
  return summary.length > 600 ? `${summary.slice(0, 599)}…` : summary;
}

function draftId(raw: string): string {
  if (!DRAFT_ID.test(raw)) throw new NotFoundError('Import');
  return raw;
}

export async function registerImportRoutes(app: WebApp, services: Services): Promise<void> {
  const imports = services.imports;

  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // A file or pasted text one byte over the limit is cut off there, so the handler can say it is too big.
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMPORT_BYTES + 1, fieldSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 20, parts: 25 },
    async onFile(part) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (size <= MAX_IMPORT_BYTES) chunks.push(chunk as Buffer);
      }
      if (part.fieldname !== 'file') return;
      const tooLarge = part.file.truncated || size > MAX_IMPORT_BYTES;
      uploads.set(this, { filename: part.filename ?? '', content: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
    },
  });

  // Imports are council-wide set-up: refuse everyone else before an upload is read.
  app.addHook('onRequest', async (request) => {
    const u = request.user;
    if (u && !canAdministerPlanning(u.role)) throw new ForbiddenError('Only administrators and performance officers can import plans.');
  });

  // The form -----------------------------------------------------------------------------------

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, data: { values: Record<string, string>; errors?: Record<string, string> }) => {
    const plans = await services.plans.list(actorOf(request));
    const v = data.values;
    return reply.render('imports/new.njk', {
      title: 'Import a plan',
      section: 'plans',
      maxMb: MB,
      formatItems: selectItems(FORMAT_CHOICES, (f) => f.value, (f) => f.text, v.format || 'auto'),
      targetItems: targetItems(v.target ?? ''),
      planItems: selectItems(plans, (p) => p.id, (p) => `${p.title} (${p.orgCode}, ${p.yearLabel})`, v.planId, 'Choose a plan'),
      breadcrumbs: [{ text: 'Plans', href: '/plans' }],
      errorAnchors: { target: 'target' },
      ...data,
    });
  };

  const targetItems = (checked: string) => radioItems(TARGETS, (t) => TARGET_LABELS[t] ?? t, checked).map((i) => ({ ...i, hint: { text: TARGET_HINTS[i.value] ?? '' } }));

  app.get('/imports/new', { schema: { querystring: z.object({ planId: formText }) } }, async (request, reply) => {
    const { planId } = request.query;
    return renderNew(request, reply, { values: { format: 'auto', target: planId ? 'plan' : '', planId, orgCode: '', year: '', sheet: '', paste: '' } });
  });

  app.post('/imports', { schema: { body: uploadBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body;
    const upload = uploads.get(request);
    const paste = body.paste;
    const tv = targetValues(body);
    const values = { paste, format: body.format || 'auto', sheet: body.sheet.trim(), ...tv };
    const errors: Record<string, string> = {};

    // A browser sends an empty, unnamed file part when no file was chosen.
    const hasFile = upload !== undefined && (upload.filename !== '' || upload.content.length > 0 || upload.tooLarge);
    const hasPaste = paste.trim() !== '';
    if (upload?.tooLarge) errors.file = `The selected file must be smaller than ${MB} MB`;
    else if (Buffer.byteLength(paste, 'utf8') > MAX_IMPORT_BYTES) errors.paste = `The pasted text must be smaller than ${MB} MB`;
    else if (hasFile && hasPaste) errors.paste = 'Upload a file or paste a table, not both: clear this box to import the file';
    else if (!hasFile && !hasPaste) errors.file = 'Choose a file to upload, or paste a table';
    const format = FORMAT_CHOICES.find((f) => f.value === values.format)?.value;
    if (!format) errors.format = 'Choose what kind of file or text it is';

    const source: ImportSource | null =
      Object.keys(errors).length > 0 || !format
        ? null
        : hasFile
          ? { content: upload!.content, filename: upload!.filename, format, ...(values.sheet ? { sheet: values.sheet } : {}) }
          : { content: Buffer.from(paste, 'utf8'), format };

    let preview: ImportPreview | null = null;
    if (source) {
      try {
        preview = await imports.preview(actor, source);
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        errors[hasFile ? 'file' : 'paste'] = err.message;
      }
    }
    const { errors: targetErrors } = await readTarget(services, actor, tv);
    // A Waymark export names its own plan, so the target may be left for the preview to fill in.
    const named = preview?.plan.plan?.org?.code && preview.plan.plan.year;
    if (!(named && tv.target === '')) Object.assign(errors, targetErrors);

    if (Object.keys(errors).length > 0 || !source) {
      // The file input cannot be given back: the browser empties it.
      return renderNew(request, reply.code(400), { values, errors });
    }
    const id = await imports.saveDraft(actor, source);
    return reply.redirect(`/imports/${id}${targetQuery(tv)}`, 303);
  });

  // The preview --------------------------------------------------------------------------------

  interface PreviewData {
    id: string;
    source: ImportSource;
    /** The mapping read from the query or form, and the raw values chosen (to show them back). */
    mapping: (Field | null)[] | null;
    chosen: string[] | null;
    target: TargetValues;
    errors: Record<string, string>;
  }

  const renderPreview = async (request: FastifyRequest, reply: FastifyReply, data: PreviewData) => {
    const actor = actorOf(request);
    const errors = { ...data.errors };
    const hasMappingErrors = Object.keys(errors).some((k) => k.startsWith('col'));
    let preview: ImportPreview | null = null;
    try {
      preview = await imports.preview(actor, { ...data.source, ...(data.mapping && !hasMappingErrors ? { mapping: data.mapping } : {}) }, yearTarget(data.target));
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      errors.mapping = err.message;
    }
    // When the chosen mapping cannot be read, the columns still come from the file's own header.
    let columns: ParsedPlan | null = preview?.plan ?? null;
    if (!preview) {
      try {
        columns = (await imports.preview(actor, data.source)).plan;
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        errors.mapping = err.message;
      }
    }
    const headers = (columns?.headers ?? []).slice(0, MAX_COLUMNS);
    const selected = headers.map((_, i) => (data.chosen ? (data.chosen[i] ?? '') : (columns?.mapping[i] ?? '')));
    const mappingSelects = headers.map((h, i) => ({
      id: `col${i}`,
      label: h ? `Column ${i + 1}: ${h}` : `Column ${i + 1} (no heading)`,
      items: mappingItems(selected[i] ?? ''),
      error: errors[`col${i}`],
    }));

    // With no target chosen, a Waymark export's own plan is offered.
    const meta = preview?.plan.plan ?? null;
    const target = { ...data.target };
    if (target.target === '' && meta?.org?.code && meta.year) Object.assign(target, { target: 'new', orgCode: meta.org.code, year: meta.year });
    if (target.newUnitName === '' && meta?.org?.name && meta.org.code.toUpperCase() === target.orgCode.trim().toUpperCase()) target.newUnitName = meta.org.name;
    // Say before importing that a new org unit will be made, and with which name.
    const orgCode = target.orgCode.trim().toUpperCase();
    const newUnit =
      target.target === 'new' && ORG_CODE.test(orgCode) && !(await unitExists(services, actor, orgCode))
        ? { code: orgCode, name: target.newUnitName.trim() }
        : null;
    const plans = await services.plans.list(actor);
    // Importing into an approved (or published) plan changes it: say so, as the plan's own forms ask.
    const into = plans.find((p) => (target.target === 'plan' ? String(p.id) === target.planId : target.target === 'new' && p.orgCode === orgCode && p.yearLabel === target.year.trim()));
    const approvedTarget = into && (into.status === 'approved' || into.status === 'published') ? into.title : null;
    const objectives = (preview?.plan.objectives ?? []).map((o) => ({ ...o, actions: o.actions.map((a) => ({ ...a, details: actionDetails(a) })) }));
    const actionCount = preview?.actionCount ?? 0;

    return reply.code(Object.keys(errors).length ? 400 : reply.statusCode).render('imports/preview.njk', {
      title: 'Check the import',
      section: 'plans',
      wide: true,
      id: data.id,
      sourceName: data.source.filename || 'Pasted text',
      formatLabel: preview ? FORMAT_LABELS[preview.format] : FORMAT_LABELS[data.source.format ?? 'auto'],
      preview,
      objectives,
      warnings: preview?.plan.warnings ?? [],
      meta,
      sheetTitle: preview?.plan.sheetTitle ?? null,
      newUnit,
      approvedTarget,
      mappingSelects,
      mappingValues: selected,
      target,
      targetItems: targetItems(target.target),
      planItems: selectItems(plans, (p) => p.id, (p) => `${p.title} (${p.orgCode}, ${p.yearLabel})`, target.planId, 'Choose a plan'),
      canConfirm: preview !== null && !Object.keys(errors).some((k) => k.startsWith('col') || k === 'mapping'),
      confirmText: actionCount > 0 || objectives.length === 0 ? `Import ${count(actionCount, 'action')}` : `Import ${count(objectives.length, 'objective')}`,
      errors: Object.keys(errors).length ? errors : undefined,
      errorAnchors: { target: 'target', mapping: headers.length ? 'col0' : 'preview-heading', import: 'preview-heading' },
      breadcrumbs: [{ text: 'Plans', href: '/plans' }, { text: 'Import a plan', href: '/imports/new' }],
    });
  };

  app.get('/imports/:id', { schema: { params: draftParams, querystring: previewQuery } }, async (request, reply) => {
    const id = draftId(request.params.id);
    const source = await imports.draft(actorOf(request), id);
    const q = request.query;
    const { mapping, chosen, errors } = readMapping(q);
    return renderPreview(request, reply, { id, source, mapping, chosen, target: targetValues(q), errors });
  });

  app.post('/imports/:id', { schema: { params: draftParams, body: confirmBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = draftId(request.params.id);
    const source = await imports.draft(actor, id);
    const body = request.body;
    const tv = targetValues(body);
    const { mapping, chosen, errors: mappingErrors } = readMapping(body);
    const { target, errors: targetErrors } = await readTarget(services, actor, tv);
    const again = { id, source, mapping, chosen, target: tv };
    const errors = { ...mappingErrors, ...targetErrors };
    if (!target || Object.keys(errors).length) return renderPreview(request, reply.code(400), { ...again, errors });
    let outcome: ImportOutcome;
    try {
      outcome = await imports.commit(actor, { ...source, ...(mapping ? { mapping } : {}) }, target);
    } catch (err) {
      // Nothing was written: the import runs in one transaction.
      if (err instanceof ImportError || err instanceof ValidationError) return renderPreview(request, reply.code(400), { ...again, errors: { import: err.message } });
      throw err;
    }
    await imports.discardDraft(actor, id);
    return reply.flash(importSummary(outcome)).redirect(`/plans/${outcome.planId}`, 303);
  });

  app.post('/imports/:id/discard', { schema: { params: draftParams, body: confirmBody } }, async (request, reply) => {
    await imports.discardDraft(actorOf(request), draftId(request.params.id));
    return reply.flash('Import cancelled: nothing was saved').redirect('/plans', 303);
  });
}
