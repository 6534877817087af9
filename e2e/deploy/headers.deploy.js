// Every response of nginx and Caddy, run with the shipped configs, carries the
// security headers (exactly once, exact values), the right caching and
// compression; HSTS only over TLS. Request-level: no browser needed.
const { test, expect } = require('@playwright/test');
const { CUSTOMER_ID, CUSTOMER_SECRET } = require('../fixtures');
const { policy, hashedAssets, TYPES, headerMap, expectSecurityHeaders: expectHeaders, SERVERS } = require('./expected');

test.use({ ignoreHTTPSErrors: true });

/** name (lower case) → every value sent under it. */
const headerValues = (res) => headerMap(res.headersArray().map(({ name, value }) => [name, value]));

function expectSecurityHeaders(res, tls) {
  const got = headerValues(res);
  expectHeaders(got, res.url(), tls);
  return got;
}

const gzip = { headers: { 'Accept-Encoding': 'gzip' } };

for (const server of SERVERS) {
  test.describe(server.name, () => {
    test('index.html and a deep link: the console, security headers, no-cache, gzip', async ({ request }) => {
      for (const p of ['/', '/index.html', '/apps/x', '/apps/x/users']) {
        const res = await request.get(`${server.url}${p}`, gzip);
        expect(res.status(), p).toBe(200);
        expect(res.headers()['content-type']).toMatch(/^text\/html/);
        expect(await res.text()).toContain('<meta name="exotel-api-base" content="/v2/integrations" />');
        const got = expectSecurityHeaders(res, server.tls);
        expect(got.get('cache-control'), p).toEqual([policy.cache.page]);
        expect(got.get('content-encoding'), p).toEqual(['gzip']);
      }
    });

    test('hashed assets: immutable, right type, gzip', async ({ request }) => {
      for (const [ext, name] of hashedAssets()) {
        expect(name, `a hashed .${ext} in the build`).toBeTruthy();
        const res = await request.get(`${server.url}/${name}`, gzip);
        expect(res.status(), name).toBe(200);
        expect(res.headers()['content-type'], name).toMatch(TYPES[ext]);
        const got = expectSecurityHeaders(res, server.tls);
        expect(got.get('cache-control'), name).toEqual([policy.cache.hashed]);
        expect(got.get('content-encoding'), name).toEqual(['gzip']);
      }
    });

    test('a missing hashed asset is a 404, not index.html', async ({ request }) => {
      const res = await request.get(`${server.url}/exotel-console-0123456789abcdef_bg.wasm`);
      expect(res.status()).toBe(404);
      expect(await res.text()).not.toContain('exotel-api-base');
      expect(headerValues(res).get('cache-control') || []).not.toContain(policy.cache.hashed);
      expectSecurityHeaders(res, server.tls);
    });

    test('proxied API answers: from the sandbox, security headers, no-store', async ({ request }) => {
      const res = await request.post(`${server.url}/v2/integrations/token`, {
        data: { Id: CUSTOMER_ID, Secret: CUSTOMER_SECRET, Entity: 'customer' },
      });
      expect(res.status()).toBe(200);
      expect((await res.json()).Status).toMatch(/success/i);
      const got = expectSecurityHeaders(res, server.tls);
      expect(got.get('cache-control')).toEqual([policy.cache.api]);
    });
  });
}
