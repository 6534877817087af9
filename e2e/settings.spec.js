// App settings end to end: the "no settings yet" 404, saving only what
// changed, checks before sending, the server's values as the truth, faults,
// a 401 mid-save, copying settings between apps, XSS, the leave guard, a
// locked app's name, and the customer record whose secret must never show.
const fs = require('fs');

const { test, expect, sandbox, signIn, CUSTOMER_ID, CUSTOMER_SECRET, PORTS, axe, secretPlaces, API, appToken, shot } = require('./fixtures');

const POPUP = 'Incoming call pop-up URL (popup)';
const CALLBACK = 'Outbound call status callback URL (callback)';
const RECORD = 'Record outbound calls (record)';

const control = async (request, path, body, port) => {
  const res = await request.post(`${API(port)}/__sandbox/${path}`, { data: body });
  expect(res.ok(), `sandbox ${path}`).toBeTruthy();
  return res.json();
};
const apps = async (request, port) => (await sandbox.state(request, port)).apps;
const storedSettings = async (request, appId, port) => (await sandbox.state(request, port)).settings[appId] ?? [];
const settingPosts = async (request, port) =>
  (await sandbox.state(request, port)).requests.filter((r) => r.method === 'POST' && r.path.endsWith('/app_setting'));
const field = (page, label) => page.getByLabel(label, { exact: true });

async function unlock(page, app) {
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

async function openSettings(page, app, signedIn = false) {
  if (signedIn) await page.goto(`/apps/${app.AppID}/settings`);
  else await signIn(page, `/apps/${app.AppID}/settings`);
  await unlock(page, app);
  await expect(field(page, POPUP)).toBeVisible();
}

test.describe('settings', () => {
  test('an app without settings: 404 is "No settings yet"; popup and record are saved and read again', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    await openSettings(page, bare);
    await expect(page.getByText('No settings yet.')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await field(page, POPUP).fill('https://crm.example.com/exotel/popup');
    await field(page, RECORD).check();
    await expect(page.getByTestId('unsaved-count')).toHaveText('2 unsaved changes');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const results = page.getByTestId('save-results');
    await expect(results).toContainText('Settings saved');
    await expect(results.locator('li[data-state=saved]')).toHaveCount(2);
    await expect(page.getByText('No settings yet.')).toHaveCount(0);
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    await expect(page.locator('.setting[data-key=popup] .setting-status')).toContainText('Stored: https://crm.example.com/exotel/popup');
    expect(await storedSettings(request, bare.AppID)).toEqual([
      { Key: 'popup', Value: 'https://crm.example.com/exotel/popup' },
      { Key: 'record', Value: 'true' },
    ]);
    expect((await settingPosts(request)).map((r) => r.body)).toEqual([
      { Key: 'popup', Value: 'https://crm.example.com/exotel/popup' },
      { Key: 'record', Value: 'true' },
    ]);
    await page.reload();
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/exotel/popup');
    await expect(field(page, RECORD)).toBeChecked();
  });

  test('one field changed: only that key is POSTed', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = await apps(request);
    await openSettings(page, app);
    await expect(field(page, CALLBACK)).not.toHaveValue('');
    await field(page, POPUP).fill('https://crm.example.com/changed');
    await expect(page.locator('.setting[data-key=popup]')).toHaveClass(/changed/);
    await expect(page.locator('.setting[data-key=callback]')).not.toHaveClass(/changed/);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect((await settingPosts(request)).map((r) => r.body)).toEqual([{ Key: 'popup', Value: 'https://crm.example.com/changed' }]);
  });

  test('invalid values are refused before sending, naming the field; http:// needs the admin\'s word', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    await openSettings(page, bare);
    await field(page, POPUP).fill('crm.example.com/popup');
    await expect(page.locator('.setting[data-key=popup] .field-error')).toContainText('must start with https://');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const blocked = page.getByTestId('settings-blocked');
    await expect(blocked).toContainText('Incoming call pop-up URL (popup) must start with https://');
    await expect(field(page, POPUP)).toBeFocused();
    await field(page, POPUP).fill('https://crm.example.com/a b');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(blocked).toContainText('contains a space');
    await field(page, POPUP).fill('http://crm.example.com/popup');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(blocked).toContainText('uses http://');
    expect(await settingPosts(request)).toEqual([]);
    await page.locator('.setting[data-key=popup]').getByLabel('Send it anyway').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect(await storedSettings(request, bare.AppID)).toEqual([{ Key: 'popup', Value: 'http://crm.example.com/popup' }]);
  });

  test('a cleared field sends an empty value, then shows what the server holds', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = await apps(request);
    await openSettings(page, app);
    await field(page, POPUP).fill('');
    await expect(page.locator('.setting[data-key=popup]')).toContainText('Save sends an empty value (the API cannot delete a setting).');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect((await settingPosts(request)).map((r) => r.body)).toEqual([{ Key: 'popup', Value: '' }]);
    await expect(page.locator('.setting[data-key=popup] .setting-status')).toContainText('Stored: an empty value');
  });

  test('a value the server stores differently is flagged', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    await control(request, 'settings-rewrite', { key: 'popup', transform: 'lowercase' });
    await openSettings(page, bare);
    await field(page, POPUP).fill('https://CRM.example.com/Popup');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const row = page.getByTestId('save-results').locator('li[data-key=popup]');
    await expect(row).toHaveAttribute('data-state', 'differs');
    await expect(row).toContainText('the server holds https://crm.example.com/popup instead of https://CRM.example.com/Popup');
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/popup');
    await request.delete(`${API()}/__sandbox/settings-rewrite`);
  });

  test('custom keys: added with a note, sent, and shown as text', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    await openSettings(page, bare);
    await expect(page.getByText('Exotel may ignore keys it does not know.')).toBeVisible();
    await field(page, 'Key').fill('popup');
    await page.getByRole('button', { name: 'Add custom setting' }).click();
    await expect(page.getByText('“popup” is a known setting')).toBeVisible();
    await field(page, 'Key').fill('webrtc_enabled');
    await field(page, 'Value').fill('true');
    await page.getByRole('button', { name: 'Add custom setting' }).click();
    await expect(field(page, 'webrtc_enabled (custom)')).toHaveValue('true');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect(await storedSettings(request, bare.AppID)).toEqual([{ Key: 'webrtc_enabled', Value: 'true' }]);
  });

  test('a 401 while saving goes through unlock and back with the edits intact', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    await openSettings(page, bare);
    await field(page, POPUP).fill('https://crm.example.com/p');
    await field(page, CALLBACK).fill('https://crm.example.com/cb');
    await sandbox.fault(request, { kind: 'unauthorized401', route: 'save_setting' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('unlock-form')).toBeVisible();
    await expect(page.getByText(/The app token was refused/)).toBeVisible();
    await unlock(page, bare);
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/p');
    await expect(field(page, CALLBACK)).toHaveValue('https://crm.example.com/cb');
    await expect(page.getByTestId('unsaved-count')).toHaveText('2 unsaved changes');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    expect(await storedSettings(request, bare.AppID)).toEqual([
      { Key: 'popup', Value: 'https://crm.example.com/p' },
      { Key: 'callback', Value: 'https://crm.example.com/cb' },
    ]);
  });

  test('export from one app, import into another with a preview of each key', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [source, target] = await apps(request);
    const sourceSettings = await storedSettings(request, source.AppID);
    expect(sourceSettings.length).toBeGreaterThan(1);
    await openSettings(page, source);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    const exported = JSON.parse(text);
    expect(exported.settings).toEqual(sourceSettings);
    expect(text).not.toContain(source.AppSecret);
    expect(text).not.toContain(CUSTOMER_SECRET);

    await page.goto(`/apps/${target.AppID}/settings`);
    await unlock(page, target);
    await expect(page.getByText('No settings yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#import-file').setInputFiles(file);
    const preview = dialog.getByTestId('import-preview');
    await expect(preview.locator('tbody tr')).toHaveCount(sourceSettings.length);
    await expect(preview.locator('tr[data-key=popup]')).toContainText('(not set)');
    await expect(preview.locator('tr[data-key=popup]')).toContainText(sourceSettings[0].Value);
    await expect(preview.locator('tr[data-key=popup]')).toContainText('New');
    expect(await settingPosts(request)).toEqual([]);
    await dialog.getByRole('button', { name: `Use ${sourceSettings.length} settings` }).click();
    await expect(page.getByTestId('unsaved-count')).toHaveText(`${sourceSettings.length} unsaved changes`);
    expect(await settingPosts(request)).toEqual([]);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    // Sent in the editor's order, so compare by key.
    const byKey = (list) => [...list].sort((a, b) => a.Key.localeCompare(b.Key));
    expect(byKey(await storedSettings(request, target.AppID))).toEqual(byKey(sourceSettings));
  });

  test('pasted text that is not an export says why and keeps the text', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = await apps(request);
    await openSettings(page, app);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Or paste the JSON').fill('{"popup": "https://new.example/p", "record": true');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(dialog.getByRole('alert')).toContainText('This is not JSON');
    await dialog.getByLabel('Or paste the JSON').fill('{"popup": "https://new.example/p", "record": true}');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(dialog.locator('tr[data-key=popup]')).toContainText('Changes');
    await expect(dialog.locator('tr[data-key=record]')).toContainText('Values are strings');
    await expect(dialog.getByRole('button', { name: 'Use 1 settings' })).toBeEnabled();
  });

  test('XSS payloads as setting keys and values render as text', async ({ page, request }) => {
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await sandbox.reset(request, 2);
    const [, bare] = await apps(request);
    const token = await appToken(request, bare);
    const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload=window.__xss=3>'];
    for (const [i, p] of payloads.entries()) {
      const res = await request.post(`${API()}/v2/integrations/app_setting`, {
        headers: { Authorization: token }, data: { Key: `${p}${i}`, Value: p },
      });
      expect(res.ok()).toBeTruthy();
    }
    await request.post(`${API()}/v2/integrations/app_setting`, { headers: { Authorization: token }, data: { Key: 'popup', Value: payloads[0] } });
    await openSettings(page, bare);
    for (const [i, p] of payloads.entries()) await expect(page.getByText(`${p}${i} (custom)`, { exact: true })).toBeVisible();
    await expect(field(page, POPUP)).toHaveValue(payloads[0]);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('main img, main svg, main script').count()).toBe(0);
  });

  test('leaving with unsaved changes asks first', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = await apps(request);
    await openSettings(page, app);
    await field(page, POPUP).fill('https://crm.example.com/unsaved');
    const asked = [];
    page.once('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Apps' }).click();
    expect(asked).toEqual(['confirm']);
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/settings$`));
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/unsaved');
    // A keyboard shortcut that navigates asks too.
    await page.getByTestId('app-title').click();
    page.once('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
    await page.keyboard.press('n');
    expect(asked).toEqual(['confirm', 'confirm']);
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/settings$`));
    page.once('dialog', (d) => { asked.push(d.type()); d.accept(); });
    await page.getByRole('navigation', { name: 'App pages' }).getByRole('link', { name: 'Details' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}$`));
    expect(asked).toEqual(['confirm', 'confirm', 'confirm']);
    // The edit stays in the tab: back on the page, it is still there, unsaved.
    await page.getByRole('navigation', { name: 'App pages' }).getByRole('link', { name: 'Settings' }).click();
    await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/unsaved');
    await expect(page.getByTestId('unsaved-count')).toHaveText('1 unsaved change');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page.getByTestId('unsaved-count')).toHaveText('No unsaved changes');
    await expect(field(page, POPUP)).not.toHaveValue('https://crm.example.com/unsaved');
    // With nothing unsaved, nothing is asked; with an edit, closing the tab is.
    await page.getByRole('navigation', { name: 'App pages' }).getByRole('link', { name: 'Details' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}$`));
    expect(asked).toHaveLength(3);
    await page.goBack();
    await field(page, POPUP).fill('https://crm.example.com/again');
    const unload = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.accept(); }));
    await page.close({ runBeforeUnload: true });
    expect(await unload).toBe('beforeunload');
  });

  test('a locked app is named on its pages, before and after a reload', async ({ page, request }) => {
    await sandbox.reset(request, 2);
    const [app] = await apps(request);
    await signIn(page);
    await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
    await page.getByTestId('apps-table').getByText(app.AppName).click();
    await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
    for (const path of [`/apps/${app.AppID}`, `/apps/${app.AppID}/settings`, `/apps/${app.AppID}/users`]) {
      await page.goto(path);
      await expect(page.getByTestId('unlock-form')).toBeVisible();
      await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
      await page.reload();
      await expect(page.getByTestId('app-title')).toHaveText(app.AppName);
    }
  });
});

test.describe('settings under faults', () => {
  const FAST = PORTS.fast;
  test.use({ baseURL: API(FAST) });
  const FAULTS = {
    failure200: [/reported a failure/, /RequestId: [0-9a-f-]{36}/],
    json500: [/Unexpected answer from the API \(HTTP 500\)/],
    html502: [/A web page came back instead of the API \(HTTP 502\)/],
    timeout: [/did not answer in time/],
  };
  const faultFor = (kind, route) => (kind === 'timeout' ? { kind: 'delay', delay_ms: 2500, route } : { kind, route });

  for (const [kind, expected] of Object.entries(FAULTS)) {
    test(`GET and POST under ${kind}`, async ({ page, request }) => {
      await sandbox.reset(request, 2, FAST);
      const [, bare] = await apps(request, FAST);
      await sandbox.fault(request, faultFor(kind, 'settings'), FAST);
      await signIn(page, `/apps/${bare.AppID}/settings`);
      await unlock(page, bare);
      const alert = page.getByRole('alert').filter({ hasText: 'Loading the settings failed' });
      for (const pattern of expected) await expect(alert).toContainText(pattern, { timeout: 6000 });
      await page.getByRole('button', { name: 'Reload settings' }).click();
      await expect(page.getByText('No settings yet.')).toBeVisible();
      await expect(alert).toHaveCount(0);

      await field(page, POPUP).fill('https://crm.example.com/p');
      await sandbox.fault(request, faultFor(kind, 'save_setting'), FAST);
      await page.getByRole('button', { name: 'Save settings' }).click();
      const row = page.getByTestId('save-results').locator('li[data-key=popup]');
      await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 6000 });
      for (const pattern of expected) await expect(row).toContainText(pattern);
      await expect(row).toContainText('Your edit is kept.');
      await expect(field(page, POPUP)).toHaveValue('https://crm.example.com/p');
      // Saving is an upsert: sending again is safe even when the first one landed.
      await expect.poll(async () => (await sandbox.state(request, FAST)).faults_pending ?? 0).toBe(0);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(page.getByTestId('save-results')).toContainText('Settings saved');
      expect(await storedSettings(request, bare.AppID, FAST)).toEqual([{ Key: 'popup', Value: 'https://crm.example.com/p' }]);
    });
  }
});

test('the customer record: name and email in the header, CustomerSecret nowhere', async ({ page, request, consoleLines }) => {
  await sandbox.reset(request, 1);
  const [app] = await apps(request);
  await signIn(page);
  const who = page.getByTestId('customer');
  await expect(who).toContainText('Acme Support Desk');
  await expect(who).toContainText('admin@acme.example');
  await openSettings(page, app, true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const places = { ...(await secretPlaces(page, consoleLines)), export: exported };
  expect(places.log).toContain('/customer');
  for (const [where, text] of Object.entries(places)) {
    expect(text, `CustomerSecret in ${where}`).not.toContain(CUSTOMER_SECRET);
    expect(text, `CustomerSecret key in ${where}`).not.toContain('CustomerSecret');
  }
  expect(places.sessionStorage).toContain(CUSTOMER_ID);
});

/** The page down to the call flow section, which has pictures of its own (e2e/call-flow.spec.js). */
async function aboveCallFlow(page) {
  const top = await page.getByTestId('call-flow').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  return { x: 0, y: 0, width: page.viewportSize().width, height: Math.ceil(top) };
}

for (const scheme of ['light', 'dark']) {
  test(`settings: axe-clean and screenshots, ${scheme}; usable at 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.reset(request, 2);
    const [app] = await apps(request);
    await openSettings(page, app);
    await field(page, CALLBACK).fill('http://crm.example.com/status');
    await field(page, 'Key').fill('webrtc_enabled');
    await field(page, 'Value').fill('true');
    await page.getByRole('button', { name: 'Add custom setting' }).click();
    await page.getByRole('button', { name: 'Dismiss notification' }).click().catch(() => {});
    expect(await axe(page), `axe on settings (${scheme})`).toEqual([]);
    // Tall enough for the whole form, so the sticky save bar sits where it ends.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await shot(page, `settings-${scheme}`, { fullPage: true, clip: await aboveCallFlow(page) });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByRole('dialog').getByLabel('Or paste the JSON').fill(JSON.stringify({ popup: 'https://new.example/popup', record: 'false', missedCall: 'ftp://old' }));
    await page.getByRole('dialog').getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTestId('import-preview')).toBeVisible();
    expect(await axe(page), `axe on the import dialog (${scheme})`).toEqual([]);
    await shot(page, `settings-import-${scheme}`);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    if (scheme === 'light') await shot(page, 'settings-mobile', { fullPage: true, clip: await aboveCallFlow(page) });
  });
}
