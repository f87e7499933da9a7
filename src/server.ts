import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { buildRuntime } from './composition.ts';
import { isEmpty, loadDemo } from './services/demo.ts';
import { makeMailer } from './services/mailer.ts';
import { startScheduler } from './services/scheduler.ts';

/** Starts Waymark: database (migrated, and filled with the demo council when empty) → app → listen. */
export async function serve(config: Config): Promise<void> {
  const mailer = makeMailer(config.mail, (line) => process.stdout.write(`${line}\n`));
  const runtime = await buildRuntime(config, { mailer, publicUrl: config.publicUrl });
  const app = await buildApp({ services: runtime.services, secureCookies: config.secureCookies, logLevel: config.logLevel });
  if (config.loadDemo && (await isEmpty(runtime.services))) {
    const { accounts } = await loadDemo(runtime.services);
    const lines = accounts.map((a) => `  ${a.email.padEnd(42)} ${a.password}   ${a.role}`);
    process.stdout.write(`\nLoaded the demo council. Sign in at http://localhost:${config.port} with:\n${lines.join('\n')}\n\n`);
  }
  const scheduler = startScheduler(runtime.services.updateCycle, { log: app.log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await scheduler.stop();
    await app.close();
    mailer.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}
