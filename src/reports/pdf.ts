// PDF: the report's accessible HTML printed by Chromium's own command line (headless, A4 from the
// document's @page rule, no header or footer). No library: Debian's chromium package, when the
// server has it. Without it, PdfUnavailableError says so; Word, HTML and Excel work regardless.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PdfUnavailableError } from './errors.ts';

export interface RenderPdfOptions {
  /** A Chromium executable; when given, only this one is tried. */
  chromiumPath?: string;
  /** How long Chromium may take, in ms (default 60 s). */
  timeoutMs?: number;
}

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

const DEFAULT_TIMEOUT_MS = 60_000;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: `explicit` when given, else CHROMIUM_PATH when set, else the first of
 * CHROMIUM_CANDIDATES that exists; null when there is none. A path that is given (or set) and
 * missing is not replaced by another: that is a configuration mistake to report.
 */
export function findChromium(explicit?: string): string | null {
  const chosen = explicit ?? process.env.CHROMIUM_PATH;
  if (chosen) return isExecutable(chosen) ? chosen : null;
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}

function unavailable(explicit: string | undefined): PdfUnavailableError {
  const chosen = explicit ?? process.env.CHROMIUM_PATH;
  if (!chosen) return new PdfUnavailableError();
  const where = explicit ? 'the Chromium path given' : 'CHROMIUM_PATH';
  return new PdfUnavailableError(
    `PDF needs Chromium, and ${where} (${chosen}) is not an executable on this server. Install Debian's chromium package ` +
      '(apt-get install chromium), or correct CHROMIUM_PATH; Word, HTML and Excel versions work without it.',
  );
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
}

/** Runs Chromium in its own process group, so a timeout ends its helper processes too. */
function run(file: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}

/**
 * Prints a standalone HTML document to PDF with headless Chromium and returns the PDF's bytes.
 * Throws PdfUnavailableError when there is no Chromium, or when it fails or times out. The
 * temporary folder (HTML, PDF and Chromium's profile) is always removed.
 */
export async function renderReportPdf(html: string, opts: RenderPdfOptions = {}): Promise<Buffer> {
  const chromium = findChromium(opts.chromiumPath);
  if (!chromium) throw unavailable(opts.chromiumPath);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'waymark-pdf-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    await fs.promises.writeFile(input, html, 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      '--print-to-pdf-no-header',
      `--print-to-pdf=${output}`,
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-first-run',
      '--disable-extensions',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
      pathToFileURL(input).href,
    ];
    let result: RunResult;
    try {
      result = await run(chromium, args, timeoutMs);
    } catch (err) {
      throw new PdfUnavailableError(`Chromium (${chromium}) could not be started to print the PDF: ${(err as Error).message}. Word, HTML and Excel versions work without it.`, { cause: err });
    }
    const pdf = await fs.promises.readFile(output).catch(() => null);
    if (result.timedOut) {
      throw new PdfUnavailableError(`Chromium took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} to print the PDF, so it was stopped. Word, HTML and Excel versions work without it.`);
    }
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const why = result.code !== 0 ? `exit ${result.code ?? result.signal}` : 'no PDF written';
      const detail = result.stderr.trim().split('\n').slice(-3).join(' ');
      throw new PdfUnavailableError(`Chromium (${chromium}) did not print the PDF (${why})${detail ? `: ${detail}` : ''}. Word, HTML and Excel versions work without it.`);
    }
    return pdf;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Prints a report's HTML as PDF: the services are given one (tests a stand-in), not Chromium itself. */
export interface PdfRenderer {
  /** Whether PDF can be printed on this server (Chromium is installed). */
  available(): boolean;
  /** Prints the HTML; throws PdfUnavailableError when it cannot. */
  render(html: string): Promise<Buffer>;
}

/** The PDF renderer of a real server: Chromium's command line, when installed. */
export const chromiumPdf: PdfRenderer = {
  available: () => findChromium() !== null,
  render: (html) => renderReportPdf(html),
};
