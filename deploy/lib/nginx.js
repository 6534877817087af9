// deploy/nginx.conf: two server blocks for Debian's nginx 1.22 (http context,
// e.g. /etc/nginx/conf.d/): plain HTTP (behind a TLS terminator, or for a
// test) and TLS with HSTS. nginx's add_header is not inherited by a location
// that has its own add_header, so every location repeats the full set.
const { GENERATED_NOTE, securityHeaders } = require('./policy');

// Quotes are escaped; backslashes (the hashed-asset regex) are kept as written.
const quote = (v) => `"${v.replace(/"/g, '\\"')}"`;
const addHeader = (name, value, always = true) => `add_header ${name} ${quote(value)}${always ? ' always' : ''};`;
// The module that sends a file's precompressed copy, per encoding of policy.json's "precompressed".
// brotli_static is Debian's libnginx-mod-http-brotli-static (a dynamic module
// its package enables); gzip_static is built into Debian's nginx.
const STATIC_MODULE = { br: 'brotli_static on;', gzip: 'gzip_static on;' };

function locations(policy, headers) {
  const sec = headers.map(([n, v]) => addHeader(n, v));
  const block = (open, lines) => [`location ${open} {`, ...[...lines, ...sec].map((l) => `    ${l}`), '}'];
  const { prefix, upstream } = policy.proxy;
  const upstreamHost = new URL(upstream).host;
  return [
    '# The console and its SPA fallback: unknown paths (deep links) get index.html.',
    ...block('/', ['try_files $uri /index.html;', addHeader('Cache-Control', policy.cache.page)]),
    '# Hashed build output (trunk names every .js/.wasm/.css by content hash):',
    '# cached for good; a missing one is a 404, never index.html. Cache-Control',
    '# without "always", so a 404 is not cached for a year.',
    ...block(`~ ${quote(policy.hashedAsset)}`, ['try_files $uri =404;', addHeader('Cache-Control', policy.cache.hashed, false)]),
    '# The API, same origin: the Authorization header passes through unchanged',
    '# (nginx forwards request headers as they came). Answers carry tokens: no-store.',
    ...block(prefix, [
      `proxy_pass ${upstream}${prefix};`,
      `proxy_set_header Host ${upstreamHost};`,
      'proxy_ssl_server_name on;',
      'proxy_http_version 1.1;',
      'proxy_hide_header Cache-Control;',
      addHeader('Cache-Control', policy.cache.api),
    ]),
  ];
}

function serverBlock(policy, headers, head) {
  const body = [
    ...head,
    `root ${policy.server.root};`,
    'index index.html;',
    'server_tokens off;',
    '# The build\'s .br / .gz copies (scripts/precompress.js), sent when the client',
    '# accepts that encoding; gzip_vary adds Vary: Accept-Encoding to both.',
    ...policy.precompressed.encodings.map((e) => STATIC_MODULE[e]),
    '# What has no copy (API answers) is compressed on the fly.',
    'gzip on;',
    'gzip_vary on;',
    'gzip_min_length 256;',
    `gzip_types ${policy.compressTypes.join(' ')};`,
    '# Also on answers nginx makes itself (errors before a location applies).',
    ...headers.map(([n, v]) => addHeader(n, v)),
    '',
    ...locations(policy, headers),
  ];
  return ['server {', ...body.map((l) => (l ? `    ${l}` : '')), '}'];
}

/** The whole nginx.conf text; `csp` is the header policy (per build or generic). */
function nginxConf(policy, csp = policy.csp) {
  const headers = securityHeaders(policy, csp);
  const s = policy.server;
  return [
    `# ${GENERATED_NOTE}`,
    '#',
    '# Debian nginx 1.22: copy to /etc/nginx/conf.d/exotel-console.conf (it is',
    '# http-context content) and put dist/ at the root below. Use the copy that',
    '# scripts/configure-dist --server-config writes: it carries your build\'s',
    '# script hashes and API host in the Content-Security-Policy. brotli_static',
    '# needs Debian\'s libnginx-mod-http-brotli-static (README, Deploy).',
    '',
    '# Plain HTTP: behind a TLS-terminating proxy or load balancer (no HSTS here:',
    '# browsers ignore it over HTTP; the terminator should send it).',
    ...serverBlock(policy, headers, [`listen ${s.httpListen};`]),
    '',
    '# TLS: certificate paths are placeholders.',
    ...serverBlock(policy, [...headers, ['Strict-Transport-Security', policy.hsts]], [
      `listen ${s.tlsListen} ssl http2;`,
      `server_name ${s.tlsName};`,
      `ssl_certificate ${s.tlsCertificate};`,
      `ssl_certificate_key ${s.tlsCertificateKey};`,
    ]),
    '',
  ].join('\n');
}

module.exports = { nginxConf };
