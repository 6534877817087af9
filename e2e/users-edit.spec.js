// Users, one at a time: a user's page (a + in the id, a reload, a 404),
// edit with the before/after view, devices and the outbound warning, add
// one (checks before sending, duplicates, the trial-account 403, a refused
// token that loses nothing), CSV import with bad rows, XSS as text, the
// SipSecret audit, and the screenshots (light, dark, 360 px, axe-clean).
const { test, expect, sandbox, signIn, PORTS, axe, secretPlaces, API, appToken, shot } = require('./fixtures');

const HEADER = 'app_user_id,app_username,email,exotel_user_name,virtual_number,agent_number';
const XSS = '<img src=x onerror=window.__xss=1>';


const reset = (request, seed, seedUsers) => sandbox.seedUsers(request, seed, seedUsers);
const state = (request) => sandbox.state(request);
const firstApp = async (request) => (await state(request)).apps[0];
const storedUsers = async (request, appId) => (await state(request)).users[appId] ?? [];
const requestsTo = async (request, method, suffix) =>
  (await state(request)).requests.filter((r) => r.method === method && r.path.endsWith(suffix));
const field = (scope, label) => scope.getByLabel(label, { exact: true });

/** Creates users straight through the API (as another admin would). */
async function createDirectly(request, app, users) {
  const res = await request.post(`${API()}/v2/integrations/usermapping`, {
    headers: { Authorization: await appToken(request, app) },
    data: users,
  });
  expect(res.status(), await res.text()).toBe(200);
}

const person = (id, name = 'Asha Verma', extra = {}) => ({
  AppUserId: id,
  AppUsername: name,
  Email: `${id}@acme.example`,
  ExotelAccountSid: 'acme1',
  ExotelUserName: name,
  VirtualNumber: '+918047000000',
  ...extra,
});

/** Toasts sit over the page's corner: out of the way before clicking there. */
async function dismissToasts(page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
}

async function unlock(page, app) {
  const form = page.getByTestId('unlock-form');
  await dismissToasts(page);
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(form).toBeHidden();
  await dismissToasts(page);
}

/** The user page of `id`, signed in and unlocked. */
async function openUser(page, app, id) {
  await signIn(page, `/apps/${app.AppID}/users/${encodeURIComponent(id)}`);
  await unlock(page, app);
}

/** The users list, signed in, unlocked and loaded. */
async function openUsers(page, app) {
  await signIn(page, `/apps/${app.AppID}/users`);
  await unlock(page, app);
  await expect(page.getByRole('button', { name: 'Add user' }).first()).toBeEnabled();
}

async function openAdd(page) {
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function fillAdd(dialog, v) {
  for (const [label, value] of Object.entries(v)) await field(dialog, label).fill(value);
}

const goodAdd = (id) => ({
  'App user ID': id,
  'App username': 'Meera Nair',
  Email: `${id}@acme.example`,
  'Exotel username': 'Meera Nair',
  'Virtual number': '+918047000000',
  'Agent number': '+919812345678',
});

async function openImport(page) {
  await page.getByRole('button', { name: 'Import CSV…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import users from CSV' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('one user', () => {
  test('an id with a + after a reload: every field but SipSecret, read with %2B', async ({ page, request }) => {
    await reset(request, 1, 5);
    const app = await firstApp(request);
    const [stored] = (await storedUsers(request, app.AppID)).slice(4);
    expect(stored.AppUserId).toContain('+');
    await openUser(page, app, stored.AppUserId);
    const fields = page.getByTestId('user-fields');
    await expect(fields).toContainText(stored.AppUserId);
    await expect(fields).toContainText(stored.SipId);
    await expect(fields).toContainText(stored.Email);
    await page.reload();
    await expect(fields).toContainText(stored.SipId);
    await expect(page.getByTestId('active-device')).toContainText('SIP');
    const reads = (await requestsTo(request, 'GET', '/usermapping')).filter((r) => (r.query ?? '').includes('user_id='));
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(r.query).toContain('%2B');
    expect(reads.every((r) => r.status === 200)).toBeTruthy();
  });

  test('a user that does not exist is "No such user", with a way back', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUser(page, app, 'nobody+here@acme.example');
    const missing = page.getByTestId('no-such-user');
    await expect(missing).toContainText('No such user');
    await expect(missing).toContainText('nobody+here@acme.example');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await missing.getByRole('link', { name: 'Back to the users' }).click();
    await expect(page).toHaveURL(new RegExp(`/apps/${app.AppID}/users$`));
  });

  test('a failed read shows the error with its RequestId and a retry that works', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await sandbox.fault(request, { kind: 'json500', route: 'user' });
    await openUser(page, app, 'crm-0001');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Reading the user failed');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('crm-0001');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('edit: checked like add, then before/after; only the changed fields are PUT', async ({ page, request }) => {
    await reset(request, 1, 3);
    const app = await firstApp(request);
    const before = (await storedUsers(request, app.AppID))[0];
    await openUser(page, app, 'crm-0001');
    const edit = page.locator('.edit-user');
    await edit.getByRole('button', { name: 'Edit this user' }).click();
    await field(edit, 'App username').fill('Al Bo');
    await field(edit, 'Email').fill('not-an-email');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await expect(page.getByTestId('user-problems')).toContainText('App username must be "First Last"');
    await expect(page.getByTestId('user-problems')).toContainText('Email "not-an-email" is not an email address.');
    await expect(field(edit, 'App username')).toBeFocused();
    await field(edit, 'App username').fill('Kavya Raghavan');
    await field(edit, 'Email').fill('kavya.raghavan@acme.example');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    const table = page.getByTestId('before-after');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tr[data-field=Email] td.before')).toHaveText(before.Email);
    await expect(table.locator('tr[data-field=Email] td.after')).toHaveText('kavya.raghavan@acme.example');
    expect(await requestsTo(request, 'PUT', '/usermapping')).toEqual([]);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('kavya.raghavan@acme.example');
    const [put] = await requestsTo(request, 'PUT', '/usermapping');
    expect(put.body).toEqual({ AppUserId: 'crm-0001', fields: ['AppUserId', 'AppUsername', 'Email'] });
    const after = (await storedUsers(request, app.AppID))[0];
    expect([after.AppUsername, after.Email, after.SipId]).toEqual(['Kavya Raghavan', 'kavya.raghavan@acme.example', before.SipId]);
  });

  test('a failed save keeps the edit; a refused token keeps it through unlock', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUser(page, app, 'crm-0002');
    const edit = page.locator('.edit-user');
    await edit.getByRole('button', { name: 'Edit this user' }).click();
    await field(edit, 'Virtual number').fill('+918047009999');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await sandbox.fault(request, { kind: 'bad400', route: 'update_user' });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByRole('alert')).toContainText('simulated bad request');
    await expect(edit.getByRole('alert')).toContainText('RequestId');
    await sandbox.expireTokens(request);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('unlock-form')).toBeVisible();
    await unlock(page, app);
    await expect(field(edit, 'Virtual number')).toHaveValue('+918047009999');
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('user-fields')).toContainText('+918047009999');
  });

  test('devices: the active one, the SIP warning, a switch, and a phone refused without an agent number', async ({ page, request }) => {
    await reset(request, 1, 3);
    const app = await firstApp(request);
    await openUser(page, app, 'crm-0003');
    const devices = page.locator('.devices');
    await expect(page.getByTestId('active-device')).toContainText('None');
    await expect(devices).toContainText('Outbound calls fail (Exotel code 10708) until SIP is the active device');
    await devices.getByRole('switch', { name: 'Phone device' }).click();
    await expect(devices.getByRole('alert')).toContainText('user has no phone device');
    await devices.getByRole('switch', { name: 'SIP device' }).click();
    await expect(devices.getByRole('switch', { name: 'SIP device' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('active-device')).toContainText('SIP');
    await expect(devices).not.toContainText('Exotel code 10708');
    await expect(devices.getByRole('alert')).toHaveCount(0);
    const stored = (await storedUsers(request, app.AppID))[2];
    expect(stored.ActiveDeviceId).toBe(stored.SipDeviceID);
    expect(stored.OutboundActive).toBe(true);
    const switches = await requestsTo(request, 'PUT', '/device');
    expect(switches.map((r) => r.body)).toEqual([
      { UserId: 'crm-0003', DeviceName: 'phone', DeviceStatus: true },
      { UserId: 'crm-0003', DeviceName: 'sip', DeviceStatus: true },
    ]);
    await devices.getByRole('switch', { name: 'SIP device' }).click();
    await expect(page.getByTestId('active-device')).toContainText('None');
    await expect(devices).toContainText('Exotel code 10708');
  });

  test('XSS in names renders as text; SipSecret is nowhere (DOM, storage, log, console)', async ({ page, request, consoleLines }) => {
    await reset(request, 1, 1);
    const app = await firstApp(request);
    await createDirectly(request, app, [person('xss-1', XSS, { Email: 'x"><script>alert(1)</script>@acme.example' })]);
    const secrets = (await storedUsers(request, app.AppID)).map((u) => u.SipSecret);
    expect(secrets.every((s) => s && s.length > 20)).toBeTruthy();
    await openUser(page, app, 'xss-1');
    const fields = page.getByTestId('user-fields');
    await expect(fields).toContainText(XSS);
    await expect(page.locator('img[src=x]')).toHaveCount(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    const places = await secretPlaces(page, consoleLines);
    expect(places.log).toContain('/usermapping');
    for (const [where, text] of Object.entries(places)) {
      for (const secret of secrets) expect(text, `SipSecret in ${where}`).not.toContain(secret);
      expect(text, `SipSecret key in ${where}`).not.toContain('SipSecret');
    }
  });
});

test.describe('add and import', () => {
  test('add one user: the account is prefilled, the sandbox stores it, the list shows it', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUsers(page, app);
    const dialog = await openAdd(page);
    await expect(field(dialog, 'Exotel account SID')).toHaveValue(app.ExotelAccountSid);
    await fillAdd(dialog, goodAdd('crm-new-1'));
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast').filter({ hasText: 'Added crm-new-1' })).toBeVisible();
    const stored = (await storedUsers(request, app.AppID)).find((u) => u.AppUserId === 'crm-new-1');
    expect(stored).toMatchObject({ AppUsername: 'Meera Nair', AgentNumber: '+919812345678', ExotelAccountSid: app.ExotelAccountSid });
    expect((await requestsTo(request, 'POST', '/usermapping')).map((r) => r.body)).toEqual([{ AppUserIds: ['crm-new-1'] }]);
    await expect(page.getByText('crm-new-1').first()).toBeVisible();
  });

  test('bad input is refused before sending, naming each field; duplicates by the client, then by the server', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUsers(page, app);
    let dialog = await openAdd(page);
    await fillAdd(dialog, { ...goodAdd('crm-bad'), 'App username': 'Al Bo', Email: 'asha@', 'Virtual number': '98abc12345' });
    await dialog.getByRole('button', { name: 'Add user' }).click();
    const problems = dialog.getByTestId('user-problems');
    await expect(problems).toContainText('App username must be "First Last"');
    await expect(problems).toContainText('Email "asha@" is not an email address.');
    await expect(problems).toContainText('Virtual number must be');
    await expect(field(dialog, 'App username')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(dialog, 'App username')).toBeFocused();
    await fillAdd(dialog, { ...goodAdd('crm-0001') });
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(problems).toContainText('App user ID "crm-0001" already exists in this app.');
    expect(await requestsTo(request, 'POST', '/usermapping')).toEqual([]);
    // Created elsewhere after the list was loaded: only the server knows.
    await createDirectly(request, app, [person('crm-elsewhere', 'Ravi Kumar')]);
    await fillAdd(dialog, goodAdd('crm-elsewhere'));
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(dialog.getByRole('alert')).toContainText('already exists');
    await expect(dialog.getByRole('alert')).toContainText('RequestId');
    await expect(field(dialog, 'App user ID')).toHaveValue('crm-elsewhere');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    dialog = await openAdd(page);
    await expect(field(dialog, 'Agent number')).toHaveValue('+919812345678');
  });

  test('the trial-account 403 is said plainly and nothing typed is lost; a refused token neither', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUsers(page, app);
    const dialog = await openAdd(page);
    await fillAdd(dialog, goodAdd('crm-trial'));
    await sandbox.fault(request, { kind: 'trial403', route: 'create_users' });
    await dialog.getByRole('button', { name: 'Add user' }).click();
    const trial = dialog.getByTestId('trial-account');
    await expect(trial).toContainText('This Exotel account is a trial account: Exotel does not allow adding users to it');
    await expect(trial).toContainText('RequestId');
    await expect(field(dialog, 'App user ID')).toHaveValue('crm-trial');
    await expect(field(dialog, 'App username')).toHaveValue('Meera Nair');
    await sandbox.expireTokens(request);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByTestId('unlock-form')).toBeVisible();
    await unlock(page, app);
    await expect(page.getByRole('button', { name: 'Add user' }).first()).toBeEnabled();
    const again = await openAdd(page);
    await expect(field(again, 'App user ID')).toHaveValue('crm-trial');
    await expect(field(again, 'Email')).toHaveValue('crm-trial@acme.example');
    await again.getByRole('button', { name: 'Add user' }).click();
    await expect(again).toBeHidden();
    expect((await storedUsers(request, app.AppID)).map((u) => u.AppUserId)).toContain('crm-trial');
  });

  test('a CSV of 5 rows, 2 bad: reasons with line numbers, the 3 good created, the bad kept for a retry', async ({ page, request }) => {
    await reset(request, 1, 2);
    const app = await firstApp(request);
    await openUsers(page, app);
    const dialog = await openImport(page);
    const csv = [
      `${HEADER},team`,
      'imp-1,Anita Desai,anita@acme.example,Anita Desai,+918047000001,,north',
      'imp-2,Al Bo,al@acme.example,Al Bo,+918047000002,,south',
      'imp-3,Rohan Mehta,rohan@acme.example,Rohan Mehta,+918047000003,+919800000003,east',
      'crm-0001,Sunil Gupta,not-an-email,Sunil Gupta,+918047000004,,west',
      'imp-5,Farah Khan,farah@acme.example,Farah Khan,+918047000005,,north',
    ].join('\n');
    await dialog.getByLabel('Or paste the CSV').fill(csv);
    const preview = dialog.getByTestId('users-import-preview');
    await expect(preview.locator('tbody tr')).toHaveCount(5);
    await expect(preview.locator('tr[data-state=invalid]')).toHaveCount(2);
    await expect(preview.locator('tr[data-line="3"]')).toContainText('App username must be "First Last"');
    await expect(preview.locator('tr[data-line="5"]')).toContainText('App user ID "crm-0001" already exists in this app.');
    await expect(preview.locator('tr[data-line="5"]')).toContainText('is not an email address');
    await expect(dialog).toContainText('Columns not read: team.');
    await dialog.getByRole('button', { name: 'Create 3 users' }).click();
    const outcome = dialog.getByTestId('import-outcome');
    await expect(outcome).toContainText('3 of 3 rows sent were created.');
    await expect(outcome.locator('tr[data-state=created]')).toHaveCount(3);
    const ids = (await storedUsers(request, app.AppID)).map((u) => u.AppUserId);
    expect(ids).toEqual(['crm-0001', 'crm-0002', 'imp-1', 'imp-3', 'imp-5']);
    expect((await requestsTo(request, 'POST', '/usermapping')).map((r) => r.body)).toEqual([{ AppUserIds: ['imp-1', 'imp-3', 'imp-5'] }]);
    await expect(dialog.getByLabel('Or paste the CSV')).toHaveValue(csv);
    await dialog.getByRole('button', { name: 'Keep only rows not created' }).click();
    await expect(preview.locator('tbody tr')).toHaveCount(2);
    await expect(dialog.getByLabel('Or paste the CSV')).toHaveValue(/imp-2/);
    await expect(dialog.getByLabel('Or paste the CSV')).not.toHaveValue(/imp-1/);
  });

  test('an import refused as a trial account keeps every row, and XSS in the preview is text', async ({ page, request }) => {
    await reset(request, 1, 1);
    const app = await firstApp(request);
    await openUsers(page, app);
    const dialog = await openImport(page);
    const csv = `${HEADER}\nimp-x,"${XSS}",x@acme.example,Ravi Kumar,+918047000001,\nimp-y,Farah Khan,f@acme.example,Farah Khan,+918047000002,`;
    await dialog.getByLabel('Or paste the CSV').fill(csv);
    const preview = dialog.getByTestId('users-import-preview');
    await expect(preview.locator('tr[data-line="2"]')).toContainText(XSS);
    await expect(dialog.locator('img[src=x]')).toHaveCount(0);
    await sandbox.fault(request, { kind: 'trial403', route: 'create_users' });
    await dialog.getByRole('button', { name: 'Create 2 users' }).click();
    await expect(dialog.getByTestId('trial-account')).toContainText('This Exotel account is a trial account');
    await expect(dialog.getByTestId('import-outcome').locator('tr[data-state=failed]')).toHaveCount(2);
    await expect(dialog.getByLabel('Or paste the CSV')).toHaveValue(csv);
    await expect(preview.locator('tr[data-state=ready]')).toHaveCount(2);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect((await storedUsers(request, app.AppID)).length).toBe(1);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`screenshots and axe, ${scheme}: the user page and the import preview`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await reset(request, 1, 3);
    const app = await firstApp(request);
    await openUser(page, app, 'crm-0002');
    await expect(page.getByTestId('user-fields')).toContainText('crm-0002');
    await dismissToasts(page);
    expect(await axe(page), `axe on the user page (${scheme})`).toEqual([]);
    await shot(page, `user-${scheme}`, { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 960 });
    await page.goto(`/apps/${app.AppID}/users`);
    await expect(page.getByRole('button', { name: 'Add user' }).first()).toBeEnabled();
    const dialog = await openImport(page);
    await dialog.getByLabel('Or paste the CSV').fill(
      `${HEADER}\nimp-1,Anita Desai,anita@acme.example,Anita Desai,+918047000001,\nimp-2,Al Bo,al@acme.example,Al Bo,+918047000002,\ncrm-0001,Sunil Gupta,sunil@acme.example,Sunil Gupta,12ab,`,
    );
    await expect(dialog.getByTestId('users-import-preview').locator('tbody tr')).toHaveCount(3);
    expect(await axe(page), `axe on the import dialog (${scheme})`).toEqual([]);
    await shot(page, `users-import-${scheme}`);
  });
}

test('usable at 360 px: the user page and the add dialog fit the width', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await reset(request, 1, 3);
  const app = await firstApp(request);
  await openUser(page, app, 'crm-0001');
  await expect(page.getByTestId('user-fields')).toContainText('crm-0001');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.locator('.edit-user').getByRole('button', { name: 'Edit this user' }).click();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.goto(`/apps/${app.AppID}/users`);
  const dialog = await openAdd(page);
  const box = await dialog.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
});
