import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A real OpenID Connect provider for tests (oidc-provider, a devDependency), on 127.0.0.1 at a
// random port. It signs anyone in with oidc-provider's development login form: whatever is typed
// as the login is the account id, and (unless `identities` says otherwise) also the email address.
// Only tests may use this: oidc-provider is not a dependency of Waymark.

export const TEST_CLIENT_ID = 'waymark-test';

export interface TestProviderOptions {
  /** Waymark's callback URL(s), registered for the client. */
  redirectUris: string[];
  /** Claims for particular logins; any other login gets `email` = the login, verified, and a name made from it. */
  identities?: Record<string, Record<string, unknown>>;
  /**
   * Put the scope's claims (email, name…) in the ID token as well as at userinfo. oidc-provider's
   * default (false) keeps them out of a code flow's ID token, as some providers do.
   */
  claimsInIdToken?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** The little of oidc-provider's API used here (it ships no types). */
interface ProviderInstance {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

async function loadProvider(): Promise<ProviderClass> {
  const specifier = 'oidc-provider';
  const mod: unknown = await import(specifier);
  const Provider = (mod as { default?: unknown }).default;
  if (typeof Provider !== 'function') throw new Error('oidc-provider did not load');
  return Provider as ProviderClass;
}

/** The claims for a login typed into the development login form. */
function defaultClaims(login: string): Record<string, unknown> {
  const local = login.split('@')[0] ?? login;
  const name = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  return { email: login, email_verified: true, name };
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const Provider = await loadProvider();
  // Listen first, so the issuer (which names the port) is known before the provider is made.
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const identities = options.identities ?? {};

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'upn'],
    },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(identities[id] ?? defaultClaims(id)) }),
    }),
    conformIdTokenClaims: !options.claimsInIdToken,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    jwks: { keys: [{ ...crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Goes through the provider as a browser would, with fetch: from the authorization URL through the
 * development login form (typing `login`) and the consent form, until the provider redirects to
 * `redirectUri`; returns that URL (with `code`, `state`, `iss`, or an `error`). With `cancel`, the
 * person presses Cancel on the login form instead.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string, opts: { cancel?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorizationUrl);
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
    });
    remember(res);
    body = undefined;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`The provider answered ${res.status} at ${url.pathname}: ${html.slice(0, 500)}`);
    const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
    if (opts.cancel && cancel) {
      url = new URL(cancel.replace(/&amp;/g, '&'), url);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`No form on the provider's page at ${url.pathname}: ${html.slice(0, 500)}`);
    const fields = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      fields.set('login', login);
      fields.set('password', 'any-password');
    }
    url = new URL(action.replace(/&amp;/g, '&'), url);
    body = fields.toString();
  }
  throw new Error('The provider did not send the browser back to Waymark within 20 steps');
}
