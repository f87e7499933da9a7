import type { Config, DatabaseConfig } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { makeStore } from './db/repositories/index.ts';
import { makeServices, type ServiceOptions, type Services } from './services/index.ts';

// The one composition root: config → database → repositories → services. The server, the CLI and
// the tests all build Waymark through here.

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
  const services = makeServices(makeStore(db.kysely), { ...fromConfig, ...options });
  return { db, services, close: () => db.destroy() };
}
