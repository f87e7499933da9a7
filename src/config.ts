import { z } from 'zod';
import path from 'node:path';
import { USER_ROLES, type UserRole } from './domain/vocabulary.ts';

// Environment is parsed and checked once, here. Everything else receives a Config.

export type DatabaseConfig =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  secureCookies: boolean;
  /** NODE_ENV=production: the demo is refused and the server needs an administrator to start. */
  production: boolean;
  /** WAYMARK_DEMO=true: load the demo council into an empty database on start (never in production). */
  loadDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** OpenID Connect sign-in (e.g. Microsoft Entra ID); absent when OIDC_ISSUER is unset. */
  oidc?: OidcConfig;
  /** Email: SMTP_URL (unset: emails are logged, not sent) and MAIL_FROM. */
  mail: { smtpUrl?: string; from: string };
  /** Where Waymark is reached, for links in emails (PUBLIC_URL, else http://localhost:<port>). */
  publicUrl: string;
}

/** Single sign-on through an OpenID Connect provider: the authorization code flow with PKCE. */
export interface OidcConfig {
  /** The issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: Waymark's `/sso/callback`, registered at the provider. */
  redirectUrl: string;
  /** Create an account (with `defaultRole`) for someone the provider vouches for but Waymark does not know. */
  provision: boolean;
  defaultRole: UserRole;
  /** The slug of the council SSO users belong to; null means the only council there is. */
  council: string | null;
  buttonText: string;
}

const PORT_MESSAGE = 'must be a whole number from 1 to 65535, like 3000';

const envSchema = z.object({
  PORT: unsetIfEmpty(z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(3000)),
  // Loopback by default, so a first start is not reachable from the network; HOST=0.0.0.0 to serve it.
  HOST: unsetIfEmpty(z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or host name to listen on, like 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)' }).default('127.0.0.1')),
  DATABASE_URL: z.string().min(1).default('./data/waymark.sqlite'),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  WAYMARK_DEMO: unsetIfEmpty(z.enum(['true', 'false'], { error: 'must be true or false' }).default('false')),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Single sign-on (OpenID Connect). An empty value counts as unset.
  PUBLIC_URL: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://waymark.example.gov.uk' }).optional()),
  OIDC_ISSUER: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://login.microsoftonline.com/<tenant-id>/v2.0' }).optional()),
  OIDC_CLIENT_ID: unsetIfEmpty(z.string().optional()),
  OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().optional()),
  OIDC_REDIRECT_URL: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL: Waymark\'s /sso/callback, as registered at the provider' }).optional()),
  OIDC_PROVISION: unsetIfEmpty(z.enum(['true', 'false']).default('false')),
  OIDC_DEFAULT_ROLE: unsetIfEmpty(z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }).default('viewer')),
  OIDC_COUNCIL: unsetIfEmpty(z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a council slug (lower-case letters, numbers and hyphens)').optional()),
  // Email (reminders and sign-off). Without SMTP_URL emails are written to the log instead.
  SMTP_URL: unsetIfEmpty(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example.gov.uk:587' }).optional()),
  MAIL_FROM: unsetIfEmpty(z.string().max(200).default('Waymark <waymark@localhost>')),
  OIDC_BUTTON_TEXT: unsetIfEmpty(z.string().max(100).default('Sign in with your organisation account')),
});

function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

type Env = z.output<typeof envSchema>;

/** Single sign-on is off without OIDC_ISSUER; with any of its required values it needs them all. */
function oidcConfig(e: Env): OidcConfig | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = e;
  if (issuer === undefined && clientId === undefined && clientSecret === undefined) return undefined;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) {
    const missing = Object.entries({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret })
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    throw new ConfigError(`Single sign-on is half set up: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them)`);
  }
  const base = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl: e.OIDC_REDIRECT_URL ?? `${base}/sso/callback`,
    provision: e.OIDC_PROVISION === 'true',
    defaultRole: e.OIDC_DEFAULT_ROLE,
    council: e.OIDC_COUNCIL ?? null,
    buttonText: e.OIDC_BUTTON_TEXT,
  };
}

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

/**
 * The environment for `npm start` (`dist/main.js --demo`, the build of src/main.ts): WAYMARK_DEMO=true
 * unless the environment already says, so a first look at Waymark has the demo council and
 * `WAYMARK_DEMO=false` still wins.
 */
export function withDemoFlag(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return argv.includes('--demo') && env.WAYMARK_DEMO === undefined ? { ...env, WAYMARK_DEMO: 'true' } : env;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const oidc = oidcConfig(e);
  const production = e.NODE_ENV === 'production';
  // The demo's accounts would be a way in to a live install: refuse rather than quietly ignore it.
  if (production && e.WAYMARK_DEMO === 'true') {
    throw new ConfigError(
      'WAYMARK_DEMO=true cannot be used with NODE_ENV=production: the demo council is for trying Waymark out, not for a live install. ' +
        'Unset WAYMARK_DEMO (npm start sets it: start a live install with `npx waymark serve`).',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : production,
    production,
    loadDemo: e.WAYMARK_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    mail: { ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}), from: e.MAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    ...(oidc ? { oidc } : {}),
  };
}
