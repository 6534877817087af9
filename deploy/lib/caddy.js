// deploy/Caddyfile for Debian's caddy 2.6: one snippet with every rule, a TLS
// site (automatic HTTPS, plus HSTS, which Caddy does not add by itself) and a
// plain-HTTP site for behind a TLS terminator.
const { GENERATED_NOTE, securityHeaders } = require('./policy');

// Quotes are escaped; backslashes (the hashed-asset regex) are kept as written.
const quote = (v) => `"${v.replace(/"/g, '\\"')}"`;

function headerBlock(headers, indent) {
  return [
    `${indent}header {`,
    `${indent}\tdefer`,
    ...headers.map(([n, v]) => `${indent}\t${n} ${quote(v)}`),
    `${indent}\t-Server`,
    `${indent}}`,
  ];
}

function snippet(policy, headers) {
  const { prefix, upstream } = policy.proxy;
  return [
    '(exotel-console) {',
    `\troot * ${policy.server.root}`,
    '\t# What has no precompressed copy (API answers) is compressed on the fly;',
    '\t# Caddy 2.6 compresses no application/wasm unless told: the types are listed.',
    '\tencode gzip zstd {',
    '\t\tmatch {',
    ...policy.compressTypes.map((t) => `\t\t\theader Content-Type ${t}*`),
    '\t\t\theader Content-Type text/html*',
    '\t\t}',
    '\t}',
    '\t# defer: set when the answer is written, so they replace any the',
    '\t# API sends and apply to every answer (errors and proxied ones too).',
    ...headerBlock(headers, '\t'),
    '\t# Errors (a missing file) are answered outside the routes: same headers.',
    '\thandle_errors {',
    ...headerBlock(headers, '\t\t'),
    '\t}',
    '\t# The API, same origin: Authorization passes through unchanged;',
    '\t# the upstream sees its own host name. Answers carry tokens: no-store.',
    `\thandle ${prefix}* {`,
    `\t\treverse_proxy ${upstream} {`,
    '\t\t\theader_up Host {upstream_hostport}',
    `\t\t\theader_down Cache-Control ${quote(policy.cache.api)}`,
    '\t\t}',
    '\t}',
    '\t# Hashed build output (when it exists) cached for good, the rest revalidated;',
    '\t# SPA fallback: unknown paths (deep links) get index.html, a missing',
    '\t# hashed asset stays a 404.',
    '\thandle {',
    '\t\t@hashed {',
    `\t\t\tpath_regexp hashed ${quote(policy.hashedAsset)}`,
    '\t\t\tfile',
    '\t\t}',
    `\t\theader @hashed Cache-Control ${quote(policy.cache.hashed)}`,
    `\t\t@page not path_regexp page ${quote(policy.hashedAsset)}`,
    `\t\theader @page Cache-Control ${quote(policy.cache.page)}`,
    '\t\t@spa {',
    `\t\t\tnot path_regexp ${quote(policy.hashedAsset)}`,
    '\t\t\tnot file',
    '\t\t}',
    '\t\trewrite @spa /index.html',
    '\t\t# Caddy sends Vary only with an encoded answer; a shared cache must also',
    '\t\t# know that the uncompressed one depends on Accept-Encoding. Deferred, so',
    '\t\t# it replaces file_server\'s own: one Vary either way.',
    '\t\theader {',
    '\t\t\tdefer',
    '\t\t\tVary "Accept-Encoding"',
    '\t\t}',
    '\t\t# The build\'s .br / .gz copies (scripts/precompress.js), in this order of',
    '\t\t# preference, when the client accepts the encoding; encode leaves them as they are.',
    '\t\tfile_server {',
    `\t\t\tprecompressed ${policy.precompressed.encodings.join(' ')}`,
    '\t\t}',
    '\t}',
    '}',
  ];
}

/** The whole Caddyfile text; `csp` is the header policy (per build or generic). */
function caddyfile(policy, csp = policy.csp) {
  const s = policy.server;
  return [
    `# ${GENERATED_NOTE}`,
    '#',
    '# Debian caddy 2.6: copy to /etc/caddy/Caddyfile, put dist/ at the root',
    '# below and set your host name. Use the copy that scripts/configure-dist',
    '# --server-config writes: it carries your build\'s script hashes and API',
    '# host in the Content-Security-Policy.',
    '',
    ...snippet(policy, securityHeaders(policy, csp)),
    '',
    '# TLS with automatic certificates.',
    `${s.tlsName} {`,
    '\timport exotel-console',
    `\theader Strict-Transport-Security ${quote(policy.hsts)}`,
    '}',
    '',
    '# Plain HTTP, behind a TLS terminator (no HSTS over HTTP).',
    `http://:${s.httpListen} {`,
    '\timport exotel-console',
    '}',
    '',
  ].join('\n');
}

module.exports = { caddyfile };
