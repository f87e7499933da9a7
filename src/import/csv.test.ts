import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportError } from '../domain/errors.ts';
import { tablesToPlan } from '../domain/import-tables.ts';
import { detectDelimiter, parseCsv } from './csv.ts';
import { readSource } from './index.ts';
import type { SourceTable } from './types.ts';

async function table(text: string | Buffer, format: 'csv' | 'auto' = 'csv', filename?: string): Promise<SourceTable> {
  const r = await readSource(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { format, filename });
  assert.equal(r.kind, 'tables');
  assert.equal(r.format, 'csv');
  const t = r.tables[0];
  assert.ok(t);
  return t;
}

describe('detectDelimiter', () => {
  test('picks the delimiter that appears most outside quotes; a tie is a comma', () => {
    assert.equal(detectDelimiter('Action;Due date;Lead\n"Fix, and paint";1/4/24;Parks'), ';');
    assert.equal(detectDelimiter('Action,Due date\n"Mow; weed; edge",1/4/24'), ',');
    assert.equal(detectDelimiter('Action\tDue date\nMow\t1/4/24'), '\t');
    assert.equal(detectDelimiter('Action only'), ',');
  });
});

describe('CSV reader', () => {
  test('reads comma-separated rows with a BOM, keeping each row’s line', async () => {
    const t = await table('\uFEFFAction code,Action,Due date\r\nPK01,Repaint the bandstand,31/03/2025\r\n\r\nPK02,Fix the fountain,30/06/2025\r\n');
    assert.deepEqual(t.rows, [
      ['Action code', 'Action', 'Due date'],
      ['PK01', 'Repaint the bandstand', '31/03/2025'],
      ['PK02', 'Fix the fountain', '30/06/2025'],
    ]);
    assert.deepEqual(t.lines, [1, 2, 4]);
  });

  test('reads semicolon-separated files (Excel in Europe) and a quoted cell over several lines', async () => {
    const text = [
      'Action;Lead officer;Progress update',
      'Extend the garden waste service;"Waste Manager',
      'Garden Waste Officer";"Sign-ups are at 4,200.',
      '',
      'Leaflets go out in May."',
      'Review bring sites;Recycling Officer;Not yet started',
    ].join('\n');
    const t = await table(text, 'auto', 'actions.csv');
    assert.deepEqual(t.rows[1], ['Extend the garden waste service', 'Waste Manager\nGarden Waste Officer', 'Sign-ups are at 4,200.\n\nLeaflets go out in May.']);
    assert.deepEqual(t.lines, [1, 2, 6]);
    const plan = tablesToPlan(t.rows, { lines: t.lines });
    assert.deepEqual(plan.objectives[0]?.actions[0]?.leadOfficers, ['Waste Manager', 'Garden Waste Officer']);
    assert.equal(plan.objectives[0]?.actions[1]?.status, 'not_started');
  });

  test('reads a windows-1252 file with £ and an en dash', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Action,Target\nCut the cost of bulky collections ', 'latin1'),
      Buffer.from([0x96]),
      Buffer.from(' phase 1,Under ', 'latin1'),
      Buffer.from([0xa3]),
      Buffer.from('20 per item\n', 'latin1'),
    ]);
    const t = await table(bytes);
    assert.deepEqual(t.rows[1], ['Cut the cost of bulky collections – phase 1', 'Under £20 per item']);
  });

  test('keeps rows of different lengths and stray quotes inside unquoted cells', async () => {
    const t = await table('Action,Due\nLay a 6" drain,2025-01-31,extra\nShort\n');
    assert.deepEqual(t.rows, [['Action', 'Due'], ['Lay a 6" drain', '2025-01-31', 'extra'], ['Short']]);
  });

  test('an unclosed quote is an ImportError naming the line', async () => {
    await assert.rejects(
      readSource(Buffer.from('Action,Due\nMow the verges,2025-01-31\n"Weed the beds,2025-02-28\nEdge the paths,2025-03-31\n'), { format: 'csv' }),
      (e) => e instanceof ImportError && /at line 3:/u.test(e.message) && /quoted cell is never closed/u.test(e.message),
    );
    assert.throws(() => parseCsv('a,b\n1,2\n3,"4\n'), (e) => e instanceof ImportError && /at line 3/u.test(e.message));
  });

  test('a row over a million characters is refused rather than read slowly', () => {
    assert.throws(() => parseCsv(`Action,Notes\nMow,${'x'.repeat(1_000_001)}\n`), (e) => e instanceof ImportError && /longer than 1,000,000 characters/u.test(e.message));
  });
});

describe('pasted text', () => {
  test('tab-separated rows become one table called "Pasted text"', async () => {
    const r = await readSource(Buffer.from('Action\tLead officer\r\nCut the hedges\tParks Officer\r\n\t\r\n'), { format: 'paste' });
    assert.equal(r.kind, 'tables');
    assert.deepEqual(r.kind === 'tables' ? r.tables : null, [
      { name: 'Pasted text', rows: [['Action', 'Lead officer'], ['Cut the hedges', 'Parks Officer'], ['', '']], lines: [1, 2, 3] },
    ]);
  });
});
