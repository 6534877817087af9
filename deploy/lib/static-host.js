// deploy/_headers and deploy/_redirects: the Netlify / Cloudflare Pages
// format. Both hosts join the values of a header set by two matching rules,
// so Cache-Control is never set under /*: deep links keep the host's default
// (max-age=0, must-revalidate), index.html and hashed assets get their own.
const { GENERATED_NOTE, securityHeaders } = require('./policy');

function headersFile(policy, csp = policy.csp) {
  const rule = (path, headers) => [path, ...headers.map(([n, v]) => `  ${n}: ${v}`)];
  return [
    `# ${GENERATED_NOTE}`,
    '# Static hosts serve HTTPS only, so HSTS is sent everywhere.',
    ...rule('/*', [...securityHeaders(policy, csp), ['Strict-Transport-Security', policy.hsts]]),
    ...rule('/', [['Cache-Control', policy.cache.page]]),
    ...rule('/index.html', [['Cache-Control', policy.cache.page]]),
    ...policy.hashedAssetGlobs.flatMap((glob) => rule(glob, [['Cache-Control', policy.cache.hashed]])),
    ...rule(`${policy.proxy.prefix}*`, [['Cache-Control', policy.cache.api]]),
    '',
  ].join('\n');
}

function redirectsFile(policy) {
  const { prefix, upstream } = policy.proxy;
  return [
    `# ${GENERATED_NOTE}`,
    '# The API proxy (Netlify; Cloudflare Pages cannot proxy to another host),',
    '# then the SPA fallback (existing files are served as they are).',
    `${prefix}*  ${upstream}${prefix}:splat  200`,
    '/*  /index.html  200',
    '',
  ].join('\n');
}

/** _headers text → Map(path → [[name, value]]), for tests. */
function parseHeadersFile(text) {
  const rules = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = [];
      rules.set(line.trim(), current);
    } else {
      const i = line.indexOf(':');
      if (!current || i < 0) throw new Error(`_headers: bad line "${line}"`);
      current.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

module.exports = { headersFile, redirectsFile, parseHeadersFile };
