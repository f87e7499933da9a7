import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateParts } from '../../../domain/dates.ts';
import { ConflictError, ValidationError } from '../../../domain/errors.ts';
import type { ReportStyle } from '../../../domain/report-sections.ts';
import type { Services } from '../../../services/index.ts';
import { PdfUnavailableError, REPORT_FORMATS, type ReportDetail, type ReportFile } from '../../../services/reports.ts';
import { actorOf } from '../../context.ts';
import { dateBoxes, joinDate } from '../../forms.ts';
import { dateFields, formBody, formList, formText, idParams, openFormBody, recordId, type WebApp } from '../../schemas.ts';
import { conflictMessage, sendDownload } from '../plans/routes.ts';
import { flatItems, hasSection, pdfUnavailablePage, reportFormPage, reportListPage, reportPage, type FormValues } from './presenters.ts';

// Committee reports: the list, the form (create and edit), the report page with its preview,
// downloads (drafts from live data), redrafting, issuing and the issued versions' stored files.
// Committees and their meetings, which reports are written for, are in ./committees.ts.

/** The report form; its "Other considerations" are numbered fields (consideration-0…), as many as the council's style has. */
const reportBody = openFormBody(
  {
    meetingId: formText,
    template: formText,
    title: formText,
    reportingOfficer: formText,
    contactOfficers: formText,
    restricted: formText,
    exemptParagraph: formText,
    planIds: formList,
    purpose: formText,
    background: formText,
    main: formText,
    recommendations: formText,
    version: formText,
    ...dateFields('asOf'),
  },
  z.string(),
);
type ReportBody = z.output<typeof reportBody>;
const versionBody = formBody({ version: formText });

/**
 * The Content Security Policy of a standalone report document: nothing loads, nothing runs, and the
 * only styles allowed are its own inline style blocks, named by their hashes.
 */
export function reportDocumentCsp(html: string): string {
  const hashes = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gu)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `style-src ${hashes.length ? hashes.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerReportRoutes(app: WebApp, services: Services): void {
  const reports = services.reports;

  const readForm = (b: ReportBody, style: ReportStyle): FormValues => ({
    meetingId: b.meetingId,
    template: b.template,
    title: b.title,
    reportingOfficer: b.reportingOfficer,
    contactOfficers: b.contactOfficers,
    restricted: b.restricted,
    exemptParagraph: b.exemptParagraph,
    planIds: b.planIds,
    purpose: b.purpose,
    background: b.background,
    main: b.main,
    recommendations: b.recommendations,
    considerations: flatItems(style).map((_, i) => b[`consideration-${i}`] ?? ''),
  });

  /** The service's input from the form. Considerations not on the form (`kept`) are carried over. */
  const toInput = (v: FormValues, style: ReportStyle, asOf: string, kept: Record<string, string> = {}) => {
    const considerations: Record<string, string> = { ...kept };
    if (hasSection(style, 'considerations')) {
      flatItems(style).forEach((item, i) => {
        const value = (v.considerations[i] ?? '').trim();
        if (value) considerations[item] = value;
        else delete considerations[item];
      });
    }
    return {
      meetingId: v.meetingId,
      template: v.template,
      title: v.title,
      asOf,
      reportingOfficer: v.reportingOfficer,
      contactOfficers: v.contactOfficers,
      restricted: v.restricted === 'yes' ? 'yes' : 'no',
      // A category chosen for a report that is not restricted means nothing: it is not kept.
      exemptParagraph: v.restricted === 'yes' ? v.exemptParagraph : '',
      planIds: v.planIds,
      purpose: v.purpose,
      background: v.background,
      main: v.main,
      considerations,
      recommendations: v.recommendations,
    };
  };

  /** The service names a consideration by its item ("considerations.Financial"); the form by its place. */
  const formErrors = (fields: Record<string, string>, style: ReportStyle): Record<string, string> => {
    const items = flatItems(style);
    const out: Record<string, string> = {};
    for (const [key, message] of Object.entries(fields)) {
      const m = /^considerations\.(.+)$/su.exec(key);
      const i = m ? items.indexOf(m[1] ?? '') : -1;
      out[m && i >= 0 ? `consideration-${i}` : key === '_' || key === 'considerations' ? 'consideration-0' : key] = message;
    }
    return out;
  };

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    data: { id?: number; version?: number; values: FormValues; asOfParts: { day: string; month: string; year: string }; errors?: Record<string, string> },
  ) => {
    const actor = actorOf(request);
    const [meetings, plans, style] = await Promise.all([services.committees.meetings(actor), services.plans.list(actor), reports.style(actor)]);
    return reply.render('reports/form.njk', reportFormPage({ ...data, meetings, plans, style }));
  };

  const blankForm = (style: ReportStyle, meetingId = ''): FormValues => ({
    meetingId,
    template: 'half-year',
    title: '',
    reportingOfficer: '',
    contactOfficers: '',
    restricted: 'no',
    exemptParagraph: '',
    planIds: [],
    purpose: '',
    background: '',
    main: '',
    recommendations: '',
    considerations: flatItems(style).map(() => ''),
  });

  const storedForm = (d: ReportDetail): FormValues => ({
    meetingId: String(d.report.meeting_id),
    template: d.report.template,
    title: d.report.title,
    reportingOfficer: d.report.reporting_officer ?? '',
    contactOfficers: d.contactOfficers.join('\n'),
    restricted: d.report.restricted ? 'yes' : 'no',
    exemptParagraph: d.report.exempt_paragraph === null ? '' : String(d.report.exempt_paragraph),
    planIds: d.planIds.map(String),
    purpose: d.report.purpose ?? '',
    background: d.report.background ?? '',
    main: d.report.main ?? '',
    recommendations: d.recommendations.join('\n'),
    considerations: flatItems(d.style).map((item) => d.considerations[item] ?? ''),
  });

  // The list -----------------------------------------------------------------------------------

  app.get('/reports', async (request, reply) => {
    const all = await reports.list(actorOf(request));
    return reply.render('reports/list.njk', reportListPage({ reports: all }));
  });

  // Creating and editing -----------------------------------------------------------------------

  app.get('/reports/new', { schema: { querystring: z.object({ meeting: formText }) } }, async (request, reply) => {
    const style = await reports.style(actorOf(request));
    return renderForm(request, reply, { values: blankForm(style, request.query.meeting), asOfParts: { day: '', month: '', year: '' } });
  });

  app.post('/reports', { schema: { body: reportBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body;
    const style = await reports.style(actor);
    const values = readForm(body, style);
    try {
      const id = await reports.create(actor, toInput(values, style, joinDate(body, 'asOf')));
      return reply.flash('Report created. Check the drafted text, then preview it.').redirect(`/reports/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { values, asOfParts: dateBoxes(body, 'asOf'), errors: formErrors(err.fields, style) });
      throw err;
    }
  });

  app.get('/reports/:id', { schema: { params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const d = await reports.detail(actor, request.params.id);
    const plans = await services.plans.list(actor);
    return reply.render('reports/view.njk', reportPage({ detail: d, plans }));
  });

  app.get('/reports/:id/edit', { schema: { params: idParams } }, async (request, reply) => {
    const d = await reports.detail(actorOf(request), request.params.id);
    return renderForm(request, reply, { id: d.report.id, version: d.report.version, values: storedForm(d), asOfParts: dateParts(d.report.as_of) });
  });

  app.post('/reports/:id', { schema: { params: idParams, body: reportBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const body = request.body;
    const d = await reports.detail(actor, id);
    const values = readForm(body, d.style);
    const version = Number(body.version);
    const again = { id, version, values, asOfParts: dateBoxes(body, 'asOf') };
    try {
      await reports.update(actor, id, version, toInput(values, d.style, joinDate(body, 'asOf'), d.considerations));
      return reply.flash('Report saved').redirect(`/reports/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(request, reply.code(400), { ...again, errors: formErrors(err.fields, d.style) });
      if (err instanceof ConflictError) return renderForm(request, reply.code(409), { ...again, errors: { title: conflictMessage('report') } });
      throw err;
    }
  });

  app.post('/reports/:id/redraft', { schema: { params: idParams, body: versionBody } }, async (request, reply) => {
    const id = request.params.id;
    const version = Number(request.body.version);
    await reports.redraft(actorOf(request), id, version);
    return reply.flash('Main report redrafted from the data').redirect(`/reports/${id}`, 303);
  });

  app.post('/reports/:id/issue', { schema: { params: idParams, body: versionBody } }, async (request, reply) => {
    const id = request.params.id;
    const seen = request.body.version;
    const number = await reports.issue(actorOf(request), id, seen ? Number(seen) : undefined);
    return reply.flash(`Issued version ${number}`).redirect(`/reports/${id}#issued-versions`, 303);
  });

  // The report itself ----------------------------------------------------------------------------

  /** A report document (the preview, or an HTML file viewed inline) under its own strict policy. */
  const sendDocument = (reply: FastifyReply, html: string) =>
    reply.header('content-security-policy', reportDocumentCsp(html)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);

  app.get('/reports/:id/preview', { schema: { params: idParams } }, async (request, reply) => {
    const file = await reports.render(actorOf(request), request.params.id, 'html');
    return sendDocument(reply, file.body.toString('utf8'));
  });

  /** A download, or the page that says why there is no PDF (503: the server lacks Chromium). */
  const download = async (request: FastifyRequest, reply: FastifyReply, make: () => Promise<ReportFile>, reportId: number) => {
    try {
      const file = await make();
      // An HTML file can be opened from the downloads: it keeps its own strict policy.
      if (file.contentType.startsWith('text/html')) reply.header('content-security-policy', reportDocumentCsp(file.body.toString('utf8')));
      return sendDownload(reply, file);
    } catch (err) {
      if (!(err instanceof PdfUnavailableError)) throw err;
      return reply.code(503).render('reports/pdf-unavailable.njk', pdfUnavailablePage({ message: err.message, reportId }));
    }
  };

  for (const format of REPORT_FORMATS) {
    app.get(`/reports/:id/download.${format}`, { schema: { params: idParams } }, async (request, reply) => {
      const id = request.params.id;
      return download(request, reply, () => reports.render(actorOf(request), id, format), id);
    });
    app.get(`/reports/:id/issues/:n/download.${format}`, { schema: { params: z.object({ id: recordId, n: recordId }) } }, async (request, reply) => {
      const { id, n } = request.params;
      return download(request, reply, () => reports.issuedFile(actorOf(request), id, n, format), id);
    });
  }
}
