import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { renderReportHtml } from '../../src/reports/html.ts';
import type { ReportModel } from '../../src/reports/model.ts';
import { findChromium, renderReportPdf } from '../../src/reports/pdf.ts';
import { sampleReportModel } from '../support/report-model.ts';

// The committee report printed to PDF by the installed Chromium and read back with poppler's
// pdftotext and pdfinfo. Both are required: CI installs them, and a machine without them fails
// here with what to install rather than skipping.

const run = promisify(execFile);

async function poppler(tool: 'pdftotext' | 'pdfinfo', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`The PDF test needs ${tool}, which is not installed. Install it with \`apt-get install poppler-utils\` (Debian/Ubuntu).`);
    }
    throw err;
  }
}

async function pdfText(pdf: Buffer): Promise<string> {
  const { default: fs } = await import('node:fs');
  const { default: os } = await import('node:os');
  const { default: path } = await import('node:path');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'waymark-pdf-read-'));
  try {
    const file = path.join(dir, 'report.pdf');
    await fs.promises.writeFile(file, pdf);
    const text = await poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const info = await poppler('pdfinfo', [file]);
    return `${info}\n=====\n${text}`;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

const codes = (m: ReportModel): string[] => m.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows.map((r) => r.code)) : []));

before(() => {
  if (!findChromium()) {
    throw new Error('The PDF test needs Chromium, and none was found. Install it with `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH.');
  }
});

describe('committee report PDF', () => {
  test('prints the report on A4 with its headings, every action and the counts', async () => {
    const model = sampleReportModel({ restricted: true });
    const pdf = await renderReportPdf(renderReportHtml(model));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const [info = '', text = ''] = (await pdfText(pdf)).split('\n=====\n');
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    assert.match(info, /Tagged:\s+yes/, 'a tagged (structured) PDF, for screen readers');
    assert.match(info, /Title:\s+Corporate Services half-year progress report 2024\/25/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.ok(pages >= 5, `${pages} pages: cover, then each of the 4 appendices on a new page`);
    const flat = text.replace(/\s+/g, ' ');
    for (const heading of [model.title, '1.0 Purpose of report', '6.0 Documents attached', ...model.appendices.map((a) => `Appendix ${a.letter}: ${a.title}`)]) {
      assert.ok(flat.includes(heading), heading);
    }
    assert.ok(flat.includes('Exempt information under paragraph 3'));
    assert.ok(flat.includes('1.1 To let the committee review progress'));
    for (const code of codes(model)) assert.ok(flat.includes(code), code);
    assert.ok(flat.includes('Of the 12 actions in the two plans'));
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    const t = summary.totals;
    const totals = [t.byRag.green, t.byRag.amber, t.byRag.red, t.byRag.complete, t.byRag.closed, t.byRag.not_updated, t.byRag.not_due, t.total].join(' ');
    assert.ok(flat.includes(`Total ${totals}`), `traffic-light totals row "Total ${totals}"`);
    // No browser header or footer (date, title, file URL, page numbers) is printed.
    assert.doesNotMatch(flat, /file:\/\//);
  });

  test('prints a 500-action report', async () => {
    const model = sampleReportModel({ actions: 500 });
    const pdf = await renderReportPdf(renderReportHtml(model));
    const flat = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const code of codes(model)) assert.ok(flat.includes(code), code);
  });
});
