import { describe } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { buildRuntime, type Runtime } from '../../src/composition.ts';
import type { ServiceOptions, Services } from '../../src/services/index.ts';
import { DIALECTS, freshDatabase, type TestDialect } from './databases.ts';

// HTTP tests through Fastify's inject: the real app over a fresh database, and clients that keep
// cookies and send the CSRF token the way a browser submitting our forms would.
//
// The database is an in-memory SQLite one unless the test asks for a dialect, or TEST_HTTP_DIALECT
// (sqlite or postgres) says otherwise for the whole run: `TEST_HTTP_DIALECT=postgres npm run
// test:http` runs every HTTP test on PostgreSQL (test/support/databases.ts finds the server).
// A few files (the authorization matrix among them) run on both dialects in every run: `eachHttpDialect`.

export const TEST_PASSWORD = 'long-enough-password';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  services: Services;
  close(): Promise<void>;
}

/** The dialect HTTP tests use when they name none: TEST_HTTP_DIALECT, or SQLite. */
export function defaultHttpDialect(): TestDialect {
  const d = process.env.TEST_HTTP_DIALECT || 'sqlite';
  if (!(DIALECTS as string[]).includes(d)) throw new Error(`TEST_HTTP_DIALECT must be one of ${DIALECTS.join(', ')}, not ${JSON.stringify(d)}`);
  return d as TestDialect;
}

/**
 * The web app built through the composition root over a fresh database: in-memory SQLite, or a new
 * PostgreSQL database (dropped on close) when `dialect` or TEST_HTTP_DIALECT says postgres.
 * `clock` fixes "today" for the services (update windows, default as-at dates); `mailer` and
 * `publicUrl` are for tests of the emails it sends.
 */
export async function testApp(opts: Pick<ServiceOptions, 'clock' | 'mailer' | 'publicUrl'> & { dialect?: TestDialect } = {}): Promise<TestApp> {
  const { dialect = defaultHttpDialect(), ...options } = opts;
  const fresh = dialect === 'sqlite' ? null : await freshDatabase(dialect);
  let runtime: Runtime;
  try {
    runtime = await buildRuntime(fresh?.config ?? { dialect: 'sqlite', filename: ':memory:' }, options);
  } catch (err) {
    await fresh?.drop().catch(() => undefined);
    throw err;
  }
  let app: FastifyInstance;
  try {
    app = await buildApp({ services: runtime.services, logLevel: 'silent' });
    await app.ready();
  } catch (err) {
    await runtime.close().finally(() => fresh?.drop());
    throw err;
  }
  let closed: Promise<void> | null = null;
  return {
    app,
    runtime,
    services: runtime.services,
    close: () =>
      (closed ??= (async () => {
        try {
          await app.close();
          await runtime.close();
        } finally {
          await fresh?.drop();
        }
      })()),
  };
}

/**
 * Declares `describe('<name> [<dialect>]')` once for each dialect (SQLite and PostgreSQL), for HTTP
 * tests that must hold on both. `fn` builds its own app with `testApp({ dialect })`.
 */
export function eachHttpDialect(name: string, fn: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => fn(dialect));
}

export interface TestCouncil {
  tenantId: number;
  userId: number;
  email: string;
  password: string;
}

/** A council with one user (an administrator unless told otherwise). */
export async function createCouncil(
  services: Services,
  opts: { slug: string; name: string; email: string; role?: string; userName?: string; password?: string },
): Promise<TestCouncil> {
  const tenantId = await services.councils.create({ slug: opts.slug, name: opts.name });
  const password = opts.password ?? TEST_PASSWORD;
  const userId = await services.auth.createUser(tenantId, { email: opts.email, name: opts.userName ?? 'Test User', role: opts.role ?? 'admin', password });
  return { tenantId, userId, email: opts.email, password };
}

/** The value of the first hidden `_csrf` input on a page, or '' when there is none. */
export function csrfFrom(html: string): string {
  return /<input[^>]*name="_csrf"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? '';
}

export type Fields = Record<string, string | string[] | number | undefined>;

export interface HttpClient {
  get(url: string): Promise<LightMyRequestResponse>;
  /**
   * Posts a form (urlencoded). The client's CSRF token is added as `_csrf` unless `fields` has its
   * own `_csrf` or `opts.csrf` is false.
   */
  post(url: string, fields?: Fields, opts?: { csrf?: boolean }): Promise<LightMyRequestResponse>;
  /** The cookies the client holds. */
  readonly cookies: Record<string, string>;
  /** The CSRF token the client sends with its forms. */
  readonly csrfToken: string;
}

export function formBody(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params.toString();
}

/** A client with a cookie jar. It learns the CSRF token from the hidden `_csrf` input of each page it fetches. */
export function anonymousClient(app: FastifyInstance): HttpClient {
  const jar: Record<string, string> = {};
  let token = '';
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') delete jar[c.name];
      else jar[c.name] = c.value;
    }
    const found = typeof res.headers['content-type'] === 'string' && res.headers['content-type'].startsWith('text/html') ? csrfFrom(res.body) : '';
    if (found) token = found;
    return res;
  };
  return {
    get cookies() {
      return { ...jar };
    },
    get csrfToken() {
      return token;
    },
    async get(url) {
      return keep(await app.inject({ method: 'GET', url, cookies: { ...jar } }));
    },
    async post(url, fields = {}, opts = {}) {
      const withToken = opts.csrf === false || '_csrf' in fields ? fields : { _csrf: token, ...fields };
      return keep(
        await app.inject({
          method: 'POST',
          url,
          cookies: { ...jar },
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody(withToken),
        }),
      );
    },
  };
}

/**
 * Signs in through the sign-in form and returns a client holding the session and its CSRF token,
 * read from the page it lands on (the home page unless `opts.landing` names another).
 */
export async function signedInClient(app: FastifyInstance, email: string, password: string = TEST_PASSWORD, opts: { landing?: string } = {}): Promise<HttpClient> {
  const client = anonymousClient(app);
  const form = await client.get('/sign-in');
  if (form.statusCode !== 200) throw new Error(`GET /sign-in gave ${form.statusCode}`);
  const res = await client.post('/sign-in', { email, password });
  if (res.statusCode !== 303 || !client.cookies.waymark_session) throw new Error(`Signing in as ${email} failed with ${res.statusCode}: ${res.body.slice(0, 500)}`);
  // The session's own token appears in every signed-in page (the sign-out form at least).
  const url = opts.landing ?? String(res.headers.location ?? '/');
  const landing = await client.get(url);
  if (landing.statusCode !== 200 || !client.csrfToken) throw new Error(`After signing in, ${url} gave ${landing.statusCode} and no CSRF token`);
  return client;
}

/** The text of a page with tags removed and whitespace collapsed, for assertions that ignore markup. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
