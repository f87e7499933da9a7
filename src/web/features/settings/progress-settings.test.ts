import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { council } from '../../../../test/support/factories.ts';
import { pageText, signedInClient, testApp, type Fields, type HttpClient, type TestApp } from '../../../../test/support/http.ts';
import type { Actor } from '../../../services/index.ts';
import { DEFAULT_STATUS_WORDS } from '../../../domain/stages.ts';

// The council's status words and traffic-light thresholds, set by administrators and performance
// officers and read by everyone else.

/** The value of the input with this name, or undefined when there is no such input. */
const inputValue = (html: string, name: string) => /value="([^"]*)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')?.[1];

describe('progress settings', () => {
  let t: TestApp;
  let admin: HttpClient;
  let officer: HttpClient;
  let actor: Actor;

  const words = () => t.services.progress.vocabulary(actor);
  const settings = () => t.services.progress.settings(actor);

  before(async () => {
    t = await testApp();
  });
  // A council of its own for each test, with the default words and thresholds, so that each test
  // runs alone: a test that needs settings saved saves them itself.
  beforeEach(async () => {
    const c = await council(t.services);
    actor = c.system;
    admin = await signedInClient(t.app, c.admin.email, c.admin.password);
    const lead = await c.user('lead_officer', { name: 'Lee Lead' });
    officer = await signedInClient(t.app, lead.email, lead.password);
  });
  after(() => t.close());

  it('links to both pages from the settings page', async () => {
    const res = await admin.get('/settings');
    assert.match(res.body, /<a class="govuk-link" href="\/settings\/status-words">Status words<\/a>/);
    assert.match(res.body, /<a class="govuk-link" href="\/settings\/rag">Traffic-light thresholds<\/a>/);
  });

  describe('status words', () => {
    it('shows each word with the stage it means, and empty rows for new words', async () => {
      const res = await admin.get('/settings/status-words');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1 class="govuk-heading-l">Status words<\/h1>/);
      const n = DEFAULT_STATUS_WORDS.length;
      assert.equal(inputValue(res.body, 'word-0'), 'COMPLETE');
      assert.equal(inputValue(res.body, 'word-3'), 'ON TRACK');
      assert.match(res.body, /<select class="govuk-select" id="stage-3" name="stage-3">[\s\S]*?<option value="in_progress" selected>In progress<\/option>/);
      for (let i = n; i < n + 3; i++) assert.equal(inputValue(res.body, `word-${i}`), '', `empty row ${i}`);
      assert.equal(inputValue(res.body, `word-${n + 3}`), undefined);
      assert.match(res.body, /<label class="govuk-label govuk-visually-hidden" for="word-0">\s*Status word 1\s*<\/label>/);
    });

    it('saves the words (blank rows dropped, words tidied) and offers them on the update form', async () => {
      const form: Fields = {
        'word-0': 'On target',
        'stage-0': 'in_progress',
        'word-1': '',
        'stage-1': 'complete',
        'word-2': ' done. ',
        'stage-2': 'complete',
        'word-3': 'Not yet started',
        'stage-3': 'not_started',
        'word-4': '',
        'stage-4': '',
      };
      const res = await admin.post('/settings/status-words', form);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, '/settings/status-words');
      assert.deepEqual(await words(), [
        { word: 'ON TARGET', stage: 'in_progress' },
        { word: 'DONE', stage: 'complete' },
        { word: 'NOT YET STARTED', stage: 'not_started' },
      ]);
      const page = await admin.get('/settings/status-words');
      assert.match(pageText(page.body), /Status words saved/);
      assert.equal(inputValue(page.body, 'word-1'), 'DONE');
      assert.equal(inputValue(page.body, 'word-3'), '');
    });

    it('says which row is wrong and saves nothing', async () => {
      const before = await words();
      const noStage = await admin.post('/settings/status-words', { 'word-0': 'On target', 'stage-0': 'in_progress', 'word-1': '', 'stage-1': '', 'word-2': 'Slipping', 'stage-2': '' });
      assert.equal(noStage.statusCode, 400);
      assert.match(noStage.body, /href="#stage-2">Select the stage that SLIPPING means<\/a>/);
      assert.match(noStage.body, /id="stage-2-error"/);
      assert.equal(inputValue(noStage.body, 'word-2'), 'Slipping', 'what was typed is kept');

      const twice = await admin.post('/settings/status-words', { 'word-0': 'Done', 'stage-0': 'complete', 'word-1': 'done', 'stage-1': 'complete' });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /href="#word-1">DONE appears twice<\/a>/);

      const none = await admin.post('/settings/status-words', { 'word-0': '', 'stage-0': '' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /href="#word-0">Enter at least one status word<\/a>/);

      const badStage = await admin.post('/settings/status-words', { 'word-0': 'Done', 'stage-0': 'finished' });
      assert.equal(badStage.statusCode, 400);
      assert.match(badStage.body, /href="#stage-0">Select the stage that DONE means<\/a>/);
      assert.deepEqual(await words(), before);
    });

    it('shows the words to other officers without a form, and refuses their changes', async () => {
      await t.services.progress.saveVocabulary(actor, { words: [{ word: 'On target', stage: 'in_progress' }, { word: 'Done', stage: 'complete' }] });
      const res = await officer.get('/settings/status-words');
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /name="word-0"/);
      assert.match(pageText(res.body), /ON TARGET In progress DONE Complete/);
      assert.match(pageText(res.body), /Only administrators and performance officers can change the status words/);
      const before = await words();
      const post = await officer.post('/settings/status-words', { 'word-0': 'Hijacked', 'stage-0': 'complete' });
      assert.equal(post.statusCode, 403);
      assert.deepEqual(await words(), before);
    });
  });

  describe('traffic-light thresholds', () => {
    it('explains the rule in a sentence and shows the thresholds', async () => {
      const res = await admin.get('/settings/rag');
      assert.equal(res.statusCode, 200);
      const text = pageText(res.body);
      assert.match(text, /Green when actual % complete is at least 90% of the expected % complete, amber when it is at least 70%, and red below that\./);
      assert.match(text, /For example, when 50% is expected by now: 45% or more is green, 35% or more is amber, and less than 35% is red\./);
      assert.match(text, /A reporting period takes updates until 5 days after its due date, then it is locked\./);
      assert.equal(inputValue(res.body, 'greenPercent'), '90');
      assert.equal(inputValue(res.body, 'amberPercent'), '70');
      assert.equal(inputValue(res.body, 'graceDays'), '5');
    });

    it('saves new thresholds and explains them', async () => {
      const res = await admin.post('/settings/rag', { greenPercent: '85', amberPercent: '60', graceDays: '1' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/settings/rag');
      const s = await settings();
      assert.deepEqual([s.greenPercent, s.amberPercent, s.graceDays], [85, 60, 1]);
      const text = pageText((await admin.get('/settings/rag')).body);
      assert.match(text, /Traffic-light thresholds saved/);
      assert.match(text, /at least 85% of the expected % complete, amber when it is at least 60%/);
      assert.match(text, /42\.5% or more is green, 30% or more is amber/);
      assert.match(text, /until 1 day after its due date/);
    });

    it('refuses thresholds that make no sense and saves nothing', async () => {
      const res = await admin.post('/settings/rag', { greenPercent: '70', amberPercent: '80', graceDays: '61' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /href="#amberPercent">Amber threshold must be lower than the green threshold<\/a>/);
      assert.match(res.body, /href="#graceDays">Grace days must be a whole number from 0 to 60<\/a>/);
      assert.equal(inputValue(res.body, 'amberPercent'), '80', 'what was typed is kept');
      const words = await admin.post('/settings/rag', { greenPercent: 'ninety', amberPercent: '', graceDays: '5' });
      assert.equal(words.statusCode, 400);
      assert.match(words.body, /href="#greenPercent">Green threshold must be a whole number from 1 to 100<\/a>/);
      assert.match(words.body, /href="#amberPercent">Amber threshold must be a whole number from 1 to 99<\/a>/);
      // Nothing saved: still the defaults, green at 90%, amber at 70%, 5 days' grace.
      const s = await settings();
      assert.deepEqual([s.greenPercent, s.amberPercent, s.graceDays], [90, 70, 5]);
    });

    it('shows the rule to other officers without a form, and refuses their changes', async () => {
      await t.services.progress.saveSettings(actor, { greenPercent: '85', amberPercent: '60', graceDays: '1' });
      const res = await officer.get('/settings/rag');
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /name="greenPercent"/);
      assert.match(pageText(res.body), /at least 85% of the expected % complete/);
      const post = await officer.post('/settings/rag', { greenPercent: '50', amberPercent: '10', graceDays: '60' });
      assert.equal(post.statusCode, 403);
      assert.equal((await settings()).greenPercent, 85);
    });
  });
});
