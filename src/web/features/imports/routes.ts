import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { ForbiddenError, ImportError, NotFoundError, ValidationError } from '../../../domain/errors.ts';
import type { Field, ParsedPlan } from '../../../domain/import-tables.ts';
import { parseYearLabel } from '../../../domain/plan-years.ts';
import { canAdministerPlanning } from '../../../domain/vocabulary.ts';
import { unknownUnitMessage, type ImportOutcome, type ImportPreview, type ImportSource, type ImportTarget } from '../../../services/imports.ts';
import type { Actor, Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formText, type WebApp } from '../../schemas.ts';
import { MAX_IMPORT_BYTES } from '../../../services/imports.ts';
import { confirmBody, draftId, draftParams, ORG_CODE, previewQuery, readMapping, targetQuery, targetValues, uploadBody, yearTarget, type TargetValues } from './fields.ts';
import { FORMAT_CHOICES, importNewPage, importPreviewPage, importSummary, previewTarget } from './presenters.ts';

// Importing a plan: upload a file or paste a table (GET /imports/new, POST /imports), check the
// preview and the column mapping (GET /imports/:id), then confirm (POST /imports/:id) or cancel
// (POST /imports/:id/discard). The upload is kept as a draft for its own user between the steps;
// the target plan and the column mapping travel in the query string and the forms.
//
// These routes live in their own Fastify scope, the only one that accepts multipart/form-data:
// multipart fields are attached to the body as plain values, so the app-wide CSRF check reads
// `_csrf` from an upload just as it does from any other form.

const MB = Math.round(MAX_IMPORT_BYTES / (1024 * 1024));

interface Upload {
  filename: string;
  content: Buffer;
  tooLarge: boolean;
}

/** The file part of each multipart request, read in full (up to the limit) before the handler runs. */
const uploads = new WeakMap<FastifyRequest, Upload>();

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

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, data: { values: Record<string, string>; errors?: Record<string, string> }) =>
    reply.render('imports/new.njk', importNewPage({ plans: await services.plans.list(actorOf(request)), maxMb: MB, ...data }));

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
    // With no target chosen, a Waymark export's own plan is offered.
    const target = previewTarget(data.target, preview?.plan.plan ?? null);
    const orgCode = target.orgCode.trim().toUpperCase();
    const unknownUnit = target.target === 'new' && ORG_CODE.test(orgCode) && !(await unitExists(services, actor, orgCode));
    const plans = await services.plans.list(actor);
    const view = importPreviewPage({ id: data.id, source: data.source, preview, columns, chosen: data.chosen, target, unknownUnit, plans, errors });
    return reply.code(Object.keys(errors).length ? 400 : reply.statusCode).render('imports/preview.njk', view);
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
