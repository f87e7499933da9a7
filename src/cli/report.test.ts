import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { freshDatabase, type FreshDatabase } from '../../test/support/databases.ts';
import { runWaymark as run } from '../../test/support/cli.ts';
import { planYearContaining } from '../domain/plan-years.ts';

// `waymark report` writes a whole committee paper from the current data. The demo is loaded with
// the real clock, so the year and as-at date are today's.

const today = new Date().toISOString().slice(0, 10);
const year = planYearContaining(today).label;

describe('waymark report', () => {
  let db: FreshDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let codes: string[];

  before(async () => {
    db = await freshDatabase('sqlite');
    env = { DATABASE_URL: db.config.dialect === 'sqlite' ? db.config.filename : '' };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-report-'));
    assert.equal((await run(['demo'], env)).code, 0);
    const status = await run(['status', '--org', 'CEX', '--year', year, '--as-of', today, '--json'], env);
    assert.equal(status.code, 0, status.err);
    codes = (JSON.parse(status.out) as { actions: { code: string }[] }).actions.map((a) => a.code);
    assert.ok(codes.length > 40);
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const report = (format: string, ...more: string[]) => {
    const out = path.join(dir, `report.${format}`);
    return { out, run: run(['report', '--year', year, '--org', 'CEX', '--as-of', today, '--format', format, '--out', out, ...more], env) };
  };

  it('Word: headings, every action code, the meeting date and title', async () => {
    const { out, run: r } = report('docx', '--title', 'Chief Executive’s Department: progress', '--meeting-date', '2026-12-03');
    const result = await r;
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Wrote half-year report/);
    const html = (await mammoth.convertToHtml({ path: out })).value;
    assert.match(html, /Chief Executive’s Department: progress/);
    assert.match(html, /3 December 2026/);
    assert.match(html, /Purpose of the report/);
    for (const code of codes) assert.ok(html.includes(code), code);
  });

  it('PDF, read back with pdftotext: headings and every action code', async () => {
    const { out, run: r } = report('pdf');
    const result = await r;
    assert.equal(result.code, 0, result.err);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    assert.match(text, /Purpose of the report/);
    assert.match(text, /Appendix A/);
    for (const code of codes) assert.ok(text.includes(code), code);
  });

  it('HTML and Excel', async () => {
    const html = report('html');
    assert.equal((await html.run).code, 0);
    const page = fs.readFileSync(html.out, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/i);
    for (const code of codes) assert.ok(page.includes(code), code);
    const xlsx = report('xlsx');
    assert.equal((await xlsx.run).code, 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.out);
    assert.ok(wb.worksheets.length >= 3, wb.worksheets.map((w) => w.name).join(', '));
  });

  it('every plan of the year without --org; the plan-approval template', async () => {
    const out = path.join(dir, 'all.html');
    const r = await run(['report', '--year', year, '--as-of', today, '--format', 'html', '--out', out, '--template', 'plan-approval'], env);
    assert.equal(r.code, 0, r.err);
    const page = fs.readFileSync(out, 'utf8');
    assert.match(page, /Democratic Services/);
    assert.match(page, /approve/);
  });

  it('bad input: a clear message and no file written', async () => {
    const out = path.join(dir, 'bad.docx');
    const cases: [string[], number, RegExp][] = [
      [['report', '--year', year, '--format', 'docx', '--out', out], 2, /needs --as-of/],
      [['report', '--year', year, '--as-of', today, '--format', 'odt', '--out', out], 2, /--format must be one of html, docx, pdf, xlsx/],
      [['report', '--year', year, '--as-of', '30/09/2026', '--format', 'docx', '--out', out], 2, /--as-of must be a date/],
      [['report', '--year', year, '--as-of', today, '--format', 'docx', '--out', out, '--template', 'annual'], 2, /--template must be one of/],
      [['report', '--year', '2040/41', '--as-of', today, '--format', 'docx', '--out', out], 2, /no plans for 2040\/41/],
      [['report', '--year', year, '--org', 'NOPE', '--as-of', today, '--format', 'docx', '--out', out], 2, /No .* plan for NOPE/],
      [['report', '--year', year, '--as-of', '2031-06-30', '--format', 'docx', '--out', out], 2, /outside every plan year/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run(args, env);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message, args.join(' '));
    }
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const r = await run(['report', '--year', year, '--as-of', today, '--format', 'pdf', '--out', path.join(dir, 'bad.pdf')], env);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /PDF needs Chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    assert.ok(!fs.existsSync(out) && !fs.existsSync(path.join(dir, 'bad.pdf')), 'nothing written');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});
