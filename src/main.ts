import { ConfigError, loadConfig, withDemoFlag } from './config.ts';
import { serve, StartupError } from './server.ts';

// Entry point: config → database → services → app → listen, with graceful shutdown.
// `npm start` passes --demo: the first-run evaluation gets the demo council (see withDemoFlag);
// a live install starts with `npx waymark serve`.
try {
  await serve(loadConfig(withDemoFlag(process.argv.slice(2), process.env)));
} catch (err) {
  process.stderr.write(`waymark: ${err instanceof ConfigError || err instanceof StartupError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
