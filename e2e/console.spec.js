// What makes the console nicer than curl: request log, toasts, clipboard,
// export, keyboard, dark mode, accessibility (axe-core), small and large
// screens. Screenshots for the README are taken here, light and dark.
const fs = require('fs');
const { test, expect, sandbox, signIn, fillCreateForm, CUSTOMER_ID, axe, shot } = require('./fixtures');



async function createdApp(request, fields) {
  const res = await sandbox.createApp(request, fields);
  return res.Data ?? res;
}

test.describe('request log', () => {
  test('lists every call with status, RequestId and duration, redacted; curl without token unless asked', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await sandbox.reset(request, 1);
    await signIn(page, '/apps/new');
    await fillCreateForm(page, { name: 'Logged', key: 'KEY-SHOULD-NOT-SHOW', token: 'TOKEN-SHOULD-NOT-SHOW' });
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect(page.getByTestId('secret-panel')).toBeVisible();

    await page.getByTestId('log-toggle').click();
    const log = page.getByTestId('request-log');
    const rows = log.locator('tbody tr');
    // POST /token (customer), GET /customer (the header's name and email),
    // POST /app, POST /token (app): newest first.
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(3)).toContainText('POST /v2/integrations/token');
    await expect(rows.nth(2)).toContainText('GET /v2/integrations/customer');
    await expect(rows.nth(1)).toContainText('POST /v2/integrations/app');
    await expect(rows.nth(1)).toContainText('200');
    await expect(rows.nth(1)).toContainText(/[0-9a-f-]{36}/);
    await expect(rows.nth(1)).toContainText(/\d+ ms/);
    const text = await log.textContent();
    expect(text).not.toContain('KEY-SHOULD-NOT-SHOW');
    expect(text).not.toContain('sandbox-secret');

    const token = await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'));
    await rows.nth(1).getByRole('button', { name: 'Copy as curl' }).click();
    let curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain("curl --request POST 'http://127.0.0.1:");
    expect(curl).toContain("'Authorization: <TOKEN>'");
    expect(curl).toContain('<EXOTEL_API_KEY>');
    expect(curl).not.toContain('KEY-SHOULD-NOT-SHOW');
    expect(curl).not.toContain(token);

    await log.getByLabel(/Include the real token/).check();
    await rows.nth(1).getByRole('button', { name: 'Copy as curl' }).click();
    curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain(`'Authorization: ${token}'`);
    expect(curl).not.toContain('TOKEN-SHOULD-NOT-SHOW');

    // Failed calls are logged too, with their error.
    await sandbox.fault(request, { kind: 'html502', route: 'detail' });
    await page.getByRole('link', { name: 'Open app' }).click();
    await expect(rows.first()).toContainText('502');
    await expect(rows.first()).toContainText('A web page came back');
  });
});

test('toasts are announced, dismissible, and one per action', async ({ page, request }) => {
  await sandbox.reset(request, 0);
  const app = await createdApp(request, { AppName: 'Toasty' });
  await signIn(page, `/apps/${app.AppID}`);
  await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await page.getByRole('button', { name: 'Unlock' }).click();
  const region = page.locator('.toasts[aria-live="polite"]');
  await expect(region.getByRole('status')).toContainText('App unlocked');
  await region.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(region.getByTestId('toast')).toHaveCount(0);
  await sandbox.fault(request, { kind: 'json500', route: 'delete' });
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByLabel(/Type/).fill('Toasty');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete app' }).click();
  await expect(region.getByRole('alert')).toContainText('Deleting the app failed');
});

test('copy buttons put AppID, AppSecret and Customer ID on the clipboard', async ({ page, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await sandbox.reset(request, 0);
  await signIn(page, '/apps/new');
  await fillCreateForm(page, { name: 'Copied' });
  await page.getByRole('button', { name: 'Create app' }).click();
  const [app] = (await sandbox.state(request)).apps;
  const clip = () => page.evaluate(() => navigator.clipboard.readText());
  const panel = page.getByTestId('secret-panel');
  await panel.getByRole('button', { name: 'Copy AppID' }).click();
  await expect(panel.getByRole('button', { name: 'Copy AppID' })).toHaveText('Copied');
  expect(await clip()).toBe(app.AppID);
  await panel.getByRole('button', { name: 'Copy AppSecret' }).click();
  expect(await clip()).toBe(app.AppSecret);
  await page.getByRole('banner').getByRole('button', { name: 'Copy Customer ID' }).click();
  expect(await clip()).toBe(CUSTOMER_ID);
});

test('export: the filtered list as CSV and JSON, without secrets', async ({ page, request }) => {
  await sandbox.reset(request, 0);
  await createdApp(request, { AppName: 'Billing east', ExotelAccountSid: 'sid-1' });
  await createdApp(request, { AppName: 'Billing west', ExotelAccountSid: 'sid-2' });
  await createdApp(request, { AppName: '=cmd|calc', ExotelAccountSid: 'sid-3' });
  await signIn(page);
  await page.getByLabel('Search apps').fill('billing');
  await expect(page.getByTestId('app-count')).toHaveText('2 of 3 apps');
  await expect(page).toHaveURL(/\?q=billing$/);
  const csvFile = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync(await (await csvFile).path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('AppID,AppName,ExotelAccountSid,ExotelDomain,IsActive,CreatedAt,UpdatedAt,CustomerID');
  expect(lines).toHaveLength(3);
  expect(csv).toContain('"Billing east"');
  expect(csv).not.toContain('calc');
  const jsonFile = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const json = JSON.parse(fs.readFileSync(await (await jsonFile).path(), 'utf8'));
  expect(json.map((a) => a.AppName)).toEqual(['Billing east', 'Billing west']);
  const { apps } = await sandbox.state(request);
  for (const a of apps) {
    expect(csv + JSON.stringify(json)).not.toContain(a.AppSecret);
    expect(csv + JSON.stringify(json)).not.toContain(a.ExotelApiToken);
  }
  expect(JSON.stringify(json)).not.toMatch(/AppSecret|ExotelApiKey|ExotelApiToken/);
  // A formula-looking name is defused when exported.
  await page.getByLabel('Search apps').fill('cmd');
  await expect(page.getByTestId('app-count')).toHaveText('1 of 3 apps');
  const f = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect(fs.readFileSync(await (await f).path(), 'utf8')).toContain(`"'=cmd|calc"`);
});

test('keyboard: / focuses search, n opens create, Esc closes the dialog, focus is trapped and returned', async ({ page, request }) => {
  await sandbox.reset(request, 0);
  const app = await createdApp(request, { AppName: 'Keys' });
  await signIn(page);
  await expect(page.getByTestId('apps-table')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search apps')).toBeFocused();
  await page.keyboard.type('n');
  await expect(page.getByLabel('Search apps')).toHaveValue('n');
  await page.getByRole('heading', { name: 'Apps' }).click();
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/apps\/new$/);
  await expect(page.getByRole('heading', { name: 'New app' })).toBeVisible();

  await page.goto(`/apps/${app.AppID}`);
  await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await page.keyboard.press('Enter');
  const opener = page.getByRole('button', { name: 'Delete…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel(/Type/)).toBeFocused();
  // Tab cycles within the dialog: input -> Cancel -> (Delete disabled) -> input.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel(/Type/)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('dark mode follows the system, and the toggle is remembered', async ({ page, request }) => {
  await sandbox.reset(request, 0);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/connect');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(15, 20, 25)');
  await page.getByTestId('theme-toggle').click(); // system -> light
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-label', 'Theme: light');
  expect(await bg()).toBe('rgb(246, 247, 249)');
  expect(await page.evaluate(() => localStorage.getItem('exotel.console.theme'))).toBe('light');
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-label', 'Theme: light');
  expect(await bg()).toBe('rgb(246, 247, 249)');
  await page.getByTestId('theme-toggle').click(); // light -> dark
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await bg()).toBe('rgb(15, 20, 25)');
  await page.getByTestId('theme-toggle').click(); // dark -> system
  expect(await page.evaluate(() => localStorage.getItem('exotel.console.theme'))).toBeNull();
  expect(await bg()).toBe('rgb(246, 247, 249)');
});

for (const scheme of ['light', 'dark']) {
  test(`accessibility (axe-core) and screenshots, ${scheme}`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.reset(request, 0);
    const check = async (name) => {
      expect(await axe(page), `axe violations on ${name} (${scheme})`).toEqual([]);
      await shot(page, `${name}-${scheme}`);
    };
    await page.goto('/connect');
    await expect(page.getByRole('heading', { name: 'Connect to the integrations API' })).toBeVisible();
    await check('connect');
    await signIn(page);
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await check('list-empty');
    const names = ['WebRTC', 'Support line', 'Billing bot', 'Partner hotline', 'Collections IVR', 'Zoho CRM bridge'];
    for (const [i, name] of names.entries()) {
      await createdApp(request, { AppName: name, ExotelAccountSid: `acme${i}`, ExotelDomain: i % 2 ? 'singapore' : 'mumbai', IsActive: i !== 2 });
    }
    const app = (await sandbox.state(request)).apps[0];
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(6);
    await check('list');
    await page.goto('/apps/new');
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect(page.getByText('Some fields need attention')).toBeVisible();
    await check('create');
    await page.goto(`/apps/${app.AppID}`);
    await expect(page.getByTestId('unlock-form')).toBeVisible();
    await check('unlock');
    await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByTestId('app-facts')).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss notification' }).click();
    await check('detail');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('delete-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('log-toggle').click();
    await expect(page.getByTestId('request-log')).toBeVisible();
    await check('request-log');
  });
}

test('responsive: cards at 360 px, the full table at 1920 px', { tag: '@docs' }, async ({ page, request }) => {
  await sandbox.reset(request, 4);
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page);
  const firstRow = page.getByTestId('apps-table').locator('tbody tr').first();
  await expect(firstRow).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await page.getByTestId('apps-table').locator('thead').boundingBox()).toMatchObject({ height: 1 });
  await expect(firstRow.locator('td[data-label="Domain"]')).toBeVisible();
  await shot(page, 'list-mobile', { fullPage: true });
  expect(await axe(page)).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1000 });
  await expect(page.getByTestId('apps-table').locator('thead')).toBeVisible();
  const box = await page.getByTestId('apps-table').boundingBox();
  expect(box.width).toBeGreaterThan(1000);
  await shot(page, 'list-wide');
});
