import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// PostgreSQL returns DATE and TIMESTAMPTZ as JS Dates; SQLite returns strings. We keep both as
// strings so rows look the same on both dialects: dates as YYYY-MM-DD, timestamps as ISO 8601.
const PG_DATE = 1082;
const PG_TIMESTAMPTZ = 1184;
const PG_INT8 = 20;
let pgModule: typeof pg | null = null;
/** pg, loaded on first use: a server on SQLite never needs it, and start-up does not wait for it. */
function loadPg(): typeof pg {
  if (pgModule) return pgModule;
  const mod = createRequire(import.meta.url)('pg') as typeof pg;
  mod.types.setTypeParser(PG_DATE, (v: string) => v);
  mod.types.setTypeParser(PG_TIMESTAMPTZ, (v: string) => new Date(v).toISOString());
  mod.types.setTypeParser(PG_INT8, (v: string) => Number(v));
  return (pgModule = mod);
}

/** How many prepared SQLite statements to keep, most recently used first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite database as Kysely's driver sees it, with each statement prepared once and kept for the
 * next query with the same SQL: Kysely prepares every query afresh, and preparing (parsing and
 * planning) costs as much as running most of ours. A kept statement is safe to run again, with new
 * parameters, as long as no one is still reading from it; Kysely runs one query at a time on its one
 * connection and reads every result whole (`all`, never `iterate`: Waymark streams no query), so
 * no kept statement is ever busy. SQLite prepares a kept statement again itself when the schema
 * changes (a migration). The oldest are let go beyond STATEMENT_CACHE_SIZE (queries with lists of
 * ids have SQL of many lengths).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      let stmt = kept.get(sql);
      if (stmt) {
        kept.delete(sql); // moved to the newest end below
      } else {
        stmt = sqlite.prepare(sql);
        if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, stmt);
      return stmt;
    },
  };
}

export function openDatabase(config: DatabaseConfig, options: { poolSize?: number } = {}): Db {
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(config.filename), { recursive: true });
    const sqlite = new SQLite(config.filename);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { kysely, dialect: 'sqlite', destroy: () => kysely.destroy() };
  }
  const { Pool } = loadPg();
  // Like psql, a URL without a user name connects as the operating-system user.
  const url = new URL(config.connectionString);
  if (!url.username && !url.searchParams.has('user')) url.username = encodeURIComponent(process.env.PGUSER ?? os.userInfo().username);
  const pool = new Pool({ connectionString: url.toString(), max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', destroy: () => kysely.destroy() };
}
