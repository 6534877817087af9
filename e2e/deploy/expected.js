// What every response of the deploy suite must carry, computed from
// deploy/policy.json and the configured build's index.html (its script hashes
// and connect-src), the same inputs scripts/configure-dist used.
const fs = require('fs');
const path = require('path');
const { loadPolicy, cspForBuild, securityHeaders } = require('../../deploy/lib/policy');
const { PORTS } = require('./ports');

const policy = loadPolicy();

function work() {
  const dir = process.env.E2E_DEPLOY_WORK;
  if (!dir) throw new Error('E2E_DEPLOY_WORK is not set: run with -c playwright.deploy.config.js');
  return dir;
}

const distFile = (name) => path.join(work(), 'dist', name);

function expectedHeaders() {
  return securityHeaders(policy, cspForBuild(policy, fs.readFileSync(distFile('index.html'), 'utf8')));
}

/** The build's hashed assets by extension: { js, wasm, css } → file name. */
/** One file of each kind the build ships: [extension, name] pairs. */
function hashedAssets() {
  const names = fs.readdirSync(path.dirname(distFile('index.html')));
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

const SERVERS = [
  { name: 'nginx', url: `http://127.0.0.1:${PORTS.nginx}`, tls: false },
  { name: 'nginx TLS', url: `https://127.0.0.1:${PORTS.nginxTls}`, tls: true },
  { name: 'caddy', url: `http://127.0.0.1:${PORTS.caddy}`, tls: false },
  { name: 'caddy TLS', url: `https://127.0.0.1:${PORTS.caddyTls}`, tls: true },
];

module.exports = { policy, expectedHeaders, hashedAssets, SERVERS, PORTS };
