import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from './processes.ts';

// The build that `npm start` runs (scripts/build.mjs): dist/ is a build of the sources as they are,
// and the compiled server starts from it, finds its templates and static files, and answers /health.
// dist/ is built here only when stale (`npm install` builds it, so on CI it is already fresh).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


describe('the build: node dist/main.js', { timeout: 240_000 }, () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-build-'));
    // tsc takes tens of seconds on a small machine, when it has to run at all.
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, `the build failed:\n${built.stdout}${built.stderr}`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('dist/ is a build of the sources as they are now', () => {
    const check = spawnSync(process.execPath, ['scripts/build.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'main.js')));
    assert.ok(!fs.existsSync(path.join(ROOT, 'dist', 'server.test.js')), 'tests are not built');
    assert.match(fs.readFileSync(path.join(ROOT, 'dist', 'main.js'), 'utf8'), /from '\.\/server\.js'|from "\.\/server\.js"/, '.ts specifiers become .js');
  });

  test('the compiled server starts on SQLite, answers /health and serves its templates and static files', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: path.join(dir, 'waymark.sqlite'), PORT: String(port), HOST: '127.0.0.1', WAYMARK_DEMO: 'false', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += String(c)));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20_000;
      let health: Response | null = null;
      while (!health) {
        assert.equal(child.exitCode, null, `the server exited with ${child.exitCode}:\n${stderr}`);
        assert.ok(Date.now() < deadline, `no /health answer within 20 s:\n${stderr}`);
        health = await fetch(`${base}/health`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      // A page (a Nunjucks template under dist/web) and a static file (dist/web/static).
      const signIn = await fetch(`${base}/sign-in`);
      assert.equal(signIn.status, 200);
      assert.match(await signIn.text(), /<title>Sign in – Waymark<\/title>/);
      const css = await fetch(`${base}/static/app.css`);
      assert.equal(css.status, 200);
      assert.equal(await css.text(), fs.readFileSync(path.join(ROOT, 'src', 'web', 'static', 'app.css'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('the waymark command runs with dist/ fresh', () => {
    const help = spawnSync(process.execPath, ['bin/waymark.js', 'help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: path.join(dir, 'cli.sqlite') } });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: waymark <command>/);
  });
});
