// The four operations end to end: connect, list, create, detail, delete.
const { test, expect, sandbox, signIn, fillCreateForm, CUSTOMER_ID, PORTS, shot } = require('./fixtures');

const table = (page) => page.getByTestId('apps-table');
const sessionKeys = (page) => page.evaluate(() => Object.keys(sessionStorage));


test.describe('connect', () => {
  test.beforeEach(async ({ request }) => sandbox.reset(request, 2));

  test('with customer ID and secret keeps only the token, in session storage', async ({ page }) => {
    await signIn(page);
    await expect(table(page).locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('customer-id')).toHaveAttribute('title', CUSTOMER_ID);
    await expect(page.getByTestId('token-expiry')).toContainText('Token expires');
    const stored = await page.evaluate(() => ({ ...sessionStorage }));
    expect(stored['exotel.console.customerToken']).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain('sandbox-secret');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(stored['exotel.console.customerToken']);
  });

  test('with a pasted token', async ({ page, request }) => {
    const token = await sandbox.customerToken(request);
    await page.goto('/');
    await page.getByLabel('An existing customer token').check();
    await page.getByLabel('Customer token', { exact: true }).fill(`Bearer ${token}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(table(page).locator('tbody tr')).toHaveCount(2);
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'))).toBe(token);
  });

  test('wrong secret says so with the RequestId and keeps what was typed', async ({ page }) => {
    await page.goto('/connect');
    await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
    await page.getByLabel('Customer secret', { exact: true }).fill('not-the-secret');
    await page.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Signing in failed');
    await expect(alert).toContainText('HTTP 401');
    await expect(alert).toContainText(/RequestId: [0-9a-f-]{36}/);
    await expect(page.getByLabel('Customer ID', { exact: true })).toHaveValue(CUSTOMER_ID);
    expect(await sessionKeys(page)).not.toContain('exotel.console.customerToken');
  });

  test('missing fields are named before any request', async ({ page, request }) => {
    await page.goto('/connect');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText('Customer ID is required.')).toBeVisible();
    await expect(page.getByText('Customer secret is required.')).toBeVisible();
    const { requests } = await sandbox.state(request);
    expect(requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(0);
  });

  test('sign out clears every token and returns to connect', async ({ page }) => {
    await signIn(page);
    await expect(table(page)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/connect/);
    await expect(page.getByText('You signed out')).toBeVisible();
    expect((await sessionKeys(page)).filter((k) => /Token/i.test(k))).toEqual([]);
    await page.goto('/');
    await expect(page).toHaveURL(/\/connect\?next=/);
  });

  test('reload keeps the session; a new tab does not', async ({ page, context }) => {
    await signIn(page);
    await expect(table(page).locator('tbody tr')).toHaveCount(2);
    await page.reload();
    await expect(table(page).locator('tbody tr')).toHaveCount(2);
    const other = await context.newPage();
    await other.goto('/');
    await expect(other).toHaveURL(/\/connect/);
    await other.close();
  });

  test('a 401 mid-session sends the admin to connect and back afterwards', async ({ page, request }) => {
    await signIn(page);
    await expect(table(page)).toBeVisible();
    await sandbox.fault(request, { kind: 'unauthorized401', route: 'list' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page).toHaveURL(/\/connect\?next=%2F/);
    await expect(page.getByText('Your session ended')).toBeVisible();
    await page.getByLabel('Customer secret', { exact: true }).fill('sandbox-secret');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(table(page).locator('tbody tr')).toHaveCount(2);
  });
});

test.describe('list', () => {
  test('empty list invites creating the first app', async ({ page, request }) => {
    await sandbox.reset(request, 0);
    await signIn(page);
    await expect(page.getByTestId('empty-state')).toContainText('No apps yet');
    await page.getByRole('link', { name: 'Create your first app' }).click();
    await expect(page).toHaveURL(/\/apps\/new$/);
  });

  test('shows every column and opens detail on row click', async ({ page, request }) => {
    await sandbox.reset(request, 0);
    const app = await sandbox.createApp(request, { AppName: 'Billing bot', ExotelAccountSid: 'sid-77', ExotelDomain: 'singapore', IsActive: false });
    await signIn(page);
    const row = table(page).locator('tbody tr').first();
    await expect(row).toContainText('Billing bot');
    await expect(row).toContainText('sid-77');
    await expect(row).toContainText('Singapore');
    await expect(row).toContainText('Inactive');
    await expect(row.locator('code')).toHaveAttribute('title', app.Data?.AppID ?? app.AppID);
    await row.locator('td').nth(2).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.Data?.AppID ?? app.AppID}$`));
    await expect(page.getByTestId('app-title')).toHaveText('Billing bot');
  });
});

test.describe('create', () => {
  test.beforeEach(async ({ request }) => sandbox.reset(request, 0));

  test('creates, shows the secret once, and detail works without asking', { tag: '@docs' }, async ({ page, request }) => {
    await signIn(page, '/apps/new');
    await expect(page.getByRole('heading', { name: 'New app' })).toBeVisible();
    await fillCreateForm(page, { name: 'WebRTC' });
    await page.getByRole('button', { name: 'Create app' }).click();
    const panel = page.getByTestId('secret-panel');
    await expect(panel).toContainText('Save the AppSecret now');
    const { apps } = await sandbox.state(request);
    expect(apps).toHaveLength(1);
    await expect(page.getByTestId('new-app-id')).toHaveText(apps[0].AppID);
    await expect(page.getByTestId('new-app-secret')).toHaveText(apps[0].AppSecret);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .env file' }).click();
    const file = await download;
    const text = require('fs').readFileSync(await file.path(), 'utf8');
    expect(text).toBe(`EXOTEL_APP_ID=${apps[0].AppID}\nEXOTEL_APP_SECRET=${apps[0].AppSecret}\n`);
    await shot(page, 'create-secret', { fullPage: true });
    await page.getByRole('link', { name: 'Open app' }).click();
    await expect(page.getByTestId('app-facts')).toContainText('acme1');
    await expect(page.getByTestId('unlock-form')).toHaveCount(0);
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('exotel.console.appTokens')));
    expect(Object.keys(stored)).toEqual([apps[0].AppID]);
    const kinds = (await sandbox.state(request)).requests.filter((r) => r.method === 'GET' && r.path.includes('/app')).map((r) => r.authorization_kind);
    expect(kinds).toContain('app');
  });

  test('missing fields are named, nothing is sent, nothing typed is lost', async ({ page, request }) => {
    await signIn(page, '/apps/new');
    await page.getByLabel('App name').fill('Half done');
    await page.getByRole('button', { name: 'Create app' }).click();
    for (const msg of ['Exotel Account SID is required.', 'Exotel API key is required.', 'Exotel API token is required.', 'Exotel domain is required']) {
      await expect(page.getByText(msg).first()).toBeVisible();
    }
    await expect(page.getByLabel('App name')).toHaveValue('Half done');
    const { requests, apps } = await sandbox.state(request);
    expect(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/app'))).toHaveLength(0);
    expect(apps).toHaveLength(0);
  });

  test('a server 400 is shown with its message and the form is kept', async ({ page, request }) => {
    await signIn(page, '/apps/new');
    const typed = await fillCreateForm(page, { name: 'Kept' });
    await sandbox.fault(request, { kind: 'bad400', route: 'create' });
    await page.getByRole('button', { name: 'Create app' }).click();
    const alert = page.locator('main').getByRole('alert');
    await expect(alert).toContainText('simulated bad request');
    await expect(alert).toContainText('RequestId');
    await expect(page.getByLabel('App name')).toHaveValue(typed.name);
    await expect(page.getByLabel('Exotel API token')).toHaveValue(typed.token);
  });

  test('double submit creates one app', async ({ page, request }) => {
    await signIn(page, '/apps/new');
    await fillCreateForm(page, { name: 'Once' });
    await sandbox.fault(request, { kind: 'delay', delay_ms: 800, route: 'create' });
    const button = page.getByRole('button', { name: 'Create app' });
    await button.click();
    await page.getByLabel('App name').press('Enter');
    await expect(page.getByTestId('secret-panel')).toBeVisible();
    expect((await sandbox.state(request)).apps).toHaveLength(1);
  });
});

test.describe('detail and delete', () => {
  let app;
  test.beforeEach(async ({ request }) => {
    await sandbox.reset(request, 0);
    app = await sandbox.createApp(request, { AppName: 'Doomed app' });
    app = app.Data ?? app;
  });

  test('deep link after reload asks for the AppSecret, then shows the app', async ({ page }) => {
    await signIn(page, `/apps/${app.AppID}`);
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}$`));
    await page.reload();
    const unlock = page.getByTestId('unlock-form');
    await expect(unlock).toBeVisible();
    await unlock.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByTestId('app-facts')).toContainText(app.AppID);
    await expect(page.getByTestId('app-title')).toHaveText('Doomed app');
  });

  test('a token of another app is refused', async ({ page, request }) => {
    let other = await sandbox.createApp(request, { AppName: 'Other' });
    other = other.Data ?? other;
    const res = await request.post('/v2/integrations/token', { data: { Id: other.AppID, Secret: other.AppSecret, Entity: 'app' } });
    const otherToken = (await res.json()).Data;
    await signIn(page, `/apps/${app.AppID}`);
    await page.getByLabel('Paste an app token').check();
    await page.getByTestId('unlock-form').getByLabel('App token', { exact: true }).fill(otherToken);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText('belongs to a different app');
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens'))).toBeNull();
  });

  test('delete: confirm by name, uses the app token, gone from list and sandbox', async ({ page, request }) => {
    await signIn(page, `/apps/${app.AppID}`);
    await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Doomed app');
    const confirm = dialog.getByRole('button', { name: 'Delete app' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type/).fill('Doomed app');
    await confirm.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('status').filter({ hasText: 'Deleted “Doomed app”' })).toBeVisible();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    const state = await sandbox.state(request);
    expect(state.apps).toHaveLength(0);
    const del = state.requests.filter((r) => r.method === 'DELETE');
    expect(del.map((r) => r.authorization_kind)).toEqual(['app']);
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens'))).toBe('{}');
  });

  test('delete from the list row menu', async ({ page, request }) => {
    await signIn(page);
    await table(page).getByRole('link', { name: 'Delete Doomed app' }).click();
    await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Type/).fill('Doomed app');
    await dialog.getByRole('button', { name: 'Delete app' }).click();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    expect((await sandbox.state(request)).apps).toHaveLength(0);
  });

  test('delete cancelled (button and Escape) deletes nothing', async ({ page, request }) => {
    await signIn(page, `/apps/${app.AppID}?delete=1`);
    await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByLabel(/Type/).press('Escape');
    await expect(dialog).toHaveCount(0);
    const state = await sandbox.state(request);
    expect(state.apps).toHaveLength(1);
    expect(state.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});

test('cross-origin: console on one port calls the sandbox API on another (CORS)', async ({ page, request }) => {
  await sandbox.reset(request, 2, PORTS.corsApi);
  await page.goto(`http://127.0.0.1:${PORTS.corsConsole}/connect`);
  // The deployment's index.html names the API host, so it is preselected.
  await expect(page.getByLabel('Custom API base URL')).toHaveValue(`http://127.0.0.1:${PORTS.corsApi}/v2/integrations`);
  await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
  await page.getByLabel('Customer secret', { exact: true }).fill('sandbox-secret');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(table(page).locator('tbody tr')).toHaveCount(2);
  const { requests } = await sandbox.state(request, PORTS.corsApi);
  expect(requests.some((r) => r.path.endsWith('/token'))).toBeTruthy();
  expect(requests.some((r) => r.method === 'GET' && r.authorization_kind === 'customer')).toBeTruthy();
});
