// Users in sync with a CSV (issue 22): the full list an admin keeps
// elsewhere, previewed against every user of the app (to create, to update
// with only the changed fields, unchanged, with problems, only on the
// server, never deleted), then applied: creates in batches, each update
// checked; a run that failed is resumed without sending a row that landed
// again; axe light and dark, 360 px.
const { test, expect, sandbox, signIn, axe, shot } = require('./fixtures');

const HEADER = 'app_user_id,app_username,email,exotel_user_name,virtual_number';

const state = (request) => sandbox.state(request);
const firstApp = async (request) => (await state(request)).apps[0];
const storedUsers = async (request, appId) => (await state(request)).users[appId] ?? [];
const requestsTo = async (request, method, suffix) =>
  (await state(request)).requests.filter((r) => r.method === method && r.path.endsWith(suffix));

async function openSync(page, app) {
  await signIn(page, `/apps/${app.AppID}/users`);
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Add user' }).first()).toBeEnabled();
  await page.getByRole('button', { name: 'Sync from CSV…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Sync users from CSV' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A CSV line of a stored user, as it is. */
const lineOf = (u) => [u.AppUserId, u.AppUsername, u.Email, u.ExotelUserName, u.VirtualNumber].join(',');

/** The 5 rows: 1 unchanged, 1 changed (Email), 2 new, 1 bad; crm-0003 is only on the server. */
async function fiveRows(request, app) {
  const [u1, u2] = await storedUsers(request, app.AppID);
  return [
    HEADER,
    lineOf(u1),
    lineOf({ ...u2, Email: 'ravi.new@acme.example' }),
    'new-1,Anita Desai,anita@acme.example,Anita Desai,+918047000001',
    'new-2,Rohan Mehta,rohan@acme.example,Rohan Mehta,+918047000002',
    'new-3,Al Bo,al@acme.example,Al Bo,+918047000003',
  ].join('\n');
}

test('a sync of 5 rows: 2 created, 1 updated (only its changed field), 1 unchanged, 1 bad, 1 only on the server kept', async ({ page, request }) => {
  await sandbox.seedUsers(request, 1, 3);
  const app = await firstApp(request);
  const before = await storedUsers(request, app.AppID);
  const dialog = await openSync(page, app);
  await dialog.getByLabel('Or paste the full list').fill(await fiveRows(request, app));
  await expect(dialog.getByTestId('sync-summary')).toHaveText(
    '2 to create, 1 to update, 1 unchanged, 1 with problems (not sent), 1 only on the server.');
  await expect(dialog.getByTestId('sync-create').locator('tbody tr')).toHaveCount(2);
  const update = dialog.getByTestId('sync-update').locator('tbody tr');
  await expect(update).toHaveCount(1);
  await expect(update.locator('li')).toHaveCount(1);
  await expect(update.locator('li[data-field=Email]')).toContainText(`${before[1].Email} → ravi.new@acme.example`);
  await expect(dialog.getByTestId('sync-invalid').locator('tr[data-line="6"]')).toContainText('App username must be "First Last"');
  await expect(dialog.getByTestId('sync-unchanged')).toHaveText('crm-0001');
  await expect(dialog.getByTestId('sync-only-on-server')).toHaveText('crm-0003');
  await expect(dialog).toContainText('Not deleted: the API cannot delete one user.');
  expect([...await requestsTo(request, 'POST', '/usermapping'), ...await requestsTo(request, 'PUT', '/usermapping')]).toEqual([]);

  await dialog.getByRole('button', { name: 'Apply: create 2, update 1' }).click();
  const outcome = dialog.getByTestId('sync-outcome');
  await expect(outcome).toContainText('3 of 3 rows done.');
  await expect(outcome.locator('tr[data-state=created]')).toHaveCount(2);
  await expect(outcome.locator('tr[data-state=updated]')).toContainText('Updated: Email');
  expect((await requestsTo(request, 'POST', '/usermapping')).map((r) => r.body)).toEqual([{ AppUserIds: ['new-1', 'new-2'] }]);
  const [put] = await requestsTo(request, 'PUT', '/usermapping');
  expect(put.body).toEqual({ AppUserId: 'crm-0002', fields: ['AppUserId', 'Email'] });
  const reads = (await requestsTo(request, 'GET', '/usermapping')).filter((r) => (r.query ?? '').startsWith('user_id=crm-0002'));
  expect(reads).toHaveLength(1);
  expect(await requestsTo(request, 'DELETE', '/usermapping')).toEqual([]);
  const after = await storedUsers(request, app.AppID);
  expect(after.map((u) => u.AppUserId)).toEqual(['crm-0001', 'crm-0002', 'crm-0003', 'new-1', 'new-2']);
  expect(after[1].Email).toBe('ravi.new@acme.example');
  expect(after[1].SipId).toBe(before[1].SipId);
  // The plan made again: nothing left to do but the bad row.
  await expect(dialog.getByTestId('sync-summary')).toHaveText(
    '0 to create, 0 to update, 4 unchanged, 1 with problems (not sent), 1 only on the server.');
  await expect(dialog.getByRole('button', { name: 'Apply: create 0, update 0' })).toBeDisabled();
});

test('a sync resumed after a 500 on its second batch: nothing that landed is sent again', async ({ page, request }) => {
  test.setTimeout(60_000);
  await sandbox.seedUsers(request, 1, 0);
  const app = await firstApp(request);
  const rows = Array.from({ length: 150 }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return `bulk-${n},Anita Desai,anita${n}@acme.example,Anita Desai,+91804700${n.padStart(4, '0')}`;
  });
  await sandbox.fault(request, { kind: 'json500', route: 'create_users', after: 1 });
  const dialog = await openSync(page, app);
  await dialog.getByLabel('Or paste the full list').fill([HEADER, ...rows].join('\n'));
  await expect(dialog.getByTestId('sync-summary')).toContainText('150 to create');
  await dialog.getByRole('button', { name: 'Apply: create 150, update 0' }).click();
  const outcome = dialog.getByTestId('sync-outcome');
  await expect(outcome).toContainText('100 of 150 rows done.');
  await expect(outcome.locator('tr[data-state=unknown]')).toHaveCount(50);
  expect((await storedUsers(request, app.AppID)).length).toBe(100);

  // Resume: the plan holds only the 50 not loaded; each is read back first.
  await dialog.getByRole('button', { name: 'Apply: create 50, update 0' }).click();
  await expect(outcome).toContainText('50 of 50 rows done.');
  const posts = (await requestsTo(request, 'POST', '/usermapping')).map((r) => ({ status: r.status, ids: r.body.AppUserIds }));
  expect(posts.map((p) => [p.status, p.ids.length])).toEqual([[200, 100], [500, 50], [200, 50]]);
  const first = new Set(posts[0].ids);
  expect(posts.slice(1).flatMap((p) => p.ids).filter((id) => first.has(id))).toEqual([]);
  expect(posts[2].ids).toEqual(posts[1].ids);
  const readBack = (await requestsTo(request, 'GET', '/usermapping')).filter((r) => (r.query ?? '').startsWith('user_id=bulk-'));
  expect(readBack).toHaveLength(50);
  expect(readBack.every((r) => r.status === 404)).toBeTruthy();
  const ids = (await storedUsers(request, app.AppID)).map((u) => u.AppUserId);
  expect(ids).toHaveLength(150);
  expect(new Set(ids).size).toBe(150);
  await expect(dialog.getByTestId('sync-summary')).toContainText('0 to create, 0 to update, 150 unchanged');
});

test('a 401 mid-sync: unlock, reopen, resume; the created users are not sent again', async ({ page, request }) => {
  test.setTimeout(60_000);
  await sandbox.seedUsers(request, 1, 1);
  const app = await firstApp(request);
  const rows = Array.from({ length: 120 }, (_, i) => `tok-${i},Anita Desai,t${i}@acme.example,Anita Desai,+918047001${String(i).padStart(3, '0')}`);
  await sandbox.fault(request, { kind: 'unauthorized401', route: 'create_users', after: 1 });
  let dialog = await openSync(page, app);
  await dialog.getByLabel('Or paste the full list').fill([HEADER, ...rows].join('\n'));
  await dialog.getByRole('button', { name: 'Apply: create 120, update 0' }).click();
  const form = page.getByTestId('unlock-form');
  await expect(form).toBeVisible();
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Sync from CSV…' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Sync users from CSV' });
  await expect(dialog.getByLabel('Or paste the full list')).toHaveValue(/tok-119/);
  await expect(dialog.getByTestId('sync-outcome')).toContainText('100 of 120 rows done.');
  await dialog.getByRole('button', { name: 'Apply: create 20, update 0' }).click();
  await expect(dialog.getByTestId('sync-outcome')).toContainText('20 of 20 rows done.');
  const posts = (await requestsTo(request, 'POST', '/usermapping')).map((r) => [r.status, r.body.AppUserIds.length]);
  expect(posts).toEqual([[200, 100], [401, 20], [200, 20]]);
  expect((await storedUsers(request, app.AppID)).length).toBe(121);
});

for (const scheme of ['light', 'dark']) {
  test(`the sync preview: axe-clean and screenshots, ${scheme}; 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.seedUsers(request, 1, 3);
    const app = await firstApp(request);
    await page.setViewportSize({ width: 1280, height: 1100 });
    const dialog = await openSync(page, app);
    await dialog.getByLabel('Or paste the full list').fill(await fiveRows(request, app));
    await expect(dialog.getByTestId('sync-summary')).toContainText('2 to create');
    expect(await axe(page), `axe on the sync preview (${scheme})`).toEqual([]);
    await shot(page, `users-sync-${scheme}`);
    await dialog.getByRole('button', { name: 'Apply: create 2, update 1' }).click();
    await expect(dialog.getByTestId('sync-outcome')).toContainText('3 of 3 rows done.');
    expect(await axe(page), `axe on the sync outcome (${scheme})`).toEqual([]);
    await page.setViewportSize({ width: 360, height: 780 });
    const box = await dialog.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}
