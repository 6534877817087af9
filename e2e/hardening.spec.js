// Hardening: every fault on every operation gets a clear answer, input is
// kept, retries never duplicate, bad data renders, nothing executes, no
// secret leaks. Runs against the "fast" deployment (1.5 s API timeout).
const { spawn } = require('child_process');
const { test, expect, sandbox, CUSTOMER_ID, CUSTOMER_SECRET, PORTS, DEPLOYMENTS } = require('./fixtures');

const FAST = PORTS.fast;
test.use({ baseURL: `http://127.0.0.1:${FAST}` });

const reset = (request, seed = 0) => sandbox.reset(request, seed, FAST);
const fault = (request, f) => sandbox.fault(request, f, FAST);
const state = (request) => sandbox.state(request, FAST);
const createApp = async (request, app) => {
  const res = await sandbox.createApp(request, app, FAST);
  return res.Data ?? res;
};

async function signIn(page, path = '/') {
  await page.goto(path);
  await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
  await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
  await page.getByRole('button', { name: 'Connect' }).click();
}

async function unlock(page, secret) {
  await page.getByTestId('unlock-form').getByLabel('AppSecret', { exact: true }).fill(secret);
  // The facts may show from the app list while the app's own read is still
  // running; a fault queued later must meet the next read, not that one.
  const read = page.waitForResponse((r) => r.url().includes('/app?entity=app'));
  await page.getByRole('button', { name: 'Unlock' }).click();
  await read;
  await expect(page.getByTestId('app-facts')).toBeVisible();
}

const FORM = { 'App name': 'Resilient', 'Exotel Account SID': 'sid-r', 'Exotel API key': 'key-r', 'Exotel API token': 'tok-r' };
async function fillForm(page, values = FORM) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel('Exotel domain').selectOption('singapore');
}
async function expectFormKept(page, values = FORM) {
  for (const [label, value] of Object.entries(values)) await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
  await expect(page.getByLabel('Exotel domain')).toHaveValue('singapore');
}

// What the admin must be told for each fault (the alert's text).
const FAULTS = {
  failure200: [/reported a failure/, /simulated failure/, /RequestId: [0-9a-f-]{36}/],
  json500: [/Unexpected answer from the API \(HTTP 500\)/, /internal error/],
  html502: [/A web page came back instead of the API \(HTTP 502\)/],
  empty500: [/Empty answer from the API \(HTTP 500\)/],
  bad400: [/refused the request \(HTTP 400\)/, /simulated bad request/, /RequestId: [0-9a-f-]{36}/],
  timeout: [/did not answer in time/],
  // The connection drops mid-answer: what a dying server or proxy looks like.
  network: [/Could not reach the API/, /Check the API base URL/],
};
const faultFor = (kind, route) => {
  if (kind === 'timeout') return { kind: 'delay', delay_ms: 2500, route };
  if (kind === 'network') return { kind: 'disconnect', route };
  return { kind, route };
};

// Each operation: set up, trigger under the queued fault, then recover.
const OPS = {
  connect: {
    route: 'token',
    async setup(page) { await page.goto('/connect'); },
    async trigger(page) {
      await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
      await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
      await page.getByRole('button', { name: 'Connect' }).click();
    },
    async recover(page) {
      await expect(page.getByLabel('Customer ID', { exact: true })).toHaveValue(CUSTOMER_ID);
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.getByTestId('apps-table')).toBeVisible();
    },
  },
  list: {
    route: 'list',
    async setup(page) { await signIn(page); await expect(page.getByTestId('apps-table')).toBeVisible(); },
    async trigger(page) { await page.getByRole('button', { name: 'Refresh' }).click(); },
    async recover(page, retryable) {
      const retry = page.getByRole('button', { name: 'Try again' });
      if (retryable) await retry.click(); else await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(1);
    },
  },
  create: {
    route: 'create',
    async setup(page) { await signIn(page, '/apps/new'); await fillForm(page); },
    async trigger(page) { await page.getByRole('button', { name: 'Create app' }).click(); },
    async recover(page, _retryable, request, kind) {
      await expectFormKept(page);
      if (kind === 'timeout') {
        // The slow create lands after the console gave up: wait for it, then
        // the retry must find it instead of creating a duplicate.
        await expect.poll(async () => (await state(request)).apps.length).toBe(2);
        await page.getByRole('button', { name: 'Create app' }).click();
        await expect(page.getByTestId('already-created')).toContainText('“Resilient” was created by the earlier attempt');
        expect((await state(request)).apps).toHaveLength(2);
        return;
      }
      await page.getByRole('button', { name: 'Create app' }).click();
      await expect(page.getByTestId('secret-panel')).toBeVisible();
      expect((await state(request)).apps.filter((a) => a.AppName === 'Resilient')).toHaveLength(1);
    },
  },
  detail: {
    route: 'detail',
    async setup(page, app) { await signIn(page, `/apps/${app.AppID}`); await unlock(page, app.AppSecret); },
    async trigger(page) { await page.getByRole('button', { name: 'Refresh' }).click(); },
    async recover(page, retryable) {
      if (retryable) await page.getByRole('button', { name: 'Try again' }).click();
      else await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByTestId('app-facts')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    },
  },
  delete: {
    route: 'delete',
    async setup(page, app) { await signIn(page, `/apps/${app.AppID}`); await unlock(page, app.AppSecret); },
    async trigger(page) {
      await page.getByRole('button', { name: 'Delete…' }).click();
      await page.getByRole('dialog').getByLabel(/Type/).fill('Seeded');
      await page.getByRole('dialog').getByRole('button', { name: 'Delete app' }).click();
    },
    async recover(page, retryable, request) {
      if (retryable) await page.getByRole('button', { name: 'Try again' }).click();
      else await this.trigger(page);
      await expect(page.getByRole('status').filter({ hasText: 'Deleted “Seeded”' })).toBeVisible();
      expect((await state(request)).apps).toHaveLength(0);
    },
  },
};

const RETRYABLE = new Set(['json500', 'html502', 'empty500', 'timeout', 'network']);

for (const [opName, op] of Object.entries(OPS)) {
  for (const [kind, expected] of Object.entries(FAULTS)) {
    test(`${opName} under ${kind}: clear message, input kept, usable after`, async ({ page, request }) => {
      await reset(request);
      const app = await createApp(request, { AppName: 'Seeded' });
      await op.setup(page, app);
      await fault(request, faultFor(kind, op.route));
      await op.trigger(page);
      const alert = page.getByRole('alert').first();
      for (const pattern of expected) await expect(alert).toContainText(pattern, { timeout: 6000 });
      const retry = page.getByRole('button', { name: 'Try again' });
      // Connect and create retry by submitting the kept form again.
      if (RETRYABLE.has(kind) && !['connect', 'create'].includes(opName)) await expect(retry).toBeVisible();
      if (!RETRYABLE.has(kind)) await expect(retry).toHaveCount(0);
      await op.recover(page, RETRYABLE.has(kind), request, kind);
    });
  }
}

test.describe('tokens expired mid-session (401)', () => {
  test.beforeEach(async ({ request }) => reset(request));

  test('list: back to connect with the reason, then back to the list', async ({ page, request }) => {
    await createApp(request, { AppName: 'Seeded' });
    await signIn(page);
    await expect(page.getByTestId('apps-table')).toBeVisible();
    await sandbox.expireTokens(request, FAST);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByText('Your session ended')).toBeVisible();
    await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(1);
  });

  test('create: the form survives the trip through connect', async ({ page, request }) => {
    await signIn(page, '/apps/new');
    await fillForm(page);
    await sandbox.expireTokens(request, FAST);
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect(page.getByText('Your session ended')).toBeVisible();
    await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page).toHaveURL(/\/apps\/new$/);
    await expectFormKept(page);
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect(page.getByTestId('secret-panel')).toBeVisible();
    expect((await state(request)).apps).toHaveLength(1);
  });

  test('detail and delete: the refused app token is dropped and the AppSecret asked again', async ({ page, request }) => {
    const app = await createApp(request, { AppName: 'Seeded' });
    await signIn(page, `/apps/${app.AppID}`);
    await unlock(page, app.AppSecret);
    await fault(request, { kind: 'unauthorized401', route: 'delete' });
    await OPS.delete.trigger(page);
    await expect(page.getByTestId('unlock-form')).toContainText('app token was refused');
    await unlock(page, app.AppSecret);
    await fault(request, { kind: 'unauthorized401', route: 'detail' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('unlock-form')).toContainText('stored app token was refused');
    await unlock(page, app.AppSecret);
    await OPS.delete.trigger(page);
    await expect(page.getByTestId('empty-state')).toBeVisible();
  });

  test('connect: a wrong secret is a credentials error, not a crash', async ({ page }) => {
    await page.goto('/connect');
    await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
    await page.getByLabel('Customer secret', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('alert')).toContainText('The ID or secret was not accepted');
  });
});

test('the sandbox stopped: a network error, then recovery once it is back', async ({ page }) => {
  const port = PORTS.killable;
  const start = () => spawn('target/debug/exotel-sandbox', ['--port', String(port), '--static-dir', DEPLOYMENTS.fast, '--seed', '2', '--quiet'], { stdio: 'ignore' });
  const waitUp = async () => expect.poll(async () => {
    try { return (await fetch(`http://127.0.0.1:${port}/`)).status; } catch { return 0; }
  }, { timeout: 10_000 }).toBe(200);
  let server = start();
  try {
    await waitUp();
    await signIn(page, `http://127.0.0.1:${port}/`);
    await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
    server.kill();
    await new Promise((r) => server.once('exit', r));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText('Could not reach the API');
    await expect(page.getByRole('alert')).toContainText('Check the API base URL');
    server = start();
    await waitUp();
    // The restarted sandbox forgot every token: the retry ends on connect
    // with the reason, and signing in again works.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('Your session ended')).toBeVisible();
    await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  } finally {
    server.kill();
  }
});

test('slow calls show progress and the form cannot be sent twice', async ({ page, request }) => {
  await reset(request);
  await signIn(page, '/apps/new');
  await fillForm(page);
  await fault(request, { kind: 'delay', delay_ms: 1000, route: 'create' });
  await page.getByRole('button', { name: 'Create app' }).click();
  await expect(page.getByRole('button', { name: 'Creating…' })).toBeDisabled();
  await expect(page.getByTestId('secret-panel')).toBeVisible();
  expect((await state(request)).apps).toHaveLength(1);
});

test('bad data from the server renders as well as possible', async ({ page, request }) => {
  await reset(request);
  await createApp(request, { AppName: 'Good one' });
  const long = 'L'.repeat(10_000);
  await sandbox.rawListItems(request, [
    { AppID: 'no-fields-but-id' },
    { AppID: 'null-name', AppName: null, ExotelDomain: 'mars', IsActive: 'true', CreatedAt: 'yesterday-ish', UpdatedAt: 12345 },
    { AppID: 'long-name', AppName: long, ExotelAccountSid: 42, ExotelDomain: 'singapore', IsActive: 1, Extra: { deep: [1, 2] } },
    { AppID: 123456, AppName: ['not', 'a', 'string'], CreatedAt: '2023-13-45T99:99:99+05:30' },
    17,
    null,
    'just a string',
  ], FAST);
  await signIn(page);
  const rows = page.getByTestId('apps-table').locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(page.locator('tr[data-app-id="null-name"]')).toContainText('(unnamed)');
  await expect(page.locator('tr[data-app-id="null-name"]')).toContainText('mars');
  await expect(page.locator('tr[data-app-id="null-name"]')).toContainText('Active');
  await expect(page.locator('tr[data-app-id="null-name"]')).toContainText('yesterday-ish');
  await expect(page.locator('tr[data-app-id="null-name"]')).toContainText('12345');
  await expect(page.locator('tr[data-app-id="123456"]')).toContainText('2023-13-45T99:99:99+05:30');
  await expect(page.locator('tr[data-app-id="long-name"]')).toContainText('42');
  await expect(page.locator('tr[data-app-id="long-name"] td.name')).toHaveText(long);
  await expect(page.locator('tr[data-app-id="123456"]')).toBeVisible();
  // The page still works: the good app opens.
  await page.getByRole('link', { name: 'Good one', exact: true }).click();
  await expect(page.getByTestId('app-title')).toHaveText('Good one');
});

test('input limits: trimmed, length-limited, control characters refused', async ({ page, request }) => {
  await reset(request);
  await signIn(page, '/apps/new');
  await fillForm(page, { ...FORM, 'App name': 'x'.repeat(300), 'Exotel Account SID': 'a\tb' });
  await page.getByRole('button', { name: 'Create app' }).click();
  await expect(page.getByText('App name is too long (300 characters; at most 256).').first()).toBeVisible();
  await expect(page.getByText('Exotel Account SID contains a control character').first()).toBeVisible();
  await fillForm(page, { ...FORM, 'App name': '  Trimmed  ' });
  await page.getByRole('button', { name: 'Create app' }).click();
  await expect(page.getByTestId('secret-panel')).toBeVisible();
  expect((await state(request)).apps.map((a) => a.AppName)).toEqual(['Trimmed']);
});
