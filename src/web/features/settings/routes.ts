import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.ts';
import { REPORT_STYLES, SECTION_KEYS, type ReportStyle, type SectionKey } from '../../../domain/report-sections.ts';
import { normaliseStatusWord } from '../../../domain/stages.ts';
import type { Services } from '../../../services/index.ts';
import { actorOf } from '../../context.ts';
import { formBody, formList, formText, openFormBody, type WebApp } from '../../schemas.ts';
import { ragPage, reportStylePage, settingsFormValues, settingsPage, statusWordsPage, type StyleValues, type WordRow } from './presenters.ts';
import { registerUpdateCycleSettingsRoutes } from './update-cycle.ts';

/** The report style form: a base style, a heading for each section, the sections included, the considerations. */
const styleBody = formBody({
  base: formText,
  include: formList,
  considerations: formText,
  ...(Object.fromEntries(SECTION_KEYS.map((k) => [`heading-${k}`, formText])) as Record<`heading-${SectionKey}`, typeof formText>),
});

// The council's own settings: its name, when its plan year starts and the roles an action can take;
// its status words (each meaning one canonical stage), its traffic-light thresholds and the style of
// its committee cover reports.

/** Blank rows offered under the status words for adding new ones. */
const SPARE_ROWS = 3;
const MAX_ROWS = 200;


export function registerSettingsRoutes(app: WebApp, services: Services): void {
  const org = services.organisation;

  const renderForm = (reply: FastifyReply, data: { values: Record<string, unknown>; errors?: Record<string, string> }) =>
    reply.render('settings/form.njk', settingsPage(data));

  app.get('/settings', async (request, reply) => {
    const council = await org.council(actorOf(request));
    return renderForm(reply, {
      values: settingsFormValues(council),
    });
  });

  app.post('/settings', { schema: { body: formBody({ name: formText, yearStartMonth: formText, actionRoles: formText, councillorsReadDrafts: formList }) } }, async (request, reply) => {
    const body = request.body;
    // An unticked checkbox sends nothing: that is "no".
    const values = { name: body.name, yearStartMonth: body.yearStartMonth, actionRoles: body.actionRoles, councillorsReadDrafts: body.councillorsReadDrafts.includes('yes') ? 'yes' : 'no' };
    try {
      await org.updateSettings(actorOf(request), values);
      return reply.flash('Settings saved').redirect('/settings', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  // Status words ------------------------------------------------------------------------------

  const progress = services.progress;

  const renderWords = (_request: FastifyRequest, reply: FastifyReply, data: { rows: WordRow[]; errors?: Record<string, string> }) =>
    reply.render('settings/status-words.njk', statusWordsPage(data));

  app.get('/settings/status-words', async (request, reply) => {
    const words = await progress.vocabulary(actorOf(request));
    const spare = Array.from({ length: SPARE_ROWS }, () => ({ word: '', stage: '' }));
    return renderWords(request, reply, { rows: [...words.map((w) => ({ word: w.word, stage: w.stage })), ...spare] });
  });

  app.post('/settings/status-words', { schema: { body: openFormBody({}, z.string()) } }, async (request, reply) => {
    const body = request.body;
    // Rows are word-0/stage-0, word-1/stage-1 …; a row whose word is blank is dropped.
    const indexes = Object.keys(body)
      .map((k) => /^word-(\d{1,3})$/.exec(k)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .filter((n) => n < MAX_ROWS)
      .sort((a, b) => a - b);
    const rows = indexes.map((i) => ({ word: (body[`word-${i}`] ?? '').trim(), stage: body[`stage-${i}`] ?? '' }));
    const kept = rows.map((r, i) => ({ ...r, row: i })).filter((r) => r.word !== '');
    try {
      await progress.saveVocabulary(actorOf(request), { words: kept.map((r) => ({ word: r.word, stage: r.stage })) });
      return reply.flash('Status words saved').redirect('/settings/status-words', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // The service names fields by position in the list it was given; the page names them by row.
      const errors: Record<string, string> = {};
      for (const [key, message] of Object.entries(err.fields)) {
        const m = /^words\.(\d+)\.(word|stage)$/.exec(key);
        const r = m ? kept[Number(m[1])] : undefined;
        if (m && r) errors[`${m[2]}-${r.row}`] = m[2] === 'stage' ? `Select the stage that ${normaliseStatusWord(r.word)} means` : message;
        else errors[key === 'words' || key === '_' ? 'word-0' : key] = message;
      }
      const padded = rows.length ? rows : [{ word: '', stage: '' }];
      return renderWords(request, reply.code(400), { rows: padded, errors });
    }
  });

  // Traffic-light thresholds ------------------------------------------------------------------

  const renderRag = async (request: FastifyRequest, reply: FastifyReply, data: { values?: Record<string, string>; errors?: Record<string, string> } = {}) => {
    const current = await progress.settings(actorOf(request));
    return reply.render('settings/rag.njk', ragPage({ current, ...data }));
  };

  app.get('/settings/rag', async (request, reply) => renderRag(request, reply));

  app.post('/settings/rag', { schema: { body: formBody({ greenPercent: formText, amberPercent: formText, graceDays: formText }) } }, async (request, reply) => {
    const body = request.body;
    const values = { greenPercent: body.greenPercent.trim(), amberPercent: body.amberPercent.trim(), graceDays: body.graceDays.trim() };
    try {
      await progress.saveSettings(actorOf(request), values);
      return reply.flash('Traffic-light thresholds saved').redirect('/settings/rag', 303);
    } catch (err) {
      if (err instanceof ValidationError) return renderRag(request, reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });

  registerReportStyleRoutes(app, services);
  registerUpdateCycleSettingsRoutes(app, services);
}

// Committee report style -----------------------------------------------------------------------

/** "Heading: item; item", one group a line, as the considerations box shows them. */
export function considerationsText(style: Pick<ReportStyle, 'considerations'>): string {
  return style.considerations.map((g) => `${g.heading}: ${g.items.join('; ')}`).join('\n');
}

const normalise = (s: string) =>
  s
    .split(/\r?\n/u)
    .map((l) => l.trim().replace(/\s+/gu, ' ').replace(/\s*([:;])\s*/gu, '$1 ').trim())
    .filter(Boolean)
    .join('\n');

/** A heading left as one of the defaults follows the style chosen; anything else is the council's own. */
function ownHeading(key: SectionKey, value: string): string | undefined {
  const v = value.trim();
  const defaults = Object.values(REPORT_STYLES).map((s) => s.sections.find((x) => x.key === key)?.heading);
  return v && !defaults.includes(v) ? v : undefined;
}

/** Considerations left as one of the defaults follow the style chosen (sent blank). */
function ownConsiderations(value: string): string {
  const v = normalise(value);
  return Object.values(REPORT_STYLES).some((s) => normalise(considerationsText(s)) === v) ? '' : value;
}


function styleValues(style: ReportStyle): StyleValues {
  const base = REPORT_STYLES[style.key];
  return {
    base: style.key,
    headings: Object.fromEntries(SECTION_KEYS.map((k) => [k, style.sections.find((s) => s.key === k)?.heading ?? base.sections.find((s) => s.key === k)?.heading ?? ''])),
    include: style.sections.map((s) => s.key),
    considerations: considerationsText(style),
  };
}

export function registerReportStyleRoutes(app: WebApp, services: Services): void {
  const reports = services.reports;

  const render = (reply: FastifyReply, data: { values: StyleValues; errors?: Record<string, string> }) =>
    reply.render('settings/report-style.njk', reportStylePage(data));

  app.get('/settings/report-style', async (request, reply) => render(reply, { values: styleValues(await reports.style(actorOf(request))) }));

  app.post('/settings/report-style', { schema: { body: styleBody } }, async (request, reply) => {
    const body = request.body;
    const values: StyleValues = {
      base: body.base,
      headings: Object.fromEntries(SECTION_KEYS.map((k) => [k, body[`heading-${k}`]])),
      include: body.include,
      considerations: body.considerations,
    };
    const headings: Record<string, string> = {};
    for (const k of SECTION_KEYS) {
      const own = ownHeading(k, values.headings[k] ?? '');
      if (own) headings[k] = own;
    }
    try {
      await reports.saveStyle(actorOf(request), { base: values.base, headings, include: values.include, considerations: ownConsiderations(values.considerations) });
      return reply.flash('Committee report style saved').redirect('/settings/report-style', 303);
    } catch (err) {
      if (err instanceof ValidationError) return render(reply.code(400), { values, errors: err.fields });
      throw err;
    }
  });
}
