import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '../domain/errors.ts';
import { PDF_UNAVAILABLE_MESSAGE, PdfUnavailableError } from './errors.ts';
import { findChromium, renderReportPdf } from './pdf.ts';

// The PDF renderer's plumbing, with stand-in "Chromium" scripts: finding the executable, the
// arguments it is given, failures, timeouts and clean-up. Printing with the real Chromium is
// checked end to end in test/e2e/report-pdf.test.ts.

let dir: string;
const script = (name: string, body: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
};

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-pdf-test-'));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renderReportPdf', () => {
  test('throws PdfUnavailableError, saying what to do, when the Chromium given does not exist', async () => {
    await assert.rejects(renderReportPdf('<!DOCTYPE html><title>x</title>', { chromiumPath: '/nonexistent' }), (err: unknown) => {
      assert.ok(err instanceof PdfUnavailableError);
      assert.ok(err instanceof DomainError);
      assert.equal(err.name, 'PdfUnavailableError');
      assert.match(err.message, /^PDF needs Chromium, and the Chromium path given \(\/nonexistent\) is not an executable on this server\./);
      assert.match(err.message, /apt-get install chromium/);
      assert.match(err.message, /Word, HTML and Excel versions work without it\.$/);
      return true;
    });
  });

  test('has the plain message when no Chromium is found at all', () => {
    const err = new PdfUnavailableError();
    assert.equal(err.message, PDF_UNAVAILABLE_MESSAGE);
    assert.equal(
      err.message,
      "PDF needs Chromium, which is not installed on this server. Install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH; Word, HTML and Excel versions work without it.",
    );
  });

  test('prints the HTML from a temporary file with headless Chromium, and removes the files', async () => {
    const log = path.join(dir, 'args.txt');
    const fake = script('fake-chromium', `printf '%s\\n' "$@" > '${log}'
for a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; file://*) src="\${a#file://}";; esac; done
{ printf '%%PDF-1.7\\n'; cat "$src"; } > "$out"`);
    const pdf = await renderReportPdf('<!DOCTYPE html><title>Report</title><p>Hello</p>', { chromiumPath: fake });
    assert.equal(pdf.toString('utf8'), '%PDF-1.7\n<!DOCTYPE html><title>Report</title><p>Hello</p>');
    const args = fs.readFileSync(log, 'utf8').trim().split('\n');
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer']) assert.ok(args.includes(flag), flag);
    const out = args.find((a) => a.startsWith('--print-to-pdf='))?.slice('--print-to-pdf='.length) ?? '';
    assert.ok(path.isAbsolute(out));
    assert.match(args.at(-1) ?? '', /^file:\/\/\/.*\/report\.html$/);
    assert.equal(fs.existsSync(path.dirname(out)), false, 'the temporary folder is removed');
  });

  test('reports a Chromium that writes no PDF, and still cleans up', async () => {
    const log = path.join(dir, 'failing-args.txt');
    const failing = script('failing-chromium', `printf '%s\\n' "$@" > '${log}'\necho 'cannot open display' >&2\nexit 3`);
    await assert.rejects(renderReportPdf('<p>x</p>', { chromiumPath: failing }), (err: unknown) => {
      assert.ok(err instanceof PdfUnavailableError);
      assert.match(err.message, /did not print the PDF \(exit 3\): cannot open display/);
      return true;
    });
    const out = fs.readFileSync(log, 'utf8').split('\n').find((a) => a.startsWith('--print-to-pdf='))?.slice(15) ?? '';
    assert.equal(fs.existsSync(path.dirname(out)), false);
  });

  test('stops a Chromium that takes too long', async () => {
    const slow = script('slow-chromium', 'sleep 30');
    const started = Date.now();
    await assert.rejects(renderReportPdf('<p>x</p>', { chromiumPath: slow, timeoutMs: 300 }), /took longer than 300 ms to print the PDF, so it was stopped/);
    assert.ok(Date.now() - started < 5000);
  });
});

describe('findChromium', () => {
  test('uses the path given, or CHROMIUM_PATH, and nothing else when that is missing', () => {
    const fake = script('chromium-here', 'exit 0');
    assert.equal(findChromium(fake), fake);
    assert.equal(findChromium('/nonexistent'), null);
    assert.equal(findChromium(dir), null, 'a folder is not an executable');
    const saved = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = fake;
      assert.equal(findChromium(), fake);
      process.env.CHROMIUM_PATH = '/nonexistent';
      assert.equal(findChromium(), null);
      delete process.env.CHROMIUM_PATH;
      const found = findChromium();
      assert.ok(found === null || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].includes(found));
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
