// Issue 23, item 4: on a reload with the customer token in session storage,
// index.html's inline script asks for the customer and, on "/", the app list
// while the wasm downloads; the console then takes those answers as its own
// calls'. Each test holds the main wasm back until the reads have been sent
// (or 5 s have passed): reads that waited for the wasm would not be seen in
// time. One request per read, and every error path is as it was.
const { test, expect, sandbox, signIn, holdUntilSent } = require('./fixtures');
const { PORTS } = require('./ports');

const CUSTOMER_ID = '99fa98a1-2ce0-457c-9371-0d3a01eb6ef0';
const CUSTOMER_SECRET = 'sandbox-secret';
const CUSTOMER_READ = /^GET \/customer$/;
const APP_LIST = /^GET \/app\?entity=customer$/;
const count = (sent, pattern) => sent.filter((s) => pattern.test(s)).length;

/** Every API request sent from now on, and the main wasm held until `reads` were sent (or `waitMs`). */
const holdWasmUntil = (page, reads, waitMs) =>
  holdUntilSent(page, /\/exotel-console-[0-9a-f]{12,16}_bg\.wasm$/, reads, waitMs);

async function signedIn(page, request, apps = 3) {
  await sandbox.reset(request, apps);
  await signIn(page);
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(apps);
}

test('a reload of the list asks for the list and the customer before the wasm arrives, once each', async ({
  page,
  request,
}) => {
  await signedIn(page, request);
  const { sent, seenFirst } = holdWasmUntil(page, [CUSTOMER_READ, APP_LIST]);
  await page.reload();
  expect(await seenFirst, 'both reads sent while the wasm was held').toEqual(
    expect.arrayContaining(['GET /customer', 'GET /app?entity=customer']),
  );
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('customer')).toBeVisible();
  expect(count(sent, APP_LIST)).toBe(1);
  expect(count(sent, CUSTOMER_READ)).toBe(1);
  // The page took them as its own calls: the request log has one line each.
  await page.getByTestId('log-toggle').click();
  const log = page.getByTestId('request-log');
  await expect(log.getByText('/app?entity=customer')).toHaveCount(1);
  await expect(log.getByText(/\/customer$/)).toHaveCount(1);
  // Nothing of it is left on the window for other scripts.
  expect(await page.evaluate(() => typeof window.exotelEarlyReads)).toBe('undefined');
});

test('another page asks only for the customer early; signed out, nothing is sent', async ({ page, request }) => {
  await signedIn(page, request);
  let held = holdWasmUntil(page, [CUSTOMER_READ]);
  await page.goto('/changes');
  expect(await held.seenFirst).toEqual(['GET /customer']);
  await expect(page.getByTestId('customer')).toBeVisible();
  expect(count(held.sent, CUSTOMER_READ)).toBe(1);

  await page.evaluate(() => sessionStorage.clear());
  await page.unrouteAll({ behavior: 'wait' });
  held = holdWasmUntil(page, [/./], 1000);
  await page.reload();
  expect(await held.seenFirst, 'no API request before the wasm when signed out').toBe(false);
  await expect(page.getByLabel('Customer ID', { exact: true })).toBeVisible();
});

test('a refused token on the early list goes to sign-in with nothing lost, then back to the list', async ({
  page,
  request,
}) => {
  await signedIn(page, request);
  const tokens = '{"a-1":"app-token-kept"}';
  await page.evaluate((t) => sessionStorage.setItem('exotel.console.appTokens', t), tokens);
  await sandbox.fault(request, { kind: 'unauthorized401', route: 'list' });
  const { sent, seenFirst } = holdWasmUntil(page, [APP_LIST]);
  await page.reload();
  expect(await seenFirst).toBeTruthy();
  await expect(page.getByText('Your session ended')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'))).toBeNull();
  expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens'))).toBe(tokens);
  await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(3);
  expect(count(sent, APP_LIST)).toBe(2);
});

test('a failed early list shows the error with its RequestId, and Refresh reads again', async ({ page, request }) => {
  await signedIn(page, request);
  await sandbox.fault(request, { kind: 'failure200', route: 'list' });
  const { sent, seenFirst } = holdWasmUntil(page, [APP_LIST]);
  await page.reload();
  expect(await seenFirst).toBeTruthy();
  const failed = page.getByRole('alert').filter({ hasText: 'simulated failure' });
  await expect(failed).toContainText('RequestId: ');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(3);
  await expect(failed).toHaveCount(0);
  expect(count(sent, APP_LIST)).toBe(2);
});

test('cross-origin: the API host is preconnected, and the early reads go there once each', async ({ page, request }) => {
  const api = `http://127.0.0.1:${PORTS.corsApi}`;
  const reads = async () => {
    const { requests } = await sandbox.state(request, PORTS.corsApi);
    const gets = requests.filter((r) => r.method === 'GET');
    return {
      list: gets.filter((r) => r.path.endsWith('/app') && /entity=customer/.test(r.query ?? '')).length,
      customer: gets.filter((r) => r.path.endsWith('/customer')).length,
    };
  };
  await sandbox.reset(request, 2, PORTS.corsApi);
  await page.goto(`http://127.0.0.1:${PORTS.corsConsole}/connect`);
  await expect(page.locator('link[rel="preconnect"]')).toHaveAttribute('href', api);
  await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
  await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('customer')).toBeVisible();
  const before = await reads();

  await page.route(/\/exotel-console-[0-9a-f]{12,16}_bg\.wasm$/, async (route) => {
    await expect.poll(reads, { timeout: 5000 }).toEqual({ list: before.list + 1, customer: before.customer + 1 });
    await route.continue();
  });
  await page.reload();
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('customer')).toBeVisible();
  expect(await reads()).toEqual({ list: before.list + 1, customer: before.customer + 1 });
});
