// Search, sort and filter on the app list, all kept in the URL.
const { test, expect, sandbox, signIn } = require('./fixtures');

const APPS = [
  { AppName: 'Charlie line', ExotelAccountSid: 'sid-c', ExotelDomain: 'mumbai', IsActive: true, CreatedAt: '2024-03-01T10:00:00+05:30' },
  { AppName: 'alpha bot', ExotelAccountSid: 'sid-a', ExotelDomain: 'singapore', IsActive: false, CreatedAt: '2024-01-01T10:00:00+05:30' },
  { AppName: 'Bravo IVR', ExotelAccountSid: 'sid-b', ExotelDomain: 'mumbai', IsActive: false, CreatedAt: '2024-02-01T10:00:00+05:30' },
];
const names = (page) => page.getByTestId('apps-table').locator('tbody td.name').allTextContents();

test.beforeEach(async ({ request }) => {
  await sandbox.reset(request, 0);
  for (const app of APPS) await sandbox.createApp(request, { ...app, UpdatedAt: app.CreatedAt });
});

test('sort by any column, both ways, shown in the header and the URL', async ({ page }) => {
  await signIn(page);
  await expect.poll(() => names(page)).toEqual(['alpha bot', 'Bravo IVR', 'Charlie line']); // by created
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/\?sort=name$/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => names(page)).toEqual(['alpha bot', 'Bravo IVR', 'Charlie line']);
  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/\?sort=name&dir=desc$/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => names(page)).toEqual(['Charlie line', 'Bravo IVR', 'alpha bot']);
  await page.getByRole('columnheader', { name: 'Account SID' }).getByRole('button').click();
  await expect.poll(() => names(page)).toEqual(['alpha bot', 'Bravo IVR', 'Charlie line']);
  await page.getByRole('columnheader', { name: 'Active' }).getByRole('button').click();
  await expect.poll(async () => (await names(page))[2]).toBe('Charlie line');
});

test('filter by domain and status, with the count and a clear empty message', async ({ page }) => {
  await signIn(page);
  await page.getByLabel('Domain', { exact: true }).selectOption('mumbai');
  await expect(page.getByTestId('app-count')).toHaveText('2 of 3 apps');
  await page.getByLabel('Status', { exact: true }).selectOption('no');
  await expect(page).toHaveURL(/domain=mumbai&active=no/);
  await expect.poll(() => names(page)).toEqual(['Bravo IVR']);
  await page.getByLabel('Domain', { exact: true }).selectOption('singapore');
  await page.getByLabel('Status', { exact: true }).selectOption('yes');
  await expect(page.getByTestId('no-match')).toContainText('No app matches these filters');
  await expect(page.getByTestId('app-count')).toHaveText('0 of 3 apps');
});

test('search is debounced into the URL; links and back/forward restore the view', async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId('apps-table')).toBeVisible();
  await page.getByLabel('Search apps').pressSequentially('BOT', { delay: 20 });
  await expect(page).toHaveURL(/\?q=BOT$/);
  await expect.poll(() => names(page)).toEqual(['alpha bot']);
  await page.getByRole('link', { name: 'alpha bot', exact: true }).click();
  await expect(page.getByTestId('app-title')).toHaveText('alpha bot');
  await page.goBack();
  await expect(page.getByLabel('Search apps')).toHaveValue('BOT');
  await expect.poll(() => names(page)).toEqual(['alpha bot']);
  // A shared link opens the same view.
  await page.goto('/?q=sid-&domain=mumbai&sort=name&dir=desc');
  await expect.poll(() => names(page)).toEqual(['Charlie line', 'Bravo IVR']);
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('mumbai');
});
