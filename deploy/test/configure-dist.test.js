// scripts/configure-dist against a temp copy of the release build (dist/, or
// E2E_DIST): the base URL, connect-src, timeout and the dist's _headers move
// together, repeat runs replace rather than add, bad input is refused.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const P = require('../lib/policy');
const { parseHeadersFile } = require('../lib/static-host');

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.resolve(ROOT, process.env.E2E_DIST || 'dist');
const SCRIPT = path.join(ROOT, 'scripts', 'configure-dist');
const MUMBAI = 'https://integrationscore.mum1.exotel.com';

function tempDist() {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html: build first (trunk build --release)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'configure-dist-'));
  fs.cpSync(DIST, path.join(dir, 'dist'), { recursive: true });
  return dir;
}

function run(dir, ...args) {
  return spawnSync(SCRIPT, ['--dist', path.join(dir, 'dist'), ...args], { encoding: 'utf8' });
}

function read(dir) {
  const html = fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8');
  const meta = (name) => html.match(new RegExp(`<meta name="${name}" content="([^"]*)"`))[1];
  const csp = new Map(P.parseCsp(P.metaCspOf(html)).map(([n, ...s]) => [n, s]));
  const headers = new Map(parseHeadersFile(fs.readFileSync(path.join(dir, 'dist', '_headers'), 'utf8')).get('/*'));
  return { html, base: meta('exotel-api-base'), timeout: meta('exotel-api-timeout-ms'), csp, headers };
}

test('a direct API host: base, connect-src, timeout and _headers together', () => {
  const dir = tempDist();
  const r = run(dir, '--api-base', 'https://api.example.com:8443/v2/integrations/', '--timeout-ms', '5000');
  assert.equal(r.status, 0, r.stderr);
  const got = read(dir);
  assert.equal(got.base, 'https://api.example.com:8443/v2/integrations');
  assert.equal(got.timeout, '5000');
  assert.deepEqual(got.csp.get('connect-src'), ["'self'", MUMBAI, 'https://api.example.com:8443']);
  // The header policy is the meta one plus frame-ancestors, hashes included.
  assert.equal(got.headers.get('Content-Security-Policy'), `${P.metaCspOf(got.html)}; frame-ancestors 'none'`);
  assert.match(got.headers.get('Content-Security-Policy'), /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.ok(fs.readFileSync(path.join(dir, 'dist', '_redirects'), 'utf8').includes('/*  /index.html  200'));
  fs.rmSync(dir, { recursive: true });
});

test("index.html's .br and .gz copies are rewritten with it (the servers send them in its place)", () => {
  const dir = tempDist();
  const index = path.join(dir, 'dist', 'index.html');
  assert.equal(run(dir, '--api-base', 'https://api.example.com/v2/integrations').status, 0);
  const html = fs.readFileSync(index);
  assert.ok(html.includes('https://api.example.com'));
  assert.ok(zlib.brotliDecompressSync(fs.readFileSync(`${index}.br`)).equals(html), 'index.html.br is the new index.html');
  assert.ok(zlib.gunzipSync(fs.readFileSync(`${index}.gz`)).equals(html), 'index.html.gz is the new index.html');
  fs.rmSync(dir, { recursive: true });
});

test('run again with another host: the host is replaced, not added; same args twice change nothing', () => {
  const dir = tempDist();
  assert.equal(run(dir, '--api-base', 'https://one.example.com/v2/integrations').status, 0);
  assert.equal(run(dir, '--api-base', 'http://127.0.0.1:9000/v2/integrations').status, 0);
  const first = fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8');
  const firstHeaders = fs.readFileSync(path.join(dir, 'dist', '_headers'), 'utf8');
  assert.equal(run(dir, '--api-base', 'http://127.0.0.1:9000/v2/integrations').status, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8'), first);
  assert.equal(fs.readFileSync(path.join(dir, 'dist', '_headers'), 'utf8'), firstHeaders);
  const got = read(dir);
  assert.deepEqual(got.csp.get('connect-src'), ["'self'", MUMBAI, 'http://127.0.0.1:9000']);
  assert.ok(!got.html.includes('one.example.com') && !firstHeaders.includes('one.example.com'));
  // Back to same origin: connect-src is policy.json's again.
  assert.equal(run(dir, '--api-base', '/v2/integrations').status, 0);
  assert.deepEqual(read(dir).csp.get('connect-src'), ["'self'", MUMBAI]);
  assert.equal(read(dir).base, '/v2/integrations');
  fs.rmSync(dir, { recursive: true });
});

test('Mumbai itself (already allowed) is not listed twice; the timeout stays unless given', () => {
  const dir = tempDist();
  const before = fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8').match(/exotel-api-timeout-ms" content="(\d+)"/)[1];
  assert.equal(run(dir, '--api-base', `${MUMBAI}/v2/integrations`).status, 0);
  const got = read(dir);
  assert.deepEqual(got.csp.get('connect-src'), ["'self'", MUMBAI]);
  assert.equal(got.timeout, before);
  fs.rmSync(dir, { recursive: true });
});

test('an API on another host gets one preconnect, replaced on a new host, gone for the same origin', () => {
  const dir = tempDist();
  const html = () => fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8');
  const preconnects = () => [...html().matchAll(/<link rel="preconnect" href="([^"]*)" crossorigin/g)].map((m) => m[1]);
  assert.deepEqual(preconnects(), [], 'the build itself has none (same origin)');
  assert.equal(run(dir, '--api-base', 'https://one.example.com/v2/integrations').status, 0);
  assert.deepEqual(preconnects(), ['https://one.example.com']);
  assert.equal(run(dir, '--api-base', 'http://127.0.0.1:9000/v2/integrations').status, 0);
  assert.equal(run(dir, '--api-base', 'http://127.0.0.1:9000/v2/integrations').status, 0);
  assert.deepEqual(preconnects(), ['http://127.0.0.1:9000']);
  // Before the scripts, so the connection opens as the page starts.
  assert.ok(html().indexOf('rel="preconnect"') < html().indexOf('<script'));
  assert.equal(run(dir, '--api-base', '/v2/integrations').status, 0);
  assert.deepEqual(preconnects(), []);
  assert.equal(html(), fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'), 'back to the build as it was');
  fs.rmSync(dir, { recursive: true });
});

test('--server-config writes nginx.conf and Caddyfile with the same CSP', () => {
  const dir = tempDist();
  const conf = path.join(dir, 'conf');
  assert.equal(run(dir, '--api-base', 'https://api.example.com/v2/integrations', '--server-config', conf).status, 0);
  const csp = read(dir).headers.get('Content-Security-Policy');
  assert.ok(fs.readFileSync(path.join(conf, 'nginx.conf'), 'utf8').includes(`add_header Content-Security-Policy "${csp}" always;`));
  assert.ok(fs.readFileSync(path.join(conf, 'Caddyfile'), 'utf8').includes(`Content-Security-Policy "${csp}"`));
  fs.rmSync(dir, { recursive: true });
});

test('bad input is refused with a clear message and nothing is written', () => {
  const dir = tempDist();
  const before = fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8');
  const beforeBr = fs.readFileSync(path.join(dir, 'dist', 'index.html.br'));
  const cases = [
    [['--api-base', 'ftp://host/x'], /only http:\/\/ and https:\/\//],
    [['--api-base', 'api.example.com/v2'], /not a URL/],
    [['--api-base', 'https://a.example.com/x?y=1'], /no query or fragment/],
    [['--api-base', 'https://user:pw@a.example.com/x'], /no user name or password/],
    [['--api-base', 'https://a.example.com/x y'], /contains a space/],
    [['--api-base', 'https://a.example.com/"><script>'], /contains a space, quote/],
    [['--api-base', "https://a.example.com; script-src *"], /contains a space/],
    [['--api-base', '//evil.example.com/v2'], /must not start with \/\//],
    [['--api-base', '/v2', '--timeout-ms', '0'], /positive whole number/],
    [['--api-base', '/v2', '--timeout-ms', '1.5'], /positive whole number/],
    [['--api-base', '/v2', '--timeout-ms', '-3'], /positive whole number/],
    [['--timeout-ms', '100'], /--api-base is required/],
    [['--api-base'], /--api-base needs a value/],
    [['--api-base', '/v2', '--colour', 'red'], /unknown option "--colour"/],
  ];
  for (const [args, message] of cases) {
    const r = run(dir, ...args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.equal(fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8'), before);
  assert.ok(fs.readFileSync(path.join(dir, 'dist', 'index.html.br')).equals(beforeBr));
  assert.ok(!fs.existsSync(path.join(dir, 'dist', '_headers')));
  const missing = spawnSync(SCRIPT, ['--api-base', '/v2', '--dist', path.join(dir, 'nope')], { encoding: 'utf8' });
  assert.match(missing.stderr, /index.html not found: build first/);
  fs.rmSync(dir, { recursive: true });
});
