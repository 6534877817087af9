// The walking skeleton: the release build loads, signs in against the
// sandbox and lists its seeded apps through the real client.
const { test, expect, sandbox, signIn } = require('./fixtures');

test('release build lists the sandbox seeded apps', async ({ page, request }) => {
  await sandbox.reset(request, 3);
  await signIn(page);
  const rows = page.getByTestId('apps-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('app-count')).toHaveText('3 apps');
  await expect(page.getByTestId('api-endpoint')).toHaveText('Same origin (via proxy)');
});

test('unknown addresses show the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
