#!/usr/bin/env node
// The `waymark` command. It runs the compiled JavaScript in dist/ when that is a build of the
// sources as they are now (scripts/build.mjs: `npm install`, `npm start` and `npm run build` make
// it), and otherwise the TypeScript in src/ through tsx: never a stale build. It does not build
// itself, which would add tsc's time to a command that tsx can run at once.
import { isFresh } from '../scripts/build.mjs';

if (isFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
