import { ConfigError, loadConfig } from './config.ts';
import { serve, StartupError } from './server.ts';

// Entry point: config → database → services → app → listen, with graceful shutdown.
// `--demo` (what `npm start` passes) means WAYMARK_DEMO=true unless the environment says otherwise:
// the first-run evaluation gets the demo council; a live install starts with `npx waymark serve`.
const env = process.argv.includes('--demo') && process.env.WAYMARK_DEMO === undefined ? { ...process.env, WAYMARK_DEMO: 'true' } : process.env;
try {
  await serve(loadConfig(env));
} catch (err) {
  process.stderr.write(`waymark: ${err instanceof ConfigError || err instanceof StartupError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
