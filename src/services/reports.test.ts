import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import mammoth from 'mammoth';
import { eachDialect } from '../../test/support/databases.ts';
import { council } from '../../test/support/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { RAGS } from '../domain/rag.ts';
import { systemActor, type Actor } from './context.ts';
import { loadDemo } from './demo.ts';

// Committee reports from live data: drafted text, appendices, the bad inputs the issue names, and
// issued versions that stay exactly as issued while the plans change.

const TODAY = new Date('2026-11-25T12:00:00Z');
const AS_OF = '2026-09-30';

const rejectsField = async (p: Promise<unknown>, field: string, message: RegExp) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ValidationError, String(e));
    assert.match(e.fields[field] ?? '', message, JSON.stringify(e.fields));
    return true;
  });

eachDialect(
  'report service',
  (ctx) => {
    let actor: Actor;
    let planIds: number[];
    let meetingId: number;

    before(async () => {
      actor = systemActor((await loadDemo(ctx.services)).tenantId);
      // The demo's lead officer has Quarter 2 updates waiting for sign-off; they are signed off before
      // the report, as a performance officer would, so every figure below counts them.
      for (const u of (await ctx.services.updateCycle.pending(actor)).toApprove) await ctx.services.updateCycle.approve(actor, u.id);
      const plans = (await ctx.services.plans.list(actor)).filter((p) => p.yearLabel === '2026/27');
      planIds = plans.map((p) => p.id);
      assert.ok(planIds.length >= 2);
      // The meeting the reports go to (each test below makes a report of its own, so each runs alone).
      const committee = await ctx.services.committees.createCommittee(actor, { name: 'Overview and Scrutiny Committee' });
      meetingId = await ctx.services.committees.createMeeting(actor, { committeeId: committee, date: '2026-11-12' });
    });
    const newReport = () => ctx.services.reports.create(actor, input());

    const input = (over: Record<string, unknown> = {}) => ({ meetingId, template: 'half-year', title: 'Service plans 2026/27: half-year progress', asOf: AS_OF, planIds, restricted: 'no', ...over });

    test('committees and meetings', async () => {
      const committee = await ctx.services.committees.createCommittee(actor, { name: 'Audit and Governance Committee' });
      await rejectsField(ctx.services.committees.createCommittee(actor, { name: 'Audit and Governance Committee' }), 'name', /already a committee/);
      const meeting = await ctx.services.committees.createMeeting(actor, { committeeId: committee, date: '2026-11-19' });
      await rejectsField(ctx.services.committees.createMeeting(actor, { committeeId: committee, date: '2026-11-19' }), 'date', /already meets on 19 November 2026/);
      // The demo has committees of its own; this one has just the meeting made here.
      const meetings = await ctx.services.committees.meetings(actor, committee);
      assert.deepEqual(meetings.map((m) => [m.id, m.committeeName, m.meeting_date]), [[meeting, 'Audit and Governance Committee', '2026-11-19']]);
    });

    /*
     * The demo's traffic lights, worked out by hand from src/db/demo (not read back from the code
     * under test). "Today" is 25 November 2026; the 2026/27 plans are the 2018/19 ones moved on eight
     * years: the department plan (CEX, 46 actions) and Democratic Services (DEM, 6). Each action
     * follows the course at its position in the plan, mod 18: steady ×14, ongoing ×6, early ×5,
     * slipping ×5, stalled ×3, silent ×3, and two each of late start, carried over, deferred,
     * overridden and cancelled (CEX); steady ×3, ongoing, early and slipping (DEM). Updates report on
     * each quarter's last day and are written 1–16 days after it (weekends moved to Monday): the
     * second quarter's on 1–16 October, due by 14 October with 5 days' grace (so judged from 20 October).
     */
    test('the demo, as at the end of Quarter 2, as known on its due date, and as at the report date (worked out by hand)', async () => {
      const lights = async (org: string, asOf: string, knownOn?: string) => {
        const counts: Record<string, number> = {};
        for (const a of (await ctx.services.dashboards.status(actor, org, '2026/27', { asOf, knownOn })).actions) counts[a.rag] = (counts[a.rag] ?? 0) + 1;
        return counts;
      };
      // As at 30 September, known now. CEX: closed 6 (carried over, deferred, cancelled, 2 each,
      // closed in Q2); complete 12 (5 early finishers, 4 steady actions due by August, a silent one due
      // in June, and 26-CEX19 and 26-CEX42: steady, due 31 October, before the report date, so the demo
      // finishes them with their Q2 update rather than leave "on schedule" beside an overdue action); not updated 2 (26-CEX09 and 26-CEX45, silent: no Q2 update, the deadline passed);
      // red 5 (3 stalled at 40% of expected – 26-CEX07 40/100, 26-CEX25 20/50, 26-CEX43 20/50 – and 2
      // late starts still at 0% against 50%); amber 4 (slipping at 78% of expected: 15/19, 40/50, 80/100,
      // 40/50; the fifth is a milestone with nothing expected: green); green the other 17.
      assert.deepEqual(await lights('CEX', '2026-09-30'), { green: 17, complete: 12, amber: 4, red: 5, not_updated: 2, closed: 6 });
      // DEM: 3 complete (due 30 June, due 30 September, early), 1 slipping amber (50/62), 2 steady green.
      assert.deepEqual(await lights('DEM', '2026-09-30'), { green: 2, complete: 3, amber: 1 });
      // As known on 14 October (the due date): updates written on 15 or 16 October are not yet in
      // (positions 2, 9, 18, 25, 34, 41: 1 + (7i mod 16) is 15 or 16). Their Q1 update stands: 26-CEX10
      // 25% of 50 red, 26-CEX19 and 26-CEX42 40% of 85 red, 26-CEX35 "not yet started" 0% of 50 red
      // (it was cancelled in Q2), 26-CEX03 (ongoing, reported ongoing) and 26-CEX26 (nothing expected)
      // stay green. The Q2 deadline has not passed, so the two silent actions are judged on their Q1
      // update (25% of 50): red, not "not updated".
      assert.deepEqual(await lights('CEX', '2026-09-30', '2026-10-14'), { green: 16, complete: 10, amber: 4, red: 11, closed: 5 });
      // As at 25 November (the report date), on the Q2 updates: 2 overdue and red (26-CEX07 stalled and
      // 26-CEX23 slipping, due 30 September; 26-CEX19 and 26-CEX42 are complete, above); ongoing work is expected at 65% (239 of 365
      // days): steady 50% amber ×3, slipping 40% red ×2, stalled 20% red, late starts 0% red ×2, the
      // one reported "ongoing" green; one-offs: 15/56 and 20/56 red, 20/65 red (stalled), 75/98,
      // 50/65, 60/78 and 65/87 amber; 8 milestones with nothing expected yet green.
      assert.deepEqual(await lights('CEX', '2026-11-25'), { green: 9, complete: 12, amber: 7, red: 10, not_updated: 2, closed: 6 });
      assert.deepEqual(await lights('DEM', '2026-11-25'), { amber: 2, complete: 3, red: 1 });
    });

    test('a half-year report drafts its text from the data, with the counts', async () => {
      const reportId = await newReport();
      const { report, recommendations } = await ctx.services.reports.detail(actor, reportId);
      assert.match(report.purpose ?? '', /progress made on the 2026\/27 service plans/);
      assert.match(report.main ?? '', /about 50% complete/);
      assert.match(report.main ?? '', /One-off projects are different/);
      // As at 30 September (the test above): CEX and DEM together, 52 actions.
      assert.match(report.main ?? '', /progress on 52 actions/);
      // CEX 17 green + DEM 2; 12 + 3 complete (the test above).
      const counts: [number, string][] = [[19, 'green'], [5, 'amber'], [5, 'red'], [15, 'complete'], [6, 'closed'], [2, 'not updated']];
      for (const [n, words] of counts) assert.match(report.main ?? '', new RegExp(`${n} \\(${Math.round((n / 52) * 100)}%\\) ${words}`), words);
      assert.doesNotMatch(report.main ?? '', /not due yet/);
      assert.equal(recommendations.length, 1);
    });

    test('the appendices: one progress table per plan, a summary whose counts add up, and the exceptions', async () => {
      const reportId = await newReport();
      const model = await ctx.services.reports.model(actor, reportId);
      assert.deepEqual(model.appendices.map((a) => [a.letter, a.kind]), [['A', 'progress'], ['B', 'progress'], ['C', 'summary'], ['D', 'exceptions']]);
      const progress = model.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows) : []));
      const actions = (await Promise.all(planIds.map((id) => ctx.services.plans.detail(actor, id)))).reduce((n, d) => n + d.actionCount, 0);
      assert.equal(progress.length, actions);
      const summary = model.appendices.find((a) => a.kind === 'summary')!;
      assert.ok(summary.kind === 'summary');
      assert.equal(summary.totals.total, actions);
      assert.equal(summary.rows.reduce((n, r) => n + r.total, 0), actions);
      for (const rag of RAGS) assert.equal(progress.filter((r) => r.rag === rag).length, summary.totals.byRag[rag], rag);
      const exceptions = model.appendices.find((a) => a.kind === 'exceptions')!;
      assert.ok(exceptions.kind === 'exceptions');
      // The 5 red and 2 not-updated actions worked out above, none overdue on 30 September.
      assert.deepEqual(exceptions.rows.map((r) => r.code).sort(), ['26-CEX07', '26-CEX09', '26-CEX11', '26-CEX25', '26-CEX29', '26-CEX43', '26-CEX45']);
      const listed = new Set(exceptions.rows.map((r) => r.code));
      for (const r of progress.filter((x) => x.rag === 'red' || x.rag === 'not_updated')) assert.ok(listed.has(r.code), `${r.code} (${r.rag}) is an exception`);
      assert.ok(exceptions.rows.every((r) => r.reasons.length > 0 && ['red', 'not_updated'].includes(r.rag) || r.reasons.includes('Overdue')));
      assert.ok(summary.ragChart.svg.startsWith('<svg') && /<title/.test(summary.ragChart.svg));
      assert.match(summary.ragChart.description, /as at 30 September 2026/);
      const documents = model.sections.find((s) => s.heading.startsWith('Appendices'))!;
      assert.deepEqual(documents.paragraphs.map((p) => p.text.slice(0, 11)), ['Appendix A:', 'Appendix B:', 'Appendix C:', 'Appendix D:']);
      assert.equal(model.committee, 'Overview and Scrutiny Committee');
      assert.equal(model.meetingDate, '2026-11-12');
    });

    test('the Word version, read back, has the headings, every action code and the counts', async () => {
      const reportId = await newReport();
      const file = await ctx.services.reports.render(actor, reportId, 'docx');
      const html = (await mammoth.convertToHtml({ buffer: file.body })).value;
      assert.match(html, /^<p>Service plans 2026\/27: half-year progress<\/p>/, 'the title comes first (Word’s Title style)');
      ['Purpose of the report', 'Background', 'Main report', 'Implications', 'Recommendations'].forEach((heading, i) => assert.match(html, new RegExp(`<h1>${i + 1}\t${heading}</h1>`), heading));
      assert.match(html, /<h1>Appendix A: /);
      const model = await ctx.services.reports.model(actor, reportId);
      for (const a of model.appendices) if (a.kind === 'progress') for (const o of a.objectives) for (const r of o.rows) assert.ok(html.includes(r.code), r.code);
      const summary = model.appendices.find((a) => a.kind === 'summary')!;
      assert.ok(summary.kind === 'summary');
      assert.ok(html.includes(`>${summary.totals.total}<`), 'the total appears in the summary table');
    });

    test('bad input: no plans, restricted without a category, as-at outside the plan years or the plans’ year', async () => {
      await rejectsField(ctx.services.reports.create(actor, input({ planIds: [] })), 'planIds', /at least one plan/);
      await rejectsField(ctx.services.reports.create(actor, input({ restricted: 'yes' })), 'exemptParagraph', /exempt information category/);
      await rejectsField(ctx.services.reports.create(actor, input({ asOf: '2031-01-15' })), 'asOf', /outside every plan year/);
      await rejectsField(ctx.services.reports.create(actor, input({ asOf: '2018-09-30' })), 'asOf', /falls in 2018\/19.*is for 2026\/27/);
      const restricted = await ctx.services.reports.create(actor, input({ restricted: 'yes', exemptParagraph: '3' }));
      const model = await ctx.services.reports.model(actor, restricted);
      assert.equal(model.exemptCategory?.paragraph, 3);
      assert.match(model.exemptCategory?.text ?? '', /financial or business affairs/);
    });

    test('edits are optimistic: a stale version is refused', async () => {
      const reportId = await newReport();
      const { report } = await ctx.services.reports.detail(actor, reportId);
      await ctx.services.reports.update(actor, reportId, report.version, input({ main: 'Our own words.\n\nA second paragraph.', recommendations: 'Note the progress.\nAsk for a further report in May.' }));
      await assert.rejects(ctx.services.reports.update(actor, reportId, report.version, input()), ConflictError);
      const model = await ctx.services.reports.model(actor, reportId);
      const main = model.sections.find((s) => s.heading === 'Main report')!;
      assert.deepEqual(main.paragraphs.map((p) => [p.number, p.text]), [['3.1', 'Our own words.'], ['3.2', 'A second paragraph.']]);
      const recs = model.sections.find((s) => s.heading === 'Recommendations')!;
      assert.deepEqual(recs.paragraphs.map((p) => p.number), ['5.1', '5.2']);
    });

    test('issuing freezes the files: later changes and later issues never alter an issued version', async () => {
      const reportId = await newReport();
      // An edit after the page was opened makes the version seen then stale.
      const opened = (await ctx.services.reports.detail(actor, reportId)).report;
      await ctx.services.reports.update(actor, reportId, opened.version, input({ main: 'Our own words.' }));
      const { report } = await ctx.services.reports.detail(actor, reportId);
      await assert.rejects(ctx.services.reports.issue(actor, reportId, opened.version), ConflictError);
      assert.equal(await ctx.services.reports.issue(actor, reportId, report.version), 1);
      const v1 = await ctx.services.reports.issuedFile(actor, reportId, 1, 'docx');
      const v1html = (await ctx.services.reports.issuedFile(actor, reportId, 1, 'html')).body.toString('utf8');
      assert.match(v1html, /Issued version 1/);
      // Change the plan: rename an action.
      const d = await ctx.services.plans.detail(actor, planIds[0]!);
      const a = [...d.goals.flatMap((g) => g.objectives), ...d.objectives].flatMap((o) => o.actions)[0]!;
      const action = (await ctx.services.actions.detail(actor, a.id)).action;
      await ctx.services.actions.update(actor, a.id, action.version, {
        objectiveId: action.objective_id, code: action.code, title: 'A renamed action for the next report', kind: action.kind, dueDate: action.due_date, startDate: action.start_date, leads: action.leads.map((l) => l.name),
      });
      assert.ok((await ctx.services.reports.render(actor, reportId, 'html')).body.toString('utf8').includes('A renamed action for the next report'));
      assert.ok(!(await ctx.services.reports.issuedFile(actor, reportId, 1, 'html')).body.toString('utf8').includes('A renamed action for the next report'));
      assert.deepEqual((await ctx.services.reports.issuedFile(actor, reportId, 1, 'docx')).body, v1.body);
      assert.equal(await ctx.services.reports.issue(actor, reportId), 2);
      assert.ok((await ctx.services.reports.issuedFile(actor, reportId, 2, 'html')).body.toString('utf8').includes('A renamed action for the next report'));
      assert.deepEqual((await ctx.services.reports.issuedFile(actor, reportId, 1, 'docx')).body, v1.body);
      const issues = await ctx.services.reports.issues(actor, reportId);
      assert.deepEqual(issues.map((i) => [i.number, i.as_of, i.issued_by_name]), [[2, AS_OF, 'Waymark'], [1, AS_OF, 'Waymark']]);
    });

    test('a Northern Irish council’s style: sections numbered 1.0 with screening considerations', async () => {
      const reportId = await newReport();
      await ctx.services.reports.saveStyle(actor, { base: 'northern_ireland' });
      const model = await ctx.services.reports.model(actor, reportId);
      assert.equal(model.numbering, 'decimal');
      assert.deepEqual(model.sections.map((s) => s.heading), ['Purpose of Report', 'Background', 'Main Report', 'Other Considerations', 'Recommendation(s)', 'Documents Attached & References']);
      const other = model.sections[3]!;
      assert.deepEqual(other.paragraphs.map((p) => p.text), ['Financial, Human Resources & Risk Implications', 'Screening & Impact Assessments']);
      assert.deepEqual(other.paragraphs[1]!.lines, ['Equality & good relations implications: None', 'Rural needs implications: None']);
      await ctx.services.reports.saveStyle(actor, { base: 'england', include: ['purpose', 'main', 'recommendations'], headings: { main: 'The position now' } });
      assert.deepEqual((await ctx.services.reports.model(actor, reportId)).sections.map((s) => s.heading), ['Purpose of the report', 'The position now', 'Recommendations']);
      await ctx.services.reports.saveStyle(actor, { base: 'england' });
    });

    test('a plan-approval report straight from the data, without saving', async () => {
      const model = await ctx.services.reports.adHoc(actor, { year: '2026/27', orgCodes: ['DEM'], asOf: '2026-04-01', template: 'plan-approval' });
      assert.equal(model.appendices.length, 1);
      assert.match(model.sections[0]!.paragraphs[0]!.text, /approve the 2026\/27 service improvement plan for Democratic Services/);
      await rejectsField(ctx.services.reports.adHoc(actor, { year: '2026/27', orgCodes: ['NOPE'], asOf: '2026-04-01', template: 'plan-approval' }), 'org', /No 2026\/27 plan for NOPE/);
      await rejectsField(ctx.services.reports.adHoc(actor, { year: '2040/41', orgCodes: [], asOf: '2026-04-01', template: 'half-year' }), 'year', /no plans for 2040\/41/);
    });
  },
  { clock: () => TODAY },
);

eachDialect(
  'correcting and deleting committees and meetings',
  (ctx) => {
    let actor: Actor;
    let planIds: number[];
    let cabinet: number;
    let scrutiny: number;

    const audit = (entity: string, id: number) =>
      ctx.kysely.selectFrom('audit_events').select(['event', 'before_json', 'after_json']).where('entity', '=', entity).where('entity_id', '=', id).orderBy('id').execute();

    // A council of its own with two plans in 2026/27 (reports need plans); each test makes the
    // meetings it works on, so that each runs alone.
    before(async () => {
      const c = await council(ctx.services);
      actor = c.system;
      const year = await c.year({ label: '2026/27', scheme: 'quarters' });
      planIds = [await c.plan({ yearId: year.id }), await c.plan({ yearId: year.id })];
      for (const plan of planIds) await c.action(plan, { kind: 'one_off', dueDate: '2027-03-31' });
      cabinet = await ctx.services.committees.createCommittee(actor, { name: 'Cabinet' });
      scrutiny = await ctx.services.committees.createCommittee(actor, { name: 'Overview and Scrutiny Committee' });
    });

    test('renames a committee, refusing a blank or another committee’s name, and audits the change', async () => {
      const misspelt = await ctx.services.committees.createCommittee(actor, { name: 'Licencing Comittee' });
      await rejectsField(ctx.services.committees.renameCommittee(actor, misspelt, { name: ' ' }), 'name', /Enter the committee name/);
      await rejectsField(ctx.services.committees.renameCommittee(actor, misspelt, { name: 'Overview and Scrutiny Committee' }), 'name', /already a committee called Overview and Scrutiny Committee/);
      await ctx.services.committees.renameCommittee(actor, misspelt, { name: '  Licensing Committee ' });
      assert.equal((await ctx.services.committees.committee(actor, misspelt)).name, 'Licensing Committee');
      // Saving the same name again changes nothing and records nothing.
      await ctx.services.committees.renameCommittee(actor, misspelt, { name: 'Licensing Committee' });
      const rows = await audit('committee', misspelt);
      assert.deepEqual(rows.map((r) => r.event), ['create', 'update']);
      assert.deepEqual(JSON.parse(rows[1]!.before_json!), { name: 'Licencing Comittee' });
      assert.deepEqual(JSON.parse(rows[1]!.after_json!), { name: 'Licensing Committee' });
    });

    test('moves a meeting to another date or committee, refusing a clash or a bad date, and audits the change', async () => {
      const meeting = await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2026-12-03' });
      await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2026-12-17' });
      await rejectsField(ctx.services.committees.updateMeeting(actor, meeting, { committeeId: cabinet, date: '2026-12-17' }), 'date', /Cabinet already meets on 17 December 2026/);
      await rejectsField(ctx.services.committees.updateMeeting(actor, meeting, { committeeId: cabinet, date: '2026-02-31' }), 'date', /real date/);
      await rejectsField(ctx.services.committees.updateMeeting(actor, meeting, { committeeId: '', date: '2026-12-10' }), 'committeeId', /committee/);
      await rejectsField(ctx.services.committees.updateMeeting(actor, meeting, { committeeId: 999999, date: '2026-12-10' }), 'committeeId', /Select a committee/);
      await ctx.services.committees.updateMeeting(actor, meeting, { committeeId: cabinet, date: '2026-12-10' });
      assert.equal((await ctx.services.committees.meeting(actor, meeting)).meeting_date, '2026-12-10');
      await ctx.services.committees.updateMeeting(actor, meeting, { committeeId: scrutiny, date: '2026-12-10' });
      const moved = await ctx.services.committees.meeting(actor, meeting);
      assert.deepEqual([moved.committeeName, moved.meeting_date], ['Overview and Scrutiny Committee', '2026-12-10']);
      const rows = await audit('meeting', meeting);
      assert.deepEqual(rows.map((r) => r.event), ['create', 'update', 'update']);
      assert.deepEqual(JSON.parse(rows[1]!.before_json!), { committeeId: cabinet, date: '2026-12-03' });
      assert.deepEqual(JSON.parse(rows[1]!.after_json!), { committeeId: cabinet, date: '2026-12-10' });
      assert.deepEqual(JSON.parse(rows[2]!.after_json!), { committeeId: scrutiny, date: '2026-12-10' });
    });

    test('a meeting with reports or plan approvals is kept, with the reason', async () => {
      const withReports = await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2027-01-14' });
      for (const title of ['First report', 'Second report']) {
        await ctx.services.reports.create(actor, { meetingId: withReports, template: 'half-year', title, asOf: '2026-09-30', planIds, restricted: 'no' });
      }
      await rejectsField(ctx.services.committees.deleteMeeting(actor, withReports), 'meeting', /^Cabinet on 14 January 2027 has 2 reports: move them to another meeting first$/);
      assert.match((await ctx.services.committees.meetingDeletionBlocker(actor, withReports)) ?? '', /has 2 reports/);

      // A plan's current approval, or an approval of one of its past versions, names the meeting.
      const current = await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2027-02-11' });
      await ctx.kysely.updateTable('service_plans').set({ approved_meeting_id: current }).where('id', '=', planIds[0]!).execute();
      await rejectsField(ctx.services.committees.deleteMeeting(actor, current), 'meeting', /Cabinet on 11 February 2027 recorded the approval of 1 plan: a meeting in a plan’s history cannot be deleted/);
      const past = await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2027-03-11' });
      const [plan] = await ctx.kysely.selectFrom('service_plans').select(['id', 'tenant_id']).where('id', '=', planIds[1]!).execute();
      await ctx.kysely
        .insertInto('plan_versions')
        .values({ tenant_id: plan!.tenant_id, plan_id: plan!.id, number: 99, status: 'approved', approved_meeting_id: past, approved_committee: 'Cabinet', approved_on: '2027-03-11', published_on: null, snapshot_json: '{}', created_at: '2027-03-11T12:00:00Z', created_by: null, created_by_name: 'Waymark' })
        .execute();
      await rejectsField(ctx.services.committees.deleteMeeting(actor, past), 'meeting', /recorded the approval of 1 plan/);
      assert.ok(await ctx.services.committees.meeting(actor, past), 'still there');

      // And a committee with meetings is kept.
      const meetings = (await ctx.services.committees.meetings(actor, cabinet)).length;
      await rejectsField(ctx.services.committees.deleteCommittee(actor, cabinet), 'committee', new RegExp(`^Cabinet has ${meetings} meetings: delete them first$`));
    });

    test('deletes an unused meeting, then its committee, each audited with what was there', async () => {
      const mistake = await ctx.services.committees.createCommittee(actor, { name: 'Audit Committe' });
      const meeting = await ctx.services.committees.createMeeting(actor, { committeeId: mistake, date: '2027-01-20' });
      await rejectsField(ctx.services.committees.deleteCommittee(actor, mistake), 'committee', /^Audit Committe has 1 meeting: delete it first$/);
      assert.equal(await ctx.services.committees.meetingDeletionBlocker(actor, meeting), null);
      await ctx.services.committees.deleteMeeting(actor, meeting);
      await assert.rejects(ctx.services.committees.meeting(actor, meeting), NotFoundError);
      assert.equal(await ctx.services.committees.committeeDeletionBlocker(actor, mistake), null);
      await ctx.services.committees.deleteCommittee(actor, mistake);
      assert.ok(!(await ctx.services.committees.committees(actor)).some((c) => c.id === mistake));
      const meetingRows = await audit('meeting', meeting);
      assert.deepEqual(meetingRows.map((r) => r.event), ['create', 'delete']);
      assert.deepEqual(JSON.parse(meetingRows[1]!.before_json!), { committeeId: mistake, committee: 'Audit Committe', date: '2027-01-20' });
      assert.equal(meetingRows[1]!.after_json, null);
      const committeeRows = await audit('committee', mistake);
      assert.deepEqual(committeeRows.map((r) => r.event), ['create', 'delete']);
      assert.deepEqual(JSON.parse(committeeRows[1]!.before_json!), { name: 'Audit Committe' });
      // A deleted committee's name is free again.
      assert.ok(await ctx.services.committees.createCommittee(actor, { name: 'Audit Committe' }));
    });

    test('another council’s committees and meetings are not found; only set-up roles may change them', async () => {
      const other = (await council(ctx.services)).system;
      const meeting = await ctx.services.committees.createMeeting(actor, { committeeId: cabinet, date: '2027-04-22' });
      await assert.rejects(ctx.services.committees.committee(other, cabinet), NotFoundError);
      await assert.rejects(ctx.services.committees.meeting(other, meeting), NotFoundError);
      await assert.rejects(ctx.services.committees.renameCommittee(other, cabinet, { name: 'Hijacked' }), NotFoundError);
      await assert.rejects(ctx.services.committees.updateMeeting(other, meeting, { committeeId: cabinet, date: '2027-05-05' }), NotFoundError);
      await assert.rejects(ctx.services.committees.deleteMeeting(other, meeting), NotFoundError);
      await assert.rejects(ctx.services.committees.deleteCommittee(other, scrutiny), NotFoundError);
      for (const role of ['viewer', 'lead_officer', 'head_of_service']) {
        const who: Actor = { tenantId: actor.tenantId, userId: null, role };
        await assert.rejects(ctx.services.committees.renameCommittee(who, cabinet, { name: 'Renamed' }), ForbiddenError, role);
        await assert.rejects(ctx.services.committees.updateMeeting(who, meeting, { committeeId: cabinet, date: '2027-05-05' }), ForbiddenError, role);
        await assert.rejects(ctx.services.committees.deleteMeeting(who, meeting), ForbiddenError, role);
        await assert.rejects(ctx.services.committees.deleteCommittee(who, scrutiny), ForbiddenError, role);
      }
      const officer: Actor = { tenantId: actor.tenantId, userId: null, role: 'performance_officer' };
      await ctx.services.committees.renameCommittee(officer, scrutiny, { name: 'Scrutiny Committee' });
      assert.equal((await ctx.services.committees.committee(actor, scrutiny)).name, 'Scrutiny Committee');
      assert.equal((await ctx.services.committees.meeting(actor, meeting)).committeeName, 'Cabinet');
    });
  },
  { clock: () => TODAY },
);
