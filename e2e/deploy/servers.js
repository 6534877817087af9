// Global setup of playwright.deploy.config.js: a copy of the build configured
// by scripts/configure-dist (as a deployer would), a sandbox API, Debian's
// nginx running the nginx.conf that configure-dist wrote and Caddy running its
// Caddyfile (both rendered by deploy/lib/render-for-test.js: ports, root,
// upstream, certificate only), and a page of another origin that frames the
// console. Returns the teardown that stops them all.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn, execFileSync } = require('child_process');
const { renderNginx, renderCaddy } = require('../../deploy/lib/render-for-test');
const { PORTS, DIST } = require('./ports');

const ROOT = path.join(__dirname, '..', '..');

function prepareDist(work) {
  const dist = path.join(work, 'dist');
  fs.cpSync(path.resolve(ROOT, DIST), dist, { recursive: true });
  execFileSync(path.join(ROOT, 'scripts', 'configure-dist'),
    ['--api-base', '/v2/integrations', '--dist', dist, '--server-config', path.join(work, 'shipped')], { stdio: 'pipe' });
  return dist;
}

/** A self-signed certificate for 127.0.0.1 (nginx's TLS server block). */
function certificate(work) {
  const cert = path.join(work, 'cert.pem');
  const key = path.join(work, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
  return { cert, key };
}

/** nginx's main context around the rendered file, like Debian's nginx.conf: the
 * enabled dynamic modules (brotli_static's, from libnginx-mod-http-brotli-static)
 * loaded, gzip on at http level. */
function nginxMain(work, site) {
  const dir = path.join(work, 'nginx');
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  // Debian's modules-enabled files load "modules/<name>.so", relative to the
  // prefix (-p, this folder here; /usr/share/nginx, a link to them, in Debian).
  fs.symlinkSync('/usr/lib/nginx/modules', path.join(dir, 'modules'));
  fs.writeFileSync(path.join(dir, 'exotel-console.conf'), site);
  const user = process.getuid && process.getuid() === 0 ? 'user www-data;\n' : '';
  const tmp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp/${t};`);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `${user}include /etc/nginx/modules-enabled/*.conf;
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
${tmp.join('\n')}
  sendfile on;
  gzip on;
  include ${dir}/exotel-console.conf;
}
`);
  return dir;
}

/** Caddy's global options (admin API off, no trust-store install, local CA), then the rendered file. */
function caddyConfig(work, site) {
  const file = path.join(work, 'Caddyfile');
  fs.writeFileSync(file, `{
\tadmin off
\tskip_install_trust
\tlocal_certs
\tauto_https disable_redirects
\tstorage file_system ${work}/caddy-data
}

${site}`);
  return file;
}

/** A page of another origin whose iframe shows the console: /<port> frames 127.0.0.1:<port>/connect. */
function framingServer() {
  const page = (port) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><h1>Another site</h1><iframe title="framed console" width="900" height="600"
src="http://127.0.0.1:${port}/connect"></iframe></body></html>`;
  const server = http.createServer((req, res) => {
    const port = Number(req.url.slice(1));
    if (![PORTS.nginx, PORTS.caddy].includes(port)) return res.writeHead(404).end();
    return res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(port));
  });
  return new Promise((resolve) => server.listen(PORTS.framer, '127.0.0.1', () => resolve(server)));
}

function start(name, command, args, work, env = {}) {
  const log = fs.openSync(path.join(work, `${name}.log`), 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  child.on('exit', (code) => { if (code) console.error(`${name} exited with ${code}: see ${work}/${name}.log`); });
  return child;
}

/** Waits until a URL answers (any status), or fails naming the server and its log. */
async function waitFor(name, url, work, insecure = false) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const lib = url.startsWith('https') ? require('https') : http;
      await new Promise((ok, fail) => lib.get(url, { rejectUnauthorized: !insecure }, (r) => { r.resume(); ok(); }).on('error', fail));
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        const log = fs.readFileSync(path.join(work, `${name}.log`), 'utf8');
        throw new Error(`${name} did not answer at ${url}: ${e.message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Fails when something already listens on a port: the tests must not reach a leftover server. */
async function assertFree(port) {
  const taken = await new Promise((resolve) => {
    const socket = require('net').connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
  if (taken) throw new Error(`port ${port} is in use: stop what listens there or set E2E_DEPLOY_PORT_BASE`);
}

module.exports = async () => {
  for (const port of Object.values(PORTS)) await assertFree(port);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'exotel-deploy-'));
  fs.chmodSync(work, 0o755); // nginx's workers (www-data when run as root) read the dist
  const dist = prepareDist(work);
  const upstream = `http://127.0.0.1:${PORTS.sandbox}`;
  const nginxDir = nginxMain(work, renderNginx(fs.readFileSync(path.join(work, 'shipped', 'nginx.conf'), 'utf8'),
    { httpPort: PORTS.nginx, tlsPort: PORTS.nginxTls, root: dist, upstream, ...certificate(work) }));
  const caddyFile = caddyConfig(work, renderCaddy(fs.readFileSync(path.join(work, 'shipped', 'Caddyfile'), 'utf8'),
    { httpPort: PORTS.caddy, tlsPort: PORTS.caddyTls, root: dist, upstream }));
  const children = [
    start('sandbox', path.join(ROOT, 'target/debug/exotel-sandbox'), ['--port', `${PORTS.sandbox}`, '--faults', '--quiet'], work),
    start('nginx', fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-p', nginxDir, '-c', path.join(nginxDir, 'nginx.conf'), '-e', path.join(nginxDir, 'error.log')], work),
    start('caddy', 'caddy', ['run', '--config', caddyFile, '--adapter', 'caddyfile'], work,
      { HOME: work, XDG_DATA_HOME: `${work}/xdg-data`, XDG_CONFIG_HOME: `${work}/xdg-config` }),
  ];
  const stop = () => { for (const c of children) if (c.exitCode === null) c.kill('SIGTERM'); };
  process.on('exit', stop); // also when the run is interrupted
  const framer = await framingServer();
  const teardown = async () => {
    stop();
    framer.close();
    if (!process.env.E2E_DEPLOY_KEEP) fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitFor('sandbox', `${upstream}/__sandbox/state`, work);
    await waitFor('nginx', `http://127.0.0.1:${PORTS.nginx}/`, work);
    await waitFor('nginx', `https://127.0.0.1:${PORTS.nginxTls}/`, work, true);
    await waitFor('caddy', `http://127.0.0.1:${PORTS.caddy}/`, work);
    await waitFor('caddy', `https://127.0.0.1:${PORTS.caddyTls}/`, work, true);
  } catch (e) {
    await teardown();
    throw e;
  }
  process.env.E2E_DEPLOY_WORK = work;
  return teardown;
};
