// The customer: creating one from the connect page (POST /customer, no
// token), its secret shown once and gone after signing in with it; the
// Account page (its own GET /customer, a failed read with a retry); deleting
// the customer (export first, the typed name, signed out with the reason).
// Request bodies are checked in the sandbox's log; axe light and dark; 360 px.
const fs = require('fs');
const { test, expect, sandbox, signIn, axe, secretPlaces, shot, CUSTOMER_ID } = require('./fixtures');

const state = (request) => sandbox.state(request);
const requests = async (request, method, path) =>
  (await state(request)).requests.filter((r) => r.method === method && r.path.endsWith(path));

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

async function openCreate(page) {
  await page.goto('/connect');
  await page.getByRole('link', { name: 'Create a customer' }).click();
  await expect(page).toHaveURL(/\/new-customer$/);
  await expect(page.getByRole('heading', { name: 'Create a customer' })).toBeVisible();
}

test.describe('create a customer', () => {
  test('checked before sending; created once; the secret shown once, then nowhere after signing in', async ({ page, request, consoleLines }) => {
    await sandbox.reset(request, 0);
    await openCreate(page);
    const create = page.getByRole('button', { name: 'Create customer' });
    await create.click();
    await expect(page.getByText('Customer name is required.')).toBeVisible();
    await expect(page.getByText('Email is required.')).toBeVisible();
    await page.getByLabel('Customer name').fill('Zed Corp');
    await page.getByLabel('Email', { exact: true }).fill('ops@zed');
    await create.click();
    await expect(page.getByText('Email "ops@zed" is not an email address.')).toBeVisible();
    expect(await requests(request, 'POST', '/customer')).toHaveLength(0);

    await page.getByLabel('Email', { exact: true }).fill('ops@zed.example');
    await create.dblclick();
    const panel = page.getByTestId('secret-panel');
    await expect(panel).toContainText('Save the CustomerSecret now.');
    const posted = await requests(request, 'POST', '/customer');
    expect(posted.map((r) => [r.status, r.authorization_kind, r.body])).toEqual([
      [200, 'none', { CustomerName: 'Zed Corp', Email: 'ops@zed.example' }],
    ]);
    const created = (await state(request)).customers.find((c) => c.CustomerName === 'Zed Corp');
    await expect(page.getByTestId('new-customer-id')).toHaveText(created.CustomerID);
    await expect(page.getByTestId('new-customer-secret')).toHaveText(created.CustomerSecret);
    const env = await download(page, () => panel.getByRole('button', { name: 'Download .env file' }).click());
    expect(env.text).toBe(`EXOTEL_CUSTOMER_ID=${created.CustomerID}\nEXOTEL_CUSTOMER_SECRET=${created.CustomerSecret}\n`);

    await panel.getByRole('button', { name: 'Sign in as this customer' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('empty-state')).toContainText('No apps yet');
    await expect(page.getByTestId('customer')).toContainText('Zed Corp');
    const token = await requests(request, 'POST', '/token');
    expect(token.map((r) => r.status)).toEqual([200]);
    // Gone from everything the tab holds or shows, the URL and an export included.
    await page.getByRole('button', { name: 'Dismiss notification' }).click().catch(() => {});
    const places = { ...(await secretPlaces(page, consoleLines)), url: page.url() };
    for (const [where, text] of Object.entries(places)) {
      expect(text, `CustomerSecret in ${where}`).not.toContain(created.CustomerSecret);
    }
    expect(places.sessionStorage).toContain(created.CustomerID);
    expect(places.sessionStorage).not.toContain(CUSTOMER_ID);
    await page.getByRole('link', { name: /Zed Corp \(account\)/ }).click();
    await expect(page.getByTestId('customer-facts')).toContainText('ops@zed.example');
  });

  test('a refused creation keeps what was typed and shows the RequestId; the retry creates one', async ({ page, request }) => {
    await sandbox.reset(request, 0);
    await sandbox.fault(request, { kind: 'failure200', route: 'create_customer' });
    await openCreate(page);
    await page.getByLabel('Customer name').fill('Kept Corp');
    await page.getByLabel('Email', { exact: true }).fill('kept@corp.example');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Creating the customer failed');
    await expect(alert).toContainText(/RequestId: [0-9a-f-]{36}/);
    await expect(page.getByLabel('Customer name')).toHaveValue('Kept Corp');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('kept@corp.example');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByTestId('secret-panel')).toBeVisible();
    const named = (await state(request)).customers.filter((c) => c.CustomerName === 'Kept Corp');
    expect(named).toHaveLength(1);
  });
});

test.describe('account', () => {
  test('the account page reads the customer itself; a failed read says so and retries', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    await signIn(page);
    await expect(page.getByTestId('apps-table')).toBeVisible();
    await sandbox.fault(request, { kind: 'json500', route: 'customer' });
    await page.getByRole('link', { name: /\(account\)/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Reading the customer failed');
    await alert.getByRole('button', { name: 'Try again' }).click();
    const facts = page.getByTestId('customer-facts');
    await expect(facts).toContainText('Acme Support Desk');
    await expect(facts).toContainText('admin@acme.example');
    await expect(facts).toContainText(CUSTOMER_ID);
    await expect(facts).not.toContainText('CustomerSecret');
  });

  test('delete the customer: export first, type the name; a failure keeps the session; then signed out', async ({ page, request }) => {
    await sandbox.reset(request, 0);
    await sandbox.createApp(request, { AppName: 'Doomed one' });
    await sandbox.createApp(request, { AppName: 'Doomed two' });
    await signIn(page, '/account');
    await page.getByRole('button', { name: 'Delete customer…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('with every app, user mapping and setting under it');
    const csv = await download(page, () => dialog.getByRole('button', { name: 'Export CSV of the apps' }).click());
    expect(csv.text).toContain('Doomed one');
    expect(csv.text).toContain('Doomed two');
    const confirm = dialog.getByRole('button', { name: 'Delete customer' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type/).fill('Acme Support Desk');

    await sandbox.fault(request, { kind: 'json500', route: 'delete_customer' });
    await confirm.click();
    await expect(dialog.getByRole('alert')).toContainText('Deleting the customer failed');
    expect((await state(request)).apps).toHaveLength(2);
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'))).toBeTruthy();

    await confirm.click();
    await expect(page).toHaveURL(/\/connect/);
    await expect(page.getByText(/The customer “Acme Support Desk” \(.*\) was deleted/)).toBeVisible();
    const deletes = await requests(request, 'DELETE', '/customer');
    expect(deletes.map((r) => [r.status, r.authorization_kind])).toEqual([[500, 'customer'], [200, 'customer']]);
    expect((await state(request)).apps).toHaveLength(0);
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'))).toBeNull();
  });
});

for (const scheme of ['light', 'dark']) {
  test(`customer pages: axe-clean and screenshots, ${scheme}; usable at 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.reset(request, 1);
    await openCreate(page);
    expect(await axe(page), `axe on create a customer (${scheme})`).toEqual([]);
    await shot(page, `new-customer-${scheme}`);
    await page.getByLabel('Customer name').fill('Zed Corp');
    await page.getByLabel('Email', { exact: true }).fill('ops@zed.example');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByTestId('secret-panel')).toBeVisible();
    expect(await axe(page), `axe on the new customer's secret (${scheme})`).toEqual([]);
    await shot(page, `new-customer-secret-${scheme}`);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 720 });

    await signIn(page, '/account');
    await expect(page.getByTestId('customer-facts')).toBeVisible();
    expect(await axe(page), `axe on the account page (${scheme})`).toEqual([]);
    await shot(page, `account-${scheme}`);
    await page.getByRole('button', { name: 'Delete customer…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await axe(page), `axe on the delete dialog (${scheme})`).toEqual([]);
    await shot(page, `account-delete-${scheme}`);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}
