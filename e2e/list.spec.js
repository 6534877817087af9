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

// 10,000 apps: the list is windowed (only the rows in view are in the DOM),
// yet every app is reachable by scrolling, search, sort and filter. The
// expected results are computed here from the API's own answer.
test.describe('10,000 apps', () => {
  let apps;
  test.beforeEach(async ({ request }) => {
    await sandbox.reset(request, 10000);
    const token = await sandbox.customerToken(request);
    const res = await request.get('/v2/integrations/app?entity=customer', { headers: { Authorization: token } });
    apps = (await res.json()).Data;
    expect(apps).toHaveLength(10000);
  });

  const rows = (page) => page.getByTestId('apps-table').locator('tbody tr[data-app-id]');

  test('shows every app without putting 10,000 rows in the page', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page);
    await expect(page.getByTestId('app-count')).toHaveText('10000 apps');
    const table = page.getByTestId('apps-table');
    await expect(table).toHaveAttribute('aria-rowcount', '10001');
    const inDom = await rows(page).count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(150);
    // Default sort is by creation, oldest first: the API's first app leads.
    await expect(rows(page).first()).toHaveAttribute('data-app-id', apps[0].AppID);
    await expect(rows(page).first()).toHaveAttribute('aria-rowindex', '2');
    // A row's copy button copies its AppID (one listener serves every row).
    const copy = rows(page).first().getByRole('button', { name: 'Copy AppID' });
    await copy.click();
    await expect(copy).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apps[0].AppID);
    await expect(page).toHaveURL(/\/$/); // copying does not open the app

    // Scrolling to the end brings the newest app in, and the window moves.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = page.locator(`tr[data-app-id="${apps[9999].AppID}"]`);
    await expect(last).toBeInViewport();
    await expect(last).toHaveAttribute('aria-rowindex', '10001');
    await expect(page.locator(`tr[data-app-id="${apps[0].AppID}"]`)).toHaveCount(0);
    expect(await rows(page).count()).toBeLessThan(150);

    // The middle of the list: a row there opens its own app.
    await page.evaluate(() => {
      const body = document.querySelector('[data-testid=apps-table] tbody');
      window.scrollTo(0, window.scrollY + body.getBoundingClientRect().top + body.offsetHeight / 2);
    });
    const middle = rows(page).nth(20);
    await expect(middle).toBeInViewport();
    const id = await middle.getAttribute('data-app-id');
    const app = apps.find((a) => a.AppID === id);
    const index = Number(await middle.getAttribute('aria-rowindex')) - 2;
    expect(index).toBeGreaterThan(3000);
    expect(index).toBeLessThan(7000);
    expect(apps[index].AppID).toBe(id);
    await middle.locator('td.name a').click();
    await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  });

  test('the keyboard walks the windowed rows: Tab never falls out of the list', async ({ page }) => {
    await signIn(page);
    await expect(page.getByTestId('app-count')).toHaveText('10000 apps');
    await rows(page).first().locator('td.name a').focus();
    // Three stops per row (name, copy, delete): 240 presses walk 80 rows,
    // far past the rows first rendered.
    for (let i = 0; i < 240; i++) await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const row = document.activeElement.closest('tr[data-app-id]');
      return row && { index: Number(row.getAttribute('aria-rowindex')), id: row.getAttribute('data-app-id') };
    });
    expect(at).not.toBeNull();
    expect(at.index).toBe(82); // row 81 of the list (aria-rowindex counts the header)
    expect(at.id).toBe(apps[80].AppID);
    await expect(page.locator(':focus')).toBeInViewport();
  });

  test('search, filter and sort work over all 10,000', async ({ page }) => {
    await signIn(page);
    await expect(page.getByTestId('app-count')).toHaveText('10000 apps');
    const matching = (q) => apps.filter((a) => [a.AppName, a.AppID, a.ExotelAccountSid].some((f) => f.toLowerCase().includes(q)));

    await page.getByLabel('Search apps').fill('DESK 71');
    const hits = matching('desk 71');
    expect(hits.length).toBeGreaterThan(0);
    await expect(page.getByTestId('app-count')).toHaveText(`${hits.length} of 10000 apps`);
    await expect(rows(page).first()).toHaveAttribute('data-app-id', hits[0].AppID);

    await page.getByLabel('Search apps').fill('');
    await page.getByLabel('Domain', { exact: true }).selectOption('singapore');
    await page.getByLabel('Status', { exact: true }).selectOption('no');
    const filtered = apps.filter((a) => a.ExotelDomain === 'singapore' && !a.IsActive);
    await expect(page.getByTestId('app-count')).toHaveText(`${filtered.length} of 10000 apps`);

    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect(page).toHaveURL(/sort=name&dir=desc/);
    // Rust's to_lowercase and JS toLowerCase agree on these ASCII names;
    // compared by code unit, as the console sorts.
    const key = (a) => a.AppName.toLowerCase();
    const byNameDesc = [...filtered].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    await expect(rows(page).first()).toHaveAttribute('data-app-id', byNameDesc[0].AppID);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.locator(`tr[data-app-id="${byNameDesc[byNameDesc.length - 1].AppID}"]`)).toBeInViewport();
  });
});
