import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  fixObjectiveNumber,
  parsePercent,
  parseUkDate,
  splitDescription,
  splitLeadOfficers,
  splitStatus,
} from './import-fields.ts';
import type { StatusWord } from './stages.ts';

describe('splitStatus', () => {
  const cases: [string, string | null, string | null, string][] = [
    ['COMPLETE – The new rota is live in every depot', 'complete', 'COMPLETE', 'The new rota is live in every depot'],
    ['COMPLETE — Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['COMPLETE - Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['COMPLETE: Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['COMPLETE:Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['COMPLETE– Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['COMPLETE- Signs replaced', 'complete', 'COMPLETE', 'Signs replaced'],
    ['Complete – signs replaced', 'complete', 'Complete', 'signs replaced'],
    ['complete: signs replaced', 'complete', 'complete', 'signs replaced'],
    ['COMPLETED – Survey returned', 'complete', 'COMPLETED', 'Survey returned'],
    ['IN PROGRESS - Two of five parks surveyed', 'in_progress', 'IN PROGRESS', 'Two of five parks surveyed'],
    ['In  progress – Two parks', 'in_progress', 'In progress', 'Two parks'],
    ['ON TRACK: halfway', 'in_progress', 'ON TRACK', 'halfway'],
    ['ONGOING: Monthly meetings continue', 'ongoing', 'ONGOING', 'Monthly meetings continue'],
    ['NOT YET STARTED – Waiting for funding', 'not_started', 'NOT YET STARTED', 'Waiting for funding'],
    ['NOT STARTED – Waiting for funding', 'not_started', 'NOT STARTED', 'Waiting for funding'],
    ['CARRIED OVER TO 2021/22 – Budget moved', 'carried_over', 'CARRIED OVER TO 2021/22', 'Budget moved'],
    ['CARRIED OVER TO 2021/22 –Budget moved', 'carried_over', 'CARRIED OVER TO 2021/22', 'Budget moved'],
    ['Carried over to 2021-22 - Budget moved', 'carried_over', 'Carried over to 2021-22', 'Budget moved'],
    ['CARRIED OVER – Budget moved', 'carried_over', 'CARRIED OVER', 'Budget moved'],
    ['ON HOLD – pending review', 'deferred', 'ON HOLD', 'pending review'],
    ['Cancelled: no longer needed', 'cancelled', 'Cancelled', 'no longer needed'],
    ['Complete', 'complete', 'Complete', ''],
    ['  COMPLETE.  ', 'complete', 'COMPLETE', ''],
    ['Carried over to next year', 'carried_over', 'Carried over to next year', ''],
    ['COMPLETE –\nFirst line\nSecond line  ', 'complete', 'COMPLETE', 'First line\nSecond line'],
  ];
  for (const [input, stage, word, narrative] of cases) {
    test(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(splitStatus(input), { stage, statusWord: word, narrative });
    });
  }

  const unchanged = [
    'Complete the review of bin routes by May',
    'Ongoing action (to finish by end of June 2020). Two sites left',
    'Will move into the 2020/21 service plan',
    'Completeness of records checked',
    'Incomplete – awaiting data',
    '',
    '   ',
    '– COMPLETE',
  ];
  for (const input of unchanged) {
    test(`leaves ${JSON.stringify(input)} as narrative`, () => {
      assert.deepEqual(splitStatus(input), { stage: null, statusWord: null, narrative: input });
    });
  }

  test('prefers the longest word whatever the vocabulary order', () => {
    const vocab: StatusWord[] = [
      { word: 'STARTED', stage: 'in_progress' },
      { word: 'NOT STARTED', stage: 'not_started' },
      { word: 'NOT', stage: 'cancelled' },
    ];
    assert.equal(splitStatus('NOT STARTED – later', vocab).stage, 'not_started');
    assert.equal(splitStatus('Started – early', vocab).stage, 'in_progress');
  });

  test('uses a council vocabulary, escaping regex characters', () => {
    const vocab: StatusWord[] = [{ word: 'GREEN (DONE)', stage: 'complete' }, { word: 'A+', stage: 'in_progress' }];
    assert.deepEqual(splitStatus('green (done) – all good', vocab), { stage: 'complete', statusWord: 'green (done)', narrative: 'all good' });
    assert.equal(splitStatus('A+: fine', vocab).stage, 'in_progress');
    assert.equal(splitStatus('AA: fine', vocab).stage, null);
    assert.equal(splitStatus('COMPLETE – x', vocab).stage, null);
    assert.equal(splitStatus('COMPLETE – x', []).stage, null);
  });
});

describe('parsePercent', () => {
  const cases: [string, number | null][] = [
    ['88%', 88], ['88 %', 88], [' 88% ', 88], ['88.5%', 89], ['88.4%', 88], ['0%', 0], ['0', 0],
    ['100', 100], ['100%', 100], ['99.6%', 100], ['7.5%', 8], ['.5', 1], ['05%', 5],
    ['101%', null], ['100.4%', null], ['-5%', null], ['1000', null], ['', null], ['%', null],
    ['abc', null], ['88%%', null], ['8 8%', null], ['1e2', null], ['Infinity', null], ['50% done', null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${String(expected)}`, () => {
      assert.equal(parsePercent(input), expected);
    });
  }
});

describe('parseUkDate', () => {
  const exact: [string, string][] = [
    ['01 March 2016', '2016-03-01'],
    ['1 March 2016', '2016-03-01'],
    ['1 march 2016', '2016-03-01'],
    ['1 MARCH 2016', '2016-03-01'],
    ['31st March 2021', '2021-03-31'],
    ['2nd June 2020', '2020-06-02'],
    ['3rd Sept 2020', '2020-09-03'],
    ['22nd of Dec 2019', '2019-12-22'],
    ['1 Mar. 2016', '2016-03-01'],
    ['1 March, 2016', '2016-03-01'],
    ['1/3/2016', '2016-03-01'],
    ['01/03/16', '2016-03-01'],
    ['01.03.2016', '2016-03-01'],
    ['1-3-2016', '2016-03-01'],
    ['29/02/2020', '2020-02-29'],
    ['2019-03-31', '2019-03-31'],
    ['by 30 June 2020', '2020-06-30'],
    ['  31 March 2016. ', '2016-03-31'],
  ];
  for (const [input, iso] of exact) {
    test(`reads ${JSON.stringify(input)} exactly`, () => {
      assert.deepEqual(parseUkDate(input), { date: iso, approximate: false, warning: null });
    });
  }

  const approximate: [string, string, string][] = [
    ['March 2019', '2019-03-31', '“March 2019” read as 31 March 2019'],
    ['march 2019', '2019-03-31', '“march 2019” read as 31 March 2019'],
    ['Jan 2019', '2019-01-31', '“Jan 2019” read as 31 January 2019'],
    ['February 2020', '2020-02-29', '“February 2020” read as 29 February 2020'],
    ['Feb 2019', '2019-02-28', '“Feb 2019” read as 28 February 2019'],
    ['end Jan 2019', '2019-01-31', '“end Jan 2019” read as 31 January 2019'],
    ['end of January 2019', '2019-01-31', '“end of January 2019” read as 31 January 2019'],
    ['End of June 2020', '2020-06-30', '“End of June 2020” read as 30 June 2020'],
    ['by the end of September 2020', '2020-09-30', '“by the end of September 2020” read as 30 September 2020'],
    ['2019/20', '2020-03-31', '“2019/20” read as 31 March 2020'],
    ['2019/2020', '2020-03-31', '“2019/2020” read as 31 March 2020'],
    ['2019-20', '2020-03-31', '“2019-20” read as 31 March 2020'],
    ['end of 2019/20', '2020-03-31', '“end of 2019/20” read as 31 March 2020'],
    ['1999/00', '2000-03-31', '“1999/00” read as 31 March 2000'],
    ['Q1 2018/19', '2018-06-30', '“Q1 2018/19” read as 30 June 2018'],
    ['Q3 2018/19', '2018-12-31', '“Q3 2018/19” read as 31 December 2018'],
    ['q4 2018/19', '2019-03-31', '“q4 2018/19” read as 31 March 2019'],
  ];
  for (const [input, iso, warning] of approximate) {
    test(`reads ${JSON.stringify(input)} approximately`, () => {
      assert.deepEqual(parseUkDate(input), { date: iso, approximate: true, warning });
    });
  }

  test('plan years follow the configured start month', () => {
    assert.equal(parseUkDate('2019/20', { yearStartMonth: 1 }).date, '2019-12-31');
    assert.equal(parseUkDate('2019/20', { yearStartMonth: 9 }).date, '2020-08-31');
    assert.equal(parseUkDate('Q1 2019/20', { yearStartMonth: 9 }).date, '2019-11-30');
    assert.equal(parseUkDate('2019/20', { yearStartMonth: 4 }).date, '2020-03-31');
  });

  const unreadable = [
    'soon', 'TBC', 'Ongoing', '31 February 2016', '32/01/2016', '1/13/2016', 'Smarch 2019', '2019/21',
    '2019', '31 March', 'Q5 2018/19', '2019-02-30', '1 March 16',
  ];
  for (const input of unreadable) {
    test(`cannot read ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseUkDate(input), { date: null, approximate: false, warning: `Could not read “${input}” as a date` });
    });
  }

  test('collapses whitespace in the warning', () => {
    assert.equal(parseUkDate('  not\n a date ').warning, 'Could not read “not a date” as a date');
  });

  test('blank is no date and no warning', () => {
    assert.deepEqual(parseUkDate(''), { date: null, approximate: false, warning: null });
    assert.deepEqual(parseUkDate('  \n '), { date: null, approximate: false, warning: null });
  });

  test('an impossible start month gives no date', () => {
    assert.equal(parseUkDate('2019/20', { yearStartMonth: 13 }).date, null);
  });
});

describe('splitLeadOfficers', () => {
  const cases: [string, string[]][] = [
    ['Joint action: Parks Manager, Finance Officer and Legal Team', ['Parks Manager', 'Finance Officer', 'Legal Team']],
    ['Joint action: Parks Manager and Finance Officer', ['Parks Manager', 'Finance Officer']],
    ['joint action - Parks Manager & Finance Officer', ['Parks Manager', 'Finance Officer']],
    ['JOINT ACTION:Parks Manager, Finance Officer, and Legal Team', ['Parks Manager', 'Finance Officer', 'Legal Team']],
    // Only the final "and" splits, so a title with "and" before a comma stays whole.
    ['Joint action: Waste Officer, Housing and Benefits Manager and Legal', ['Waste Officer', 'Housing and Benefits Manager', 'Legal']],
    ['Head of Parks, Leisure and Culture', ['Head of Parks, Leisure and Culture']],
    ['Parks Manager and Finance Officer', ['Parks Manager and Finance Officer']],
    ['Parks Manager\nFinance Officer', ['Parks Manager', 'Finance Officer']],
    ['Parks Manager;  Finance Officer ;', ['Parks Manager', 'Finance Officer']],
    ['Parks Manager\r\n\r\nFinance Officer', ['Parks Manager', 'Finance Officer']],
    ['Joint action:\nParks Manager\nFinance Officer and Legal', ['Parks Manager', 'Finance Officer', 'Legal']],
    ['Head of Parks, Leisure and Culture; Joint action: A and B', ['Head of Parks, Leisure and Culture', 'A', 'B']],
    ['  Parks   Manager  ', ['Parks Manager']],
    ['Joint action:', []],
    ['', []],
    [' ; \n ', []],
    ['Joint action: , and ,', []],
  ];
  for (const [input, expected] of cases) {
    test(`splits ${JSON.stringify(input)}`, () => {
      assert.deepEqual(splitLeadOfficers(input), expected);
    });
  }
});

describe('fixObjectiveNumber', () => {
  const cases: [string, string][] = [
    ['I.4', '1.4'], ['l.2', '1.2'], ['1.l', '1.1'], ['|.3', '1.3'], ['1 . 2', '1.2'], ['1. 2', '1.2'],
    ['1.1.', '1.1'], ['1.1 .', '1.1'], [' 2.3 ', '2.3'], ['1O.2', '10.2'], ['I.I.4', '1.1.4'],
    ['1.4', '1.4'], ['12', '12'], ['3.10', '3.10'], ['1.2.3', '1.2.3'],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(fixObjectiveNumber(input), expected);
    });
  }
  for (const input of ['I', 'I.', 'Il', 'Objective 1.2', '1.2 Improve parks', '', 'A.1', '1..2', 'I. OVERVIEW']) {
    test(`leaves ${JSON.stringify(input)} alone`, () => {
      assert.equal(fixObjectiveNumber(input), input);
    });
  }
});

describe('splitDescription', () => {
  const full = {
    target: 'Open two new play areas.',
    outcome: 'More children playing outside.',
    criticalSuccessFactors: 'Funding & planning consent.',
    environmentalImpacts: 'N/A',
    rest: null,
  };

  test('reads a <p><b> cell', () => {
    const html = '<p><b>Target:</b> Open two new play areas.  <b>Outcome:</b> More children playing outside.  '
      + '<b>Critical Success Factors:</b> Funding &amp; planning consent.  <b>Environmental Impacts:</b> N/A</p>';
    assert.deepEqual(splitDescription(html), full);
  });

  test('reads a cell without <p>, with <strong> and the colon outside the tag', () => {
    const html = '<strong>Target</strong>: Open two new play areas.<br/><strong>Outcome</strong>: More children playing outside.'
      + '<br><STRONG>Critical Success Factors</STRONG>: Funding &amp; planning consent.<br>'
      + '<strong>Environmental Impacts</strong>:&nbsp;N/A';
    assert.deepEqual(splitDescription(html), full);
  });

  test('reads plain text', () => {
    const text = 'Target: Open two new play areas. Outcome: More children playing outside. '
      + 'Critical Success Factors: Funding & planning consent. Environmental Impacts: N/A';
    assert.deepEqual(splitDescription(text), full);
  });

  test('reads labels on separate lines, singular and upper-case labels', () => {
    const text = 'TARGET: 5 homes\nOUTCOME: Fewer empty homes\nCritical Success Factor: Owners engage\nEnvironmental Impact: Less blight';
    assert.deepEqual(splitDescription(text), {
      target: '5 homes', outcome: 'Fewer empty homes', criticalSuccessFactors: 'Owners engage', environmentalImpacts: 'Less blight', rest: null,
    });
  });

  test('decodes entities', () => {
    const r = splitDescription('<b>Target:</b> &lt;10 &gt; 2 &quot;fast&quot; it&#39;s&nbsp;here &#8211; &#x2014; &amp;lt; &bogus;');
    assert.equal(r.target, '<10 > 2 "fast" it\'s here – — &lt; &bogus;');
  });

  test('missing and empty fields are null; text before the first label is rest', () => {
    assert.deepEqual(splitDescription('Intro words. <b>Outcome:</b> Better roads. <b>Target:</b> '), {
      target: null, outcome: 'Better roads.', criticalSuccessFactors: null, environmentalImpacts: null, rest: 'Intro words.',
    });
  });

  test('a lower-case "target:" inside a sentence is not a label', () => {
    assert.deepEqual(splitDescription('Outcome: we meet the target: five parks'), {
      target: null, outcome: 'we meet the target: five parks', criticalSuccessFactors: null, environmentalImpacts: null, rest: null,
    });
  });

  test('text with no labels is all rest', () => {
    assert.deepEqual(splitDescription('<p>Just a  description  with x &lt; 5</p>'), {
      target: null, outcome: null, criticalSuccessFactors: null, environmentalImpacts: null, rest: 'Just a description with x < 5',
    });
    assert.equal(splitDescription('x < 5 and y > 3').rest, 'x < 5 and y > 3');
  });

  test('blank gives all nulls', () => {
    for (const input of ['', '<p></p>', '  &nbsp; ']) {
      assert.deepEqual(splitDescription(input), {
        target: null, outcome: null, criticalSuccessFactors: null, environmentalImpacts: null, rest: null,
      });
    }
  });

  test('a repeated label joins its parts', () => {
    assert.equal(splitDescription('Target: one. Outcome: x. Target: two.').target, 'one. two.');
  });
});

describe('properties', () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.stringMatching(/^(?:COMPLETE|Joint action:|Target:|I\.|1 \.|end of|Q[0-9]|[0-9/ .%:–-]|and|, |<b>|&amp;|\n)*$/u),
  );

  test('no function throws on arbitrary strings', () => {
    fc.assert(fc.property(text, (s) => {
      splitStatus(s);
      parsePercent(s);
      parseUkDate(s);
      parseUkDate(s, { yearStartMonth: 1 });
      splitLeadOfficers(s);
      fixObjectiveNumber(s);
      splitDescription(s);
    }), { numRuns: 500 });
  });

  test('parsePercent is null or an integer from 0 to 100', () => {
    fc.assert(fc.property(fc.oneof(text, fc.double().map(String), fc.integer().map((n) => `${n}%`)), (s) => {
      const p = parsePercent(s);
      return p === null || (Number.isInteger(p) && p >= 0 && p <= 100);
    }), { numRuns: 500 });
  });

  test('parsePercent reads every whole percentage', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => parsePercent(`${n}%`) === n && parsePercent(String(n)) === n));
  });

  test('splitLeadOfficers never returns empty or untrimmed entries', () => {
    fc.assert(fc.property(text, (s) => splitLeadOfficers(s).every((x) => x.length > 0 && x === x.trim())), { numRuns: 500 });
  });

  test('parseUkDate returns a valid ISO date or a warning', () => {
    fc.assert(fc.property(text, (s) => {
      const r = parseUkDate(s);
      if (r.date === null) return r.approximate === false && (s.trim() === '' ? r.warning === null : r.warning !== null);
      return /^\d{4}-\d{2}-\d{2}$/u.test(r.date) && (r.approximate === (r.warning !== null));
    }), { numRuns: 500 });
  });

  test('parseUkDate reads back every "d Month yyyy"', () => {
    const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    fc.assert(fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      return parseUkDate(text).date === iso;
    }));
  });

  test('splitStatus keeps the narrative whenever it finds no status', () => {
    fc.assert(fc.property(text, (s) => {
      const r = splitStatus(s);
      return r.stage !== null || (r.narrative === s && r.statusWord === null);
    }), { numRuns: 500 });
  });

  test('fixObjectiveNumber is idempotent', () => {
    fc.assert(fc.property(text, (s) => fixObjectiveNumber(fixObjectiveNumber(s)) === fixObjectiveNumber(s)), { numRuns: 500 });
  });
});
