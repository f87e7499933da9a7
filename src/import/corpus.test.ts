// The import corpus: plan tables written for these tests in the shapes councils' papers come in
// (spreadsheets, Word tables, text from PDFs, web pages), each with the structure a person reads in
// it written out by hand. Every file is read as the service reads it, and every non-blank line of
// it must end up in a goal, an objective or an action, or be named in a warning.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import type { ImportWarning, ParsedAction, ParsedPlan, RowUse } from '../domain/import-tables.ts';
import { planFromTables, readSource, type ImportFormat } from './index.ts';

const corpus = (name: string): Buffer => readFileSync(new URL(`./corpus/${name}`, import.meta.url));

interface Read {
  format: ImportFormat;
  plan: ParsedPlan;
  uses: Map<number, RowUse>;
}

async function read(content: Buffer, filename: string, format: ImportFormat | 'auto' = 'auto'): Promise<Read> {
  const r = await readSource(content, { format, filename });
  assert.equal(r.kind, 'tables');
  if (r.kind !== 'tables') throw new Error('not tables');
  const uses = new Map<number, RowUse>();
  const plan = planFromTables(r, { onRow: (line, use) => uses.set(line, use) });
  return { format: r.format, plan, uses };
}

type Shape = [goal: string | null, number: string | null, title: string, actions: [code: string | null, title: string][]];
const shape = (p: ParsedPlan): Shape[] => p.objectives.map((o) => [o.goal, o.number, o.title, o.actions.map((a) => [a.code, a.title])]);
const warnings = (p: ParsedPlan): [number, string][] => p.warnings.map((w) => [w.line, w.message]);
const actions = (p: ParsedPlan): ParsedAction[] => p.objectives.flatMap((o) => o.actions);

/** The lines a warning names: its own, and any listed in it ("lines 3, 14 and 22", "lines 1–3"). */
function named(w: ImportWarning): Set<number> {
  const out = new Set([w.line]);
  for (const m of w.message.matchAll(/\blines? ((?:\d+(?:–\d+)?)(?:(?:, | and )\d+(?:–\d+)?)*)/giu)) {
    for (const part of (m[1] ?? '').split(/, | and /u)) {
      const [a, b] = part.split('–').map(Number);
      for (let n = a ?? 0; n <= (b ?? a ?? 0); n++) out.add(n);
    }
  }
  return out;
}

/**
 * Every non-blank line of a text source is read into the plan or named in a warning. A line of a
 * record block is read with its block (the block's first line is the row's line).
 */
function assertAccounted(source: string, r: Read): void {
  const warned = new Set(r.plan.warnings.flatMap((w) => [...named(w)]));
  const lines = source.replace(/^\uFEFF/u, '').split(/\r\n|\n/u);
  const read: RowUse[] = ['title', 'header', 'goal', 'objective', 'action', 'continuation'];
  let inBlock = false;
  lines.forEach((text, i) => {
    const line = i + 1;
    const use = r.uses.get(line);
    if (text.trim() === '' || /^[,;\s"]*$/u.test(text)) return;
    if (r.format === 'records') {
      if (use !== undefined) inBlock = use === 'action';
      if (use !== undefined || inBlock) return;
    }
    if (use !== undefined && read.includes(use)) return;
    assert.ok(warned.has(line), `line ${line} (${JSON.stringify(text.slice(0, 60))}) was ${use ?? 'never seen'} and no warning names it`);
  });
  for (const [line, use] of r.uses) {
    if (!read.includes(use)) assert.ok(warned.has(line), `line ${line} was ${use} and no warning names it`);
  }
}

describe('import corpus', () => {
  test('01 a spreadsheet repeating an unnumbered objective on every row: one objective per distinct title, in order', async () => {
    const src = corpus('01-spreadsheet-repeated-objectives.csv');
    const r = await read(src, '01.csv');
    assert.equal(r.format, 'csv');
    assert.deepEqual(shape(r.plan), [
      // "Cleaner streets" on three rows, then again after "Safer parks" (typed "Cleaner Streets "): one objective, four actions.
      [null, null, 'Cleaner streets', [[null, 'Sweep the high street every morning'], [null, 'Clear reported fly-tipping within two working days'], [null, 'Add 40 litter bins on the seafront'], [null, 'Run a chewing gum removal trial']]],
      [null, null, 'Safer parks', [[null, 'Light the main paths in Victoria Park'], [null, 'Recruit two park wardens']]],
      [null, null, 'Greener transport', [[null, 'Fit 20 electric vehicle chargers in council car parks']]],
    ]);
    assert.deepEqual(r.plan.objectives[0]?.actions.map((a) => a.status), ['in_progress', 'ongoing', 'complete', 'not_started']);
    // The title row above the header names a plan and a year, so it is read as the plan's title; the blank spacer rows are nothing.
    assert.deepEqual(r.plan.sheetTitle, { title: 'Street Scene service plan 2024/25', year: '2024/25', line: 1 });
    assert.deepEqual(warnings(r.plan), []);
    assertAccounted(src.toString('utf8'), r);
  });

  test('02 text from a PDF: split and garbled goal headings, a shifted copy of the header, wrapped titles', async () => {
    const src = corpus('02-pdf-progress-split-headings.txt');
    const r = await read(src, '02.txt');
    assert.equal(r.format, 'paste');
    assert.deepEqual(shape(r.plan), [
      // "Strategic" | "Goal 1: … about the" | "council's work": one heading across three cells.
      ["Strategic Goal 1: Keep residents informed about the council's work", '1.1', "Publish a residents' newsletter every month", [[null, 'Agree a publishing calendar with services'], [null, 'Grow the e-mail subscriber list']]],
      // The title wraps onto line 15, which starts mid-sentence and carries the Why.
      ["Strategic Goal 1: Keep residents informed about the council's work", '1.2', 'Answer press enquiries quickly and accurately so that coverage of the council is fair', [[null, 'Set a two-day response standard']]],
      // "Corporate Prio" | "rity 2: Value for mo" | "ney": words cut at column edges, rejoined ("money" is used on line 3).
      ['Corporate Priority 2: Value for money', '2.1', 'Buy goods and services through one procurement team', [[null, 'Publish a contracts register'], [null, 'Train budget holders in the new procurement rules']]],
      // "Stra" | "ategic Goal 3: Inform organisational effec" | "tiveness": the doubled "a" and the cut word repaired.
      ['Strategic Goal 3: Inform organisational effectiveness', '3.1', 'Build a performance framework that managers use every month', [[null, 'Choose a performance reporting system'], [null, 'Train managers to read the monthly dashboard']]],
      // 3.2's number sits one row below the first line of its title (line 25), with that row's action.
      ['Strategic Goal 3: Inform organisational effectiveness', '3.2', 'Publish a yearly staff survey report and act on what it says', [[null, 'Run the survey in October'], [null, 'Share the results with every team'], [null, 'Refresh the corporate induction for new managers']]],
    ]);
    const [o11, o12] = r.plan.objectives;
    assert.equal(o11?.why, 'residents tell us they do not hear from us');
    assert.equal(o12?.why, "residents' trust depends on it");
    // The narrative wrapped onto line 9 joins its action; the status word comes off the front.
    assert.deepEqual([o11?.actions[1]?.status, o11?.actions[1]?.narrative], ['in_progress', '4,200 subscribers against a target of 5,000 by March.']);
    assert.deepEqual(r.plan.objectives[4]?.actions.map((a) => [a.status, a.narrative]), [['complete', '61% of staff responded.'], ['in_progress', null], ['not_started', null]]);
    assert.deepEqual(warnings(r.plan), [
      // Line 1 is the plan's title (it names a plan and a year); line 3, the paragraph under it, is not read.
      [3, 'Line 3, above the table’s column headings on line 5, was not read'],
      [11, 'Page numbers and markings were skipped (lines 11 and 29)'],
      // Line 13 repeats the header whole; line 22 repeats it shifted one column left.
      [13, 'Repeated column headings were skipped (lines 13 and 22)'],
      [25, '“Publish a yearly staff survey” (line 25) was read as the start of objective 3.2’s title, which carries on at line 26, with the action read beside it'],
    ]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('03 records from a web page: numbered title lines, Directorate/Section/Stage lines, commentary paragraphs', async () => {
    const src = corpus('03-web-records-numbered.txt');
    const r = await read(src, '03.txt');
    assert.equal(r.format, 'records');
    // Three records, each titled by its own title line, its number as the action code.
    assert.deepEqual(shape(r.plan), [
      [null, null, 'Actions', [['2.01.01', 'Progress to adoption of the new Local Plan'], ['2.01.02', 'Publish a design guide for the town centre'], ['2.02.01', 'Clear the backlog of planning enforcement cases']]],
    ]);
    assert.deepEqual(actions(r.plan).map((a) => [a.status, a.percentComplete, a.dueDate, a.leadOfficers]), [
      ['in_progress', 45, '2025-03-31', []],
      ['not_started', 0, '2025-06-30', []],
      ['complete', 100, '2024-09-30', ['Enforcement Team Leader']],
    ]);
    assert.deepEqual(actions(r.plan).map((a) => a.narrative), [
      // Unlabelled paragraphs under a record are its commentary, paragraphs kept.
      'The examination hearings closed in July and the main modifications went out to consultation in September.\n\nAdoption is now expected at the February meeting of Full Council.',
      'Work will start once the Local Plan is adopted.',
      'The backlog fell from 310 open cases to 40.\nTwo temporary officers were kept on to the end of the year.',
    ]);
    assert.deepEqual(warnings(r.plan), [
      [1, 'Line 1 is not part of any action record, so it was not read'],
      // Labels Waymark has no field for are named, with the records (by first line) that had them.
      [3, 'Nothing is read from the column “Directorate”, so its text was left out (lines 3, 14 and 22): choose a field for it in the preview if it matters'],
      [3, 'Nothing is read from the column “Section”, so its text was left out (lines 3, 14 and 22): choose a field for it in the preview if it matters'],
    ]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('04 an action plan copied from Word: corporate priorities with straplines, section-row objectives', async () => {
    const src = corpus('04-word-action-plan.txt');
    const r = await read(src, '04.txt');
    assert.deepEqual(shape(r.plan), [
      ['Corporate Priority: People', null, 'Get more people active', [['16-LEI01', 'Open the refurbished swimming pool at the leisure centre'], ['16-LEI02', 'Run free holiday sports camps in three parks']]],
      // A section row after the banner and header repeated on lines 10–11 is still under Corporate Priority: People.
      ['Corporate Priority: People', null, 'Look after our heritage', [['16-LEI03', "Catalogue the museum's costume collection"]]],
      ['Corporate Priority: Place', null, 'Improve our parks and open spaces', [['16-LEI04', 'Replace the play equipment at Mill Lane recreation ground']]],
    ]);
    const [lei01, lei02] = actions(r.plan);
    assert.deepEqual(
      [lei01?.role, lei01?.target, lei01?.outcome, lei01?.criticalSuccessFactors, lei01?.environmentalImpacts, lei01?.dueDate, lei01?.leadOfficers, lei01?.impactedServices, lei01?.partnershipLinks],
      ['Service Provider / Commissioner / Manager', 'Pool open by October.', 'More swimmers.', 'Contractor keeps to programme.', 'New boilers use less gas', '2016-10-31', ['Leisure Contracts Manager'], ['Property Services'], []],
    );
    assert.deepEqual([lei02?.leadOfficers, lei02?.impactedServices, lei02?.partnershipLinks], [['Sports Development Officer', 'Parks Manager', 'Youth Services Lead'], ['Parks', 'Youth Services'], ['Health and Wellbeing Board']]);
    assert.deepEqual(r.plan.warnings.map((w) => w.line), [3, 10, 12, 15]);
    // Line 1 is the plan's title; the banner on line 3 (two cells) is not read; the banner repeated straight above the header's copy is part of it.
    assert.equal(r.plan.sheetTitle?.title, 'Leisure and Culture Service Plan 2016/17');
    assert.equal(r.plan.warnings[0]?.message, 'Line 3, above the table’s column headings on line 4, was not read');
    assert.equal(r.plan.warnings[1]?.message, 'Repeated column headings were skipped (lines 10–11)');
    assert.equal(r.plan.warnings[2]?.message, '“March 2017” read as 31 March 2017');
    assert.match(r.plan.warnings[3]?.message ?? '', /Spring 2017/u);
    assertAccounted(src.toString('utf8'), r);
  });

  test('05 goals as a column, filled in only where each goal starts', async () => {
    const src = corpus('05-goals-column-sparse.csv');
    const r = await read(src, '05.csv');
    // The blank goal cells carry on the goal above ("1.1" again, then "1.2" under the same goal).
    assert.deepEqual(shape(r.plan), [
      ['Thriving economy', '1.1', 'Help local firms grow', [['EC01', 'Run a business support helpline'], ['EC02', 'Hold four business breakfasts']]],
      ['Thriving economy', '1.2', 'Bring empty shops back into use', [['EC03', 'Offer pop-up shop leases']]],
      ['Healthy communities', '2.1', 'Reduce loneliness among older people', [['HC01', 'Fund ten lunch clubs'], ['HC02', 'Train 50 befriending volunteers']]],
      ['Healthy communities', '2.2', 'Get more residents walking', [['HC03', 'Map ten short walks from the town centre']]],
    ]);
    // "Key task", "By when", "Who", "% complete" and "Update" are this sheet's words for the fields.
    assert.deepEqual(r.plan.mapping, ['goal', 'objectiveNumber', 'objective', 'code', 'title', 'dueDate', 'leads', 'percent', 'narrative']);
    assert.deepEqual(actions(r.plan).map((a) => [a.percentComplete, a.dueDate]), [[100, '2025-03-31'], [50, '2025-03-31'], [75, '2024-09-30'], [60, '2025-03-31'], [20, '2024-12-31'], [100, '2024-06-30']]);
    assert.deepEqual(r.plan.warnings, []);
    assertAccounted(src.toString('utf8'), r);
  });

  test('06 numbered objectives on rows of their own, one with an OCR slip, a Why on the next row, spacer rows', async () => {
    const src = corpus('06-numbered-section-rows.txt');
    const r = await read(src, '06.txt');
    assert.deepEqual(shape(r.plan), [
      [null, '1.1', 'Keep the electoral register accurate', [['ELE01', 'Send the annual canvass forms by August'], ['ELE02', 'Chase households that have not replied']]],
      // "I.2" is 1.2 read by OCR; "Why: …" alone on line 7 is its reason, not an objective.
      [null, '1.2', 'Run the May elections well', [['ELE03', 'Book and inspect every polling station'], ['ELE04', 'Recruit and train poll clerks']]],
      [null, '1.3', 'Make voting easier for disabled residents', [['ELE05', 'Audit polling stations for access']]],
    ]);
    assert.deepEqual(r.plan.objectives.map((o) => o.why), ['every eligible resident should be able to vote', 'voters and candidates must trust the result', null]);
    assert.deepEqual(actions(r.plan).map((a) => a.status), ['complete', 'in_progress', 'not_started', null, 'ongoing']);
    assert.deepEqual(r.plan.warnings.map((w) => w.line), [12]);
    assert.match(r.plan.warnings[0]?.message ?? '', /Q3 2024\/25/u);
    assertAccounted(src.toString('utf8'), r);
  });

  test('07 other header wordings, and a column Waymark does not read named in a warning', async () => {
    const src = corpus('07-key-tasks-synonyms.csv');
    const r = await read(src, '07.csv');
    assert.deepEqual(r.plan.mapping, ['objective', 'title', 'leads', 'dueDate', 'narrative', null]);
    // Objectives written once with blank cells below: each distinct title is an objective.
    assert.deepEqual(shape(r.plan), [
      [null, null, 'Support people into work', [[null, 'Open a jobs hub in the library'], [null, 'Run monthly jobs fairs']]],
      [null, null, 'Improve digital skills', [[null, 'Lend 200 laptops to residents'], [null, 'Train 30 digital champions']]],
      [null, null, 'Tackle fuel poverty', [[null, 'Fit insulation in 100 council homes']]],
    ]);
    assert.deepEqual(warnings(r.plan), [[2, 'Nothing is read from the column “RAG”, so its text was left out (lines 2–6): choose a field for it in the preview if it matters']]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('08 a PDF action plan: wrapped titles and leads, a running header, markings and page numbers', async () => {
    const src = corpus('08-pdf-wrapped-actions.txt');
    const r = await read(src, '08.txt');
    assert.deepEqual(shape(r.plan), [
      [
        'Corporate Priority: Homes for everyone', null, 'Prevent homelessness',
        [
          // Line 6 starts mid-sentence; line 8 finishes "neigh-" with a word used on line 13.
          ['HSG01', 'Give every household at risk a personal housing plan within ten working days'],
          ['HSG02', "Open a second young persons' hostel with a neighbourhood support hub"],
          ['HSG03', 'Review the allocations policy'],
        ],
      ],
      ['Corporate Priority: Homes for everyone', null, 'Raise standards in private rented homes', [['HSG04', 'Inspect all licensed houses in multiple occupation']]],
    ]);
    const [hsg01, hsg02, , hsg04] = actions(r.plan);
    assert.deepEqual([hsg01?.status, hsg01?.narrative], ['in_progress', '94% of plans issued within ten working days.']);
    assert.deepEqual(hsg02?.leadOfficers, ['Housing Options Manager', 'Youth Services Lead']);
    assert.deepEqual(hsg04?.leadOfficers, ['Private Sector Housing Manager', 'Environmental Health Officer']);
    assert.equal(r.plan.sheetTitle?.title, 'Housing Services Plan 2024/25', 'the plan title above the header is read');
    assert.deepEqual(warnings(r.plan), [
      [9, 'Page numbers and markings were skipped (lines 9, 11, 17 and 19)'],
      // The plan's title printed at the top of every page.
      [10, 'A running page header or footer was skipped (lines 10 and 18)'],
      [12, 'Repeated column headings were skipped (line 12)'],
      // A capitalised line alone in the lead column: another lead officer, most likely, but a guess.
      [16, '“Environmental Health Officer” was read as more of the action on line 15 (“Inspect all licensed houses in multiple occupation”)'],
    ]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('09 a semicolon CSV with themes as rows of their own', async () => {
    const src = corpus('09-theme-rows-semicolon.csv');
    const r = await read(src, '09.csv');
    // A theme row is a goal; with no objective rows its actions go under "Actions".
    assert.deepEqual(shape(r.plan), [
      ['Theme 1: A greener district', null, 'Actions', [['GRN1', 'Plant 5,000 trees on council land'], ['GRN2', 'Switch street lights to LED']]],
      ['Theme 2: A fairer district', null, 'Actions', [['FAIR1', 'Pay the real living wage to all council staff'], ['FAIR2', 'Publish an equality action plan']]],
    ]);
    assert.deepEqual(actions(r.plan).map((a) => [a.status, a.leadOfficers[0]]), [['in_progress', 'Tree Officer'], ['complete', 'Highways Engineer'], ['complete', 'Head of HR'], ['carried_over', 'Policy Officer']]);
    assert.deepEqual(r.plan.warnings, []);
    assertAccounted(src.toString('utf8'), r);
  });

  test('10 a CSV converted from a PDF: every wrapped line a row, the header and a page number between pages', async () => {
    const src = corpus('10-converted-pdf-wrapped.csv');
    const r = await read(src, '10.csv');
    assert.deepEqual(shape(r.plan), [
      [null, null, 'Make council buildings carbon neutral by 2030', [[null, 'Fit solar panels on the civic centre roof'], [null, 'Replace the depot boilers with heat pumps']]],
      [null, null, 'Reduce waste from council offices', [[null, 'Stop buying single-use plastics'], [null, 'Recycle all office paper']]],
    ]);
    assert.deepEqual(actions(r.plan).map((a) => [a.narrative, a.leadOfficers[0], a.dueDate]), [
      ['Design work complete', 'Energy Manager', '2025-03-31'],
      ['Tender out', 'Energy Manager', '2024-12-31'],
      ['New contract in place', 'Procurement Manager', '2024-09-30'],
      [null, 'Facilities Manager', '2025-03-31'],
    ]);
    assert.deepEqual(warnings(r.plan), [[6, 'Page numbers and markings were skipped (line 6)'], [7, 'Repeated column headings were skipped (line 7)']]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('11 records with "Action:" labels, goal headings between them and unlabelled commentary', async () => {
    const src = corpus('11-records-action-labels.txt');
    const r = await read(src, '11.txt');
    assert.equal(r.format, 'records');
    assert.deepEqual(shape(r.plan), [
      ['Strategic Goal 2: A cleaner, greener borough', null, 'Actions', [['24-WST04', 'Reduce missed bin collections'], ['24-WST05', 'Open a reuse shop at the recycling centre']]],
      ['Corporate Priority: Value for money', null, 'Actions', [['24-WST06', 'Renegotiate the vehicle leasing contract']]],
    ]);
    const [wst04, wst05, wst06] = actions(r.plan);
    assert.deepEqual([wst04?.status, wst04?.narrative], ['in_progress', 'Round changes went live in June.\n\nComplaints about missed bins are down by a third.']);
    assert.deepEqual([wst05?.percentComplete, wst05?.leadOfficers, wst05?.narrative], [20, ['Recycling Manager', 'Commercial Lead'], 'A unit has been found on the industrial estate.']);
    assert.deepEqual([wst06?.status, wst06?.dueDate], ['complete', '2024-12-31']);
    // The report's title ("Quarter 3 progress report: …") is not a label: its "progress" is no field.
    assert.deepEqual(warnings(r.plan), [[1, 'Line 1 is not part of any action record, so it was not read']]);
    assertAccounted(src.toString('utf8'), r);
  });

  test('12 goals numbered in roman numerals, OCR slips, and a "Priority 3:" objective beside its action', async () => {
    const src = corpus('12-roman-goals-ocr.txt');
    const r = await read(src, '12.txt');
    assert.deepEqual(shape(r.plan), [
      ['Strategic Goal 1: Safer neighbourhoods', '1.1', 'Cut anti-social behaviour in the town centre', [[null, 'Fund two extra community wardens'], [null, 'Set up a joint tasking group with the police']]],
      // "l.2" is OCR for 1.2, in the number cell and again in front of the title.
      ['Strategic Goal 1: Safer neighbourhoods', '1.2', 'Make the night-time economy safer', [[null, 'Agree a late-night levy']]],
      ['Goal 4: Good governance', '4.1', 'Answer complaints on time', [[null, 'Publish complaint response times monthly']]],
      // In the objective column beside an action, "Priority 3: …" is an objective, not a goal heading.
      ['Goal 4: Good governance', null, 'Priority 3: Better scrutiny', [[null, 'Train scrutiny chairs']]],
    ]);
    assert.equal(r.plan.objectives[0]?.why, "it is the top concern in the residents' survey");
    assert.deepEqual(actions(r.plan).map((a) => a.status), ['complete', 'ongoing', 'not_started', 'in_progress', 'in_progress']);
    assert.deepEqual(r.plan.warnings, []);
    assertAccounted(src.toString('utf8'), r);
  });

  test('13 a workbook: title and spacer rows, a theme column, unnumbered objectives repeated and returned to', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Delivery plan');
    ws.addRow(['Adult Social Care delivery plan 2025/26']);
    ws.addRow([]);
    ws.addRow(['Theme', 'Objective', 'Action', 'Lead', 'Due date', 'Status']);
    ws.addRow(['Living well at home', 'Help people stay independent', 'Fit 300 key safes', 'Reablement Manager', new Date(Date.UTC(2025, 8, 30)), 'In progress']);
    ws.addRow(['Living well at home', 'Help people stay independent', 'Extend the telecare service to weekends', 'Telecare Lead', new Date(Date.UTC(2026, 2, 31)), 'Not started']);
    ws.addRow(['Living well at home', 'Support unpaid carers', "Run carers' drop-ins in every library", 'Carers Lead', new Date(Date.UTC(2025, 11, 31)), 'Ongoing']);
    ws.addRow([]);
    ws.addRow(['Safe and well', 'Respond to safeguarding concerns quickly', 'Triage every concern within one working day', 'Safeguarding Lead', new Date(Date.UTC(2025, 5, 30)), 'Complete']);
    ws.addRow(['Living well at home', 'Support unpaid carers', "Pay a carers' break grant", 'Carers Lead', new Date(Date.UTC(2026, 2, 31)), 'Not started']);
    const r = await read(Buffer.from(await wb.xlsx.writeBuffer()), 'plan.xlsx');
    assert.equal(r.format, 'xlsx');
    assert.deepEqual(shape(r.plan), [
      ['Living well at home', null, 'Help people stay independent', [[null, 'Fit 300 key safes'], [null, 'Extend the telecare service to weekends']]],
      // Row 9 returns to "Support unpaid carers" under "Living well at home": the same objective.
      ['Living well at home', null, 'Support unpaid carers', [[null, "Run carers' drop-ins in every library"], [null, "Pay a carers' break grant"]]],
      ['Safe and well', null, 'Respond to safeguarding concerns quickly', [[null, 'Triage every concern within one working day']]],
    ]);
    assert.deepEqual(actions(r.plan).map((a) => a.dueDate), ['2025-09-30', '2026-03-31', '2025-12-31', '2026-03-31', '2025-06-30']);
    // Row 1 is the workbook's title, read as the plan's title: nothing is left unread.
    assert.ok(r.plan.sheetTitle, 'the title row is read');
    assert.deepEqual(warnings(r.plan), []);
  });

  test('14 a Word document: a theme paragraph before the table, merged section rows, whole rows never joined', async () => {
    const cell = (text: string, columnSpan = 1): TableCell => new TableCell({ children: [new Paragraph(text)], columnSpan });
    const row = (...cells: TableCell[]): TableRow => new TableRow({ children: cells });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Economic Development service plan'),
            new Paragraph('Theme 2: Prosperity'),
            new Table({
              rows: [
                row(cell('Objective'), cell('Ref'), cell('Action'), cell('Lead officer')),
                row(cell('Grow the visitor economy'), cell('VIS1'), cell('Publish a visitor guide'), cell('Tourism Officer')),
                row(cell(''), cell('VIS2'), cell('Bid for a coach park'), cell('Tourism Officer')),
                // Typed in lower case: in a Word table a row is a row, so this is an objective of its own.
                row(cell('support independent shops'), cell('SHP1'), cell('Run a shop local campaign'), cell('Town Centre Manager')),
                row(cell('Theme 3: Skills', 4)),
                row(cell('Help young people into apprenticeships'), cell('SKL1'), cell('Hold an apprenticeship fair'), cell('Skills Officer')),
              ],
            }),
          ],
        },
      ],
    });
    const r = await read(await Packer.toBuffer(doc), 'plan.docx');
    assert.equal(r.format, 'docx');
    assert.deepEqual(shape(r.plan), [
      ['Theme 2: Prosperity', null, 'Grow the visitor economy', [['VIS1', 'Publish a visitor guide'], ['VIS2', 'Bid for a coach park']]],
      ['Theme 2: Prosperity', null, 'support independent shops', [['SHP1', 'Run a shop local campaign']]],
      ['Theme 3: Skills', null, 'Help young people into apprenticeships', [['SKL1', 'Hold an apprenticeship fair']]],
    ]);
    assert.deepEqual(r.plan.warnings, []);
  });
});
