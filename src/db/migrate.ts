import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as m001 from './migrations/001-planning-core.ts';
import * as m002 from './migrations/002-progress.ts';
import * as m003 from './migrations/003-import-drafts.ts';
import * as m004 from './migrations/004-reports.ts';
import * as m005 from './migrations/005-audit-append-only.ts';
import * as m006 from './migrations/006-account-security.ts';
import * as m007 from './migrations/007-one-correction-each.ts';
import * as m008 from './migrations/008-update-cycle.ts';
import * as m009 from './migrations/009-plan-versions.ts';
import * as m010 from './migrations/010-restricted-items.ts';
import * as m011 from './migrations/011-sso-identities.ts';
import * as m012 from './migrations/012-integrity.ts';
import * as m013 from './migrations/013-draft-report-readers.ts';
import * as m014 from './migrations/014-password-resets.ts';
import * as m015 from './migrations/015-positions-version.ts';
import * as m016 from './migrations/016-action-resources.ts';
import * as m017 from './migrations/017-data-version.ts';

// Migrations are listed here in order; each receives the dialect for the few column types that differ.
const all: Record<string, { up: typeof m001.up }> = {
  '001-planning-core': m001,
  '002-progress': m002,
  '003-import-drafts': m003,
  '004-reports': m004,
  '005-audit-append-only': m005,
  '006-account-security': m006,
  '007-one-correction-each': m007,
  '008-update-cycle': m008,
  '009-plan-versions': m009,
  '010-restricted-items': m010,
  '011-sso-identities': m011,
  '012-integrity': m012,
  '013-draft-report-readers': m013,
  '014-password-resets': m014,
  '015-positions-version': m015,
  '016-action-resources': m016,
  '017-data-version': m017,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(all)) out[name] = { up: (k) => m.up(k, this.db.dialect) };
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
