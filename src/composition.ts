import { ListingCache } from './services/listing-cache.ts';
import { PositionCache } from './services/position-cache.ts';
import type { Config, DatabaseConfig } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Kysely } from 'kysely';
import { makeStore, systemClock } from './db/repositories/index.ts';
import type { Database } from './db/schema.ts';
import { chromiumPdf } from './reports/pdf.ts';
import { makeServices, type Deps, type ServiceOptions, type Services } from './services/index.ts';
import { LogMailer } from './services/mailer.ts';

// The one composition root: config → database → Deps (clock, store, mailer, PDF, public URL) →
// services. The server, the CLI and the tests all build Waymark through here.

/**
 * The Deps every service and repository is given, built once: one clock (the system's unless
 * given) for the repositories' stamps and the services' "now" and "today" alike.
 */
export function makeDeps(kysely: Kysely<Database>, options: Omit<ServiceOptions, 'sso'> = {}): Deps {
  const clock = options.clock ?? systemClock;
  return {
    clock,
    store: makeStore(kysely, clock),
    pdf: options.pdf ?? chromiumPdf,
    // Without a mailer, emails are neither sent nor logged (tests, the CLI).
    mailer: options.mailer ?? new LogMailer(),
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    positions: new PositionCache(),
    listings: new ListingCache(),
  };
}

export interface Runtime {
  db: Db;
  services: Services;
  close(): Promise<void>;
}

export async function buildRuntime(database: DatabaseConfig | Config, options: ServiceOptions = {}): Promise<Runtime> {
  const dbConfig = 'database' in database ? database.database : database;
  const db = openDatabase(dbConfig);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const fromConfig: ServiceOptions = 'database' in database && database.oidc ? { sso: database.oidc } : {};
  const { sso, ...rest } = { ...fromConfig, ...options };
  const services = makeServices(makeDeps(db.kysely, rest), sso);
  return { db, services, close: () => db.destroy() };
}
