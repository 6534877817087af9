// What every response of the deploy suite must carry, computed from
// deploy/policy.json and the configured build's index.html (its script hashes
// and connect-src), the same inputs scripts/configure-dist used.
const fs = require('fs');
const path = require('path');
const { expect } = require('@playwright/test');
const { loadPolicy, cspForBuild, securityHeaders } = require('../../deploy/lib/policy');
const { firstLoadFiles } = require('../../scripts/size-budget');
const { PORTS } = require('./ports');

const policy = loadPolicy();

function work() {
  const dir = process.env.E2E_DEPLOY_WORK;
  if (!dir) throw new Error('E2E_DEPLOY_WORK is not set: run with -c playwright.deploy.config.js');
  return dir;
}

const distDir = () => path.join(work(), 'dist');
const distFile = (name) => path.join(distDir(), name);

function expectedHeaders() {
  return securityHeaders(policy, cspForBuild(policy, fs.readFileSync(distFile('index.html'), 'utf8')));
}

/** One file of each kind the build ships: [extension, name] pairs. */
function hashedAssets() {
  const names = fs.readdirSync(distDir());
  const pick = (ext, prefix) =>
    names.find((n) => new RegExp(policy.hashedAsset).test(`/${n}`) && n.startsWith(prefix) && n.endsWith(`.${ext}`));
  return [
    ['js', pick('js', 'exotel-console-')], // the wasm-bindgen glue
    ['js', pick('js', 'wasm-split-')], // the lazy pages' loader
    ['wasm', pick('wasm', 'exotel-console-')], // the main module
    ['wasm', pick('wasm', 'split-settings-page-')], // a lazy page's chunk
    ['css', pick('css', 'main-')],
  ];
}

/** The Content-Type each kind of file must be sent with. */
const TYPES = { html: /^text\/html/, js: /^(application|text)\/javascript/, wasm: /^application\/wasm$/, css: /^text\/css/ };

/**
 * What the first load fetches (index.html asked as "/", the way a browser
 * asks) and one lazy page's chunk: { path, file, ext, cache, firstLoad }.
 */
function firstLoadAndChunk() {
  const first = firstLoadFiles(distDir()).map((file) => ({ file, firstLoad: true }));
  const chunk = hashedAssets().find(([, name]) => name.startsWith('split-settings-page-'))[1];
  return [...first, { file: chunk, firstLoad: false }].map((f) => {
    const page = f.file === 'index.html';
    return {
      ...f,
      path: page ? '/' : `/${f.file}`,
      ext: path.extname(f.file).slice(1),
      cache: page ? policy.cache.page : policy.cache.hashed,
    };
  });
}

/** name (lower case) → every value sent under it, from [name, value] pairs. */
function headerMap(pairs) {
  const all = new Map();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    all.set(key, [...(all.get(key) || []), value]);
  }
  return all;
}

/** The security headers (exactly once, exact values) in `got` (headerMap); HSTS only over TLS. */
function expectSecurityHeaders(got, what, tls) {
  for (const [name, value] of expectedHeaders()) {
    expect(got.get(name.toLowerCase()), `${name} of ${what}`).toEqual([value]);
  }
  const hsts = got.get('strict-transport-security');
  if (tls) expect(hsts, `HSTS of ${what}`).toEqual([policy.hsts]);
  else expect(hsts, `no HSTS over plain HTTP: ${what}`).toBeUndefined();
}

const SERVERS = [
  { name: 'nginx', url: `http://127.0.0.1:${PORTS.nginx}`, tls: false },
  { name: 'nginx TLS', url: `https://127.0.0.1:${PORTS.nginxTls}`, tls: true },
  { name: 'caddy', url: `http://127.0.0.1:${PORTS.caddy}`, tls: false },
  { name: 'caddy TLS', url: `https://127.0.0.1:${PORTS.caddyTls}`, tls: true },
];

module.exports = {
  policy, expectedHeaders, hashedAssets, distDir, distFile, TYPES, firstLoadAndChunk, headerMap, expectSecurityHeaders, SERVERS, PORTS,
};
