#!/usr/bin/env node
// The `waymark` command. TypeScript runs through tsx, as the server does; no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
