// The bench's web server, in front of the sandbox: it serves a build the way
// the shipped nginx and Caddy configs do (deploy/), so a throttled figure is
// what a deployment gives. A file goes out as its brotli-11 or gzip copy
// (written by scripts/precompress.js) when the browser accepts that encoding,
// in deploy/policy.json's order of preference, else as it is; index.html
// answers unknown paths (the SPA fallback) with no-cache, like the sandbox's
// --static-dir did. The API and the sandbox's controls pass through to the
// sandbox unchanged (uncompressed: the upstream's answers are out of scope).
const fs = require('fs');
const http = require('http');
const path = require('path');
const { ENCODERS, precompressedPolicy } = require('../scripts/precompress');

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

function passOn(upstream, agent, req, res) {
  const out = http.request(`${upstream}${req.url}`, { method: req.method, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode, answer.rawHeaders);
    answer.pipe(res);
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
  const server = http.createServer((req, res) => {
    if (PASSED_ON.test(req.url)) return passOn(upstream, agent, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return serveFile(root, encodings, req, res);
  });
  server.on('close', () => agent.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`bench front on port ${port}: ${e.message}`)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Stops the server and its kept-alive connections. */
function stopFront(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
}

module.exports = { startFront, stopFront };
