import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/commands.ts';

/** Runs the waymark command in-process and collects its exit code and output. */
export async function runWaymark(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await runCli(args, { stdout, stderr, stdin: Readable.from([stdin]), env });
  return { code, out, err };
}
