// The test rendering of the shipped configs changes only ports, root,
// upstream and certificate paths: every other line is byte for byte the
// shipped one, so the deploy suite exercises the shipped rules.
const test = require('node:test');
const assert = require('node:assert/strict');
const { filesFor } = require('../generate');
const { loadPolicy } = require('../lib/policy');
const { renderNginx, renderCaddy, substitute } = require('../lib/render-for-test');

const policy = loadPolicy();
const files = filesFor(policy);
const opts = { httpPort: 8901, tlsPort: 8902, root: '/tmp/x/dist', upstream: 'http://127.0.0.1:8900', cert: '/tmp/c.pem', key: '/tmp/k.pem' };

/** The lines that differ, as [shipped, rendered] pairs (same line count required). */
function changedLines(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  assert.equal(x.length, y.length);
  return x.map((l, i) => [l.trim(), y[i].trim()]).filter(([l, r]) => l !== r);
}

test('nginx: only listen, root, proxy_pass and certificate lines change', () => {
  const changed = changedLines(files['nginx.conf'], renderNginx(files['nginx.conf'], opts));
  assert.deepEqual(changed, [
    ['listen 8080;', 'listen 127.0.0.1:8901;'],
    ['root /var/www/exotel-console;', 'root /tmp/x/dist;'],
    ['proxy_pass https://integrationscore.mum1.exotel.com/v2/integrations/;', 'proxy_pass http://127.0.0.1:8900/v2/integrations/;'],
    ['listen 443 ssl http2;', 'listen 127.0.0.1:8902 ssl http2;'],
    ['ssl_certificate /etc/ssl/exotel-console/fullchain.pem;', 'ssl_certificate /tmp/c.pem;'],
    ['ssl_certificate_key /etc/ssl/exotel-console/privkey.pem;', 'ssl_certificate_key /tmp/k.pem;'],
    ['root /var/www/exotel-console;', 'root /tmp/x/dist;'],
    ['proxy_pass https://integrationscore.mum1.exotel.com/v2/integrations/;', 'proxy_pass http://127.0.0.1:8900/v2/integrations/;'],
  ]);
});

test('Caddy: only the site addresses, root and reverse_proxy upstream change', () => {
  const changed = changedLines(files.Caddyfile, renderCaddy(files.Caddyfile, opts));
  assert.deepEqual(changed, [
    ['root * /var/www/exotel-console', 'root * /tmp/x/dist'],
    ['reverse_proxy https://integrationscore.mum1.exotel.com {', 'reverse_proxy http://127.0.0.1:8900 {'],
    ['console.example.com {', 'https://127.0.0.1:8902 {'],
    ['http://:8080 {', 'http://127.0.0.1:8901 {'],
  ]);
});

test('a substitution that does not match exactly as often as expected fails', () => {
  assert.throws(() => substitute('a a', [['a', 'b', 1]]), /"a" found 2 times, expected 1/);
  const noProxy = files['nginx.conf'].replace(/proxy_pass [^;]+;/, 'proxy_pass http://elsewhere/;');
  assert.throws(() => renderNginx(noProxy, opts), /proxy_pass .* found 1 times, expected 2/);
});
