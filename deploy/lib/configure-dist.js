// scripts/configure-dist: points a built dist/ at an API, no rebuild. Rewrites
// index.html's exotel-api-base meta, the meta CSP's connect-src and (if given)
// the timeout meta, then writes the dist's _headers/_redirects (and, with
// --server-config, nginx.conf + Caddyfile) from deploy/policy.json with the
// same CSP. connect-src is always rebuilt from policy.json, so running it
// again with another host replaces the host instead of adding one.
// index.html's compressed copies (.br, .gz) are rewritten with it: nginx and
// Caddy send a copy in place of the file, so a stale one would undo the edit.
const fs = require('fs');
const path = require('path');
const { loadPolicy, metaCspOf, parseCsp, serializeCsp } = require('./policy');
const { filesForBuild } = require('../generate');
const { precompressFile } = require('../../scripts/precompress');

const USAGE = 'usage: scripts/configure-dist --api-base URL [--timeout-ms N] [--dist DIR] [--server-config DIR]';

function parseArgs(argv) {
  const opts = { dist: 'dist' };
  const names = { '--api-base': 'apiBase', '--timeout-ms': 'timeoutMs', '--dist': 'dist', '--server-config': 'serverConfig' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key) throw new Error(`unknown option "${argv[i]}"\n${USAGE}`);
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value\n${USAGE}`);
    opts[key] = argv[i + 1];
  }
  if (opts.apiBase === undefined) throw new Error(`--api-base is required\n${USAGE}`);
  return opts;
}

/** The API base as written, and its origin if it is on another host (else null). */
function checkApiBase(value) {
  const bad = (why) => new Error(`--api-base "${value}": ${why}; expected http(s)://host[:port][/path] or a path starting with /`);
  if (/[\s"'<>;,\\`]/.test(value)) throw bad('it contains a space, quote, <, >, ; , \\ or `');
  if (value.startsWith('/')) {
    if (value.startsWith('//')) throw bad('a path must not start with //');
    if (/[?#]/.test(value)) throw bad('no query or fragment');
    return { base: value, origin: null };
  }
  let url;
  try { url = new URL(value); } catch { throw bad('not a URL'); }
  if (!/^https?:$/.test(url.protocol) || !/^https?:\/\/[^/]/i.test(value)) throw bad('only http:// and https:// are allowed');
  if (url.username || url.password) throw bad('no user name or password in the URL');
  if (url.search || url.hash || /[?#]/.test(value)) throw bad('no query or fragment');
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) throw bad('the host name has characters a host cannot have');
  return { base: value.replace(/\/+$/, ''), origin: url.origin };
}

function checkTimeout(value) {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new Error(`--timeout-ms "${value}": expected a positive whole number of milliseconds (e.g. 15000)`);
  }
  return value;
}

function replaceOnce(html, re, replacement, what) {
  if (!re.test(html)) throw new Error(`index.html: ${what} not found`);
  return html.replace(re, replacement);
}

// The connection to an API on another host is opened while the wasm
// downloads, so the first call (sign-in's POST /token) does not wait for
// DNS, TCP and TLS: two or three round trips at Mumbai's distance. `crossorigin`:
// the console's fetches carry no cookies, and a browser keeps such
// connections apart from credentialed ones.
const PRECONNECT = /\n? *<link rel="preconnect" href="[^"]*" crossorigin data-api-origin \/>/g;

/** `html` with one preconnect to `origin` after the base meta, or none for the same origin. */
function withPreconnect(html, origin) {
  const out = html.replace(PRECONNECT, '');
  if (!origin) return out;
  return out.replace(/(\n?( *)<meta\s+name="exotel-api-base"[^>]*>)/,
    `$1\n$2<link rel="preconnect" href="${origin}" crossorigin data-api-origin />`);
}

/** The edited index.html text. */
function editIndex(html, { base, origin, timeoutMs }, policy) {
  const connect = policy.csp.find(([name]) => name === 'connect-src');
  const sources = origin && !connect.includes(origin) ? [...connect, origin] : connect;
  const csp = parseCsp(metaCspOf(html)).map((d) => (d[0] === 'connect-src' ? sources : d));
  let out = replaceOnce(html, /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/,
    `$1${serializeCsp(csp)}$2`, 'the Content-Security-Policy meta');
  out = replaceOnce(out, /(<meta\s+name="exotel-api-base"\s+content=")[^"]*(")/, `$1${base}$2`, 'the exotel-api-base meta');
  out = withPreconnect(out, origin);
  if (timeoutMs !== undefined) {
    out = replaceOnce(out, /(<meta\s+name="exotel-api-timeout-ms"\s+content=")[^"]*(")/, `$1${timeoutMs}$2`,
      'the exotel-api-timeout-ms meta');
  }
  return out;
}

function configure(argv, log = console.log) {
  const opts = parseArgs(argv);
  const api = checkApiBase(opts.apiBase);
  const timeoutMs = opts.timeoutMs === undefined ? undefined : checkTimeout(opts.timeoutMs);
  const index = path.join(opts.dist, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} not found: build first (trunk build --release) or pass --dist DIR`);
  const policy = loadPolicy();
  const html = editIndex(fs.readFileSync(index, 'utf8'), { ...api, timeoutMs }, policy);
  const files = filesForBuild(policy, html);
  fs.writeFileSync(index, html);
  precompressFile(index);
  for (const name of ['_headers', '_redirects']) fs.writeFileSync(path.join(opts.dist, name), files[name]);
  log(`configure-dist: ${index}: API base ${api.base}${api.origin ? `, connect-src + ${api.origin}` : ''}` +
    `${timeoutMs ? `, timeout ${timeoutMs} ms` : ''}; rewrote its .br and .gz; wrote _headers and _redirects`);
  if (opts.serverConfig) {
    fs.mkdirSync(opts.serverConfig, { recursive: true });
    for (const name of ['nginx.conf', 'Caddyfile']) fs.writeFileSync(path.join(opts.serverConfig, name), files[name]);
    log(`configure-dist: wrote ${opts.serverConfig}/nginx.conf and ${opts.serverConfig}/Caddyfile`);
  }
}

if (require.main === module) {
  try {
    configure(process.argv.slice(2));
  } catch (e) {
    console.error(`configure-dist: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { configure, checkApiBase, checkTimeout, editIndex };
