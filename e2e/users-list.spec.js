// The users list of an app: every page of GET /usermapping (100 at a time)
// with a live count, Stop and Resume; search, filters and sort in the URL;
// the next-page field under another name; delete-all with the typed name;
// payloads rendered as text; no SipSecret anywhere; axe, screenshots and a
// 360 px screen.
const fs = require('fs');
const { spawn } = require('child_process');
const { test, expect, sandbox, signIn, PORTS, axe, secretPlaces, API, appToken, shot } = require('./fixtures');
const { DIST } = require('./ports');



const seed = (request, apps, users, port) => sandbox.seedUsers(request, apps, users, port);
const firstApp = async (request, port) => (await sandbox.state(request, port)).apps[0];
const storedUsers = async (request, appId, port) => (await sandbox.state(request, port)).users[appId] ?? [];
const userPages = async (request, port) =>
  (await sandbox.state(request, port)).requests.filter(
    (r) => r.method === 'GET' && r.path.endsWith('/usermapping') && !(r.query || '').includes('user_id'));

async function openUsers(page, app, { origin = '', signedIn = false, query = '' } = {}) {
  const path = `${origin}/apps/${app.AppID}/users${query}`;
  if (signedIn) await page.goto(path);
  else await signIn(page, path);
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

const count = (page) => page.getByTestId('user-count');
const rows = (page) => page.getByTestId('users-table').locator('tbody tr[data-user-id]');

test.describe('users list', () => {
  test('250 users arrive in 3 pages of 100, with the count and links to each user', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    const pages = await userPages(request);
    expect(pages.map((r) => r.query)).toEqual([
      'page_size=100&last_value=0',
      'page_size=100&last_value=100',
      'page_size=100&last_value=200',
    ]);
    const first = page.locator('tr[data-user-id="crm-0001"]');
    await expect(first.getByRole('link', { name: 'crm-0001' })).toHaveAttribute('href', `/apps/${app.AppID}/users/crm-0001`);
    // Entering the page again reads nothing: every user is loaded already.
    await page.getByRole('link', { name: 'Details' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(count(page)).toHaveText('250 users');
    expect(await userPages(request)).toHaveLength(3);
    // Refresh reads every page again.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(count(page)).toHaveText('250 users');
    expect(await userPages(request)).toHaveLength(6);
  });

  test('search and a filter live in the URL and survive a reload; sort by a column', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    const users = await storedUsers(request, app.AppID);
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    const q = 'crm-01';
    const fields = (u) => [u.AppUserId, u.AppUsername, u.Email, u.ExotelUserName, u.ExotelUserId, u.VirtualNumber, u.AgentNumber];
    const expected = users.filter((u) => fields(u).some((f) => f.toLowerCase().includes(q)) && !u.IsActive).length;
    expect(expected).toBeGreaterThan(0);
    await page.keyboard.press('/');
    await expect(page.locator('#search')).toBeFocused();
    await page.keyboard.type(q);
    await page.getByLabel('Status').selectOption('no');
    await expect(count(page)).toHaveText(`${expected} of 250 users`);
    await expect(page).toHaveURL(/q=crm-01/);
    await expect(page).toHaveURL(/active=no/);
    await page.reload();
    await expect(count(page)).toHaveText(`${expected} of 250 users`);
    await expect(page.locator('#search')).toHaveValue(q);
    await expect(page.getByLabel('Status')).toHaveValue('no');

    await page.locator('#search').fill('');
    await page.getByLabel('Status').selectOption('');
    await expect(count(page)).toHaveText('250 users');
    const idHeader = page.getByRole('columnheader', { name: 'App user ID' });
    await expect(idHeader).toHaveAttribute('aria-sort', 'ascending');
    const emailHeader = page.getByRole('columnheader', { name: 'Email' });
    await emailHeader.getByRole('button').click();
    await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/sort=email/);
    const byEmail = users.map((u) => u.Email.toLowerCase()).sort();
    await expect(rows(page).first().locator('td[data-label=Email]')).toHaveText(byEmail[0]);
    await emailHeader.getByRole('button').click();
    await expect(emailHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(rows(page).first().locator('td[data-label=Email]')).toHaveText(byEmail[byEmail.length - 1]);
    await expect(page.getByRole('columnheader', { name: 'App user ID' })).toHaveAttribute('aria-sort', 'none');
    await page.locator('#search').fill('no-such-user-anywhere');
    await expect(page.getByTestId('no-match')).toContainText('No user matches these filters');
  });

  test('the next-page field under another name (last_value) is followed', async ({ page, request }) => {
    const port = PORTS.killable + 1;
    const server = spawn('target/debug/exotel-sandbox', ['--port', String(port), '--static-dir', DIST, '--faults', '--quiet',
      '--seed', '1', '--seed-users', '250', '--next-key-name', 'last_value'], { stdio: 'ignore' });
    try {
      await expect.poll(async () => {
        try { return (await fetch(`${API(port)}/__sandbox/state`)).status; } catch { return 0; }
      }, { timeout: 10_000 }).toBe(200);
      const app = await firstApp(request, port);
      await openUsers(page, app, { origin: API(port) });
      await expect(count(page)).toHaveText('250 users');
      expect((await userPages(request, port)).map((r) => r.query)).toEqual([
        'page_size=100&last_value=0',
        'page_size=100&last_value=100',
        'page_size=100&last_value=200',
      ]);
    } finally {
      server.kill();
    }
  });

  test('a server that serves at most 50 a page while the console asks for 100: all 250 listed', async ({ page, request }) => {
    await sandbox.seedCappedUsers(request, 1, 250, 50);
    const app = await firstApp(request);
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    await expect(page.getByTestId('load-status')).not.toContainText('more may exist');
    expect((await userPages(request)).map((r) => r.query)).toEqual(
      [0, 50, 100, 150, 200].map((key) => `page_size=100&last_value=${key}`));
    // Every user is there once: the last one is found by search.
    await page.locator('#search').fill('crm-0249');
    await expect(count(page)).toHaveText('1 of 250 users');
    await expect(page.locator('tr[data-user-id="crm-0249"]')).toBeVisible();
  });

  test('capped at 50 a page: a 5xx on page 3 keeps 100, says more may exist, and Resume loads the rest', async ({ page, request }) => {
    await sandbox.seedCappedUsers(request, 1, 250, 50);
    const app = await firstApp(request);
    await sandbox.fault(request, { kind: 'json500', route: 'users', after: 2 });
    await openUsers(page, app);
    const status = page.getByTestId('load-status');
    await expect(status.getByRole('alert')).toContainText('Loading users failed');
    await expect(status).toContainText('100 users loaded before loading stopped; more may exist.');
    await expect(count(page)).toHaveText('100 users loaded; more may exist');
    await status.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
    await expect(status).not.toContainText('more may exist');
    expect((await userPages(request)).map((r) => [r.query, r.status])).toEqual([
      ['page_size=100&last_value=0', 200],
      ['page_size=100&last_value=50', 200],
      ['page_size=100&last_value=100', 500],
      ['page_size=100&last_value=100', 200],
      ['page_size=100&last_value=150', 200],
      ['page_size=100&last_value=200', 200],
    ]);
  });

  test('a 5xx on page 3 keeps pages 1-2, says why, and Resume loads the rest', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await sandbox.fault(request, { kind: 'json500', route: 'users', after: 2 });
    await openUsers(page, app);
    const status = page.getByTestId('load-status');
    await expect(status.getByRole('alert')).toContainText('Loading users failed');
    await expect(status).toContainText('200 users loaded before loading stopped; more may exist.');
    await expect(count(page)).toHaveText('200 users loaded; more may exist');
    await expect(rows(page).first()).toBeVisible();
    await status.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
    await expect(page.getByTestId('load-status')).not.toContainText('Resume');
    expect((await userPages(request)).map((r) => [r.query, r.status])).toEqual([
      ['page_size=100&last_value=0', 200],
      ['page_size=100&last_value=100', 200],
      ['page_size=100&last_value=200', 500],
      ['page_size=100&last_value=200', 200],
    ]);
    // A failure with an envelope carries a RequestId, shown to quote.
    await sandbox.fault(request, { kind: 'failure200', route: 'users', after: 1 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(status.getByRole('alert')).toContainText(/RequestId: [0-9a-f-]{36}/);
    await expect(count(page)).toHaveText('100 users loaded; more may exist');
  });

  test('Stop while pages arrive keeps what arrived', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await sandbox.fault(request, { kind: 'delay', delay_ms: 1500, route: 'users', after: 1 });
    await openUsers(page, app);
    const progress = page.getByTestId('load-progress');
    await expect(progress).toContainText('Loading users… 100 so far');
    await progress.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('load-status')).toContainText('200 users loaded before loading stopped; more may exist.');
    await expect(count(page)).toHaveText('200 users loaded; more may exist');
    expect(await userPages(request)).toHaveLength(2);
    await page.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
  });

  test('a 401 mid-load asks to unlock again; the users loaded are kept and Resume goes on', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await sandbox.fault(request, { kind: 'unauthorized401', route: 'users', after: 1 });
    await openUsers(page, app);
    const form = page.getByTestId('unlock-form');
    await expect(form).toContainText('The app token was refused');
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens'))).not.toContain(app.AppID);
    await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(count(page)).toHaveText('100 users loaded; more may exist');
    await page.getByRole('button', { name: 'Resume loading' }).click();
    await expect(count(page)).toHaveText('250 users');
    expect((await userPages(request)).map((r) => [r.query, r.status])).toEqual([
      ['page_size=100&last_value=0', 200],
      ['page_size=100&last_value=100', 401],
      ['page_size=100&last_value=100', 200],
      ['page_size=100&last_value=200', 200],
    ]);
  });

  test('delete all: the dialog counts, offers the CSV, wants the name typed; then zero', async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    await page.getByRole('button', { name: 'Delete all users…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`This deletes all 250 users of ${app.AppName}`);
    const csv = await download(page, () => dialog.getByRole('button', { name: 'Export CSV of these users' }).click());
    expect(csv.text.trim().split('\n')).toHaveLength(251);
    const confirm = dialog.getByRole('button', { name: 'Delete all users' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type .* to confirm/).fill(app.AppName.slice(0, -1));
    await expect(confirm).toBeDisabled();
    // A trial account is refused, clearly, and nothing is deleted.
    await sandbox.fault(request, { kind: 'trial403', route: 'delete_users' });
    await dialog.getByLabel(/Type .* to confirm/).fill(app.AppName);
    await confirm.click();
    await expect(dialog).toContainText('trial account');
    await expect(dialog.getByRole('alert')).toContainText('This is a trial account. Operation not permitted.');
    expect(await storedUsers(request, app.AppID)).toHaveLength(250);
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('empty-state')).toContainText('No users yet');
    expect(await storedUsers(request, app.AppID)).toEqual([]);
    const calls = (await sandbox.state(request)).requests.filter((r) => r.path.endsWith('/usermapping')).map((r) => `${r.method} ${r.status}`);
    expect(calls.slice(-3)).toEqual(['DELETE 403', 'DELETE 200', 'GET 200']);
    // No control anywhere offers to delete one user.
    await expect(page.getByRole('button', { name: /delete user\b/i })).toHaveCount(0);
  });

  test('payloads in names and emails render as text; nothing runs', async ({ page, request }) => {
    await seed(request, 1, 0);
    const app = await firstApp(request);
    const token = await appToken(request, app);
    const payloads = [
      { AppUserId: '<b>bold-id</b>', AppUsername: '<img src=x onerror=window.__xss=1> Payload', Email: '"><svg/onload=window.__xss=2>@x.io', ExotelUserName: '<script>window.__xss=3</script> Payload' },
      { AppUserId: 'plain-2', AppUsername: 'Javascript:alert(1) Payload', Email: 'a<img/src=x/onerror=window.__xss=4>@acme.io', ExotelUserName: 'Asha Verma' },
    ];
    const res = await request.post(`${API()}/v2/integrations/usermapping`, {
      headers: { Authorization: token },
      data: payloads.map((p) => ({ ...p, ExotelAccountSid: app.ExotelAccountSid, VirtualNumber: '+918047000000' })),
    });
    expect(res.status(), await res.text()).toBe(200);
    await openUsers(page, app);
    await expect(count(page)).toHaveText('2 users');
    const table = page.getByTestId('users-table');
    await expect(table).toContainText('<img src=x onerror=window.__xss=1> Payload');
    await expect(table).toContainText('"><svg/onload=window.__xss=2>@x.io');
    await expect(table).toContainText('<script>window.__xss=3</script> Payload');
    await expect(table.getByRole('link', { name: '<b>bold-id</b>' })).toBeVisible();
    await expect(table.locator('img, svg, script, b')).toHaveCount(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  });

  test('no SipSecret in the DOM, storage, request log, console or exports', async ({ page, request, consoleLines }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    const secrets = (await storedUsers(request, app.AppID)).map((u) => u.SipSecret);
    expect(secrets.every((s) => s && s.length > 20)).toBeTruthy();
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    const json = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
    expect(csv.name).toBe(`exotel-users-${app.AppID}.csv`);
    expect(JSON.parse(json.text)).toHaveLength(250);
    const places = { ...(await secretPlaces(page, consoleLines)), csv: csv.text, json: json.text };
    expect(places.log).toContain('/usermapping');
    for (const [where, text] of Object.entries(places)) {
      expect(text, where).not.toContain('SipSecret');
      const leaked = secrets.filter((s) => text.includes(s));
      expect(leaked, `${where} holds no SipSecret`).toEqual([]);
    }
  });

  test('axe-clean, light and dark screenshots, the delete dialog, and 360 px', { tag: '@docs' }, async ({ page, request }) => {
    await seed(request, 1, 250);
    const app = await firstApp(request);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openUsers(page, app);
    await expect(count(page)).toHaveText('250 users');
    await page.getByRole('button', { name: 'Dismiss notification' }).click();
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await axe(page), `axe (${scheme})`).toEqual([]);
      await shot(page, `users-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Delete all users…' }).click();
    await page.getByRole('dialog').getByLabel(/Type .* to confirm/).fill(app.AppName);
    expect(await axe(page), 'axe (delete dialog)').toEqual([]);
    await shot(page, 'users-delete-dialog-light');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.setViewportSize({ width: 360, height: 740 });
    await expect(count(page)).toHaveText('250 users');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0], 'no horizontal scroll at 360 px').toBeLessThanOrEqual(widths[1]);
    await expect(rows(page).first().locator('td[data-label=Email]')).toBeVisible();
    expect(await axe(page), 'axe (360 px)').toEqual([]);
    await rows(page).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${test.info().outputDir}/users-360.png` });
  });
});
