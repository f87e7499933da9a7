import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { runWaymark } from '../test/support/cli.ts';
import { DIALECTS, freshDatabase, type FreshDatabase } from '../test/support/databases.ts';
import { loadConfig, type Config } from './config.ts';
import { startServer, StartupError, type RunningServer } from './server.ts';

// A first start: where the server listens, when it loads the demo (and prints its passwords once),
// and that a live install (NODE_ENV=production) will not start without an administrator.

const NOW = new Date('2026-11-25T12:00:00Z');

function urlOf(db: FreshDatabase): string {
  return db.config.dialect === 'sqlite' ? db.config.filename : db.config.connectionString;
}

/** Config as the environment gives it, on any free port (PORT=0 is not a setting people use). */
function configFor(db: FreshDatabase, env: Record<string, string> = {}): Config {
  return { ...loadConfig({ DATABASE_URL: urlOf(db), LOG_LEVEL: 'silent', ...env }), port: 0 };
}

async function start(config: Config): Promise<{ server: RunningServer; printed: string }> {
  let printed = '';
  const server = await startServer(config, { print: (t) => (printed += t), services: { clock: () => NOW } });
  return { server, printed };
}

/** Whether something accepts connections on host:port. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startServer: where it listens', () => {
  const dbs: FreshDatabase[] = [];
  after(async () => {
    for (const db of dbs) await db.drop();
  });
  const fresh = async () => {
    const db = await freshDatabase('sqlite');
    dbs.push(db);
    return db;
  };

  test('listens on 127.0.0.1 by default, so a first start is not on the network', async () => {
    const { server } = await start(configFor(await fresh()));
    try {
      assert.equal(server.address.address, '127.0.0.1');
      assert.ok(server.address.port > 0);
      const res = await fetch(`http://127.0.0.1:${server.address.port}/health`);
      assert.equal(res.status, 200);
    } finally {
      await server.close();
    }
  });

  test('listens where HOST says: 0.0.0.0 is every interface', async () => {
    const { server } = await start(configFor(await fresh(), { HOST: '0.0.0.0' }));
    try {
      assert.equal(server.address.address, '0.0.0.0');
      assert.equal(await answers('127.0.0.1', server.address.port), true);
    } finally {
      await server.close();
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`startServer: the demo and the first administrator [${dialect}]`, () => {
    const dbs: FreshDatabase[] = [];
    after(async () => {
      for (const db of dbs) await db.drop();
    });
    const fresh = async () => {
      const db = await freshDatabase(dialect);
      dbs.push(db);
      return db;
    };

    test('without WAYMARK_DEMO an empty database stays empty, and the console says how to make an administrator', async () => {
      const { server, printed } = await start(configFor(await fresh()));
      try {
        assert.deepEqual(await server.runtime.services.councils.list(), []);
        assert.doesNotMatch(printed, /Loaded the demo council/);
        assert.match(printed, /npx waymark create-council --name "Name of your council" --slug your-council/);
        assert.match(printed, /npx waymark create-user --council your-council .*--role admin --password-stdin/);
      } finally {
        await server.close();
      }
    });

    test('WAYMARK_DEMO=true loads the demo once, printing each account with a random password that signs in; a restart prints none', async () => {
      const db = await fresh();
      const first = await start(configFor(db, { WAYMARK_DEMO: 'true' }));
      // "  admin@brackenmoor.gov.uk   kq9t-mxbd-2wfz-hnpc   admin": email, password, role.
      const accounts = [...first.printed.matchAll(/^ {2}(\S+@\S+)\s+(\S+)\s+(\S+)$/gm)].map((m) => ({ email: m[1]!, password: m[2]!, role: m[3]! }));
      try {
        assert.match(first.printed, /Loaded the demo council\. Sign in at http:\/\/localhost:3000 with these accounts \(the passwords are shown only now\)/);
        // The demo has five accounts, one for each role (src/db/demo/council.ts).
        assert.deepEqual(accounts.map((a) => a.role).sort(), ['admin', 'head_of_service', 'lead_officer', 'performance_officer', 'viewer']);
        assert.equal(new Set(accounts.map((a) => a.password)).size, 5, 'each account has its own password');
        for (const a of accounts) {
          assert.match(a.password, /^[bcdfghjkmnpqrstvwxz29]{4}(-[bcdfghjkmnpqrstvwxz29]{4}){3}$/);
          const { user } = await first.server.runtime.services.auth.signIn(a.email, a.password, '127.0.0.1');
          assert.equal(user.role, a.role);
        }
        assert.doesNotMatch(first.printed, /demo-password-2026/);
      } finally {
        await first.server.close();
      }
      const again = await start(configFor(db, { WAYMARK_DEMO: 'true' }));
      try {
        assert.equal(again.printed, '', 'nothing to say: the demo is there and has an administrator');
        assert.equal((await again.server.runtime.services.councils.list()).length, 1);
      } finally {
        await again.server.close();
      }
    });

    test('in production an empty database is refused, naming the commands that make an administrator, and nothing listens', async () => {
      const db = await fresh();
      const config = { ...configFor(db, { NODE_ENV: 'production' }), port: await freePort() };
      await assert.rejects(start(config), (e: unknown) => {
        assert.ok(e instanceof StartupError, String(e));
        assert.match(e.message, /^There is no administrator, so nobody could sign in to set Waymark up\. Create one with the command line, then start again:/);
        assert.match(e.message, /npx waymark create-council --name "Name of your council" --slug your-council/);
        assert.match(e.message, /npx waymark create-user --council your-council --email you@example\.gov\.uk --name "Your Name" --role admin --password-stdin/);
        return true;
      });
      assert.equal(await answers('127.0.0.1', config.port), false);
    });

    test('in production a Config asking for the demo still gets no demo (loadConfig refuses the setting outright)', async () => {
      const db = await fresh();
      const config: Config = { ...configFor(db, { NODE_ENV: 'production' }), loadDemo: true };
      await assert.rejects(start(config), StartupError);
      const check = await start(configFor(db));
      try {
        assert.deepEqual(await check.server.runtime.services.councils.list(), [], 'no demo council was loaded');
      } finally {
        await check.server.close();
      }
    });

    test('in production it starts once an administrator has been made with the command line, and not with only a disabled one', async () => {
      const db = await fresh();
      const env = { DATABASE_URL: urlOf(db) };
      assert.equal((await runWaymark(['create-council', '--name', 'Test Council', '--slug', 'test'], env)).code, 0);
      // A council and a performance officer are not enough: someone must be able to administer it.
      assert.equal((await runWaymark(['create-user', '--council', 'test', '--email', 'po@test.example.gov.uk', '--name', 'Pat Officer', '--role', 'performance_officer', '--password-stdin'], env, 'a long enough password')).code, 0);
      await assert.rejects(start(configFor(db, { NODE_ENV: 'production' })), StartupError);
      const made = await runWaymark(['create-user', '--council', 'test', '--email', 'admin@test.example.gov.uk', '--name', 'Ada Admin', '--role', 'admin', '--password-stdin'], env, 'a long enough password');
      assert.equal(made.code, 0, made.err);
      const { server, printed } = await start(configFor(db, { NODE_ENV: 'production' }));
      try {
        assert.equal(server.address.address, '127.0.0.1');
        assert.equal(printed, '');
        // Disabled, the only administrator no longer counts.
        await server.runtime.db.kysely.updateTable('users').set({ disabled_at: NOW.toISOString() }).where('email', '=', 'admin@test.example.gov.uk').execute();
      } finally {
        await server.close();
      }
      await assert.rejects(start(configFor(db, { NODE_ENV: 'production' })), StartupError);
    });

    test('the demo command is refused in production and loads nothing', async () => {
      const db = await fresh();
      const r = await runWaymark(['demo'], { DATABASE_URL: urlOf(db), NODE_ENV: 'production' });
      assert.equal(r.code, 2);
      assert.match(r.err, /The demo council is not loaded with NODE_ENV=production/);
      assert.deepEqual(JSON.parse((await runWaymark(['plans', '--json'], { DATABASE_URL: urlOf(db) })).out), []);
    });
  });
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
