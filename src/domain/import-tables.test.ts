import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportTableError, isHeaderRow, mapHeader, parseExempt, parsePastedText, tablesToPlan } from './import-tables.ts';
import { EXPORT_COLUMNS, exportRows } from './plan-export.ts';

const T = '\t';
const rows = (...lines: string[]): string[][] => parsePastedText(lines.join('\n'));

// A service action plan: long role/impacts headers, HTML cells, section rows padded with tabs.
const ACTION_PLAN = [
  '**Parks and Open Spaces Service Plan 2016/17**',
  '',
  ['Action Plan', '', '', '', '', '', '', 'Connections', ''].join(T),
  [
    'Action Code', 'ACTION', 'What role will the service play? (Choose one from the drop down list)',
    'Description (Target, Outcome, Critical Success Factors and Environmental Impacts)', 'Due Date', 'Lead Officer',
    'If this action impacts on another service in terms of support/input, say which:', 'Links to partnership wide agendas:', '',
  ].join(T),
  ['<p><b>Corporate Priority: Place</b> <b>Strapline: Green spaces that everyone can enjoy</b></p>', '', '', '', '', '', '', '', ''].join(T),
  ['<p><b>Look after our parks</b></p>', '', '', '', '', '', '', '', ''].join(T),
  [
    '16-POS01', 'Replant the bandstand flower beds with pollinator-friendly species', 'Service Provider',
    '<p><b>Target:</b> Three beds replanted. <b>Outcome:</b> More bees. <b>Critical Success Factors:</b> Volunteer days. <b>Environmental Impacts:</b> Positive</p>',
    '30 June 2016', 'Joint action: Parks Manager, Volunteer Coordinator and Tree Officer', 'Grounds Maintenance; Communications', 'None', '',
  ].join(T),
  [
    '16-POS02', 'Review the allotment waiting list', 'Community Leadership', 'Shorter waiting times', 'Autumn 2016',
    'Allotments Officer', 'None', 'Health and Wellbeing Board, Local Nature Partnership', '',
  ].join(T),
  [
    'Action Code', 'ACTION', 'What role will the service play? (Choose one from the drop down list)',
    'Description (Target, Outcome, Critical Success Factors and Environmental Impacts)', 'Due Date', 'Lead Officer',
    'If this action impacts on another service in terms of support/input, say which:', 'Links to partnership wide agendas:', '',
  ].join(T),
  [
    '16-POS03', 'Publish a play area inspection rota', 'Service Provider', '<p>Weekly checks recorded online</p>', 'March 2017',
    'Play Areas Inspector', '', '', '',
  ].join(T),
].join('\r\n');

// A progress update: split "No" header, goal headings split across cells, priorities with Why.
const PROGRESS = [
  'Progress against the libraries business plan',
  '',
  ['No', '. Service Priority and Link to Pledge(s)', "'Must do' actions", 'Progress update and key actions remaining'].join(T),
  ['Strategic', 'Goal I: Help residents read', 'more often', ''].join(T),
  ['2.1', 'Grow the summer reading scheme Why: children who read over the holidays keep their skills', 'Sign up every primary school', 'COMPLETE – All forty schools took part this year.'].join(T),
  ['', '', 'Recruit teenage reading buddies', 'IN PROGRESS – Twelve buddies trained so far,'].join(T),
  ['', '', '', 'with a second session booked.'].join(T),
  ['No.', 'Service Priority and Link to Pledge(s)', "'Must do' actions", 'Progress update and key actions remaining'].join(T),
  ['2.2', 'Open the mobile library on Saturdays', 'Agree a weekend rota', 'Ongoing action, to finish in June'].join(T),
  ['', 'Why: working families cannot visit on weekdays', 'Trial three Saturday routes', 'YET TO START – waiting for a driver'].join(T),
  ['', '', 'Buy a second van', ''].join(T),
  ['Strategic Goal 3: Run a sound service', '', '', ''].join(T),
  ['I.4', 'I.4 Keep the catalogue up to date Why: so that people find what is on the shelf', 'Weed out damaged stock', 'Completed: 900 items removed'].join(T),
].join('\n');

describe('mapHeader', () => {
  test('maps synonyms case- and punctuation-insensitively', () => {
    assert.deepEqual(
      mapHeader(['Ref', 'Activity', 'Role', 'Type', 'Start date', 'Responsible', 'Deadline', 'Stage', '% complete', 'Commentary', 'As at', 'Objective', '']),
      ['code', 'title', 'role', 'kind', 'startDate', 'leads', 'dueDate', 'status', 'percent', 'narrative', 'asAt', 'objective', null],
    );
    assert.deepEqual(mapHeader(['No.', 'Owner', 'Timescale', 'Progress %', 'Comments', 'Update date', 'Status']), [
      'code', 'leads', 'dueDate', 'percent', 'narrative', 'asAt', 'status',
    ]);
  });
  test('reads the split "No" / ". Service Priority" header', () => {
    assert.deepEqual(mapHeader(['No', '. Service Priority and Link to Pledge(s)', "'Must do' actions", 'Progress update and key actions remaining']), [
      'code', 'objective', 'title', 'narrative',
    ]);
  });
  test('long role, impacts and partnership headers', () => {
    const m = mapHeader(parsePastedText(ACTION_PLAN)[3] ?? []);
    assert.deepEqual(m, ['code', 'title', 'role', 'description', 'dueDate', 'leads', 'impacts', 'partnerships', null]);
  });
  test('isHeaderRow needs two fields including title or code', () => {
    assert.equal(isHeaderRow(['Action', 'Due date']), true);
    assert.equal(isHeaderRow(['Ref', 'Comments']), true);
    assert.equal(isHeaderRow(['Comments', 'Due date']), false);
    assert.equal(isHeaderRow(['Action Plan', '', 'Connections']), false);
  });
});

describe('parsePastedText', () => {
  test('strips a BOM, accepts CRLF and keeps empty cells', () => {
    assert.deepEqual(parsePastedText('\uFEFFa\t\tb\r\nc\t\n'), [['a', '', 'b'], ['c', '']]);
  });
});

describe('tablesToPlan: action plan', () => {
  const plan = tablesToPlan(parsePastedText(ACTION_PLAN));
  test('ignores rows above the header and drops the repeated header', () => {
    assert.equal(plan.objectives.length, 1);
    assert.deepEqual(plan.objectives[0]?.actions.map((a) => a.code), ['16-POS01', '16-POS02', '16-POS03']);
  });
  test('HTML section row with stray tabs starts an objective; Corporate Priority sets the goal', () => {
    const o = plan.objectives[0];
    assert.equal(o?.title, 'Look after our parks');
    assert.equal(o?.number, null);
    assert.equal(o?.goal, 'Corporate Priority: Place');
  });
  test('HTML description cell, joint leads, impacts and partnerships', () => {
    const a = plan.objectives[0]?.actions[0];
    assert.equal(a?.title, 'Replant the bandstand flower beds with pollinator-friendly species');
    assert.equal(a?.role, 'Service Provider');
    assert.equal(a?.target, 'Three beds replanted.');
    assert.equal(a?.outcome, 'More bees.');
    assert.equal(a?.criticalSuccessFactors, 'Volunteer days.');
    assert.equal(a?.environmentalImpacts, 'Positive');
    assert.equal(a?.dueDate, '2016-06-30');
    assert.deepEqual(a?.leadOfficers, ['Parks Manager', 'Volunteer Coordinator', 'Tree Officer']);
    assert.deepEqual(a?.impactedServices, ['Grounds Maintenance', 'Communications']);
    assert.deepEqual(a?.partnershipLinks, []);
    assert.equal(a?.status, null);
    assert.equal(a?.narrative, null);
    const b = plan.objectives[0]?.actions[1];
    assert.deepEqual(b?.impactedServices, []);
    assert.deepEqual(b?.partnershipLinks, ['Health and Wellbeing Board', 'Local Nature Partnership']);
    assert.equal(plan.objectives[0]?.actions[2]?.target, 'Weekly checks recorded online');
  });
  test('approximate and unreadable dates warn with the 1-based line number', () => {
    assert.equal(plan.objectives[0]?.actions[1]?.dueDate, null);
    assert.equal(plan.objectives[0]?.actions[2]?.dueDate, '2017-03-31');
    // Line 1 names a plan and a year: it is the plan's title, without the bold marks around it.
    assert.deepEqual(plan.sheetTitle, { title: 'Parks and Open Spaces Service Plan 2016/17', year: '2016/17', line: 1 });
    // 3: the banner above the header (two cells: not a title); 8: "Autumn 2016"; 9: the header repeated; 10: "March 2017".
    assert.deepEqual(plan.warnings.map((w) => w.line), [3, 8, 9, 10]);
    assert.equal(plan.warnings[0]?.message, 'Line 3, above the table’s column headings on line 4, was not read');
    assert.match(plan.warnings[1]?.message ?? '', /Autumn 2016/u);
    assert.equal(plan.warnings[2]?.message, 'Repeated column headings were skipped (line 9)');
    assert.match(plan.warnings[3]?.message ?? '', /March 2017/u);
  });
});

describe('tablesToPlan: progress update', () => {
  const plan = tablesToPlan(parsePastedText(PROGRESS));
  test('mapping comes from the first header', () => {
    assert.deepEqual(plan.mapping, ['code', 'objective', 'title', 'narrative']);
  });
  test('numbered priorities with Why on the same row and on the next row', () => {
    assert.deepEqual(
      plan.objectives.map((o) => [o.number, o.title, o.why, o.goal]),
      [
        ['2.1', 'Grow the summer reading scheme', 'children who read over the holidays keep their skills', 'Strategic Goal 1: Help residents read more often'],
        ['2.2', 'Open the mobile library on Saturdays', 'working families cannot visit on weekdays', 'Strategic Goal 1: Help residents read more often'],
        ['1.4', 'Keep the catalogue up to date', 'so that people find what is on the shelf', 'Strategic Goal 3: Run a sound service'],
      ],
    );
  });
  test('status words at the start of the narrative; continuation rows join the previous action', () => {
    const [first, second] = plan.objectives[0]?.actions ?? [];
    assert.equal(first?.status, 'complete');
    assert.equal(first?.narrative, 'All forty schools took part this year.');
    assert.equal(first?.code, null);
    assert.equal(second?.status, 'in_progress');
    assert.equal(second?.narrative, 'Twelve buddies trained so far, with a second session booked.');
  });
  test('actions without a status word or narrative, and a title-only row', () => {
    const actions = plan.objectives[1]?.actions ?? [];
    assert.deepEqual(actions.map((a) => [a.title, a.status, a.narrative]), [
      ['Agree a weekend rota', null, 'Ongoing action, to finish in June'],
      ['Trial three Saturday routes', 'not_started', 'waiting for a driver'],
      ['Buy a second van', null, null],
    ]);
    assert.equal(plan.objectives[2]?.actions[0]?.status, 'complete');
    // Only what was left unread is warned about: the header repeated on line 8. Line 1 names a plan,
    // so it is read as the title.
    assert.equal(plan.sheetTitle?.title, 'Progress against the libraries business plan');
    assert.deepEqual(plan.warnings, [
      { line: 8, message: 'Repeated column headings were skipped (line 8)' },
    ]);
  });
});

describe('tablesToPlan: other tables', () => {
  test('actions before any objective go under "Actions"; status and percent columns', () => {
    const plan = tablesToPlan(rows(
      ['Action', 'Status', '% complete', 'Comments', 'Owner'].join(T),
      ['Fix the boiler', 'Complete', '100%', 'COMPLETE – boiler swapped', 'Facilities Lead; Finance Officer'].join(T),
    ));
    assert.equal(plan.objectives.length, 1);
    assert.equal(plan.objectives[0]?.title, 'Actions');
    assert.equal(plan.objectives[0]?.number, null);
    const a = plan.objectives[0]?.actions[0];
    assert.equal(a?.status, 'complete');
    assert.equal(a?.percentComplete, 100);
    assert.equal(a?.narrative, 'COMPLETE – boiler swapped');
    assert.deepEqual(a?.leadOfficers, ['Facilities Lead', 'Finance Officer']);
  });
  test('no title column → ImportTableError', () => {
    assert.throws(() => tablesToPlan(rows(['Ref', 'Comments', 'Due date'].join(T), ['A1', 'Done', '1/4/2019'].join(T))), (e: unknown) => {
      assert.ok(e instanceof ImportTableError);
      assert.ok(e instanceof Error);
      assert.match(e.message, /No column looks like the action/u);
      return true;
    });
    assert.throws(() => tablesToPlan(rows('just some prose', 'more prose')), ImportTableError);
  });
});

describe('tablesToPlan: spreadsheets and the preview', () => {
  // A sheet laid out like Waymark's own export: goal and objective repeated on every row.
  const FLAT = [
    ['Strategic goal', 'Objective number', 'Objective', 'Why', 'Action code', 'Action', 'Kind', 'Start date', 'Due date', 'Weight', 'Target', 'Status', '% complete', 'Progress update', 'As at'].join(T),
    ['Strategic Goal 1: Safer streets', '1.1', 'Light the town centre', 'Residents feel unsafe after dark', 'L01', 'Replace lamp heads with LEDs', 'One-off', '2019-04-01', '2019-12-31', '2', 'All 400 lamps', 'ON TRACK', '55', 'Half done.', '2019-09-30'].join(T),
    ['Strategic Goal 1: Safer streets', '1.1', 'Light the town centre', 'Residents feel unsafe after dark', 'L02', 'Survey dark spots with residents', 'Ongoing', '', '2020-03-31', '', '', 'Green', '', '', ''].join(T),
    ['Strategic Goal 1: Safer streets', '1.2', 'Light the town centre', '', '', '', '', '', '', '', '', '', '', '', ''].join(T),
    ['', '', 'Unnumbered objective', '', 'L03', 'Agree a lighting policy', 'Sometimes', '', '', '500', '', 'Mostly done', '', '', ''].join(T),
  ];

  test('goal and objective on every row: one objective per number and title, even with no actions', () => {
    const plan = tablesToPlan(rows(...FLAT));
    assert.deepEqual(plan.objectives.map((o) => [o.goal, o.number, o.title, o.actions.length]), [
      ['Strategic Goal 1: Safer streets', '1.1', 'Light the town centre', 2],
      ['Strategic Goal 1: Safer streets', '1.2', 'Light the town centre', 0],
      [null, null, 'Unnumbered objective', 1],
    ]);
    assert.equal(plan.objectives[0]?.why, 'Residents feel unsafe after dark');
  });

  test('kind, start date, weight, as-at and the status word as written', () => {
    const [l01, l02] = tablesToPlan(rows(...FLAT)).objectives[0]!.actions;
    assert.equal(l01?.kind, 'one_off');
    assert.equal(l01?.startDate, '2019-04-01');
    assert.equal(l01?.weight, 2);
    assert.equal(l01?.target, 'All 400 lamps');
    assert.equal(l01?.status, 'in_progress');
    assert.equal(l01?.statusWord, 'ON TRACK');
    assert.equal(l01?.asAt, '2019-09-30');
    assert.equal(l01?.line, 2);
    assert.equal(l02?.kind, 'ongoing');
    assert.equal(l02?.status, null);
  });

  test('warnings: a traffic light in the status column, an unknown status, kind and weight', () => {
    const messages = tablesToPlan(rows(...FLAT)).warnings.map((w) => `${w.line}: ${w.message}`);
    assert.ok(messages.some((m) => /^3: “Green” is a traffic light/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^5: Unknown status “Mostly done”/.test(m)));
    assert.ok(messages.some((m) => /^5: Unknown kind “Sometimes”/.test(m)));
    assert.ok(messages.some((m) => /^5: Weight “500”/.test(m)));
  });

  test('a mapping chosen in the preview replaces the header’s, and source lines number the warnings', () => {
    const table = rows(['Thing to do', 'When', 'Notes'].join(T), ['Paint the railings', 'someday', 'Blue'].join(T));
    assert.throws(() => tablesToPlan(table), ImportTableError);
    const plan = tablesToPlan(table, { mapping: ['title', 'dueDate', null, 'title'], lines: [10, 14] });
    assert.deepEqual(plan.mapping, ['title', 'dueDate', null, null]);
    assert.equal(plan.objectives[0]?.actions[0]?.title, 'Paint the railings');
    assert.equal(plan.objectives[0]?.actions[0]?.narrative, null);
    // The "Notes" column, mapped to nothing, is named in a warning rather than dropped silently.
    assert.deepEqual(plan.warnings, [
      { line: 14, message: 'Could not read “someday” as a date' },
      { line: 14, message: 'Nothing is read from the column “Notes”, so its text was left out (line 14): choose a field for it in the preview if it matters' },
    ]);
    assert.throws(() => tablesToPlan(table, { mapping: ['narrative', 'dueDate'] }), /No column looks like the action/);
  });

  test('a numbered section row in a table without an objective column becomes a numbered objective', () => {
    const plan = tablesToPlan(rows(['Ref', 'Action'].join(T), ['3.2 Help people into work Why: unemployment is rising', ''].join(T), ['R1', 'Run a jobs fair'].join(T)));
    assert.deepEqual([plan.objectives[0]?.number, plan.objectives[0]?.title, plan.objectives[0]?.why], ['3.2', 'Help people into work', 'unemployment is rising']);
  });

  test('long text keeps its paragraphs; a list with a semicolon splits only on semicolons', () => {
    const plan = tablesToPlan([
      ['Action', 'Progress update', 'Partnership links', 'Impacts on other services'],
      ['Open a warm space', 'First paragraph.\n\n\nSecond   paragraph.', 'Health, Wellbeing and Care Board;', 'Libraries, Leisure'],
    ]);
    const a = plan.objectives[0]!.actions[0]!;
    assert.equal(a.narrative, 'First paragraph.\n\nSecond paragraph.');
    assert.deepEqual(a.partnershipLinks, ['Health, Wellbeing and Care Board']);
    assert.deepEqual(a.impactedServices, ['Libraries', 'Leisure']);
  });

  test('a row with a code but no title is left out with a warning', () => {
    const plan = tablesToPlan(rows(['Ref', 'Action'].join(T), ['R1', ''].join(T), ['R2', 'Real action'].join(T)));
    assert.deepEqual(plan.objectives[0]?.actions.map((a) => a.code), ['R2']);
    assert.deepEqual(plan.warnings, [{ line: 2, message: 'Action R1 has no title, so it was left out' }]);
  });
});

describe('tablesToPlan: objectives in text that may wrap', () => {
  const HEAD = ['Objective', 'Action', 'Lead officer'].join(T);
  test('a line that starts mid-sentence carries on the title above; a capitalised one beside an action is a new objective', () => {
    const plan = tablesToPlan(rows(
      HEAD,
      ['Make council buildings', 'Fit solar panels', 'Energy Manager'].join(T),
      ['carbon neutral by 2030', '', ''].join(T),
      ['Reduce waste', 'Recycle office paper', 'Facilities Manager'].join(T),
    ));
    assert.deepEqual(plan.objectives.map((o) => [o.title, o.actions.map((a) => a.title)]), [
      ['Make council buildings carbon neutral by 2030', ['Fit solar panels']],
      ['Reduce waste', ['Recycle office paper']],
    ]);
    assert.deepEqual(plan.warnings, []);
  });

  test('an objective alone on its row, then a capitalised one beside an action: two objectives, and a warning that they may be one', () => {
    const plan = tablesToPlan(rows(
      HEAD,
      ['Improve the way we handle', '', ''].join(T),
      ['Complaints and compliments', 'Answer complaints in ten days', 'Customer Services Manager'].join(T),
    ));
    assert.deepEqual(plan.objectives.map((o) => [o.title, o.actions.length]), [['Improve the way we handle', 0], ['Complaints and compliments', 1]]);
    assert.deepEqual(plan.warnings, [
      { line: 3, message: '“Complaints and compliments” was read as an objective of its own, so the objective above it (“Improve the way we handle”) has no actions: if they are one title over two lines, join them in the file and import it again' },
    ]);
  });

  test('alone on the row after its objective’s own row, with no action, a capitalised line is the title’s second line, with a warning', () => {
    const plan = tablesToPlan(rows(HEAD, ['Improve the way we handle', '', ''].join(T), ['Complaints and compliments', '', ''].join(T), ['', 'Answer complaints in ten days', 'Customer Services Manager'].join(T)));
    assert.deepEqual(plan.objectives.map((o) => [o.title, o.actions.length]), [['Improve the way we handle Complaints and compliments', 1]]);
    assert.deepEqual(plan.warnings, [{ line: 3, message: '“Complaints and compliments” was read as the rest of the title of objective “Improve the way we handle” on the row above' }]);
  });

  test('titles repeated in another case are the same objective', () => {
    const plan = tablesToPlan(rows(HEAD, ['Cleaner streets', 'Sweep daily', 'A'].join(T), ['Cleaner Streets', 'Empty bins', 'B'].join(T), ['cleaner streets ', 'Wash benches', 'C'].join(T)));
    assert.deepEqual(plan.objectives.map((o) => [o.title, o.actions.length]), [['Cleaner streets', 3]]);
  });
});

describe('tablesToPlan: Word cells and later goals', () => {
  test('lists in Word cells split on their paragraphs', () => {
    const plan = tablesToPlan([
      ['<p>Action</p>', '<p>Lead officer</p>', '<p>Links to partnership wide agendas</p>'],
      ['<p>Bring empty homes back into use</p>', '<p>Empty Homes Officer</p><p>Housing Standards Manager</p>', '<p>Housing Board</p><p>Health, Wellbeing and Care Board</p>'],
    ]);
    const a = plan.objectives[0]!.actions[0]!;
    assert.deepEqual(a.leadOfficers, ['Empty Homes Officer', 'Housing Standards Manager']);
    assert.deepEqual(a.partnershipLinks, ['Housing Board', 'Health, Wellbeing and Care Board']);
  });

  test('a goal heading after some actions starts a new group of actions under that goal', () => {
    const plan = tablesToPlan(rows(
      ['Ref', 'Action'].join(T),
      ['Strategic Goal 1: Homes', ''].join(T),
      ['H1', 'Build council homes'].join(T),
      ['Strategic Goal 2: Jobs', ''].join(T),
      ['J1', 'Open a business hub'].join(T),
    ));
    assert.deepEqual(plan.objectives.map((o) => [o.goal, o.title, o.actions.map((a) => a.code)]), [
      ['Strategic Goal 1: Homes', 'Actions', ['H1']],
      ['Strategic Goal 2: Jobs', 'Actions', ['J1']],
    ]);
  });
});

describe('tablesToPlan: text from PDF papers', () => {
  const HEAD = ['No.', 'Service Priority', "'Must do' actions", 'Progress update'];
  test('a page shifted right under its repeated header is shifted back', () => {
    const plan = tablesToPlan(rows(
      HEAD.join(T),
      ['4.1', 'Keep the museum open Why: visitors keep coming', 'Fix the roof', 'COMPLETE – done in May'].join(T),
      ['', ...HEAD].join(T),
      ['', '', '', 'Train volunteer guides', 'IN PROGRESS – six trained'].join(T),
      ['4.2', '', 'Open a café Why: visitors ask for one', 'Find an operator', 'NOT YET STARTED'].join(T),
      HEAD.join(T),
      ['', '', 'Run school visits', 'ONGOING: every term'].join(T),
    ));
    assert.deepEqual(plan.objectives.map((o) => [o.number, o.title, o.why, o.actions.map((a) => [a.title, a.status])]), [
      ['4.1', 'Keep the museum open', 'visitors keep coming', [['Fix the roof', 'complete'], ['Train volunteer guides', 'in_progress']]],
      ['4.2', 'Open a café', 'visitors ask for one', [['Find an operator', 'not_started'], ['Run school visits', 'ongoing']]],
    ]);
    // The shifted and the plain copy of the header (lines 3 and 6) are skipped, and said to be.
    assert.deepEqual(plan.warnings, [{ line: 3, message: 'Repeated column headings were skipped (lines 3 and 6)' }]);
  });

  test('a running footer with the page number in it, next to each copy of the header, is skipped and said to be', () => {
    const head = ['Ref', 'Action', 'Lead'].join(T);
    const plan = tablesToPlan(rows(
      head,
      ['Deliver better libraries', '', ''].join(T),
      ['L1', 'Open on Sundays', 'Libraries Manager'].join(T),
      'Libraries Plan 2024/25 – 1',
      head,
      ['L2', 'Lend e-books', 'Libraries Manager'].join(T),
      'Libraries Plan 2024/25 – 2',
      head,
      ['L3', 'Run a summer reading challenge', "Children's Librarian"].join(T),
    ));
    assert.deepEqual(plan.objectives.map((o) => [o.title, o.actions.map((a) => a.code)]), [['Deliver better libraries', ['L1', 'L2', 'L3']]]);
    assert.deepEqual(plan.warnings, [
      { line: 4, message: 'A running page header or footer was skipped (lines 4 and 7)' },
      { line: 5, message: 'Repeated column headings were skipped (lines 5 and 8)' },
    ]);
  });

  test('a number split from its priority ("1.3" and " 3 Title") loses the stray digit', () => {
    const plan = tablesToPlan(rows(HEAD.join(T), ['1.3', ' 3 Make polling stations accessible', 'Audit every station', ''].join(T)));
    assert.equal(plan.objectives[0]?.title, 'Make polling stations accessible');
  });

  test('a banner row with no action title is left out with a warning that quotes it', () => {
    const plan = tablesToPlan(rows(['Action code', 'Action', 'Links'].join(T), ['Action Plan', '', 'Connections'].join(T), ['P1', 'Plant trees', ''].join(T)));
    assert.deepEqual(plan.warnings, [{ line: 2, message: 'A row with no action title was left out: “Action Plan Connections”' }]);
    assert.equal(plan.objectives[0]?.actions.length, 1);
  });
});

describe('exempt information (restricted actions)', () => {
  test('its header synonyms map to one field', () => {
    for (const header of ['Exempt information', 'Exempt paragraph', 'Restricted', 'Restricted?', 'Exempt category', 'EXEMPT INFORMATION (Schedule 12A)']) {
      assert.deepEqual(mapHeader(['Action', header]), ['title', 'exempt'], header);
    }
    assert.deepEqual(mapHeader(['Action code', 'Action', 'Exempt information', 'Restricted']), ['code', 'title', 'exempt', null], 'the first column naming it wins');
  });

  test('cells: a paragraph, open, blank, or a warning', () => {
    for (const cell of ['Paragraph 3', '3', 'Para 3', 'para. 3', 'Yes – paragraph 3', 'yes - para 3', 'Yes, paragraph 3', 'Paragraph 3 of Schedule 12A', ' paragraph  3 ']) {
      assert.deepEqual(parseExempt(cell), { paragraph: 3, warning: null }, cell);
    }
    assert.equal(parseExempt('Paragraph 1').paragraph, 1);
    assert.equal(parseExempt('7').paragraph, 7);
    for (const cell of ['No', 'Open', 'None', 'no', 'OPEN', 'N/A', 'Not restricted']) assert.deepEqual(parseExempt(cell), { paragraph: false, warning: null }, cell);
    for (const cell of ['', '   ', '<p></p>']) assert.deepEqual(parseExempt(cell), { paragraph: null, warning: null }, JSON.stringify(cell));
    for (const [cell, why] of [
      ['Paragraph 8', /paragraphs 1 to 7, not 8/],
      ['0', /paragraphs 1 to 7, not 0/],
      ['Yes', /does not say which paragraph/],
      ['Secret stuff', /such as “Paragraph 3”/],
      ['Paragraph three', /such as “Paragraph 3”/],
    ] as const) {
      const r = parseExempt(cell);
      assert.equal(r.paragraph, null, cell);
      assert.match(r.warning ?? '', new RegExp(`^Could not read “${cell}” as exempt information`), cell);
      assert.match(r.warning ?? '', why, cell);
      assert.match(r.warning ?? '', /restriction was left as it is$/, cell);
    }
  });

  test('a table reads each row’s restriction, warning with the source line for what it cannot read', () => {
    const plan = tablesToPlan(
      rows(
        ['Ref', 'Action', 'Exempt information'].join(T),
        ['R1', 'Sell the depot', 'Paragraph 3'].join(T),
        ['R2', 'Open the library late', 'No'].join(T),
        ['R3', 'Repaint the town hall', ''].join(T),
        ['R4', 'Settle the claim', 'Confidential'].join(T),
        ['R5', 'Restructure the team', 'Yes – paragraph 1'].join(T),
      ),
    );
    assert.deepEqual(plan.objectives[0]?.actions.map((a) => [a.code, a.exemptParagraph]), [['R1', 3], ['R2', false], ['R3', null], ['R4', null], ['R5', 1]]);
    assert.deepEqual(plan.warnings.map((w) => w.line), [5]);
    assert.match(plan.warnings[0]!.message, /“Confidential” as exempt information/);
    // A table without the column says nothing about restriction.
    assert.equal(tablesToPlan(rows('Ref\tAction', 'R1\tSell the depot')).objectives[0]?.actions[0]?.exemptParagraph, null);
  });

  test('the export writes “Paragraph N” in its last column, empty when open, and reads it back', () => {
    assert.deepEqual(EXPORT_COLUMNS.at(-1), { field: 'exempt', header: 'Exempt information', type: 'text' });
    const read = tablesToPlan(rows(['Ref', 'Action', 'Restricted'].join(T), ['R1', 'Sell the depot', '3'].join(T), ['R2', 'Open the library late', 'Open'].join(T)));
    const out = exportRows(read.objectives);
    assert.equal(out[0]!.at(-1), 'Exempt information');
    assert.deepEqual(out.slice(1).map((r) => r.at(-1)), ['Paragraph 3', null]);
    const back = tablesToPlan(out.map((r) => r.map((c) => (c === null ? '' : String(c)))));
    assert.deepEqual(back.objectives[0]?.actions.map((a) => a.exemptParagraph), [3, null]);
    assert.deepEqual(back.warnings, []);
  });
});
