// Renders a shipped (or per-build) nginx.conf / Caddyfile for a test run:
// only the listen addresses, the root dir, the upstream URL and (nginx) the
// certificate paths change. Each substitution is an exact string taken from
// deploy/policy.json and must occur exactly as often as expected, so a test
// server runs every other header, caching and proxy rule as shipped.
const { loadPolicy } = require('./policy');

function substitute(text, table) {
  let out = text;
  for (const [from, to, count] of table) {
    const found = out.split(from).length - 1;
    if (found !== count) throw new Error(`render: "${from}" found ${found} times, expected ${count}`);
    out = out.split(from).join(to);
  }
  return out;
}

/** opts: { httpPort, tlsPort, root, upstream, cert, key } */
function renderNginx(text, opts, policy = loadPolicy()) {
  const s = policy.server;
  const { prefix, upstream } = policy.proxy;
  return substitute(text, [
    [`listen ${s.httpListen};`, `listen 127.0.0.1:${opts.httpPort};`, 1],
    [`listen ${s.tlsListen} ssl http2;`, `listen 127.0.0.1:${opts.tlsPort} ssl http2;`, 1],
    [`root ${s.root};`, `root ${opts.root};`, 2],
    [`proxy_pass ${upstream}${prefix};`, `proxy_pass ${opts.upstream}${prefix};`, 2],
    [`ssl_certificate ${s.tlsCertificate};`, `ssl_certificate ${opts.cert};`, 1],
    [`ssl_certificate_key ${s.tlsCertificateKey};`, `ssl_certificate_key ${opts.key};`, 1],
  ]);
}

/** opts: { httpPort, tlsPort, root, upstream } */
function renderCaddy(text, opts, policy = loadPolicy()) {
  const s = policy.server;
  return substitute(text, [
    [`\n${s.tlsName} {`, `\nhttps://127.0.0.1:${opts.tlsPort} {`, 1],
    [`\nhttp://:${s.httpListen} {`, `\nhttp://127.0.0.1:${opts.httpPort} {`, 1],
    [`root * ${s.root}\n`, `root * ${opts.root}\n`, 1],
    [`reverse_proxy ${policy.proxy.upstream} {`, `reverse_proxy ${opts.upstream} {`, 1],
  ]);
}

module.exports = { substitute, renderNginx, renderCaddy };
