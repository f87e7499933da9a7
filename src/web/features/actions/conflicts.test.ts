import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../../services/context.ts';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type Fields, type HttpClient, type TestApp } from '../../../../test/support/http.ts';

// No lost edits: two people edit the same action, or the same progress update, and the second to
// save is shown both versions and chooses; nothing is silently overwritten. Each person's forms
// are read from the pages they were given and posted back as a browser would (with changes).
// "Today" is 1 October 2018: the second quarter's window is open, the first quarter's is locked.

const TODAY = new Date('2018-10-01T12:00:00Z');

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/\s([a-zA-Z_:-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] === undefined ? '' : unescape(m[2])]));

/**
 * The fields a browser would submit from the first form on the page posting to `action`: inputs
 * (checked boxes and radios only), textareas and selected options, with the CSRF token left out
 * (the client adds its own).
 */
function formFields(html: string, action: string): Record<string, string | string[]> {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  assert.ok(start >= 0, `the page has a form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  };
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (!a.name || a.name === '_csrf') continue;
    if ((a.type === 'checkbox' || a.type === 'radio') && !('checked' in a)) continue;
    add(a.name, a.value ?? '');
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attrs(m[1]!).name!, unescape(m[2]!.replace(/^\n/, '')));
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]!);
    add(attrs(m[1]!).name!, selected ? unescape(selected[1]!) : '');
  }
  return out;
}

/** The radio of this name that is checked on the page. */
const checkedRadio = (html: string, name: string) => new RegExp(`name="${name}" type="radio" value="([^"]+)" checked`).exec(html)?.[1];
/** The text of a table row found by its id. */
const rowText = (html: string, id: string) => pageText(new RegExp(`<tr class="govuk-table__row" id="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '');

describe('edits that cross', () => {
  let t: TestApp;
  let actor: Actor;
  /** Alex Admin (an administrator) and Pat Performance (a performance officer): two browsers. */
  let alex: HttpClient;
  let pat: HttpClient;
  let planId = 0;
  let objectiveId = 0;
  let q2 = 0;
  let q3 = 0;

  const newAction = (title: string) =>
    t.services.actions.create(actor, planId, {
      objectiveId,
      title,
      target: 'Every meeting',
      kind: 'one_off',
      startDate: '2018-05-02',
      dueDate: '2019-03-01',
      leads: ['Head of Democratic Services', 'Electoral Services Manager'],
    });
  const detail = async (id: number) => (await t.services.actions.detail(actor, id)).action;
  const auditEvents = async (id: number) => (await t.runtime.db.kysely.selectFrom('audit_events').select(['event', 'user_id']).where('entity', '=', 'action').where('entity_id', '=', id).orderBy('id').execute()).map((e) => e.event);
  /** Opens the edit page and returns its form as the browser would post it. */
  const openEdit = async (client: HttpClient, id: number) => {
    const page = await client.get(`/actions/${id}/edit`);
    assert.equal(page.statusCode, 200);
    return formFields(page.body, `/actions/${id}`);
  };

  before(async () => {
    t = await testApp({ clock: () => TODAY });
    const c = await createCouncil(t.services, { slug: 'borsetshire', name: 'Borsetshire County Council', email: 'alex@borsetshire.example.gov.uk', userName: 'Alex Admin' });
    actor = systemActor(c.tenantId);
    await t.services.auth.createUser(c.tenantId, { email: 'pat@borsetshire.example.gov.uk', name: 'Pat Performance', role: 'performance_officer', password: TEST_PASSWORD });
    const cex = await t.services.organisation.createUnit(actor, { name: "Chief Executive's Department", code: 'CEX', kind: 'directorate' });
    const dem = await t.services.organisation.createUnit(actor, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: cex });
    const year = await t.services.years.create(actor, { label: '2018/19', scheme: 'quarters' });
    const periods = (await t.services.years.get(actor, year)).periods;
    q2 = periods[1]!.id;
    q3 = periods[2]!.id;
    planId = await t.services.plans.create(actor, { orgUnitId: dem, planYearId: year, title: 'Democratic Services Plan 2018/19', kind: 'service_improvement_plan' });
    objectiveId = await t.services.plans.createObjective(actor, planId, { number: '1', title: 'Open decision making' });
    alex = await signedInClient(t.app, c.email);
    pat = await signedInClient(t.app, 'pat@borsetshire.example.gov.uk');
  });
  after(() => t.close());

  describe('an action', () => {
    it('carries the values it was opened with', async () => {
      const id = await newAction('Webcast council meetings');
      const page = await alex.get(`/actions/${id}/edit`);
      const original = JSON.parse(formFields(page.body, `/actions/${id}`).original as string) as Record<string, unknown>;
      assert.equal(original.title, 'Webcast council meetings');
      assert.equal(original.dueDate, '2019-03-01');
      assert.equal(original.leads, 'Head of Democratic Services\nElectoral Services Manager');
      assert.deepEqual(original.pledgeIds, []);
    });

    it("merges changes to different fields: theirs and yours both kept, after showing both versions", async () => {
      const id = await newAction('Webcast council meetings');
      const alexForm = await openEdit(alex, id);
      const patForm = await openEdit(pat, id);

      // Alex moves the due date and saves first.
      const first = await alex.post(`/actions/${id}`, { ...alexForm, 'dueDate-day': '31', 'dueDate-month': '1', 'dueDate-year': '2019' });
      assert.equal(first.statusCode, 303);
      // Pat changes the title (a browser posts its text areas with CRLF line endings: no change in itself).
      const leads = String(patForm.leads).replace(/\n/g, '\r\n');
      const second = await pat.post(`/actions/${id}`, { ...patForm, leads, title: 'Webcast every public meeting' });
      assert.equal(second.statusCode, 409);
      const body = second.body;
      const text = pageText(body);
      assert.match(body, /<title>Error: Edit action /);
      assert.match(body, /<a href="#merge">Someone else saved a change to this action after you opened it\. Your changes have not been saved yet: choose which version of each field to keep\.<\/a>/);
      assert.match(text, /Alex Admin saved changes to this action at \d\d:\d\d on \d{1,2} \w+ \d{4} after you opened it\. Your changes have not been saved yet\./);
      assert.match(body, /<caption class="govuk-table__caption govuk-table__caption--m" id="merge-caption">Their saved version and yours<\/caption>/);
      assert.match(text, /Field Their saved version Your version Keep/);
      // Only the fields that differ, each with both versions and a choice.
      assert.deepEqual([...body.matchAll(/<tr class="govuk-table__row" id="field-(\w+)">/g)].map((m) => m[1]), ['title', 'dueDate']);
      assert.equal(rowText(body, 'field-title'), 'Action Only you changed this Webcast council meetings Webcast every public meeting Which action to keep Keep theirs Use mine');
      assert.equal(rowText(body, 'field-dueDate'), 'Due date Only they changed this 31 January 2019 1 March 2019 Which due date to keep Keep theirs Use mine');
      assert.equal(checkedRadio(body, 'choice-title'), 'mine', 'your change is proposed for a field only you changed');
      assert.equal(checkedRadio(body, 'choice-dueDate'), 'theirs', 'their change is kept for a field you did not change');
      assert.match(text, /Merged automatically Only one of you changed these fields, so that change is kept unless you choose otherwise: Action: your change kept Due date: their change kept/);
      assert.doesNotMatch(text, /Changed by both of you/);
      // Nothing of Pat's is saved yet; the merge form saves on top of the latest version.
      const now = await detail(id);
      assert.equal(now.title, 'Webcast council meetings');
      assert.equal(now.due_date, '2019-01-31');
      const merge = formFields(body, `/actions/${id}`);
      assert.equal(merge.version, String(now.version));
      assert.equal(merge.merge, '1');

      const saved = await pat.post(`/actions/${id}`, merge);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      assert.equal(saved.headers.location, `/actions/${id}`);
      assert.match(pageText((await pat.get(`/actions/${id}`)).body), /Action saved/);
      const merged = await detail(id);
      assert.equal(merged.title, 'Webcast every public meeting', "Pat's title");
      assert.equal(merged.due_date, '2019-01-31', "Alex's due date");
      assert.equal(merged.target, 'Every meeting');
      assert.deepEqual(merged.leads.map((l) => l.name), ['Head of Democratic Services', 'Electoral Services Manager']);
      assert.deepEqual(await auditEvents(id), ['create', 'update', 'update'], 'both edits are in the audit trail');
    });

    it('asks which to keep when both changed the same field, proposing yours; choosing theirs keeps theirs', async () => {
      const id = await newAction('Publish every decision');
      const alexForm = await openEdit(alex, id);
      const patForm = await openEdit(pat, id);
      assert.equal((await alex.post(`/actions/${id}`, { ...alexForm, title: 'Publish every decision within a week' })).statusCode, 303);
      const res = await pat.post(`/actions/${id}`, { ...patForm, title: 'Publish every decision online', target: 'All decisions' });
      assert.equal(res.statusCode, 409);
      assert.equal(rowText(res.body, 'field-title'), 'Action You both changed this Publish every decision within a week Publish every decision online Which action to keep Keep theirs Use mine');
      assert.equal(checkedRadio(res.body, 'choice-title'), 'mine');
      assert.equal(checkedRadio(res.body, 'choice-target'), 'mine');
      const text = pageText(res.body);
      assert.match(text, /Changed by both of you You both changed Action\. Your version is chosen; choose theirs to keep it instead\./);
      assert.match(text, /Merged automatically .* Target: your change kept/);

      const saved = await pat.post(`/actions/${id}`, { ...formFields(res.body, `/actions/${id}`), 'choice-title': 'theirs' });
      assert.equal(saved.statusCode, 303);
      const a = await detail(id);
      assert.equal(a.title, 'Publish every decision within a week', 'theirs, as chosen');
      assert.equal(a.target, 'All decisions', 'yours, merged');
    });

    it('shows the merge again when the action changes once more before the merged version is saved', async () => {
      const id = await newAction('Train the clerks');
      const alexForm = await openEdit(alex, id);
      const patForm = await openEdit(pat, id);
      assert.equal((await alex.post(`/actions/${id}`, { ...alexForm, title: 'Train the clerks and the chairs' })).statusCode, 303);
      const conflict = await pat.post(`/actions/${id}`, { ...patForm, 'dueDate-day': '15', 'dueDate-month': '2', 'dueDate-year': '2019' });
      assert.equal(conflict.statusCode, 409);
      const merge = formFields(conflict.body, `/actions/${id}`);
      // Alex saves again (the target) while Pat is reading.
      assert.equal((await alex.post(`/actions/${id}`, { ...(await openEdit(alex, id)), target: 'Every clerk trained' })).statusCode, 303);
      const again = await pat.post(`/actions/${id}`, merge);
      assert.equal(again.statusCode, 409, 'the merged version was based on a version that is no longer the latest');
      assert.deepEqual([...again.body.matchAll(/id="field-(\w+)"/g)].map((m) => m[1]), ['target', 'dueDate']);
      assert.match(rowText(again.body, 'field-target'), /^Target Only they changed this Every clerk trained Every meeting/);
      assert.match(rowText(again.body, 'field-dueDate'), /^Due date Only you changed this 1 March 2019 15 February 2019/);
      assert.equal((await pat.post(`/actions/${id}`, formFields(again.body, `/actions/${id}`))).statusCode, 303);
      const a = await detail(id);
      assert.deepEqual([a.title, a.target, a.due_date], ['Train the clerks and the chairs', 'Every clerk trained', '2019-02-15']);
    });

    it('has nothing more to save when someone saved the same change', async () => {
      const id = await newAction('Stream meetings');
      const alexForm = await openEdit(alex, id);
      const patForm = await openEdit(pat, id);
      assert.equal((await alex.post(`/actions/${id}`, { ...alexForm, title: 'Stream every meeting' })).statusCode, 303);
      const res = await pat.post(`/actions/${id}`, { ...patForm, title: 'Stream every meeting ' });
      assert.equal(res.statusCode, 303);
      assert.match(pageText((await pat.get(`/actions/${id}`)).body), /Someone else had already saved the same changes to this action\./);
      assert.deepEqual(await auditEvents(id), ['create', 'update']);
    });

    it('returns a merged version that is not valid as the form, with the error, on top of the latest version', async () => {
      const id = await newAction('Review the constitution');
      const alexForm = await openEdit(alex, id);
      const patForm = await openEdit(pat, id);
      // Alex starts it later; Pat brings the deadline forward: together the deadline is before the start.
      assert.equal((await alex.post(`/actions/${id}`, { ...alexForm, 'startDate-day': '1', 'startDate-month': '2', 'startDate-year': '2019' })).statusCode, 303);
      const conflict = await pat.post(`/actions/${id}`, { ...patForm, 'dueDate-day': '15', 'dueDate-month': '1', 'dueDate-year': '2019' });
      assert.equal(conflict.statusCode, 409);
      const bad = await pat.post(`/actions/${id}`, formFields(conflict.body, `/actions/${id}`));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<a href="#dueDate-day">Due date must be the same as or after the start date<\/a>/);
      const form = formFields(bad.body, `/actions/${id}`);
      assert.deepEqual([form['startDate-day'], form['startDate-month'], form['startDate-year']], ['1', '2', '2019'], "Alex's start date");
      assert.deepEqual([form['dueDate-day'], form['dueDate-month'], form['dueDate-year']], ['15', '1', '2019'], "Pat's due date");
      assert.equal(form.version, String((await detail(id)).version));
      assert.equal((JSON.parse(String(form.original)) as Record<string, string>).startDate, '2019-02-01', 'based on the latest version');
      const fixed = await pat.post(`/actions/${id}`, { ...form, 'dueDate-day': '15', 'dueDate-month': '3' });
      assert.equal(fixed.statusCode, 303);
      const a = await detail(id);
      assert.deepEqual([a.start_date, a.due_date], ['2019-02-01', '2019-03-15']);
    });

    it('refuses a merged version it cannot read, saving nothing', async () => {
      const id = await newAction('Refresh the website');
      const a = await detail(id);
      const res = await pat.post(`/actions/${id}`, { merge: '1', version: String(a.version), original: 'not json', mine: '{}', 'choice-title': 'mine' });
      assert.equal(res.statusCode, 400);
      assert.match(pageText(res.body), /The merged version could not be read/);
      assert.equal((await detail(id)).version, a.version);
    });
  });

  describe('progress updates', () => {
    let actionId = 0;
    const history = () => t.services.progress.history(actor, actionId);
    const open = async (client: HttpClient, url: string) => {
      const page = await client.get(url);
      assert.equal(page.statusCode, 200);
      return formFields(page.body, `/actions/${actionId}/updates`);
    };

    // An action of its own for each test, so that each starts from the updates it records itself.
    beforeEach(async () => {
      actionId = await newAction('Webcast the budget meeting');
    });

    it('asks before adding an update for a period someone updated after the form was opened, and records it as well when asked to', async () => {
      const alexForm = await open(alex, `/actions/${actionId}/updates/new`);
      const patForm = await open(pat, `/actions/${actionId}/updates/new`);
      assert.equal(patForm.seenLatestId, '0', 'no update yet');
      assert.equal(patForm.periodId, String(q2));
      const fill = (f: Fields, percent: string, narrative: string): Fields => ({ ...f, statusWord: 'ON TRACK', percentComplete: percent, narrative });
      assert.equal((await alex.post(`/actions/${actionId}/updates`, fill(alexForm, '40', 'Cameras ordered.'))).statusCode, 303);
      const res = await pat.post(`/actions/${actionId}/updates`, fill(patForm, '45', 'Cameras ordered and the contract signed.'));
      assert.equal(res.statusCode, 409);
      const text = pageText(res.body);
      assert.match(res.body, /<a href="#conflict">Alex Admin recorded an update for this period after you opened the form\. Your update has not been saved\.<\/a>/);
      assert.match(text, /Someone else recorded an update for this period Alex Admin recorded an update for this period at 13:00 on 1 October 2018, after you opened this form\. Your update has not been saved\./);
      assert.match(text, /Their update and yours Field Their update Your update Reporting period Quarter 2 \(July to September\) Quarter 2 \(July to September\) As at 30 September 2018 30 September 2018 Status ON TRACK ON TRACK % complete Different 40% 45% Progress update Different Cameras ordered\. Cameras ordered and the contract signed\./);
      assert.equal((await history()).length, 1, 'nothing of Pat\'s was saved');
      // The form keeps what Pat typed, having now seen Alex's update.
      const again = formFields(res.body, `/actions/${actionId}/updates`);
      const [theirs] = await history();
      assert.equal(again.seenLatestId, String(theirs!.id));
      assert.equal(again.narrative, 'Cameras ordered and the contract signed.');
      assert.equal(again.percentComplete, '45');
      assert.match(res.body, />\s*Record mine as well\s*<\/button>/);
      assert.match(res.body, new RegExp(`<a class="govuk-link" href="/actions/${actionId}">Cancel and keep only theirs</a>`));
      const saved = await pat.post(`/actions/${actionId}/updates`, again);
      assert.equal(saved.statusCode, 303);
      assert.deepEqual((await history()).map((u) => [u.author_name, u.percent_complete]), [
        ['Pat Performance', 45],
        ['Alex Admin', 40],
      ]);
    });

    it('does not ask when the update recorded since was for another period', async () => {
      const patForm = await open(pat, `/actions/${actionId}/updates/new`);
      await t.services.progress.recordUpdate({ ...actor, userId: null }, actionId, { periodId: q3, asAt: '2018-10-01', statusWord: 'ON TRACK', percentComplete: 46 });
      const res = await pat.post(`/actions/${actionId}/updates`, { ...patForm, statusWord: 'ON TRACK', percentComplete: '47' });
      assert.equal(res.statusCode, 303);
    });

    it('refuses a correction of an update someone has already corrected, shows both, and corrects the latest version when asked', async () => {
      // The update both correct: Alex's, for the second quarter, 47% complete.
      const first = await open(alex, `/actions/${actionId}/updates/new`);
      assert.equal((await alex.post(`/actions/${actionId}/updates`, { ...first, statusWord: 'ON TRACK', percentComplete: '47', narrative: 'Cameras ordered.' })).statusCode, 303);
      const [latest] = await history();
      const alexForm = await open(alex, `/actions/${actionId}/updates/new?corrects=${latest!.id}`);
      const patForm = await open(pat, `/actions/${actionId}/updates/new?corrects=${latest!.id}`);
      assert.equal(patForm.correctsId, String(latest!.id));
      const count = (await history()).length;
      assert.equal((await alex.post(`/actions/${actionId}/updates`, { ...alexForm, percentComplete: '50', narrative: 'Fifty, said Alex.' })).statusCode, 303);
      const alexCorrection = (await history())[0]!;
      assert.equal(alexCorrection.corrects_id, latest!.id);

      const res = await pat.post(`/actions/${actionId}/updates`, { ...patForm, narrative: 'The cameras are installed.' });
      assert.equal(res.statusCode, 409);
      const text = pageText(res.body);
      assert.match(res.body, /<a href="#conflict">Alex Admin corrected this update before you did\. Your correction has not been saved\.<\/a>/);
      assert.match(text, /Someone else corrected this update first Alex Admin saved a correction at 13:00 on 1 October 2018, after you opened this form\. Your correction has not been saved\./);
      assert.match(text, /Their correction and yours Field Their correction Your correction/);
      assert.match(text, /% complete Different 50% 47%/);
      assert.match(text, /Progress update Different Fifty, said Alex\. The cameras are installed\./);
      assert.match(text, /You are correcting the update for Quarter 2 \(July to September\), recorded 1 October 2018 by Alex Admin\./);
      assert.equal((await history()).length, count + 1, 'no second branch');
      // The form now corrects Alex's correction, with Pat's text.
      const again = formFields(res.body, `/actions/${actionId}/updates`);
      assert.equal(again.correctsId, String(alexCorrection.id));
      assert.equal(again.narrative, 'The cameras are installed.');
      assert.match(res.body, />\s*Correct the latest version with my text\s*<\/button>/);
      assert.match(res.body, new RegExp(`<a class="govuk-link" href="/actions/${actionId}">Cancel and keep their correction</a>`));
      assert.equal((await pat.post(`/actions/${actionId}/updates`, again)).statusCode, 303);
      const versions = await history();
      assert.equal(versions.length, count + 2);
      assert.equal(versions[0]!.corrects_id, alexCorrection.id);
      assert.equal(versions[0]!.narrative, 'The cameras are installed.');
      // One line of versions: no update is corrected twice.
      const corrected = versions.map((u) => u.corrects_id).filter((x) => x !== null);
      assert.equal(new Set(corrected).size, corrected.length);
      // The timeline offers to correct only the latest version.
      const page = await pat.get(`/actions/${actionId}`);
      assert.doesNotMatch(page.body, new RegExp(`corrects=${alexCorrection.id}"`));
      assert.match(page.body, new RegExp(`corrects=${versions[0]!.id}"`));
    });
  });
});
