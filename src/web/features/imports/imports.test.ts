import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { systemActor, type Actor } from '../../../services/context.ts';
import { MAX_IMPORT_BYTES } from '../../../services/imports.ts';
import { createCouncil, pageText, signedInClient, TEST_PASSWORD, testApp, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// Importing and exporting plans through the web: the paste or upload, the preview and its column
// mapping, the confirmation, and the downloads. Over SQLite, with today fixed in June 2020.

const T = '\t';
const NOW = new Date('2020-06-15T12:00:00Z');

// A parks service's actions as pasted from a Word table: a title line, the header, objective rows
// on their own (a section row), a status column, and a due date nobody can read (line 5).
const PASTE = [
  'Parks and Open Spaces – actions for 2019/20',
  ['Ref', 'Action', 'Lead officer', 'Due date', 'Status', 'Progress update'].join(T),
  ['1.1 Keep our parks clean and safe Why: residents use them every day', '', '', '', '', ''].join(T),
  ['19-PRK01', 'Replace the litter bins in the three town parks', 'Parks Manager', '30/09/2019', 'Complete', 'All forty bins replaced'].join(T),
  ['19-PRK02', 'Repaint the play area fences', 'Grounds Supervisor; Parks Manager', 'Summer-ish 2020', 'In progress', 'Two of the five play areas done'].join(T),
  ['1.2 Plant more trees', '', '', '', '', ''].join(T),
  ['19-PRK03', 'Plant 500 street trees with volunteers', 'Tree Officer', '31 March 2020', '', ''].join(T),
].join('\n');

// The same service's allotments, as a CSV file.
const CSV = [
  'Objective,Action code,Action,Lead officer,Due date,% complete',
  '"2.1 Run the allotments well",19-PRK10,Clear the waiting list for allotment plots,Allotments Officer,31/01/2020,50',
  '"2.1 Run the allotments well",19-PRK11,Fit water butts at every allotment site,Allotments Officer,28/02/2020,',
].join('\r\n');

const TARGET = { target: 'new', orgCode: 'prk', year: '2019/20', newUnitName: 'Parks' };
/** The column mapping the paste's header gives. */
const AUTO = { col0: 'code', col1: 'title', col2: 'leads', col3: 'dueDate', col4: 'status', col5: 'narrative' };

interface FilePart {
  name: string;
  content: Buffer;
  type?: string;
}

/** A multipart/form-data body as a browser sends it (an empty, unnamed file part when no file was chosen). */
async function multipartBody(fields: Record<string, string>, file?: FilePart): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file?.content ?? [])], { type: file?.type ?? 'application/octet-stream' }), file?.name ?? '');
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
}

const draftFrom = (res: LightMyRequestResponse): string => {
  assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 600));
  const m = /^\/imports\/([A-Za-z0-9_-]+)(\?.*)?$/.exec(String(res.headers.location));
  assert.ok(m, `redirected to a preview, got ${String(res.headers.location)}`);
  return m[1]!;
};

const planFrom = (res: LightMyRequestResponse): number => {
  assert.equal(res.statusCode, 303, pageText(res.body).slice(0, 600));
  const m = /^\/plans\/(\d+)$/.exec(String(res.headers.location));
  assert.ok(m, `redirected to a plan, got ${String(res.headers.location)}`);
  return Number(m[1]);
};

describe('import and export pages', () => {
  let t: TestApp;
  let actor: Actor;
  let officer: HttpClient;
  let admin: HttpClient;
  let viewer: HttpClient;
  let lead: HttpClient;
  let planId = 0;

  /** Posts the import form as multipart/form-data, with the client's CSRF token unless told not to. */
  const upload = async (client: HttpClient, fields: Record<string, string>, file?: FilePart, opts: { csrf?: boolean } = {}) => {
    const { payload, contentType } = await multipartBody(opts.csrf === false ? fields : { _csrf: client.csrfToken, ...fields }, file);
    return t.app.inject({ method: 'POST', url: '/imports', cookies: client.cookies, headers: { 'content-type': contentType }, payload });
  };
  const actionsOf = async (id: number) => {
    const d = await t.services.plans.detail(actor, id);
    return [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions);
  };

  before(async () => {
    t = await testApp({ clock: () => NOW });
    const c = await createCouncil(t.services, { slug: 'wessex', name: 'Wessex District Council', email: 'performance@wessex.example.gov.uk', role: 'performance_officer' });
    actor = systemActor(c.tenantId);
    const users = [
      ['admin@wessex.example.gov.uk', 'admin'],
      ['cllr@wessex.example.gov.uk', 'viewer'],
      ['lead@wessex.example.gov.uk', 'lead_officer'],
    ] as const;
    for (const [email, role] of users) await t.services.auth.createUser(c.tenantId, { email, name: role, role, password: TEST_PASSWORD });
    officer = await signedInClient(t.app, c.email);
    admin = await signedInClient(t.app, users[0][0]);
    viewer = await signedInClient(t.app, users[1][0]);
    lead = await signedInClient(t.app, users[2][0]);
  });
  after(() => t.close());

  it('offers the import form: a file or a paste, the format, the sheet and where to put it', async () => {
    const res = await officer.get('/imports/new');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Import a plan<\/h1>/);
    assert.match(res.body, /<form method="post" action="\/imports" enctype="multipart\/form-data" novalidate>/);
    assert.match(res.body, /<input class="govuk-file-upload" id="file" name="file" type="file"/);
    assert.match(res.body, /<textarea class="govuk-textarea" id="paste" name="paste"/);
    for (const option of ['Work it out for me', 'Pasted table', 'CSV', 'Excel workbook', 'Word document', 'Records \\(Label: value blocks\\)', 'Waymark JSON', 'Decidim accountability CSV']) {
      assert.match(res.body, new RegExp(`<option value="[a-z]+"[^>]*>${option}`));
    }
    assert.match(res.body, /<option value="auto" selected>Work it out for me<\/option>/);
    assert.match(res.body, /id="sheet" name="sheet"/);
    assert.match(res.body, /name="target" type="radio" value="plan"/);
    assert.match(res.body, /name="target" type="radio" value="new"/);
    assert.match(res.body, /id="orgCode" name="orgCode"/);
    assert.match(res.body, /updates the actions it brought in before/);
  });

  it('says which field is wrong: no file or text, both, no target, a bad code or year', async () => {
    const empty = await officer.post('/imports', { paste: '   \n ', format: 'auto', ...TARGET });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /href="#file">Choose a file to upload, or paste a table<\/a>/);
    assert.match(empty.body, /id="file-error"/);

    const both = await upload(officer, { paste: PASTE, format: 'auto', ...TARGET }, { name: 'parks.csv', content: Buffer.from(CSV) });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /href="#paste">Upload a file or paste a table, not both/);

    const noTarget = await officer.post('/imports', { paste: PASTE, format: 'auto' });
    assert.equal(noTarget.statusCode, 400);
    assert.match(noTarget.body, /href="#target">Choose where to import the actions<\/a>/);
    assert.match(noTarget.body, /Replace the litter bins in the three town parks/, 'the pasted text is given back');

    const bad = await officer.post('/imports', { paste: PASTE, format: 'auto', target: 'new', orgCode: 'P R K', year: '2019/21' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#orgCode">Org unit short code must be/);
    assert.match(bad.body, /href="#year">Plan year must be two years in a row, like 2015\/16<\/a>/);

    const noPlan = await officer.post('/imports', { paste: PASTE, format: 'auto', target: 'plan', planId: '999' });
    assert.equal(noPlan.statusCode, 400);
    assert.match(noPlan.body, /href="#planId">Choose the plan to import into<\/a>/);
    assert.equal((await t.services.plans.list(actor)).length, 0, 'nothing was saved');
  });

  it('gives unreadable input straight back with the reason', async () => {
    const noAction = await officer.post('/imports', { paste: 'Parks update\nAll going well this quarter', format: 'paste', ...TARGET });
    assert.equal(noAction.statusCode, 400);
    assert.match(noAction.body, /<title>Error: Import a plan/);
    assert.match(noAction.body, /href="#paste">No column looks like the action/);

    const garbage = await upload(officer, { format: 'auto', ...TARGET }, { name: 'parks.csv', content: Buffer.from([0x00, 0x9f, 0x01, 0xff, 0x00, 0x13, 0x37, 0x00]) });
    assert.equal(garbage.statusCode, 400);
    assert.match(pageText(garbage.body), /There is a problem Waymark cannot tell what kind of file this is: it is not text/);
    assert.match(garbage.body, /href="#file">/);

    const emptyFile = await upload(officer, { format: 'auto', ...TARGET }, { name: 'parks.csv', content: Buffer.alloc(0) });
    assert.equal(emptyFile.statusCode, 400);
    assert.match(emptyFile.body, /href="#file">The file is empty<\/a>/);

    const wrongFormat = await upload(officer, { format: 'xlsx', ...TARGET }, { name: 'parks.csv', content: Buffer.from(CSV) });
    assert.equal(wrongFormat.statusCode, 400);
    assert.match(wrongFormat.body, /href="#file">This does not look like an Excel workbook/);
  });

  it('refuses a file over 20 MB with the form and a clear message, not a crash', async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61);
    const res = await upload(officer, { format: 'auto', ...TARGET }, { name: 'huge.csv', content: big });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#file">The selected file must be smaller than 20 MB<\/a>/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Import a plan<\/h1>/);
    // A file of exactly 20 MB is within the web's limit and the services' alike: it is read (and found not to be text).
    const most = await upload(officer, { format: 'auto', ...TARGET }, { name: 'most.bin', content: Buffer.alloc(MAX_IMPORT_BYTES, 0) });
    assert.equal(most.statusCode, 400);
    assert.match(most.body, /href="#file">Waymark cannot tell what kind of file this is: it is not text/);
  });

  let draft = '';

  it('previews a pasted table: the objectives, actions, counts, warnings with line numbers and the columns', async () => {
    const res = await officer.post('/imports', { paste: PASTE, format: 'auto', sheet: '', ...TARGET });
    draft = draftFrom(res);
    assert.equal(String(res.headers.location), `/imports/${draft}?target=new&orgCode=PRK&year=2019%2F20&newUnitName=Parks`);
    const view = await officer.get(String(res.headers.location));
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(view.body, /<h1 class="govuk-heading-l">Check the import<\/h1>/);
    assert.match(text, /Imported from Pasted text Read as Pasted table/);
    // The line above the column headings names a year, so it is read as the plan's title; one thing
    // to check is left: the date. (All three due dates, 30 Sep 2019 and 31 Mar 2020, sit inside 2019/20.)
    assert.match(text, /Title above the table Parks and Open Spaces – actions for 2019\/20 \(line 1; the title of a plan this import creates\)/);
    assert.match(text, /Objectives 2 Actions 3 Progress updates 2 Things to check 1/);
    assert.match(text, /1\.1 Keep our parks clean and safe Why: residents use them every day/);
    assert.match(text, /1\.2 Plant more trees/);
    assert.match(text, /19-PRK01 Replace the litter bins in the three town parks Parks Manager 30 September 2019 Complete – All forty bins replaced/);
    assert.match(text, /19-PRK02 Repaint the play area fences Grounds Supervisor Parks Manager – In progress – Two of the five play areas done/);
    assert.match(text, /19-PRK03 Plant 500 street trees with volunteers Tree Officer 31 March 2020 – – –/);
    assert.match(view.body, /govuk-warning-text/);
    assert.match(text, /Line What Waymark found 5 Could not read “Summer-ish 2020” as a date/);
    // PRK is not an org unit yet: the page says it will be created, and with the name given.
    assert.match(text, /There is no org unit with the short code PRK\. Importing will create it, named “Parks”\./);
    // One select per column, labelled with its header, showing what it was read as.
    assert.match(view.body, /<form method="get" action="\/imports\/[^"]+" novalidate>/);
    assert.match(view.body, /<label class="govuk-label" for="col5">\s*Column 6: Progress update\s*<\/label>/);
    assert.match(view.body, /<select class="govuk-select govuk-!-width-full" id="col5" name="col5">[\s\S]*?<option value="">Not imported<\/option>[\s\S]*?<option value="narrative" selected>Progress update<\/option>/);
    assert.match(view.body, /<option value="leads" selected>Lead officers<\/option>/);
    // The confirmation carries the mapping and the target, which can still be changed.
    assert.match(view.body, new RegExp(`<form method="post" action="/imports/${draft}" novalidate>`));
    assert.match(view.body, /<input type="hidden" name="col5" value="narrative">/);
    assert.match(view.body, /name="target" type="radio" value="new" checked/);
    assert.match(view.body, /id="orgCode" name="orgCode" type="text"[^>]* value="PRK"/);
    assert.match(view.body, /<button type="submit"[^>]*>\s*Import 3 actions\s*<\/button>/);
    assert.match(view.body, /form="discard"[^>]*>Cancel import<\/button>/);
    assert.match(view.body, new RegExp(`<form id="discard" method="post" action="/imports/${draft}/discard">`));
    assert.equal((await t.services.plans.list(actor)).length, 0, 'a preview saves nothing');
  });

  it('changes the preview when a column is mapped differently, and refuses values not in the list', async () => {
    const q = new URLSearchParams({ ...TARGET, ...AUTO, col5: '' });
    const res = await officer.get(`/imports/${draft}?${q}`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.doesNotMatch(text, /All forty bins replaced/);
    assert.match(text, /Objectives 2 Actions 3 Progress updates 2/, 'the status column still makes updates');
    assert.match(res.body, /<select class="govuk-select govuk-!-width-full" id="col5" name="col5">\s*<option value="" selected>Not imported<\/option>/);
    assert.match(res.body, /<input type="hidden" name="col5" value="">/);
    // The target travels with the mapping form.
    assert.match(res.body, /<input type="hidden" name="orgCode" value="prk">/);

    const unknown = await officer.get(`/imports/${draft}?${new URLSearchParams({ ...AUTO, col2: 'shoe-size' })}`);
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /href="#col2">Choose what column 3 holds from the list<\/a>/);
    assert.match(unknown.body, /id="col2-error"/);
    assert.doesNotMatch(unknown.body, /Import 3 actions/, 'no import until the columns are right');

    const twice = await officer.get(`/imports/${draft}?${new URLSearchParams({ ...AUTO, col2: 'title' })}`);
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /href="#col2">Columns 2 and 3 are both read as Action: choose Not imported for one of them<\/a>/);

    const noAction = await officer.get(`/imports/${draft}?${new URLSearchParams({ ...AUTO, col1: '' })}`);
    assert.equal(noAction.statusCode, 400);
    assert.match(noAction.body, /href="#col0">No column looks like the action/);
    assert.match(noAction.body, /id="mapping-error"/);
  });

  it('imports the paste on confirmation, then shows the plan with its actions and what was done', async () => {
    const res = await officer.post(`/imports/${draft}`, { ...TARGET, ...AUTO, col5: '' });
    planId = planFrom(res);
    const page = await officer.get(`/plans/${planId}`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /Imported into PRK 2019\/20\. Objectives: 2 created, 0 updated, 0 unchanged\. Actions: 3 created, 0 updated, 0 unchanged\. Progress updates: 2 recorded, 0 unchanged\./);
    assert.match(text, /Created org unit PRK/);
    assert.match(text, /Created plan year 2019\/20/);
    for (const code of ['19-PRK01', '19-PRK02', '19-PRK03']) assert.match(text, new RegExp(code));
    assert.match(text, /Replace the litter bins in the three town parks/);
    const actions = await actionsOf(planId);
    assert.equal(actions.length, 3);
    const history = await t.services.progress.history(actor, actions[0]!.id);
    assert.equal(history[0]?.narrative ?? null, null, 'the narrative column was not imported');
    // The draft is gone.
    assert.equal((await officer.get(`/imports/${draft}`)).statusCode, 404);
  });

  it('imports the same paste again without duplicating anything', async () => {
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    const res = await officer.post(`/imports/${id}`, { ...TARGET, ...AUTO, col5: '' });
    assert.equal(planFrom(res), planId);
    const text = pageText((await officer.get(`/plans/${planId}`)).body);
    assert.match(text, /Objectives: 0 created, 0 updated, 2 unchanged\. Actions: 0 created, 0 updated, 3 unchanged\. Progress updates: 0 recorded, 2 unchanged\./);
    assert.doesNotMatch(text, /Created/);
    assert.equal((await actionsOf(planId)).length, 3);
  });

  it('uploads a CSV file as multipart/form-data and imports it into an existing plan', async () => {
    const res = await upload(officer, { format: 'auto', sheet: '', target: 'plan', planId: String(planId), orgCode: '', year: '' }, { name: 'allotments.csv', content: Buffer.from(CSV), type: 'text/csv' });
    const id = draftFrom(res);
    assert.equal(String(res.headers.location), `/imports/${id}?target=plan&planId=${planId}`);
    const view = await officer.get(String(res.headers.location));
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Imported from allotments\.csv Read as CSV/);
    assert.match(text, /19-PRK10 Clear the waiting list for allotment plots Allotments Officer 31 January 2020 – 50%/);
    assert.match(view.body, new RegExp(`<option value="${planId}" selected>`));
    assert.match(view.body, /Import 2 actions/);
    const done = await officer.post(`/imports/${id}`, { target: 'plan', planId: String(planId), col0: 'objective', col1: 'code', col2: 'title', col3: 'leads', col4: 'dueDate', col5: 'percent' });
    assert.equal(planFrom(done), planId);
    const page = pageText((await officer.get(`/plans/${planId}`)).body);
    assert.match(page, /Actions: 2 created, 0 updated, 0 unchanged/);
    assert.match(page, /19-PRK10/);
    assert.equal((await actionsOf(planId)).length, 5);
  });

  it('imports a Waymark JSON export back into the plan it names, with no columns to map', async () => {
    const exported = await officer.get(`/plans/${planId}/export.json`);
    assert.equal(exported.statusCode, 200);
    // No target chosen: the file names its own plan.
    const res = await upload(officer, { format: 'auto', sheet: '' }, { name: 'prk-2019-20-plan.json', content: exported.rawPayload, type: 'application/json' });
    const id = draftFrom(res);
    assert.equal(String(res.headers.location), `/imports/${id}`);
    const view = await officer.get(`/imports/${id}`);
    assert.equal(view.statusCode, 200);
    const text = pageText(view.body);
    assert.match(text, /Imported from prk-2019-20-plan\.json Read as Waymark JSON \(exported from Waymark\) Plan named in the file .+ \(PRK, 2019\/20\) Objectives 3 Actions 5/);
    assert.doesNotMatch(view.body, /How the columns are read|name="col0"/);
    assert.match(view.body, /name="target" type="radio" value="new" checked/);
    assert.match(view.body, /id="orgCode" name="orgCode" type="text"[^>]* value="PRK"/);
    assert.match(view.body, /id="year" name="year" type="text"[^>]* value="2019\/20"/);
    const done = await officer.post(`/imports/${id}`, { target: 'new', orgCode: 'PRK', year: '2019/20' });
    assert.equal(planFrom(done), planId);
    assert.match(pageText((await officer.get(`/plans/${planId}`)).body), /Actions: 0 created, 0 updated, 5 unchanged\./);
    assert.equal((await actionsOf(planId)).length, 5);
  });

  it('refuses pasted text over 20 MB with a clear message', async () => {
    const res = await upload(officer, { paste: `Ref\tAction\n${'x'.repeat(MAX_IMPORT_BYTES)}`, format: 'auto', ...TARGET });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#paste">The pasted text must be smaller than 20 MB<\/a>/);
  });

  it('shows the preview again when the services refuse a row at confirmation, and saves nothing', async () => {
    const tooLong = 'R'.repeat(150);
    const paste = [['Ref', 'Action', 'Role'].join(T), ['19-PRK20', 'Survey the bandstand', tooLong].join(T)].join('\n');
    const id = draftFrom(await officer.post('/imports', { paste, format: 'paste', target: 'new', orgCode: 'PRK', year: '2020/21' }));
    const before = (await t.services.plans.list(actor)).length;
    const res = await officer.post(`/imports/${id}`, { target: 'new', orgCode: 'PRK', year: '2020/21', col0: 'code', col1: 'title', col2: 'role' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<h1 class="govuk-heading-l">Check the import<\/h1>/);
    assert.match(res.body, /href="#preview-heading">Action 19-PRK20: Select a role from the list/);
    assert.equal((await t.services.plans.list(actor)).length, before, 'no plan, year or actions were written');
    assert.equal((await t.services.years.list(actor)).some((y) => y.label === '2020/21'), false);
  });

  it('asks for the target at confirmation when none was chosen', async () => {
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    const res = await officer.post(`/imports/${id}`, { ...AUTO, target: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#target">Choose where to import the actions<\/a>/);
  });

  it('asks before creating an org unit: a code the council does not have needs the new unit’s name', async () => {
    const before = (await t.services.organisation.units(actor)).length;
    // PRX is a mistyped PRK: without a name for a new unit the form is refused and nothing is kept.
    const first = await officer.post('/imports', { paste: PASTE, format: 'paste', target: 'new', orgCode: 'prx', year: '2019/20' });
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /href="#newUnitName">No org unit has the short code PRX\. Check the code, or give the name of the new org unit to create it<\/a>/);
    // The same at confirmation, from a draft whose target was an existing code.
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    const res = await officer.post(`/imports/${id}`, { ...AUTO, target: 'new', orgCode: 'PRX', year: '2019/20', newUnitName: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#newUnitName">No org unit has the short code PRX/);
    assert.equal((await t.services.organisation.units(actor)).length, before, 'no org unit was created');
  });

  it('shows every field it read for an action, and names due dates outside the plan year', async () => {
    const paste = [
      ['Ref', 'Action', 'Role', 'Target', 'Partnership links', 'Due date'].join(T),
      ['19-PRK30', 'Resurface the park paths', 'Service Provider', 'All paths passable by wheelchair', 'Active Travel Plan', '31/03/2021'].join(T),
      ['19-PRK31', 'Renew the bowling green lease', '', '', '', '15/01/2020'].join(T),
    ].join('\n');
    const id = draftFrom(await officer.post('/imports', { paste, format: 'paste', ...TARGET }));
    const text = pageText((await officer.get(`/imports/${id}?target=new&orgCode=PRK&year=2019%2F20&newUnitName=Parks`)).body);
    assert.match(text, /19-PRK30 Resurface the park paths Role: Service Provider Target: All paths passable by wheelchair Partnership links: Active Travel Plan/);
    // 2019/20 runs 1 April 2019 to 31 March 2020 (April start): 31 Mar 2021 is a year after it; 15 Jan 2020 is inside.
    assert.match(text, /Things to check 1 /);
    assert.match(text, /2 Action 19-PRK30 has a due date of 31 March 2021, after the plan year 2019\/20 \(1 April 2019 to 31 March 2020\): check the plan year and the dates/);
    assert.doesNotMatch(text, /19-PRK31 has a due date/);
  });

  it('cancels an import: the draft is discarded', async () => {
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    const res = await officer.post(`/imports/${id}/discard`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/plans');
    assert.match(pageText((await officer.get('/plans')).body), /Import cancelled: nothing was saved/);
    assert.equal((await officer.get(`/imports/${id}`)).statusCode, 404);
  });

  it('keeps each draft to its own user', async () => {
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    assert.equal((await admin.get(`/imports/${id}`)).statusCode, 404);
    assert.equal((await admin.post(`/imports/${id}`, { ...TARGET, ...AUTO })).statusCode, 404);
    assert.equal((await admin.post(`/imports/${id}/discard`, {})).statusCode, 404);
    assert.equal((await admin.get('/imports/not-a-draft')).statusCode, 404);
    assert.equal((await admin.get('/imports/bad%20id')).statusCode, 404);
    assert.equal((await officer.get(`/imports/${id}`)).statusCode, 200, 'still there for its owner');
  });

  it('is for administrators and performance officers only', async () => {
    for (const [who, client] of [['viewer', viewer], ['lead officer', lead]] as const) {
      assert.equal((await client.get('/imports/new')).statusCode, 403, `${who}: GET /imports/new`);
      assert.equal((await client.post('/imports', { paste: PASTE, ...TARGET })).statusCode, 403, `${who}: POST /imports`);
      assert.equal((await upload(client, { format: 'auto', ...TARGET }, { name: 'a.csv', content: Buffer.from(CSV) })).statusCode, 403, `${who}: upload`);
      const plans = await client.get('/plans');
      assert.doesNotMatch(plans.body, /href="\/imports\/new"/, `${who}: no import link`);
    }
    assert.match((await admin.get('/imports/new')).body, /Import a plan/);
    assert.match((await officer.get('/plans')).body, /href="\/imports\/new"/);
    assert.match((await officer.get('/')).body, /href="\/imports\/new"/);
  });

  it('refuses an import without the form’s CSRF token', async () => {
    const missing = await upload(officer, { paste: PASTE, format: 'auto', ...TARGET }, undefined, { csrf: false });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /This form has expired or did not come from Waymark/);
    const forged = await upload(officer, { _csrf: 'forged-token-forged-token-forged1', paste: PASTE, format: 'auto', ...TARGET });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form has expired or did not come from Waymark/);
    const id = draftFrom(await officer.post('/imports', { paste: PASTE, format: 'paste', ...TARGET }));
    assert.equal((await officer.post(`/imports/${id}`, { ...TARGET, ...AUTO }, { csrf: false })).statusCode, 403);
    assert.equal((await officer.post(`/imports/${id}/discard`, {}, { csrf: false })).statusCode, 403);
    assert.equal((await officer.get(`/imports/${id}`)).statusCode, 200, 'the draft is untouched');
  });

  describe('exports', () => {
    const formats = [
      ['csv', 'text/csv; charset=utf-8'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['json', 'application/json; charset=utf-8'],
    ] as const;

    it('downloads a plan as CSV, Excel and JSON, for any signed-in user', async () => {
      const page = await viewer.get(`/plans/${planId}`);
      for (const [format, type] of formats) {
        assert.match(page.body, new RegExp(`<a class="govuk-link" href="/plans/${planId}/export\\.${format}" download>Download as ${{ csv: 'CSV', xlsx: 'Excel', json: 'JSON' }[format]}</a>`));
        const res = await viewer.get(`/plans/${planId}/export.${format}`);
        assert.equal(res.statusCode, 200, format);
        assert.equal(res.headers['content-type'], type);
        assert.equal(res.headers['content-disposition'], `attachment; filename="prk-2019-20-plan.${format}"`);
        assert.ok(res.rawPayload.length > 0);
      }
      const csv = (await viewer.get(`/plans/${planId}/export.csv`)).body;
      for (const code of ['19-PRK01', '19-PRK02', '19-PRK03', '19-PRK10', '19-PRK11']) assert.match(csv, new RegExp(code));
      const json = JSON.parse((await viewer.get(`/plans/${planId}/export.json`)).body) as { format: string; plan: { org: { code: string } } };
      assert.equal(json.format, 'waymark-plan');
      assert.equal(json.plan.org.code, 'PRK');
      assert.equal((await viewer.get('/plans/99999/export.csv')).statusCode, 404);
      assert.equal((await viewer.get('/plans/abc/export.csv')).statusCode, 404);
    });

    it('downloads the action list with the filter the page shows', async () => {
      const units = await t.services.organisation.units(actor);
      const prk = units.find((u) => u.code === 'PRK')!;
      const query = `?service=${prk.id}&lead=Tree`;
      const list = await viewer.get(`/actions${query}`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`href="/actions/export\\.csv\\?service=${prk.id}&amp;lead=Tree" download>Download these actions as CSV</a>`));
      assert.match(list.body, new RegExp(`href="/actions/export\\.xlsx\\?service=${prk.id}&amp;lead=Tree" download>Download these actions as Excel</a>`));
      for (const [format, type] of formats) {
        const res = await viewer.get(`/actions/export.${format}${query}`);
        assert.equal(res.statusCode, 200, format);
        assert.equal(res.headers['content-type'], type);
        assert.equal(res.headers['content-disposition'], `attachment; filename="actions.${format}"`);
      }
      const filtered = (await viewer.get(`/actions/export.csv${query}`)).body;
      assert.match(filtered, /19-PRK03/);
      assert.doesNotMatch(filtered, /19-PRK01|19-PRK10/);
      const all = (await viewer.get('/actions/export.csv')).body;
      for (const code of ['19-PRK01', '19-PRK03', '19-PRK10']) assert.match(all, new RegExp(code));
      assert.equal((await viewer.get('/actions/export.csv?service=nonsense')).statusCode, 400);
    });
  });
});
