import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, withDemoFlag } from './config.ts';

// The settings a first start depends on: where Waymark listens, and whether it loads the demo.

describe('config: HOST and PORT', () => {
  test('listens on loopback (127.0.0.1), port 3000, unless told otherwise', () => {
    const c = loadConfig({});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    // An empty value counts as unset, as for the other settings.
    assert.equal(loadConfig({ HOST: '', PORT: '' }).host, '127.0.0.1');
  });

  test('takes any IP address or host name for HOST, and a whole number from 1 to 65535 for PORT', () => {
    const cases: [Record<string, string>, string, number][] = [
      [{ HOST: '0.0.0.0' }, '0.0.0.0', 3000], // every interface: what a deployment sets
      [{ HOST: '::' }, '::', 3000],
      [{ HOST: '::1' }, '::1', 3000],
      [{ HOST: '192.168.10.4', PORT: '8080' }, '192.168.10.4', 8080],
      [{ HOST: 'localhost', PORT: '1' }, 'localhost', 1],
      [{ HOST: 'waymark.internal', PORT: '65535' }, 'waymark.internal', 65535],
    ];
    for (const [env, host, port] of cases) {
      const c = loadConfig(env);
      assert.deepEqual([c.host, c.port], [host, port], JSON.stringify(env));
    }
  });

  test('refuses a bad HOST or PORT, naming the variable and saying what it takes', () => {
    const HOST = /HOST: must be an IP address or host name to listen on, like 127\.0\.0\.1 \(this machine only\) or 0\.0\.0\.0 \(every interface\)/;
    const PORT = /PORT: must be a whole number from 1 to 65535, like 3000/;
    const cases: [Record<string, string>, RegExp][] = [
      [{ HOST: 'http://0.0.0.0' }, HOST], // a URL, not an address
      [{ HOST: '0.0.0.0:3000' }, HOST], // the port goes in PORT
      [{ HOST: 'my host' }, HOST],
      [{ PORT: 'abc' }, PORT],
      [{ PORT: '0' }, PORT],
      [{ PORT: '65536' }, PORT], // one past the highest port
      [{ PORT: '80.5' }, PORT],
      [{ PORT: '-1' }, PORT],
    ];
    for (const [env, message] of cases) {
      assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(env));
    }
  });
});

describe('config: the demo and production', () => {
  test('loads the demo only when WAYMARK_DEMO=true', () => {
    const cases: [Record<string, string>, boolean][] = [
      [{}, false],
      [{ WAYMARK_DEMO: '' }, false],
      [{ WAYMARK_DEMO: 'false' }, false],
      [{ WAYMARK_DEMO: 'true' }, true],
      [{ WAYMARK_DEMO: 'true', NODE_ENV: 'development' }, true],
      [{ NODE_ENV: 'production' }, false],
      [{ NODE_ENV: 'production', WAYMARK_DEMO: 'false' }, false],
    ];
    for (const [env, demo] of cases) assert.equal(loadConfig(env).loadDemo, demo, JSON.stringify(env));
    assert.throws(() => loadConfig({ WAYMARK_DEMO: 'yes' }), /WAYMARK_DEMO: must be true or false/);
  });

  test('refuses WAYMARK_DEMO=true with NODE_ENV=production, saying how to start a live install', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', WAYMARK_DEMO: 'true' }),
      (e: unknown) => e instanceof ConfigError && /^WAYMARK_DEMO=true cannot be used with NODE_ENV=production/.test(e.message) && /npx waymark serve/.test(e.message),
    );
    assert.equal(loadConfig({ NODE_ENV: 'production' }).production, true);
    assert.equal(loadConfig({}).production, false);
  });

  test('npm start (--demo) means WAYMARK_DEMO=true unless the environment sets it', () => {
    const cases: [string[], Record<string, string>, string | undefined][] = [
      [['--demo'], {}, 'true'],
      [['--demo'], { WAYMARK_DEMO: 'false' }, 'false'],
      [['--demo'], { WAYMARK_DEMO: 'true' }, 'true'],
      [[], {}, undefined], // npx waymark serve, or node src/main.ts: no demo
      [[], { WAYMARK_DEMO: 'true' }, 'true'],
    ];
    for (const [argv, env, demo] of cases) assert.equal(withDemoFlag(argv, env).WAYMARK_DEMO, demo, `${argv.join(' ')} ${JSON.stringify(env)}`);
    // So `NODE_ENV=production npm start` is refused with the message above, not run with the demo.
    assert.throws(() => loadConfig(withDemoFlag(['--demo'], { NODE_ENV: 'production' })), /cannot be used with NODE_ENV=production/);
  });
});
