import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { buildRuntime, type Runtime } from './composition.ts';
import { isEmpty, loadDemo } from './services/demo.ts';
import { makeMailer } from './services/mailer.ts';
import type { ServiceOptions } from './services/index.ts';
import { startScheduler } from './services/scheduler.ts';

/** Why the server will not start: said on the console as it is, without a stack trace. */
export class StartupError extends Error {}

/** What a live install is told when it has no administrator yet. */
export const NO_ADMINISTRATOR_MESSAGE =
  'There is no administrator, so nobody could sign in to set Waymark up. Create one with the command line, then start again:\n' +
  '  npx waymark create-council --name "Name of your council" --slug your-council\n' +
  '  npx waymark create-user --council your-council --email you@example.gov.uk --name "Your Name" --role admin --password-stdin';

export interface StartOptions {
  /** Where the one-off console messages go (the demo's passwords); standard output by default. */
  print?: (text: string) => void;
  /** Passed to the services: tests fix the clock. */
  services?: Pick<ServiceOptions, 'clock'>;
}

export interface RunningServer {
  /** The address and port actually listened on (PORT=0 picks a free port). */
  address: AddressInfo;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * Starts Waymark: database (migrated; the demo council loaded into an empty one only when
 * WAYMARK_DEMO=true) → app → listen on HOST:PORT. In production it refuses to start with no
 * administrator. Nothing listens until every check has passed.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  const mailer = makeMailer(config.mail, (line) => print(`${line}\n`));
  const runtime = await buildRuntime(config, { ...options.services, mailer, publicUrl: config.publicUrl });
  try {
    // loadConfig refuses WAYMARK_DEMO with NODE_ENV=production; a Config built another way is checked again here.
    if (config.loadDemo && !config.production && (await isEmpty(runtime.services))) {
      const { accounts } = await loadDemo(runtime.services);
      const lines = accounts.map((a) => `  ${a.email.padEnd(42)} ${a.password}   ${a.role}`);
      // Printed this once: the passwords are stored only as hashes.
      print(`\nLoaded the demo council. Sign in at ${config.publicUrl} with these accounts (the passwords are shown only now):\n${lines.join('\n')}\n\n`);
    }
    if (!(await runtime.services.councils.hasAdministrator())) {
      if (config.production) throw new StartupError(NO_ADMINISTRATOR_MESSAGE);
      print(`\n${NO_ADMINISTRATOR_MESSAGE.replace(', then start again', '')}\n(or try the demo council: WAYMARK_DEMO=true on an empty database)\n\n`);
    }
  } catch (err) {
    mailer.close();
    await runtime.close();
    throw err;
  }
  const app = await buildApp({ services: runtime.services, secureCookies: config.secureCookies, logLevel: config.logLevel });
  const scheduler = startScheduler(runtime.services.updateCycle, { log: app.log });
  const close = async () => {
    await scheduler.stop();
    await app.close();
    mailer.close();
    await runtime.close();
  };
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await close();
    throw err;
  }
  return { address: app.server.address() as AddressInfo, runtime, close };
}

/** Starts Waymark and shuts it down gracefully on SIGINT or SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const server = await startServer(config);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: shutting down\n`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
