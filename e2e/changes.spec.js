// Several admins, one account (issue 22): the sandbox's "other admin"
// changes a setting or a user behind the console's back; the console reads
// again before writing, sends nothing over the change and asks (Keep mine,
// Take theirs); Undo of a settings save and of a user edit; nothing typed is
// lost on a reload; the Changes page after a reload, filtered, exported
// without a secret, cleared by Sign out; axe light and dark, 360 px.
const fs = require('fs');

const { test, expect, sandbox, signIn, axe, shot, CUSTOMER_SECRET } = require('./fixtures');

const POPUP = 'Incoming call pop-up URL (popup)';
const CALLBACK = 'Outbound call status callback URL (callback)';
const PLAYBACK = 'Playback audio file URL (playback)';

const state = (request) => sandbox.state(request);
const firstApp = async (request) => (await state(request)).apps[0];
const storedSettings = async (request, appId) => (await state(request)).settings[appId] ?? [];
const storedValue = async (request, appId, key) => (await storedSettings(request, appId)).find((s) => s.Key === key)?.Value;
const storedUser = async (request, appId, id) => ((await state(request)).users[appId] ?? []).find((u) => u.AppUserId === id);
const requestsTo = async (request, method, suffix) =>
  (await state(request)).requests.filter((r) => r.method === method && r.path.endsWith(suffix));
const settingPosts = async (request) => (await requestsTo(request, 'POST', '/app_setting')).map((r) => r.body);
const field = (scope, label) => scope.getByLabel(label, { exact: true });
const setting = (page, key) => page.locator(`.setting[data-key="${key}"]`);

/** Toasts sit over the page's corner: out of the way before axe and screenshots. */
async function dismissToasts(page) {
  await expect(async () => {
    for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) {
      await button.click({ timeout: 1000 }).catch(() => {});
    }
    await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
}

async function unlock(page, app) {
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(form).toBeHidden();
}

async function openSettings(page, app, signedIn = false) {
  if (signedIn) await page.goto(`/apps/${app.AppID}/settings`);
  else await signIn(page, `/apps/${app.AppID}/settings`);
  await unlock(page, app);
  await expect(field(page, POPUP)).not.toHaveValue('');
}

async function openUser(page, app, id, signedIn = false) {
  const path = `/apps/${app.AppID}/users/${encodeURIComponent(id)}`;
  if (signedIn) await page.goto(path);
  else await signIn(page, path);
  await unlock(page, app);
  await expect(page.getByTestId('user-fields')).toContainText(id);
}

/** Edits popup (and callback) on the page, the other admin changes popup, Save. */
async function settingsConflict(page, request, app) {
  await openSettings(page, app);
  const loaded = await storedValue(request, app.AppID, 'popup');
  await field(page, POPUP).fill('https://crm.example.com/mine');
  await field(page, CALLBACK).fill('https://crm.example.com/status-2');
  // Lands right before the console's next read of the settings: the one
  // Save makes before it sends anything.
  await sandbox.otherAdmin(request, {
    app_id: app.AppID,
    setting: { Key: 'popup', Value: 'https://crm.example.com/theirs' },
    before: { route: 'settings' },
  });
  await page.getByRole('button', { name: 'Save settings' }).click();
  const conflict = setting(page, 'popup').locator('.conflict');
  await expect(conflict).toContainText('Changed by someone else');
  await expect(conflict.locator('[data-value=loaded]')).toHaveText(loaded);
  await expect(conflict.locator('[data-value=theirs]')).toHaveText('https://crm.example.com/theirs');
  await expect(conflict.locator('[data-value=mine]')).toHaveText('https://crm.example.com/mine');
  await expect(page.getByTestId('save-results').locator('li[data-key=popup]')).toHaveAttribute('data-state', 'conflict');
  // The key without a conflict was saved; popup was not sent.
  expect(await settingPosts(request)).toEqual([{ Key: 'callback', Value: 'https://crm.example.com/status-2' }]);
  expect(await storedValue(request, app.AppID, 'popup')).toBe('https://crm.example.com/theirs');
  return conflict;
}

test.describe('no silent overwrite', () => {
  test('settings: a key changed by someone else is not sent; Keep mine sends it', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const app = await firstApp(request);
    const conflict = await settingsConflict(page, request, app);
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect(setting(page, 'popup').locator('.conflict')).toHaveCount(0);
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    expect(await settingPosts(request)).toEqual([
      { Key: 'callback', Value: 'https://crm.example.com/status-2' },
      { Key: 'popup', Value: 'https://crm.example.com/mine' },
    ]);
    expect(await storedValue(request, app.AppID, 'popup')).toBe('https://crm.example.com/mine');
  });

  test('settings: Take theirs drops the edit and sends nothing', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const app = await firstApp(request);
    const conflict = await settingsConflict(page, request, app);
    await conflict.getByRole('button', { name: 'Take theirs' }).click();
    await expect(setting(page, 'popup').locator('.conflict')).toHaveCount(0);
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/theirs');
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    expect(await settingPosts(request)).toEqual([{ Key: 'callback', Value: 'https://crm.example.com/status-2' }]);
    expect(await storedValue(request, app.AppID, 'popup')).toBe('https://crm.example.com/theirs');
  });

  test('settings: an edit survives a reload, and still starts from what was loaded', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const app = await firstApp(request);
    await openSettings(page, app);
    await field(page, POPUP).fill('https://crm.example.com/typed');
    page.once('dialog', (d) => d.accept());
    await page.reload();
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/typed');
    await expect(page.getByTestId('unsaved-count')).toHaveText('1 unsaved change');
    // Changed elsewhere after the edit began, before the reload's own read.
    await sandbox.otherAdmin(request, { app_id: app.AppID, setting: { Key: 'popup', Value: 'https://crm.example.com/theirs' } });
    await page.getByRole('button', { name: 'Reload settings' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(setting(page, 'popup').locator('.conflict')).toBeVisible();
    expect(await settingPosts(request)).toEqual([]);
  });

  test('a user edit: a field changed by someone else is asked about; Keep mine PUTs it', async ({ page, request }) => {
    await sandbox.seedUsers(request, 1, 3);
    const app = await firstApp(request);
    const before = await storedUser(request, app.AppID, 'crm-0001');
    await openUser(page, app, 'crm-0001');
    const edit = page.locator('.edit-user');
    await edit.getByRole('button', { name: 'Edit this user' }).click();
    await field(edit, 'Email').fill('kavya.mine@acme.example');
    await field(edit, 'Virtual number').fill('+918047001111');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await sandbox.otherAdmin(request, { app_id: app.AppID, user: { AppUserId: 'crm-0001', Email: 'theirs@acme.example' } });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const conflicts = page.getByTestId('user-conflicts');
    await expect(conflicts).toContainText('Changed by someone else: Email');
    await expect(conflicts.locator('[data-value=loaded]')).toHaveText(before.Email);
    await expect(conflicts.locator('[data-value=theirs]')).toHaveText('theirs@acme.example');
    await expect(conflicts.locator('[data-value=mine]')).toHaveText('kavya.mine@acme.example');
    expect(await requestsTo(request, 'PUT', '/usermapping')).toEqual([]);
    // The form keeps what was typed.
    await conflicts.getByRole('button', { name: 'Keep mine' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('kavya.mine@acme.example');
    const [put] = await requestsTo(request, 'PUT', '/usermapping');
    expect(put.body).toEqual({ AppUserId: 'crm-0001', fields: ['AppUserId', 'Email', 'VirtualNumber'] });
    const after = await storedUser(request, app.AppID, 'crm-0001');
    expect([after.Email, after.VirtualNumber]).toEqual(['kavya.mine@acme.example', '+918047001111']);
  });

  test('a user edit: Take theirs keeps their value and sends the rest; a reload keeps the typing', async ({ page, request }) => {
    await sandbox.seedUsers(request, 1, 3);
    const app = await firstApp(request);
    await openUser(page, app, 'crm-0002');
    const edit = page.locator('.edit-user');
    await edit.getByRole('button', { name: 'Edit this user' }).click();
    await field(edit, 'Email').fill('ravi.mine@acme.example');
    await field(edit, 'Agent number').fill('+919800001234');
    page.once('dialog', (d) => d.accept());
    await page.reload();
    await expect(field(edit, 'Email')).toHaveValue('ravi.mine@acme.example');
    await expect(field(edit, 'Agent number')).toHaveValue('+919800001234');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await sandbox.otherAdmin(request, {
      app_id: app.AppID,
      user: { AppUserId: 'crm-0002', Email: 'ravi.theirs@acme.example' },
      before: { route: 'user' },
    });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const conflicts = page.getByTestId('user-conflicts');
    await conflicts.getByRole('button', { name: 'Take theirs' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('+919800001234');
    const [put] = await requestsTo(request, 'PUT', '/usermapping');
    expect(put.body.fields).toEqual(['AgentNumber', 'AppUserId']); // the log sorts them
    expect((await storedUser(request, app.AppID, 'crm-0002')).Email).toBe('ravi.theirs@acme.example');
  });

  test('a device switch: a state changed by someone else is asked about', async ({ page, request }) => {
    await sandbox.seedUsers(request, 1, 3);
    const app = await firstApp(request);
    await openUser(page, app, 'crm-0002');
    await expect(page.getByTestId('active-device')).toContainText('Phone');
    await sandbox.otherAdmin(request, { app_id: app.AppID, device: { UserId: 'crm-0002', DeviceName: 'sip', DeviceStatus: true } });
    const devices = page.locator('.devices');
    await devices.getByRole('switch', { name: 'Phone device' }).click();
    const conflict = devices.locator('.conflict');
    await expect(conflict.locator('[data-value=loaded]')).toHaveText('Phone');
    await expect(conflict.locator('[data-value=theirs]')).toHaveText('SIP');
    await expect(conflict.locator('[data-value=mine]')).toHaveText('None');
    expect(await requestsTo(request, 'PUT', '/device')).toEqual([]);
    await conflict.getByRole('button', { name: 'Take theirs' }).click();
    await expect(page.getByTestId('active-device')).toContainText('SIP');
    expect(await requestsTo(request, 'PUT', '/device')).toEqual([]);
  });
});

test.describe('undo', () => {
  test('a settings save is undone: each key back, a new key emptied and said so', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const app = await firstApp(request);
    const old = await storedValue(request, app.AppID, 'popup');
    await openSettings(page, app);
    await field(page, POPUP).fill('https://crm.example.com/new');
    await field(page, PLAYBACK).fill('https://crm.example.com/hello.mp3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    await page.getByTestId('save-results').getByRole('button', { name: 'Undo this save' }).click();
    const panel = page.getByTestId('undo-panel');
    await expect(panel.locator('li[data-key=popup]')).toContainText(`back to ${old}`);
    await expect(panel.locator('li[data-key=playback]')).toContainText('did not exist before: set to an empty value');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect(panel).toHaveCount(0);
    await expect(field(page, POPUP)).toHaveValue(old);
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect((await settingPosts(request)).slice(2)).toEqual([
      { Key: 'popup', Value: old },
      { Key: 'playback', Value: '' },
    ]);
    await expect(setting(page, 'playback').locator('.setting-status')).toContainText('Stored: an empty value');
  });

  test('undo asks when a key was changed since, and a user edit is undone', async ({ page, request }) => {
    test.setTimeout(60_000);
    await sandbox.seedUsers(request, 1, 2);
    const app = await firstApp(request);
    await openSettings(page, app);
    await field(page, POPUP).fill('https://crm.example.com/new');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    await sandbox.otherAdmin(request, { app_id: app.AppID, setting: { Key: 'popup', Value: 'https://crm.example.com/later' } });
    await page.getByTestId('save-results').getByRole('button', { name: 'Undo this save' }).click();
    await page.getByTestId('undo-panel').getByRole('button', { name: 'Undo' }).click();
    await expect(setting(page, 'popup').locator('.conflict [data-value=theirs]')).toHaveText('https://crm.example.com/later');
    expect(await settingPosts(request)).toHaveLength(1);
    await setting(page, 'popup').getByRole('button', { name: 'Take theirs' }).click();
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');

    const before = await storedUser(request, app.AppID, 'crm-0001');
    await page.goto(`/apps/${app.AppID}/users/crm-0001`);
    const edit = page.locator('.edit-user');
    await edit.getByRole('button', { name: 'Edit this user' }).click();
    await field(edit, 'Email').fill('changed@acme.example');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('changed@acme.example');
    await edit.getByRole('button', { name: 'Undo this edit' }).click();
    const panel = page.getByTestId('undo-panel');
    await expect(panel.locator('li[data-key=Email]')).toContainText(`back to ${before.Email}`);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('user-fields')).toContainText(before.Email);
    const puts = await requestsTo(request, 'PUT', '/usermapping');
    expect(puts.map((p) => p.body.fields)).toEqual([['AppUserId', 'Email'], ['AppUserId', 'Email']]);
    expect((await storedUser(request, app.AppID, 'crm-0001')).Email).toBe(before.Email);
  });
});

test.describe('the Changes page', () => {
  test('lists every write after a reload, filters by app, undoes from there, exports without a secret; Sign out clears it', async ({ page, request, consoleLines }) => {
    test.setTimeout(60_000);
    await sandbox.seedUsers(request, 2, 2);
    const [app, other] = (await state(request)).apps;
    await openSettings(page, app);
    const old = await storedValue(request, app.AppID, 'popup');
    await field(page, POPUP).fill('https://crm.example.com/audited');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    await openUser(page, other, 'crm-0001', true);
    await page.locator('.devices').getByRole('switch', { name: 'Phone device' }).click();
    await expect(page.getByTestId('active-device')).toContainText('Phone');

    await page.getByTestId('changes-link').click();
    // The router navigates in the page; reload only once it has.
    await expect(page).toHaveURL(/\/changes$/);
    await page.reload();
    const table = page.getByTestId('changes-table');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    const settingRow = table.locator('tbody tr', { hasText: 'Setting popup' });
    await expect(settingRow).toContainText(`${old} → https://crm.example.com/audited`);
    await expect(settingRow).toContainText('Done');
    await expect(settingRow.locator('code')).toHaveText(/[0-9a-f-]{36}/);
    await expect(table.locator('tbody tr', { hasText: 'active device' })).toContainText('SIP → Phone');
    await page.getByLabel('App', { exact: true }).selectOption(other.AppID);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await page.getByLabel('App', { exact: true }).selectOption('');

    const exports = {};
    for (const format of ['CSV', 'JSON']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export ${format}` }).click(),
      ]);
      exports[format] = fs.readFileSync(await download.path(), 'utf8');
    }
    expect(exports.CSV).toContain('https://crm.example.com/audited');
    expect(JSON.parse(exports.JSON)).toHaveLength(2);
    const snapshot = await state(request);
    const tokens = Object.values(JSON.parse(await page.evaluate(() => sessionStorage.getItem('exotel.console.appTokens'))));
    tokens.push(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken')));
    const secrets = [
      CUSTOMER_SECRET,
      ...tokens,
      ...snapshot.apps.flatMap((a) => [a.AppSecret, a.ExotelApiKey, a.ExotelApiToken]),
      ...Object.values(snapshot.users).flat().map((u) => u.SipSecret),
    ];
    const stored = await page.evaluate(() => sessionStorage.getItem('exotel.console.changes'));
    for (const [where, text] of Object.entries({ ...exports, stored })) {
      for (const secret of secrets) expect(text, `a secret in ${where}`).not.toContain(secret);
      expect(text.toLowerCase(), `a secret's key in ${where}`).not.toMatch(/secret|apikey|apitoken|authorization/);
    }
    for (const secret of secrets) expect(consoleLines.join('\n'), 'a secret in the console').not.toContain(secret);

    // Undo from the record: the settings page asks, then restores.
    await settingRow.getByRole('link', { name: /Undo #1/ }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/settings\\?undo=1$`));
    const panel = page.getByTestId('undo-panel');
    await expect(panel.locator('li[data-key=popup]')).toContainText(`back to ${old}`);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/settings$`));
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect(await storedValue(request, app.AppID, 'popup')).toBe(old);
    await page.getByTestId('changes-link').click();
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(table.locator('tbody tr').first()).toContainText('(undoes #1)');
    await expect(table.getByRole('link', { name: /Undo #1/ })).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.changes'))).toBeNull();
    await signIn(page, '/changes');
    await expect(page.getByTestId('empty-state')).toContainText('No changes yet');
  });
});

for (const scheme of ['light', 'dark']) {
  test(`conflicts and the Changes page: axe-clean and screenshots, ${scheme}; 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.reset(request, 1);
    const app = await firstApp(request);
    await settingsConflict(page, request, app);
    await dismissToasts(page);
    expect(await axe(page), `axe on a settings conflict (${scheme})`).toEqual([]);
    await setting(page, 'popup').scrollIntoViewIfNeeded();
    await shot(page, `settings-conflict-${scheme}`);
    await setting(page, 'popup').getByRole('button', { name: 'Keep mine' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    await page.getByTestId('changes-link').click();
    await expect(page.getByTestId('changes-table').locator('tbody tr')).toHaveCount(2);
    await dismissToasts(page);
    expect(await axe(page), `axe on the Changes page (${scheme})`).toEqual([]);
    await shot(page, `changes-${scheme}`, { fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    if (scheme === 'light') await shot(page, 'changes-mobile', { fullPage: true });
    await page.goto(`/apps/${app.AppID}/settings`);
    await field(page, POPUP).fill('https://crm.example.com/mobile');
    await sandbox.otherAdmin(request, { app_id: app.AppID, setting: { Key: 'popup', Value: 'https://crm.example.com/theirs-2' } });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(setting(page, 'popup').locator('.conflict')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}
