// The core flow through the shipped server configs: connect with ID + secret,
// list, create, detail, delete, sign out, with every API call going through
// the server's /v2/integrations/ proxy to the sandbox. The page fixture fails
// on any CSP violation, so the header CSP (with the build's hashes) and the
// meta CSP are both in force. The sandbox control calls go to the sandbox
// directly: the servers proxy only the API.
const { test, expect, sandbox, signIn, fillCreateForm } = require('../fixtures');
const { PORTS } = require('./ports');

const servers = [['nginx', PORTS.nginx], ['caddy', PORTS.caddy]];
const table = (page) => page.getByTestId('apps-table');

for (const [name, port] of servers) {
  test.describe(`through ${name}`, () => {
    test.use({ baseURL: `http://127.0.0.1:${port}` });

    test('connect, list, create, detail, delete, sign out', async ({ page, request, consoleLines }) => {
      await sandbox.reset(request, 1, PORTS.sandbox);
      const apiCalls = [];
      page.on('request', (r) => { if (r.url().includes('/v2/integrations/')) apiCalls.push(r.url()); });

      await signIn(page);
      await expect(table(page).locator('tbody tr')).toHaveCount(1);

      await page.getByRole('link', { name: /New app/ }).first().click();
      await fillCreateForm(page, { name: 'Through the proxy' });
      await page.getByRole('button', { name: 'Create app' }).click();
      await expect(page.getByTestId('secret-panel')).toContainText('Save the AppSecret now');
      await page.getByRole('link', { name: 'Open app' }).click();
      await expect(page.getByTestId('app-title')).toHaveText('Through the proxy');

      await page.getByRole('button', { name: 'Delete…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Type/).fill('Through the proxy');
      await dialog.getByRole('button', { name: 'Delete app' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Deleted “Through the proxy”' })).toBeVisible();
      await expect(table(page).locator('tbody tr')).toHaveCount(1);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/connect/);

      // Every Permissions-Policy feature the server names is one the browser knows.
      expect(consoleLines.filter((l) => /permissions.policy/i.test(l))).toEqual([]);
      // The browser spoke only to the server under test...
      expect(apiCalls.length).toBeGreaterThan(4);
      for (const url of apiCalls) expect(url.startsWith(`http://127.0.0.1:${port}/v2/integrations/`), url).toBe(true);
      // ...and the sandbox behind it saw every call, each with a token it had
      // issued (authorization_kind is "customer"/"app" only for an exact,
      // unchanged token; a mangled header would be "none", "bearer" or "unknown").
      const { requests, apps } = await sandbox.state(request, PORTS.sandbox);
      expect(apps).toHaveLength(1);
      const seen = requests.map((r) => `${r.method} ${r.path} ${r.authorization_kind}`);
      expect(seen).toEqual(expect.arrayContaining([
        'POST /v2/integrations/token none',
        'GET /v2/integrations/app customer',
        'POST /v2/integrations/app customer',
      ]));
      expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.authorization_kind)).toEqual(['app']);
      const authorized = requests.filter((r) => !r.path.endsWith('/token'));
      expect(authorized.length).toBe(apiCalls.length - requests.filter((r) => r.path.endsWith('/token')).length);
      for (const r of authorized) expect(['customer', 'app'], `${r.method} ${r.path}`).toContain(r.authorization_kind);
    });

    test('the Authorization header reaches the API byte for byte', async ({ request }) => {
      await sandbox.reset(request, 2, PORTS.sandbox);
      const token = await sandbox.customerToken(request, PORTS.sandbox);
      const through = (authorization) =>
        request.get(`http://127.0.0.1:${port}/v2/integrations/app?entity=customer`, { headers: { Authorization: authorization } });
      const ok = await through(token);
      expect(ok.status()).toBe(200);
      expect((await ok.json()).Data).toHaveLength(2);
      // The sandbox answers a "Bearer " prefix with its own 500: it arrived as sent.
      const bearer = await through(`Bearer ${token}`);
      expect(bearer.status()).toBe(500);
      expect(await bearer.text()).toContain('invalid AuthToken: malformed');
      const lists = (await sandbox.state(request, PORTS.sandbox)).requests.filter((r) => r.method === 'GET');
      expect(lists.map((r) => r.authorization_kind)).toEqual(['customer', 'bearer']);
    });
  });
}
