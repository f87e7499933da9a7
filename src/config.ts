import { z } from 'zod';
import path from 'node:path';

// Environment is parsed and checked once, here. Everything else receives a Config.

export type DatabaseConfig =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  secureCookies: boolean;
  loadDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('./data/waymark.sqlite'),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  WAYMARK_DEMO: z.enum(['true', 'false']).default('true'),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export class ConfigError extends Error {}

/** Reads a DATABASE_URL: postgres:// or postgresql:// selects PostgreSQL; a path or file: URL selects SQLite. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^file:/i.test(url)) {
    throw new ConfigError(`DATABASE_URL: unsupported scheme in "${url}" (use a file path, a file: URL or postgres://…)`);
  }
  if (url === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  let file = url;
  if (/^file:/i.test(url)) {
    file = url.replace(/^file:(\/\/)?/i, '');
    file = decodeURIComponent(file.split('?')[0] ?? '');
    if (!file) throw new ConfigError('DATABASE_URL: a file: URL needs a path, e.g. file:./data/waymark.sqlite');
  }
  return { dialect: 'sqlite', filename: file === ':memory:' ? file : path.resolve(cwd, file) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    loadDemo: e.WAYMARK_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
  };
}
