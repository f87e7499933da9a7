import { ConfigError, loadConfig } from './config.ts';
import { serve } from './server.ts';

// Entry point: config → database → services → app → listen, with graceful shutdown.
try {
  await serve(loadConfig());
} catch (err) {
  process.stderr.write(`waymark: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
