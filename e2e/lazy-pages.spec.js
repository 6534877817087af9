// The release build is split (scripts/split-wasm.js): the list paints with
// the main wasm only, the detail page's chunk is fetched once the browser is
// idle, every other page's chunk on its first visit, and a chunk that cannot
// be fetched is a message on that page, never a crash.
const { test, expect, sandbox, signIn } = require('./fixtures');

const apps = async (request) => (await sandbox.state(request)).apps;

test('the list paints with the main wasm only; the detail chunk follows in the background, settings on first visit', async ({
  page,
  request,
}) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  // When the list's rows enter the DOM, in the page's own clock.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__rowsAt === undefined && document.querySelector('[data-testid=apps-table] tbody tr')) {
        window.__rowsAt = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const wasmEntries = () => page.evaluate(() => ({
    rowsAt: window.__rowsAt,
    wasm: performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.wasm'))
      .map((e) => ({ file: new URL(e.name).pathname.slice(1), startTime: e.startTime })),
  }));
  await signIn(page);
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  // Once idle, the console fetches the detail page's chunk without a click.
  await expect.poll(async () => (await wasmEntries()).wasm.some((w) => w.file.startsWith('split-detail-page-'))).toBeTruthy();
  const { rowsAt, wasm } = await wasmEntries();
  const beforeList = wasm.filter((w) => w.startTime < rowsAt).map((w) => w.file);
  expect(beforeList).toHaveLength(1);
  expect(beforeList[0]).toMatch(/^exotel-console-[0-9a-f]{12,16}_bg\.wasm$/);
  expect(wasm.filter((w) => w.file.startsWith('split-detail-page-')).every((w) => w.startTime > rowsAt)).toBeTruthy();
  expect(wasm.some((w) => w.file.startsWith('split-settings-page-'))).toBeFalsy();

  await page.getByTestId('apps-table').getByText(app.AppName).click();
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  await page.goto(`/apps/${app.AppID}/settings`);
  await expect(page.getByTestId('unlock-form')).toBeVisible();
  expect((await wasmEntries()).wasm.some((w) => /^split-settings-page-[0-9a-f]{16}\.wasm$/.test(w.file))).toBeTruthy();
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
  await expect(failed).toContainText('Nothing was changed through the API');
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
