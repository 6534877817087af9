// The release build is split (scripts/split-wasm.js): the first load fetches
// the main wasm only, each other page's chunk arrives on its first visit, and
// a chunk that cannot be fetched is a message on that page, never a crash.
const { test, expect, sandbox, signIn } = require('./fixtures');

const apps = async (request) => (await sandbox.state(request)).apps;
const wasmFetched = (page) => {
  const names = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.slice(1);
    if (file.endsWith('.wasm')) names.push(file);
  });
  return names;
};

test('the apps list needs only the main wasm; the settings page fetches its chunk on first visit', async ({
  page,
  request,
}) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  const fetched = wasmFetched(page);
  await signIn(page);
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  expect(fetched).toHaveLength(1);
  expect(fetched[0]).toMatch(/^exotel-console-[0-9a-f]{12,16}_bg\.wasm$/);

  await page.getByTestId('apps-table').getByText(app.AppName).click();
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  expect(fetched.some((f) => /^split-detail-page-[0-9a-f]{16}\.wasm$/.test(f))).toBeTruthy();
  expect(fetched.some((f) => f.startsWith('split-settings-page-'))).toBeFalsy();

  await page.goto(`/apps/${app.AppID}/settings`);
  await expect(page.getByTestId('unlock-form')).toBeVisible();
  expect(fetched.some((f) => /^split-settings-page-[0-9a-f]{16}\.wasm$/.test(f))).toBeTruthy();
});

test('a page whose chunk cannot be fetched says so; the rest of the console keeps working', async ({
  page,
  request,
}) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  await page.route(/\/split-users-pages-[0-9a-f]{16}\.wasm$/, (route) => route.abort('internetdisconnected'));
  await signIn(page);
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);

  await page.goto(`/apps/${app.AppID}`);
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  const failed = page.getByRole('alert');
  await expect(failed).toContainText('This page could not be loaded');
  await expect(failed).toContainText('Nothing was sent to the API');
  await page.screenshot({ path: 'test-results/lazy-chunk-failed.png', fullPage: true });

  // Other pages still work, and the failure was not cached: once the network
  // is back, the same page loads.
  await page.goBack();
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  await page.unroute(/\/split-users-pages-[0-9a-f]{16}\.wasm$/);
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByTestId('unlock-form')).toBeVisible();
  await expect(page.getByText('This page could not be loaded')).toHaveCount(0);

  // Reload is a real page load (the router does not take it).
  await page.route(/\/split-settings-page-[0-9a-f]{16}\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(`/apps/${app.AppID}/settings`);
  await expect(page.getByRole('alert')).toContainText('This page could not be loaded');
  await page.unroute(/\/split-settings-page-[0-9a-f]{16}\.wasm$/);
  const reloaded = page.waitForEvent('load');
  await page.getByRole('link', { name: 'Reload' }).click();
  await reloaded;
  await expect(page.getByTestId('unlock-form')).toBeVisible();
});
