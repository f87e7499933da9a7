import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCouncil, pageText, signedInClient, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import { systemActor, type Actor } from '../../../services/context.ts';
import { loadDemo } from '../../../services/demo.ts';

// Committee report pages over the demo council with "today" fixed at 25 November 2026, so the demo
// has its 2026/27 plans (the Chief Executive's Department and Democratic Services) with progress
// recorded for the first half. Chromium is hidden from the report service (CHROMIUM_PATH names a
// file that does not exist), so PDFs are unavailable: the pages must say so rather than fail.

const NOW = new Date('2026-11-25T12:00:00Z');
const YEAR = '2026/27';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('committee report pages', () => {
  let t: TestApp;
  let actor: Actor;
  let officer: HttpClient;
  let viewer: HttpClient;
  let savedChromium: string | undefined;
  const plans: { id: number; orgCode: string; codes: string[] }[] = [];
  let committeeId = 0;
  let meetingId = 0;
  let reportId = 0;

  /** A valid half-year report form for the two 2026/27 plans, with `extra` changed. */
  const reportForm = (extra: Record<string, string | string[] | undefined> = {}) => ({
    meetingId: String(meetingId),
    template: 'half-year',
    title: 'Service plans 2026/27: progress to 30 September 2026',
    'asOf-day': '30',
    'asOf-month': '9',
    'asOf-year': '2026',
    reportingOfficer: 'Director of Corporate Services',
    contactOfficers: 'Tom Whitfield, Performance Officer\nRebecca Thornley, Chief Executive',
    restricted: 'no',
    exemptParagraph: '',
    planIds: plans.map((p) => String(p.id)),
    purpose: '',
    background: '',
    main: '',
    'consideration-0': 'Met from existing budgets.',
    recommendations: '',
    ...extra,
  });

  before(async () => {
    savedChromium = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium-for-tests';
    t = await testApp({ clock: () => NOW });
    const demo = await loadDemo(t.services);
    actor = systemActor(demo.tenantId);
    // The demo lead officer's Quarter 2 updates are signed off before the report, as they would be.
    for (const u of (await t.services.updateCycle.pending(actor)).toApprove) await t.services.updateCycle.approve(actor, u.id);
    const account = (role: string) => demo.accounts.find((a) => a.role === role)!;
    officer = await signedInClient(t.app, account('performance_officer').email, account('performance_officer').password);
    viewer = await signedInClient(t.app, account('viewer').email, account('viewer').password);
    for (const p of (await t.services.plans.list(actor)).filter((x) => x.yearLabel === YEAR)) {
      const d = await t.services.plans.detail(actor, p.id);
      const codes = [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions).map((a) => a.code);
      plans.push({ id: p.id, orgCode: p.orgCode, codes });
    }
    assert.equal(plans.length, 2, 'the demo has two 2026/27 plans');
    assert.ok(plans.every((p) => p.codes.length > 0));
  });

  after(async () => {
    await t.close();
    if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = savedChromium;
  });

  it('shows Reports in the main navigation', async () => {
    const res = await officer.get('/reports');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<a class="govuk-service-navigation__link" href="\/reports" aria-current="page">/);
    assert.match(res.body, /No reports yet/);
    assert.match(res.body, /href="\/reports\/new"[^>]*>\s*Create a report/);
  });

  it('adds a committee and a meeting, with errors for what is missing', async () => {
    const blank = await officer.post('/committees', { name: '  ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /href="#name">Enter the committee name<\/a>/);

    const added = await officer.post('/committees', { name: 'Corporate Services Committee' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/committees');
    committeeId = (await t.services.committees.committees(actor)).find((c) => c.name === 'Corporate Services Committee')!.id;

    const badDate = await officer.post('/committees/meetings', { committeeId: String(committeeId), 'date-day': '31', 'date-month': '2', 'date-year': '2027' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /href="#date-day">The date of the meeting must be a real date<\/a>/);
    assert.match(badDate.body, /name="date-day" type="text" value="31"/);

    const meeting = await officer.post('/committees/meetings', { committeeId: String(committeeId), 'date-day': '10', 'date-month': '12', 'date-year': '2026' });
    assert.equal(meeting.statusCode, 303);
    meetingId = (await t.services.committees.meetings(actor, committeeId))[0]!.id;

    const page = await officer.get('/committees');
    assert.match(page.body, /Meeting added/);
    const text = pageText(page.body);
    assert.match(text, /Corporate Services Committee Meeting date Reports 10 December 2026 Create a report for Corporate Services Committee on 10 December 2026/);
  });

  it('offers the meeting, the kinds of report and the plans on the form', async () => {
    const res = await officer.get(`/reports/new?meeting=${meetingId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<option value="${meetingId}" selected>Corporate Services Committee, 10 December 2026</option>`));
    assert.match(res.body, /value="half-year" checked/);
    assert.match(pageText(res.body), /Half-year progress report Progress on every action/);
    assert.match(pageText(res.body), /Plan approval report Asks the committee to approve/);
    for (const p of plans) assert.match(res.body, new RegExp(`value="${p.id}"[^>]*>\\s*<label[^>]*>\\s*${p.orgCode} 2026/27: `));
    assert.match(res.body, /<option value="7">Paragraph 7: Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.<\/option>/);
    // The exempt category is not a conditional reveal (no aria-expanded on the radios).
    assert.doesNotMatch(res.body, /data-aria-controls/);
    assert.match(res.body, /Leave blank to have Waymark draft it from the data/);
    // One input per consideration line of the council's style.
    assert.match(res.body, /<label class="govuk-label" for="consideration-0">\s*Financial\s*<\/label>/);
    assert.match(res.body, /id="consideration-5" name="consideration-5"/);
  });

  it('refuses a report with no plans, a restricted report without its category, and a date outside every plan year', async () => {
    const noPlans = await officer.post('/reports', reportForm({ planIds: undefined }));
    assert.equal(noPlans.statusCode, 400);
    assert.match(noPlans.body, /href="#planIds">Choose at least one plan to report on<\/a>/);

    const restricted = await officer.post('/reports', reportForm({ restricted: 'yes' }));
    assert.equal(restricted.statusCode, 400);
    assert.match(restricted.body, /href="#exemptParagraph">Select the exempt information category the restricted report relies on<\/a>/);
    assert.match(restricted.body, /id="exemptParagraph-error"/);
    // What was typed comes back.
    assert.match(restricted.body, /value="yes" checked/);
    assert.match(restricted.body, /value="Met from existing budgets."/);

    const outside = await officer.post('/reports', reportForm({ 'asOf-day': '15', 'asOf-month': '1', 'asOf-year': '2022' }));
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /href="#asOf-day">As-at date 15 January 2022 is outside every plan year/);
    assert.match(outside.body, /name="asOf-year" type="text" value="2022"/);

    assert.equal((await t.services.reports.list(actor)).length, 0);
  });

  it('creates a half-year report for two plans and shows the drafted text', async () => {
    const res = await officer.post('/reports', reportForm());
    assert.equal(res.statusCode, 303);
    const m = /^\/reports\/(\d+)$/.exec(String(res.headers.location));
    assert.ok(m, String(res.headers.location));
    reportId = Number(m[1]);

    const page = await officer.get(`/reports/${reportId}`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /Report created/);
    assert.match(text, /Committee Corporate Services Committee/);
    assert.match(text, /Meeting date 10 December 2026/);
    assert.match(text, /Kind of report Half-year progress report/);
    assert.match(text, /As at 30 September 2026/);
    assert.match(text, /Restricted No/);
    assert.match(text, /Tom Whitfield, Performance Officer Rebecca Thornley, Chief Executive/);
    // Drafted from the data: purpose, background, main report and recommendations.
    assert.match(text, /To inform members of the progress made on the 2026\/27 service plans for .+ up to 30 September 2026/);
    assert.match(text, /This report shows progress on \d+ actions in the 2026\/27 plans/);
    assert.match(text, /That members note the progress made on the 2026\/27 service plans/);
    assert.match(text, /Financial: Met from existing budgets\. Legal: None/);
    for (const p of plans) assert.match(page.body, new RegExp(`href="/plans/${p.id}"`));
    assert.match(page.body, /Issue this version/);
    assert.match(page.body, /An issued version is frozen/);

    const list = await officer.get('/reports');
    assert.match(pageText(list.body), /Service plans 2026\/27: progress to 30 September 2026 Corporate Services Committee 10 December 2026 Half-year progress report 30 September 2026 None \(draft\)/);
  });

  it('previews the report as a standalone document with every action of the chosen plans', async () => {
    const res = await officer.get(`/reports/${reportId}/preview`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /^<!DOCTYPE html>/);
    assert.doesNotMatch(res.body, /govuk-service-navigation/);
    // Its inline styles are allowed by hash, and nothing else.
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    for (const p of plans) for (const code of p.codes) assert.ok(res.body.includes(code), `the preview shows ${code}`);
    assert.match(res.body, /<h2 id="section-1">1 Purpose of the report<\/h2>/);
  });

  it('downloads the draft as Word and Excel, and says why there is no PDF', async () => {
    const docx = await officer.get(`/reports/${reportId}/download.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], DOCX);
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="service-plans-2026-27-progress-to-30-september-2026-draft\.docx"$/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

    const xlsx = await officer.get(`/reports/${reportId}/download.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], XLSX);
    assert.match(String(xlsx.headers['content-disposition']), /^attachment; filename=".+-draft\.xlsx"$/);

    const html = await officer.get(`/reports/${reportId}/download.html`);
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers['content-disposition']), /^attachment; filename=".+-draft\.html"$/);

    const pdf = await officer.get(`/reports/${reportId}/download.pdf`);
    assert.equal(pdf.statusCode, 503);
    assert.match(String(pdf.headers['content-type']), /^text\/html/);
    assert.match(pdf.body, /<h1 class="govuk-heading-l">The PDF is not available<\/h1>/);
    assert.match(pdf.body, /CHROMIUM_PATH \(\/nonexistent\/chromium-for-tests\) is not an executable/);
  });

  it('saves an edit, and refuses one made from a stale version with 409', async () => {
    const form = await officer.get(`/reports/${reportId}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<input type="hidden" name="version" value="1">/);
    assert.match(form.body, /name="asOf-day" type="text" value="30"/);
    assert.match(form.body, /To inform members of the progress made/);
    assert.doesNotMatch(form.body, /Leave blank to have Waymark draft it/);

    const saved = await officer.post(`/reports/${reportId}`, reportForm({ version: '1', purpose: 'To report progress on the service plans.', main: 'First paragraph.\n\nSecond paragraph.' }));
    assert.equal(saved.statusCode, 303);
    const page = await officer.get(`/reports/${reportId}`);
    assert.match(page.body, /Report saved/);
    assert.match(page.body, /<p class="govuk-body">First paragraph.<\/p><p class="govuk-body">Second paragraph.<\/p>/);

    const stale = await officer.post(`/reports/${reportId}`, reportForm({ version: '1', purpose: 'Overwriting someone else.' }));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else saved a change to this report after you opened it/);
    assert.equal((await t.services.reports.detail(actor, reportId)).report.purpose, 'To report progress on the service plans.');
  });

  it('redrafts the main report from the data', async () => {
    const version = (await t.services.reports.detail(actor, reportId)).report.version;
    const stale = await officer.post(`/reports/${reportId}/redraft`, { version: String(version - 1) });
    assert.equal(stale.statusCode, 409);
    const res = await officer.post(`/reports/${reportId}/redraft`, { version: String(version) });
    assert.equal(res.statusCode, 303);
    const d = await t.services.reports.detail(actor, reportId);
    assert.match(d.report.main ?? '', /^This report shows progress on/);
    assert.equal(d.report.purpose, 'To report progress on the service plans.');
  });

  it('issues version 1, whose stored files never change when the plans do', async () => {
    const res = await officer.post(`/reports/${reportId}/issue`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/reports/${reportId}#issued-versions`);
    const page = await officer.get(`/reports/${reportId}`);
    assert.match(page.body, /Issued version 1/);
    const text = pageText(page.body);
    assert.match(text, /Version 1 30 September 2026 25 November 2026 at 12:00 Tom Whitfield Word \(\.docx\) of version 1 No PDF of version 1 HTML of version 1 Excel \(\.xlsx\) of version 1/);
    assert.match(text, /A version with no PDF was issued when this server could not print PDFs/);
    assert.match(page.body, new RegExp(`href="/reports/${reportId}/issues/1/download.docx"`));
    assert.doesNotMatch(page.body, new RegExp(`href="/reports/${reportId}/issues/1/download.pdf"`));

    const issued = await officer.get(`/reports/${reportId}/issues/1/download.docx`);
    assert.equal(issued.statusCode, 200);
    assert.equal(issued.headers['content-type'], DOCX);
    assert.match(String(issued.headers['content-disposition']), /filename="service-plans-2026-27-progress-to-30-september-2026-v1\.docx"/);
    const issuedHtml = await officer.get(`/reports/${reportId}/issues/1/download.html`);
    const noPdf = await officer.get(`/reports/${reportId}/issues/1/download.pdf`);
    assert.equal(noPdf.statusCode, 503);
    assert.match(noPdf.body, /This version was issued on a server without Chromium/);

    // Someone renames an action of one of the plans.
    const code = plans[0]!.codes[0]!;
    const d = await t.services.plans.detail(actor, plans[0]!.id);
    const action = [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions).find((a) => a.code === code)!;
    const { action: a } = await t.services.actions.detail(actor, action.id);
    const renamed = 'Renamed after the report was issued';
    await t.services.actions.update(actor, a.id, a.version, {
      objectiveId: a.objective_id,
      code: a.code,
      title: renamed,
      role: a.role,
      target: a.target,
      outcome: a.outcome,
      criticalSuccessFactors: a.critical_success_factors,
      environmentalImpacts: a.environmental_impacts,
      kind: a.kind,
      startDate: a.start_date,
      dueDate: a.due_date,
      revisedDueDate: a.revised_due_date,
      weight: String(a.weight),
      leads: a.leads.map((l) => l.name).join('\n'),
      impactedUnitIds: a.impacts.filter((i) => i.id !== null).map((i) => String(i.id)),
      impactsOther: a.impacts.filter((i) => i.id === null).map((i) => i.name).join('\n'),
      partnerships: a.partnerships.join('\n'),
      priorityIds: a.priorityIds.map(String),
      pledgeIds: a.pledgeIds.map(String),
    });

    const again = await officer.get(`/reports/${reportId}/issues/1/download.docx`);
    assert.ok(Buffer.compare(again.rawPayload, issued.rawPayload) === 0, 'the issued Word file is byte for byte the same');
    const againHtml = await officer.get(`/reports/${reportId}/issues/1/download.html`);
    assert.equal(againHtml.body, issuedHtml.body);
    assert.ok(!againHtml.body.includes(renamed));
    const draft = await officer.get(`/reports/${reportId}/download.docx`);
    assert.ok(Buffer.compare(draft.rawPayload, issued.rawPayload) !== 0, 'a fresh draft is made from the changed data');
    assert.ok((await officer.get(`/reports/${reportId}/preview`)).body.includes(renamed));
  });

  it('lets a viewer read and download reports, but not create, edit or issue them', async () => {
    const list = await viewer.get('/reports');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /Create a report/);
    const page = await viewer.get(`/reports/${reportId}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Issue this version|Redraft main report|\/edit"/);
    // The report is issued, so a councillor reads its issued versions; its current draft (preview,
    // draft downloads) only when the council lets councillors read drafts (off by default).
    assert.equal((await viewer.get(`/reports/${reportId}/preview`)).statusCode, 404);
    assert.equal((await viewer.get(`/reports/${reportId}/download.docx`)).statusCode, 404);
    const docx = await viewer.get(`/reports/${reportId}/issues/1/download.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], DOCX);
    assert.equal((await viewer.get(`/reports/${reportId}/issues/1/download.xlsx`)).statusCode, 200);

    assert.equal((await viewer.get('/reports/new')).statusCode, 403);
    assert.equal((await viewer.get(`/reports/${reportId}/edit`)).statusCode, 403);
    assert.equal((await viewer.post('/reports', reportForm())).statusCode, 403);
    assert.equal((await viewer.post(`/reports/${reportId}/issue`)).statusCode, 403);
    assert.equal((await viewer.post('/committees', { name: 'Viewers Committee' })).statusCode, 403);
    assert.equal((await t.services.reports.issues(actor, reportId)).length, 1);
    assert.equal((await t.services.reports.list(actor)).length, 1);
  });

  it("does not find another council's report", async () => {
    const other = await createCouncil(t.services, { slug: 'other', name: 'Other Council', email: 'admin@other.example.gov.uk' });
    const theirs = await signedInClient(t.app, other.email);
    for (const url of [`/reports/${reportId}`, `/reports/${reportId}/preview`, `/reports/${reportId}/download.docx`, `/reports/${reportId}/issues/1/download.docx`, `/reports/${reportId}/edit`]) {
      assert.equal((await theirs.get(url)).statusCode, 404, url);
    }
    assert.equal((await theirs.post(`/reports/${reportId}/issue`)).statusCode, 404);
    assert.equal((await theirs.get('/reports/abc')).statusCode, 404);
  });

  it('switches the council to the Northern Irish style, numbering sections 1.0', async () => {
    const form = await officer.get('/settings/report-style');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="england" checked/);
    assert.match(form.body, /Financial, legal and human resources implications: Financial; Legal; Human resources/);
    const settings = await officer.get('/settings');
    assert.match(settings.body, /href="\/settings\/report-style"/);

    // The form as shown, with only the style changed: the default headings and considerations follow it.
    const res = await officer.post('/settings/report-style', {
      base: 'northern_ireland',
      'heading-purpose': 'Purpose of the report',
      'heading-background': 'Background',
      'heading-main': 'Main report',
      'heading-considerations': 'Implications',
      'heading-recommendations': 'Recommendations',
      'heading-documents': 'Appendices and background papers',
      include: ['background', 'main', 'considerations', 'recommendations', 'documents'],
      considerations:
        'Financial, legal and human resources implications: Financial; Legal; Human resources\nRisk management: Risk management\nEquality and climate impact: Equality (public sector equality duty); Climate and environment',
    });
    assert.equal(res.statusCode, 303);
    const style = await t.services.reports.style(actor);
    assert.equal(style.key, 'northern_ireland');
    assert.equal(style.sections[0]!.heading, 'Purpose of Report');
    assert.equal(style.considerations[1]!.heading, 'Screening & Impact Assessments');

    const preview = await officer.get(`/reports/${reportId}/preview`);
    assert.match(preview.body, /<h2 id="section-1">1\.0 Purpose of Report<\/h2>/);
    assert.match(preview.body, /<h2 id="section-2">2\.0 Background<\/h2>/);

    // The council's own heading is kept, and an unticked section is left out.
    const own = await officer.post('/settings/report-style', {
      base: 'northern_ireland',
      'heading-main': 'Report',
      include: ['background', 'main', 'recommendations'],
      considerations: '',
    });
    assert.equal(own.statusCode, 303);
    const after = await t.services.reports.style(actor);
    assert.deepEqual(after.sections.map((s) => s.heading), ['Purpose of Report', 'Background', 'Report', 'Recommendation(s)']);

    const bad = await officer.post('/settings/report-style', { base: 'scotland', include: [] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#base">Select the style of cover report<\/a>/);
  });
});

describe('correcting and deleting committees and meetings', () => {
  let t: TestApp;
  let actor: Actor;
  let officer: HttpClient;
  let viewer: HttpClient;
  let lead: HttpClient;
  let planIds: number[];

  before(async () => {
    t = await testApp({ clock: () => NOW });
    const demo = await loadDemo(t.services);
    actor = systemActor(demo.tenantId);
    const account = (role: string) => demo.accounts.find((a) => a.role === role)!;
    const client = (role: string) => signedInClient(t.app, account(role).email, account(role).password);
    officer = await client('performance_officer');
    viewer = await client('viewer');
    lead = await client('lead_officer');
    planIds = (await t.services.plans.list(actor)).filter((p) => p.yearLabel === YEAR).map((p) => p.id);
  });

  after(async () => {
    await t.close();
  });

  it('links each committee and meeting to its page, for those who may change them', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Licensing Committee' });
    const meeting = await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-01-13' });
    const page = await officer.get('/committees');
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/committees/meetings/${meeting}/edit" aria-describedby="committee-${committee}">13 January 2027</a>`));
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/committees/${committee}/edit">Change or delete Licensing Committee</a>`));
    const seen = await viewer.get('/committees');
    assert.equal(seen.statusCode, 200);
    assert.doesNotMatch(seen.body, /\/edit"/);
    assert.match(pageText(seen.body), /13 January 2027/);
  });

  it('renames a committee, with errors for a blank or taken name', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Plannning Committee' });
    await t.services.committees.createCommittee(actor, { name: 'Standards Committee' });
    const form = await officer.get(`/committees/${committee}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Change the committee<\/h1>/);
    assert.match(form.body, /name="name" type="text" value="Plannning Committee"/);
    assert.match(form.body, new RegExp(`<form method="post" action="/committees/${committee}" novalidate>`));
    assert.match(form.body, new RegExp(`href="/committees/${committee}/delete">Delete Plannning Committee</a>`));

    const blank = await officer.post(`/committees/${committee}`, { name: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /<title>Error: /);
    assert.match(blank.body, /href="#name">Enter the committee name<\/a>/);
    const taken = await officer.post(`/committees/${committee}`, { name: 'Standards Committee' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /href="#name">There is already a committee called Standards Committee<\/a>/);
    assert.match(taken.body, /name="name" type="text" value="Standards Committee"/);

    const saved = await officer.post(`/committees/${committee}`, { name: 'Planning Committee' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/committees');
    const page = await officer.get('/committees');
    assert.match(page.body, /Committee saved: Planning Committee/);
    assert.equal((await t.services.committees.committee(actor, committee)).name, 'Planning Committee');
  });

  it('moves a meeting to another date, with errors for a bad date or a clash', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Audit and Governance Committee' });
    const meeting = await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-02-03' });
    await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-03-03' });
    const form = await officer.get(`/committees/meetings/${meeting}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Audit and Governance Committee on 3 February 2027 Change the meeting/);
    assert.match(form.body, new RegExp(`<option value="${committee}" selected>Audit and Governance Committee</option>`));
    assert.match(form.body, /name="date-day" type="text" value="3"/);
    assert.match(form.body, /name="date-month" type="text" value="2"/);

    const bad = await officer.post(`/committees/meetings/${meeting}`, { committeeId: String(committee), 'date-day': '30', 'date-month': '2', 'date-year': '2027' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#date-day">The date of the meeting must be a real date<\/a>/);
    assert.match(bad.body, /name="date-day" type="text" value="30"/);
    const clash = await officer.post(`/committees/meetings/${meeting}`, { committeeId: String(committee), 'date-day': '3', 'date-month': '3', 'date-year': '2027' });
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /href="#date-day">Audit and Governance Committee already meets on 3 March 2027<\/a>/);

    const saved = await officer.post(`/committees/meetings/${meeting}`, { committeeId: String(committee), 'date-day': '10', 'date-month': '2', 'date-year': '2027' });
    assert.equal(saved.statusCode, 303);
    assert.match((await officer.get('/committees')).body, /Meeting saved/);
    assert.equal((await t.services.committees.meeting(actor, meeting)).meeting_date, '2027-02-10');
  });

  it('asks before deleting a meeting, then a committee, and deletes them', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Committee Added By Mistake' });
    const meeting = await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-04-07' });

    const confirm = await officer.get(`/committees/meetings/${meeting}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1 class="govuk-heading-l">Are you sure you want to delete the Committee Added By Mistake meeting on 7 April 2027\?<\/h1>/);
    assert.match(confirm.body, new RegExp(`<form method="post" action="/committees/meetings/${meeting}/delete" novalidate>`));
    assert.match(confirm.body, /<button type="submit"[^>]*class="govuk-button govuk-button--warning"[^>]*>\s*Yes, delete the meeting/);
    assert.match(confirm.body, new RegExp(`<a class="govuk-link" href="/committees/meetings/${meeting}/edit">No, keep it</a>`));
    // Nothing is deleted by looking at the question.
    assert.ok(await t.services.committees.meeting(actor, meeting));

    // The committee still has its meeting.
    const early = await officer.post(`/committees/${committee}/delete`);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /href="#reason">Committee Added By Mistake has 1 meeting: delete it first<\/a>/);
    assert.doesNotMatch(early.body, /govuk-button--warning/);

    const deleted = await officer.post(`/committees/meetings/${meeting}/delete`);
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/committees');
    assert.match((await officer.get('/committees')).body, /Meeting deleted: Committee Added By Mistake on 7 April 2027/);
    assert.equal((await officer.get(`/committees/meetings/${meeting}/edit`)).statusCode, 404);

    const ask = await officer.get(`/committees/${committee}/delete`);
    assert.match(ask.body, /Are you sure you want to delete Committee Added By Mistake\?/);
    const gone = await officer.post(`/committees/${committee}/delete`);
    assert.equal(gone.statusCode, 303);
    const list = await officer.get('/committees');
    assert.match(list.body, /Committee deleted: Committee Added By Mistake/);
    assert.doesNotMatch(pageText(list.body).replace('Committee deleted: Committee Added By Mistake', ''), /Committee Added By Mistake/);
  });

  it('will not delete a meeting a report is written for, and says why', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Council' });
    const meeting = await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-02-24' });
    await t.services.reports.create(actor, { meetingId: meeting, template: 'half-year', title: 'Half-year progress', asOf: '2026-09-30', planIds, restricted: 'no' });
    const page = await officer.get(`/committees/meetings/${meeting}/delete`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">You cannot delete this meeting<\/h1>/);
    assert.match(page.body, /<p class="govuk-body" id="reason">Council on 24 February 2027 has 1 report: move it to another meeting first<\/p>/);
    assert.doesNotMatch(page.body, /govuk-button--warning/);
    const refused = await officer.post(`/committees/meetings/${meeting}/delete`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    assert.match(refused.body, /href="#reason">Council on 24 February 2027 has 1 report: move it to another meeting first<\/a>/);
    assert.ok(await t.services.committees.meeting(actor, meeting));
  });

  it('refuses viewers and lead officers (403), and another council’s ids are not found (404)', async () => {
    const committee = await t.services.committees.createCommittee(actor, { name: 'Employment Committee' });
    const meeting = await t.services.committees.createMeeting(actor, { committeeId: committee, date: '2027-05-12' });
    for (const client of [viewer, lead]) {
      for (const url of [`/committees/${committee}/edit`, `/committees/${committee}/delete`, `/committees/meetings/${meeting}/edit`, `/committees/meetings/${meeting}/delete`]) {
        assert.equal((await client.get(url)).statusCode, 403, url);
      }
      assert.equal((await client.post(`/committees/${committee}`, { name: 'Renamed' })).statusCode, 403);
      assert.equal((await client.post(`/committees/${committee}/delete`)).statusCode, 403);
      assert.equal((await client.post(`/committees/meetings/${meeting}`, { committeeId: String(committee), 'date-day': '1', 'date-month': '6', 'date-year': '2027' })).statusCode, 403);
      assert.equal((await client.post(`/committees/meetings/${meeting}/delete`)).statusCode, 403);
    }
    const other = await createCouncil(t.services, { slug: 'other-council', name: 'Other Council', email: 'officer@other.gov.uk', role: 'performance_officer' });
    const outsider = await signedInClient(t.app, other.email, other.password);
    for (const url of [`/committees/${committee}/edit`, `/committees/${committee}/delete`, `/committees/meetings/${meeting}/edit`, `/committees/meetings/${meeting}/delete`]) {
      assert.equal((await outsider.get(url)).statusCode, 404, url);
    }
    assert.equal((await outsider.post(`/committees/${committee}`, { name: 'Renamed' })).statusCode, 404);
    assert.equal((await outsider.post(`/committees/${committee}/delete`)).statusCode, 404);
    assert.equal((await outsider.post(`/committees/meetings/${meeting}/delete`)).statusCode, 404);
    assert.equal((await t.services.committees.committee(actor, committee)).name, 'Employment Committee');
    assert.ok(await t.services.committees.meeting(actor, meeting));
  });
});
