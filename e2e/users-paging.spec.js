// Paging far from the API (issue 23): while the server's next-page keys
// keep a step, the console asks for the next pages ahead and keeps one only
// when the page before it named its key. Against sandboxes whose keys are
// offsets, ids with gaps or opaque strings (the reset control's key_style),
// served 10 a page: every user arrives once, a 401 on a page asked for
// ahead still asks to unlock and Resume finishes, and one user can be
// opened by ID without waiting for the rest.
const fs = require('fs');
const { test, expect, sandbox, signIn, API } = require('./fixtures');

/** One app with `users` users, served at most 10 a page with keys in `keyStyle`. */
async function seed(request, users, keyStyle) {
  const res = await request.post(`${API()}/__sandbox/reset`, {
    data: { seed: 1, seed_users: users, max_page_size: 10, key_style: keyStyle },
  });
  expect(res.status(), await res.text()).toBe(200);
  const state = await sandbox.state(request);
  return { app: state.apps[0], stored: state.users[state.apps[0].AppID].map((u) => u.AppUserId) };
}

const pagesAsked = async (request) => (await sandbox.state(request)).requests
  .filter((r) => r.method === 'GET' && r.path.endsWith('/usermapping') && (r.query || '').includes('last_value='))
  .map((r) => [new URLSearchParams(r.query).get('last_value'), r.status]);

async function openUsers(page, app) {
  await signIn(page, `/apps/${app.AppID}/users`);
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

/** The AppUserIds the list holds, from its JSON export (every user, in the list's order). */
async function listedIds(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  return JSON.parse(fs.readFileSync(await file.path(), 'utf8')).map((u) => u.AppUserId);
}

const count = (page) => page.getByTestId('user-count');

/** Every stored user listed exactly once. */
function onceEach(listed, stored) {
  expect(listed).toHaveLength(stored.length);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual([...stored].sort());
}

test.describe('users paged ahead', () => {
  test('keys with gaps: all 250 users arrive once each; wrong guesses are thrown away', async ({ page, request }) => {
    const { app, stored } = await seed(request, 250, 'gaps');
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    await expect(page.getByTestId('load-status')).not.toContainText('more may exist');
    onceEach(await listedIds(page), stored);
    const asked = await pagesAsked(request);
    // 25 pages; the keys step by 10 for six pages, then jump by 17 (seven
    // numbers skipped after every 60th user), so some guesses were wrong.
    // The first five one at a time; then guesses go out together, so the
    // server sees them in any order.
    expect(asked.slice(0, 5).map(([key]) => key)).toEqual(['0', '10', '20', '30', '40']);
    const keys = asked.map(([key]) => key);
    for (const key of ['50', '60', '70', '77']) expect(keys).toContain(key);
    expect(asked.length).toBeGreaterThan(25);
  });

  test('offset keys: asked for ahead, every user once, at most the guesses past the end wasted', async ({ page, request }) => {
    const { app, stored } = await seed(request, 250, 'offset');
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    onceEach(await listedIds(page), stored);
    const keys = (await pagesAsked(request)).map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(25);
    expect(keys.length).toBeLessThan(25 + 8);
  });

  test('opaque keys: followed one page at a time, exactly as before', async ({ page, request }) => {
    const { app, stored } = await seed(request, 250, 'opaque');
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    onceEach(await listedIds(page), stored);
    const asked = await pagesAsked(request);
    expect(asked).toHaveLength(25);
    expect(asked.every(([, status]) => status === 200)).toBeTruthy();
  });

  test('a 401 on a page asked for ahead asks to unlock; the users are kept and Resume finishes once each', async ({ page, request }) => {
    const { app, stored } = await seed(request, 250, 'offset');
    await sandbox.fault(request, { kind: 'unauthorized401', route: 'users', query_contains: 'last_value=120' });
    await openUsers(page, app);
    const form = page.getByTestId('unlock-form');
    await expect(form).toContainText('The app token was refused');
    await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(count(page)).toHaveText(/^\d+ users loaded; more may exist$/);
    await page.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
    onceEach(await listedIds(page), stored);
  });

  test('one user opened by ID while the rest load, with a single request', async ({ page, request }) => {
    const { app } = await seed(request, 250, 'offset');
    await sandbox.fault(request, { kind: 'delay', delay_ms: 3000, route: 'users', query_contains: 'last_value=20' });
    await openUsers(page, app);
    const progress = page.getByTestId('load-progress');
    await expect(progress).toContainText('Loading users… 20 so far');
    await progress.getByLabel('Know the App user ID?').fill(' crm-0249 ');
    await progress.getByRole('button', { name: 'Look up' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/users/crm-0249$`));
    await expect(page.getByRole('heading', { name: 'crm-0249' })).toBeVisible();
    await expect(page.getByTestId('user-fields')).toContainText('crm-0249');
    await expect(page.getByTestId('no-such-user')).toHaveCount(0);
    const lookups = (await sandbox.state(request)).requests.filter((r) => (r.query || '').includes('user_id='));
    expect(lookups.map((r) => [r.query, r.status])).toEqual([['user_id=crm-0249', 200]]);
  });

  test('beside a list that stopped short, an ID not loaded is offered for a direct look-up', async ({ page, request }) => {
    const { app } = await seed(request, 250, 'offset');
    await sandbox.fault(request, { kind: 'delay', delay_ms: 1500, route: 'users', query_contains: 'last_value=20' });
    await openUsers(page, app);
    const progress = page.getByTestId('load-progress');
    await expect(progress).toContainText('Loading users… 20 so far');
    await progress.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('load-status')).toContainText('30 users loaded before loading stopped; more may exist.');
    await page.locator('#search').fill('crm-0248');
    const offer = page.getByTestId('lookup-offer');
    await expect(offer).toContainText('No user loaded so far has the App user ID “crm-0248”');
    await offer.getByRole('link', { name: 'Look up “crm-0248” directly' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/users/crm-0248$`));
    await expect(page.getByTestId('user-fields')).toContainText('crm-0248');
    await expect(page.getByTestId('no-such-user')).toHaveCount(0);
    // A loaded ID, or a list that is complete, offers nothing.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.locator('#search').fill('crm-0001');
    await expect(page.locator('tr[data-user-id="crm-0001"]')).toBeVisible();
    await expect(page.getByTestId('lookup-offer')).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
    await page.locator('#search').fill('no-such-id');
    await expect(page.getByTestId('no-match')).toBeVisible();
    await expect(page.getByTestId('lookup-offer')).toHaveCount(0);
  });
});
