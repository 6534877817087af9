// The one source and the files generated from it: fresh (the staleness
// test), consistent with index.html's meta policy, and the same header set in
// every format. Run: node --test deploy/test/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { filesFor, filesForBuild, staleFiles } = require('../generate');
const P = require('../lib/policy');
const { parseHeadersFile } = require('../lib/static-host');
const { renderNginx } = require('../lib/render-for-test');

const ROOT = path.join(__dirname, '..', '..');
const policy = P.loadPolicy();
const SOURCE_INDEX = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
const FAKE_HASH = "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='";
const builtIndex = () => SOURCE_INDEX.replace(P.HASH_MARKER, FAKE_HASH);

/** [[name, value]] of every add_header in an nginx server block's text, Cache-Control aside. */
function nginxHeaders(block) {
  const set = new Map();
  for (const m of block.matchAll(/add_header (\S+) "((?:[^"\\]|\\.)*)"/g)) {
    if (m[1] !== 'Cache-Control') set.set(m[1], m[2]);
  }
  return set;
}

test('committed deploy/ files are what deploy/policy.json generates (staleness)', () => {
  assert.deepEqual(staleFiles(), []);
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'deploy', 'generate.js'), '--check'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
});

test('a changed or missing generated file is named as stale', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-stale-'));
  for (const [name, text] of Object.entries(filesFor(policy))) fs.writeFileSync(path.join(dir, name), text);
  assert.deepEqual(staleFiles(dir), []);
  fs.appendFileSync(path.join(dir, '_headers'), '/extra\n  X-Test: 1\n');
  fs.rmSync(path.join(dir, 'Caddyfile'));
  assert.deepEqual(staleFiles(dir).map((f) => path.basename(f)).sort(), ['Caddyfile', '_headers']);
  fs.rmSync(dir, { recursive: true });
});

test('every generated file starts with the do-not-edit line', () => {
  for (const [name, text] of Object.entries(filesFor(policy))) {
    assert.equal(text.split('\n')[0], `# ${P.GENERATED_NOTE}`, name);
  }
});

test("index.html's meta CSP is policy.json's policy without frame-ancestors", () => {
  assert.equal(P.metaCspOf(SOURCE_INDEX), P.serializeCsp(P.metaDirectives(policy)));
  assert.ok(policy.csp.some(([n, v]) => n === 'frame-ancestors' && v === "'none'"));
});

test('_headers, nginx (both servers) and Caddy carry the same security headers', () => {
  const files = filesFor(policy);
  const expected = new Map(P.securityHeaders(policy));
  const all = parseHeadersFile(files._headers).get('/*');
  const staticHost = new Map(all);
  assert.equal(staticHost.get('Strict-Transport-Security'), policy.hsts);
  staticHost.delete('Strict-Transport-Security');
  assert.deepEqual(staticHost, expected);
  assert.equal(all.length, expected.size + 1, 'no header set twice');

  const rendered = renderNginx(files['nginx.conf'], {
    httpPort: 1, tlsPort: 2, root: '/srv', upstream: 'http://127.0.0.1:3', cert: '/c', key: '/k',
  });
  const [plain, tls] = rendered.split(/^server \{$/m).slice(1);
  assert.deepEqual(nginxHeaders(plain), expected);
  assert.deepEqual(nginxHeaders(tls), new Map([...expected, ['Strict-Transport-Security', policy.hsts]]));
  // Every location repeats the full set (nginx's add_header inheritance).
  for (const loc of rendered.split(/\n\s*location /).slice(1)) {
    const body = loc.slice(0, loc.indexOf('\n    }'));
    for (const [name] of expected) assert.ok(body.includes(`add_header ${name} `), `${name} in location ${loc.split('\n')[0]}`);
  }
  for (const [name, value] of expected) {
    assert.ok(files.Caddyfile.includes(`\t\t${name} "${value}"`), `${name} in the Caddyfile`);
  }
});

test("nginx and Caddy send the build's precompressed copies, brotli first, on every server", () => {
  const files = filesFor(policy);
  assert.deepEqual(policy.precompressed.encodings, ['br', 'gzip']);
  const [plain, tls] = files['nginx.conf'].split(/^server \{$/m).slice(1);
  for (const block of [plain, tls]) {
    assert.match(block, /^ {4}brotli_static on;$/m);
    assert.match(block, /^ {4}gzip_static on;$/m);
    assert.match(block, /^ {4}gzip_vary on;$/m, 'Vary: Accept-Encoding on what gzip_static sends');
  }
  // One file_server, inside the snippet both sites import.
  const servers = files.Caddyfile.match(/^\t+file_server\b.*$/gm).map((l) => l.trim());
  assert.deepEqual(servers, ['file_server {']);
  assert.match(files.Caddyfile, /\t\tfile_server \{\n\t\t\tprecompressed br gzip\n\t\t\}/);
});

test('_redirects: the API proxy first, then the SPA fallback', () => {
  const rules = filesFor(policy)._redirects.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(rules, [
    '/v2/integrations/*  https://integrationscore.mum1.exotel.com/v2/integrations/:splat  200',
    '/*  /index.html  200',
  ]);
});

test("per-build files differ from the committed ones only by the build's script hashes", () => {
  const generic = filesFor(policy);
  const built = filesForBuild(policy, builtIndex());
  for (const [name, text] of Object.entries(generic)) {
    assert.equal(built[name], text.split(P.HASH_MARKER).join(FAKE_HASH), name);
  }
  assert.ok(built['nginx.conf'].includes(FAKE_HASH));
});

test('a build whose meta policy drifted from policy.json is refused', () => {
  const drifted = builtIndex().replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  assert.throws(() => filesForBuild(policy, drifted), /style-src .* differs from deploy\/policy.json/);
  assert.throws(() => filesForBuild(policy, SOURCE_INDEX), /unfilled script hash marker/);
  assert.throws(() => filesForBuild(policy, builtIndex().replace('manifest-src', 'worker-src')), /no manifest-src/);
});
