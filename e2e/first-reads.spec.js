// Issue 23, item 5: an app's page (details, settings, the users list) asks for what it reads first as navigation
// starts, while its code (a lazy chunk) is still downloading, not once the
// chunk has arrived. Each test holds the page's chunk back until the read has
// been sent (or 5 s have passed): a read that waited for the chunk would not
// be seen in time. The page then takes that answer: one request, not two, and
// every error path (the 401 gate, the error panel) is as it was.
const { test, expect, sandbox, signIn, holdUntilSent } = require('./fixtures');

const apps = async (request) => (await sandbox.state(request)).apps;

async function unlock(page, app) {
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

/** Signs in and unlocks `app` on its details page: both tokens are then in session storage. */
async function signInUnlocked(page, app) {
  await signIn(page, `/apps/${app.AppID}`);
  // The facts show the listed app at once; the app's own read is answered
  // later. Wait for it, so a fault a test sets next is not spent on it.
  const read = page.waitForResponse((r) => /\/app\?entity=app$/.test(r.url()));
  await unlock(page, app);
  await read;
  await expect(page.getByTestId('app-facts')).toBeVisible();
}

/** Every API request sent from now on, and the chunk `chunk` held until `reads` were sent. */
const holdChunkUntil = (page, chunk, reads) =>
  holdUntilSent(page, new RegExp(`/split-${chunk}-[0-9a-f]{16}\\.wasm$`), reads);

const count = (sent, pattern) => sent.filter((s) => pattern.test(s)).length;
const APP_READ = /^GET \/app\?entity=app$/;
const APP_LIST = /^GET \/app\?entity=customer$/;
const SETTINGS_READ = /^GET \/app_setting$/;

test('a reload of an unlocked app reads the app while the page chunk downloads, once', async ({ page, request }) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  const { sent, seenFirst } = holdChunkUntil(page, 'detail-page', [APP_READ]);
  await page.reload();
  expect(await seenFirst, 'GET /app?entity=app sent before the chunk arrived').toBeTruthy();
  await expect(page.getByTestId('app-facts')).toContainText(app.AppID);
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  expect(count(sent, APP_READ)).toBe(1);
  // Unlocked details need no list for the app's name.
  expect(count(sent, APP_LIST)).toBe(0);
  // The request log shows the read as any other call (one line).
  await page.getByTestId('log-toggle').click();
  await expect(page.getByTestId('request-log').getByText('/app?entity=app')).toHaveCount(1);
});

test('settings: the settings and the app list are read while the chunks download, once each', async ({
  page,
  request,
}) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  const { sent, seenFirst } = holdChunkUntil(page, 'settings-page', [SETTINGS_READ, APP_LIST]);
  await page.goto(`/apps/${app.AppID}/settings`);
  expect(await seenFirst, 'GET /app_setting and the list sent before the chunk arrived').toBeTruthy();
  await expect(page.getByLabel('Incoming call pop-up URL (popup)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
  expect(count(sent, SETTINGS_READ)).toBe(1);
  expect(count(sent, APP_LIST)).toBe(1);

  // A click to the details (chunk already here) reads the app once too.
  await page.getByRole('link', { name: 'Details', exact: true }).click();
  await expect(page.getByTestId('app-facts')).toContainText(app.AppID);
  expect(count(sent, APP_READ)).toBe(1);
  expect(count(sent, SETTINGS_READ)).toBe(1);
});

test('a refused token on the early read goes to the unlock form, and the app unlocks again', async ({
  page,
  request,
}) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  await sandbox.fault(request, { kind: 'unauthorized401', route: 'settings' });
  const { sent, seenFirst } = holdChunkUntil(page, 'settings-page', [SETTINGS_READ]);
  await page.goto(`/apps/${app.AppID}/settings`);
  expect(await seenFirst).toBeTruthy();
  await expect(page.getByTestId('unlock-form')).toBeVisible();
  await expect(page.getByText(/The app token was refused/)).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens') ?? '')).not.toContain(app.AppID);
  await unlock(page, app);
  await expect(page.getByLabel('Incoming call pop-up URL (popup)', { exact: true })).toBeVisible();
  expect(count(sent, SETTINGS_READ)).toBe(2);
});

test('a failed early read shows the error with its RequestId, and Refresh reads again', async ({ page, request }) => {
  await sandbox.reset(request, 2);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  await sandbox.fault(request, { kind: 'failure200', route: 'detail' });
  const { sent, seenFirst } = holdChunkUntil(page, 'detail-page', [APP_READ]);
  await page.reload();
  expect(await seenFirst).toBeTruthy();
  const failed = page.getByRole('alert').filter({ hasText: 'Loading the app' });
  await expect(failed).toContainText('simulated failure');
  await expect(failed).toContainText('RequestId: ');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('app-facts')).toContainText(app.AppID);
  await expect(failed).toHaveCount(0);
  expect(count(sent, APP_READ)).toBe(2);
});

const USERS_FIRST = /^GET \/usermapping\?page_size=100&last_value=0$/;

test("an unlocked app's users: the first page is read while the users chunk downloads, once", async ({
  page,
  request,
}) => {
  await sandbox.seedUsers(request, 1, 150);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  const { sent, seenFirst } = holdChunkUntil(page, 'users-pages', [USERS_FIRST]);
  await page.goto(`/apps/${app.AppID}/users`);
  expect(await seenFirst, 'the first page asked for before the chunk arrived').toBeTruthy();
  await expect(page.getByTestId('user-count')).toHaveText('150 users');
  expect(count(sent, USERS_FIRST)).toBe(1);
  expect(count(sent, /^GET \/usermapping\?page_size=100&last_value=100$/)).toBe(1);
  // Back on the list after the details: loaded already, nothing is read early.
  await page.getByRole('link', { name: 'Details', exact: true }).click();
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByTestId('user-count')).toHaveText('150 users');
  expect(count(sent, /^GET \/usermapping/)).toBe(2);
});

test('a refused token on the early users read goes to the unlock form; Resume then loads them', async ({
  page,
  request,
}) => {
  await sandbox.seedUsers(request, 1, 30);
  const [app] = await apps(request);
  await signInUnlocked(page, app);
  await sandbox.fault(request, { kind: 'unauthorized401', route: 'users' });
  const { sent, seenFirst } = holdChunkUntil(page, 'users-pages', [USERS_FIRST]);
  await page.goto(`/apps/${app.AppID}/users`);
  expect(await seenFirst).toBeTruthy();
  await expect(page.getByTestId('unlock-form')).toContainText('The app token was refused');
  await unlock(page, app);
  // As for a 401 on any page of a load: it stopped there, and resumes.
  await page.getByRole('button', { name: 'Resume loading' }).click();
  await expect(page.getByTestId('user-count')).toHaveText('30 users');
  expect(count(sent, USERS_FIRST)).toBe(2);
});
