// The bench's web server, in front of the sandbox: it serves a build the way
// the shipped nginx and Caddy configs do (deploy/), so a throttled figure is
// what a deployment gives. A file goes out as its brotli-11 or gzip copy
// (written by scripts/precompress.js) when the browser accepts that encoding,
// in deploy/policy.json's order of preference, else as it is; index.html
// answers unknown paths (the SPA fallback) with no-cache, like the sandbox's
// --static-dir did. The API and the sandbox's controls pass through to the
// sandbox, and an answer of a type deploy/policy.json's compressTypes names
// is gzipped on the fly when the browser accepts gzip, as nginx's `gzip on`
// (level 1, 256 bytes and up) does: 10,000 users are megabytes of JSON, and
// at a far admin's bandwidth the compression is part of the wait.
// It speaks HTTP/2 over TLS (HTTP/1.1 allowed), as the shipped configs'
// TLS servers do (nginx `listen 443 ssl http2`, Caddy's HTTPS), with a
// self-signed certificate for 127.0.0.1 made once with openssl
// (target/bench-tls/); BENCH_HTTP1=1 serves plain HTTP/1.1 as before. Far
// from the API the protocol counts: over HTTP/1.1 a browser opens 6
// connections to a host and queues the rest of its requests.
const fs = require('fs');
const http = require('http');
const http2 = require('http2');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { ENCODERS, precompressedPolicy } = require('../scripts/precompress');

const POLICY = JSON.parse(fs.readFileSync(path.join(__dirname, '../deploy/policy.json'), 'utf8'));
// nginx's defaults under the shipped config: gzip_comp_level 1, gzip_min_length 256.
const GZIP_LEVEL = 1;
const GZIP_MIN_LENGTH = 256;
const TLS = !process.env.BENCH_HTTP1;
const TLS_DIR = path.join(__dirname, '../target/bench-tls');
// Connection headers: HTTP/2 refuses them in an answer, and they are the
// front's own business, not the upstream's.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** The front's origin on `port`. */
const frontOrigin = (port) => `${TLS ? 'https' : 'http'}://127.0.0.1:${port}`;

/** A self-signed certificate for 127.0.0.1, made once. */
function certificate() {
  const key = path.join(TLS_DIR, 'key.pem');
  const cert = path.join(TLS_DIR, 'cert.pem');
  if (!fs.existsSync(cert)) {
    fs.mkdirSync(TLS_DIR, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '3650',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** `headers` without HTTP/2's pseudo-headers and connection headers. */
function endToEnd(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith(':') && !HOP_BY_HOP.has(k)));
}

const PASSED_ON = /^\/(v2|__sandbox)(\/|$)/;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain', '.ico': 'image/x-icon', '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The encodings an Accept-Encoding header accepts (those not given q=0). */
function accepted(header = '') {
  return new Set(header.split(',').map((part) => part.trim().split(/\s*;\s*/))
    .filter(([name, q]) => name && !/^q=0(\.0*)?$/i.test(q || ''))
    .map(([name]) => name.toLowerCase()));
}

/** The file `urlPath` names in `dir`, or index.html when there is none (or the path is malformed). */
function fileFor(dir, urlPath) {
  let file;
  try { file = path.join(dir, decodeURIComponent(urlPath)); } catch { file = dir; }
  const inside = file.startsWith(dir + path.sep);
  return inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html');
}

function serveFile(dir, encodings, req, res) {
  const file = fileFor(dir, new URL(req.url, 'http://front').pathname);
  const ok = accepted(req.headers['accept-encoding']);
  const encoding = encodings.find((e) => ok.has(e) && fs.existsSync(file + ENCODERS[e].suffix));
  const body = fs.readFileSync(encoding ? file + ENCODERS[encoding].suffix : file);
  const ext = path.extname(file);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] || 'application/octet-stream',
    'Content-Length': body.length,
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    ...(ext === '.html' ? { 'Cache-Control': 'no-cache' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Whether to gzip an upstream answer on its way, as nginx would. */
function gzipsAnswer(req, answer) {
  const type = (answer.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  const length = Number(answer.headers['content-length'] || GZIP_MIN_LENGTH);
  return accepted(req.headers['accept-encoding']).has('gzip') && !answer.headers['content-encoding']
    && POLICY.compressTypes.includes(type) && length >= GZIP_MIN_LENGTH && req.method !== 'HEAD';
}

function passOn(upstream, agent, req, res) {
  const sent = { ...endToEnd(req.headers), host: req.headers[':authority'] || req.headers.host };
  const out = http.request(`${upstream}${req.url}`, { method: req.method, headers: sent, agent }, (answer) => {
    const headers = endToEnd(answer.headers);
    if (!gzipsAnswer(req, answer)) {
      res.writeHead(answer.statusCode, headers);
      answer.pipe(res);
      return;
    }
    delete headers['content-length'];
    res.writeHead(answer.statusCode, { ...headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    answer.pipe(zlib.createGzip({ level: GZIP_LEVEL })).pipe(res);
  });
  out.on('error', (e) => res.writeHead(502).end(`bench front: ${e.message}`));
  req.pipe(out);
}

/** Serves `dir` on `port` and passes /v2/ and /__sandbox/ on to `upstream`; resolves with the server. */
function startFront(port, dir, upstream) {
  const root = path.resolve(dir);
  const { encodings } = precompressedPolicy();
  if (!fs.existsSync(path.join(root, 'index.html.br'))) {
    console.log(`[bench] ${dir} has no precompressed copies (scripts/precompress.js): its files are sent as they are`);
  }
  // Kept-alive connections to the sandbox, as nginx's and Caddy's would be
  // under load: no new TCP connection per API call.
  const agent = new http.Agent({ keepAlive: true });
  const handle = (req, res) => {
    if (PASSED_ON.test(req.url)) return passOn(upstream, agent, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return serveFile(root, encodings, req, res);
  };
  const server = TLS ? http2.createSecureServer({ ...certificate(), allowHTTP1: true }, handle) : http.createServer(handle);
  // Every connection, to end them all on stop (HTTP/2 sessions and HTTP/1.1 sockets).
  server.open = new Set();
  server.on(TLS ? 'secureConnection' : 'connection', (socket) => {
    server.open.add(socket);
    socket.on('close', () => server.open.delete(socket));
  });
  server.on('close', () => agent.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`bench front on port ${port}: ${e.message}`)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Stops the server and its kept-alive connections. */
function stopFront(server) {
  for (const socket of server.open) socket.destroy();
  return new Promise((resolve) => server.close(resolve));
}

module.exports = { startFront, stopFront, frontOrigin, TLS };
