import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Routes read request data only as their schemas typed it (src/web/schemas.ts): no cast of
// request.body, request.query or request.params anywhere in the web layer.

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** A cast of request data: `as X` after request.body, .query or .params (or after `?? {}`), `<X>` before one, or `!` after one. */
const CAST = /\brequest\.(?:body|query|params)\b(?:\s*\?\?\s*\{\s*\})?\s*\)?\s+as\s|<[^<>()]+>\s*request\.(?:body|query|params)\b|\brequest\.(?:body|query|params)!/u;

describe('the typed edge', () => {
  it('finds the casts it looks for', () => {
    // Written in pieces, so that a grep of src/web for these casts finds none here either.
    const r = 'request.';
    for (const line of [`const b = ${r}body as FormBody;`, `const q = (${r}query as Record<string, string>).next;`, `const b = (${r}body ?? {}) as FormBody;`, `const p = <Params>${r}params;`, `const { id } = ${r}params as { id: string };`]) {
      assert.ok(CAST.test(line), line);
    }
    for (const line of ['const { id } = request.params;', 'const body = request.body;', 'if (request.query.sort === "as") return;']) assert.ok(!CAST.test(line), line);
  });

  it('no file under src/web casts request data', () => {
    const found = sources(here).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(here, file)}:${i + 1}` }))
        .filter(({ line }) => CAST.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    assert.deepEqual(found, []);
  });
});
