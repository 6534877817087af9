// Issue 21, parts 4 and 5: a test call from a mapped user (the warning, the
// number checked before sending, POST /call/outbound_call's body in the
// sandbox's log, the call shown, the callback delivery; Exotel's 10725 and
// 10708 as code, description and what to do; other failures with their
// RequestId; a double click places one call), and the billable-user warning
// of Add user and Import CSV. Axe light and dark, 360 px, screenshots.
const { test, expect, sandbox, signIn, axe, shot, CUSTOMER_ID } = require('./fixtures');

const field = (scope, label) => scope.getByLabel(label, { exact: true });
const outboundCalls = async (request) =>
  (await sandbox.state(request)).requests.filter((r) => r.method === 'POST' && r.path.endsWith('/call/outbound_call'));
const BILLABLE = 'An Email with no Exotel user behind it is not refused: Exotel creates a new Exotel user for it, which may be billed.';

/** Signed in and unlocked at `path` of the app, toasts out of the way. */
async function openUnlocked(page, app, path) {
  await signIn(page, `/apps/${app.AppID}${path}`);
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(form).toBeHidden();
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
}

/** The test-call dialog of user `id`, opened. */
async function openTestCall(page, app, id) {
  await openUnlocked(page, app, `/users/${encodeURIComponent(id)}`);
  await page.getByRole('button', { name: 'Test call…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Place a test call' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function seeded(request) {
  await sandbox.seedUsers(request, 1, 3);
  return (await sandbox.state(request)).apps[0];
}

test.describe('a test call', () => {
  test('warned, checked before sending, then placed with the app token: CallSid, status, direction; the callback recorded', async ({ page, request }) => {
    const app = await seeded(request);
    const dialog = await openTestCall(page, app, 'crm-0001');
    await expect(dialog).toContainText('This places a real call: the number you enter rings, and Exotel may bill the call to this account.');
    await field(dialog, 'Number to call').fill('98-12');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    await expect(dialog.locator('.field-error')).toHaveText('Number to call must be 6-15 digits, with an optional leading +.');
    await expect(field(dialog, 'Number to call')).toBeFocused();
    await expect(field(dialog, 'Number to call')).toHaveAttribute('aria-invalid', 'true');
    expect(await outboundCalls(request)).toEqual([]);

    await field(dialog, 'Number to call').fill(' +919812345678 ');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    const placed = dialog.getByTestId('placed-call');
    await expect(placed).toContainText('Call placed');
    const sid = await placed.locator('dd code').first().textContent();
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    await expect(placed).toContainText('Directionoutbound');
    await expect(placed).toContainText('Stateactive');
    await expect(placed).toContainText('Status(none yet)');
    await expect(dialog.locator('.field-error')).toHaveCount(0);
    const [sent] = await outboundCalls(request);
    expect(sent).toMatchObject({ status: 200, authorization_kind: 'app' });
    expect(sent.body).toEqual({ customer_id: CUSTOMER_ID, app_id: app.AppID, to: '+919812345678', user_id: 'crm-0001' });
    const deliveries = await sandbox.deliveries(request);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ type: 'callback', app_id: app.AppID, delivered: true });
    expect(deliveries[0].payload).toMatchObject({ CallSid: sid, ToNumber: '+919812345678', AppUserID: 'crm-0001' });
  });

  test('Exotel\'s refusals read as code, description and what to do: 10725, then 10708', async ({ page, request }) => {
    const app = await seeded(request);
    let dialog = await openTestCall(page, app, 'crm-0001');
    // Seven digits: the console's check lets it through, Exotel's does not.
    await field(dialog, 'Number to call').fill('1234567');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    let refusal = dialog.getByTestId('exotel-refusal');
    await expect(refusal).toContainText('Exotel refused the call: code 10725');
    await expect(refusal).toContainText('to.contact_uri is invalid');
    await expect(refusal).toContainText('check it, with its country code');
    await expect(refusal).toContainText(/RequestId: [0-9a-f-]{36}/);
    await expect(refusal).not.toContainText('http_code');

    // User 2 answers on their phone, so their SIP device is off.
    await page.goto(`/apps/${app.AppID}/users/crm-0002`);
    await page.getByRole('button', { name: 'Test call…' }).click();
    dialog = page.getByRole('dialog', { name: 'Place a test call' });
    await field(dialog, 'Number to call').fill('+919812345678');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    refusal = dialog.getByTestId('exotel-refusal');
    await expect(refusal).toContainText('Exotel refused the call: code 10708');
    await expect(refusal).toContainText("the user's SIP device is off");
    await expect(refusal).toContainText('switch the SIP device on');
    expect((await outboundCalls(request)).map((r) => r.status)).toEqual([400, 400]);
    expect(await sandbox.deliveries(request)).toEqual([]);
  });

  test('a double click places one call; another failure shows its RequestId', async ({ page, request }) => {
    const app = await seeded(request);
    const dialog = await openTestCall(page, app, 'crm-0001');
    await field(dialog, 'Number to call').fill('+919812345678');
    await sandbox.fault(request, { kind: 'delay', delay_ms: 800, route: 'outbound_call' });
    await dialog.getByRole('button', { name: 'Place call' }).dblclick();
    await expect(dialog.getByRole('button', { name: 'Placing…' })).toBeDisabled();
    await expect(dialog.getByTestId('placed-call')).toBeVisible();
    expect(await outboundCalls(request)).toHaveLength(1);

    await sandbox.fault(request, { kind: 'failure200', route: 'outbound_call' });
    await dialog.getByRole('button', { name: 'Place call' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Placing the call failed');
    await expect(alert).toContainText(/RequestId: [0-9a-f-]{36}/);
    await expect(dialog.getByTestId('placed-call')).toHaveCount(0);
    expect(await outboundCalls(request)).toHaveLength(2);
  });
});

test('Add user and Import CSV warn that an unknown email makes a billable Exotel user, before sending', async ({ page, request }) => {
  const app = await seeded(request);
  await openUnlocked(page, app, '/users');
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add a user' });
  await expect(add.getByRole('status').filter({ hasText: BILLABLE })).toBeVisible();
  await add.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Import CSV…' }).first().click();
  const importing = page.getByRole('dialog', { name: 'Import users from CSV' });
  await expect(importing.getByRole('status').filter({ hasText: BILLABLE })).toBeVisible();
  const posts = (await sandbox.state(request)).requests.filter((r) => r.method === 'POST' && r.path.endsWith('/usermapping'));
  expect(posts).toEqual([]);
});

for (const scheme of ['light', 'dark']) {
  test(`test call: axe-clean and screenshots, ${scheme}; usable at 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = await seeded(request);
    const dialog = await openTestCall(page, app, 'crm-0001');
    await field(dialog, 'Number to call').fill('+919812345678');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    await expect(dialog.getByTestId('placed-call')).toBeVisible();
    expect(await axe(page), `axe on a placed test call (${scheme})`).toEqual([]);
    await shot(page, `test-call-${scheme}`);
    await field(dialog, 'Number to call').fill('1234567');
    await dialog.getByRole('button', { name: 'Place call' }).click();
    await expect(dialog.getByTestId('exotel-refusal')).toBeVisible();
    expect(await axe(page), `axe on Exotel's refusal (${scheme})`).toEqual([]);
    await shot(page, `test-call-refused-${scheme}`);
    await page.setViewportSize({ width: 360, height: 780 });
    const box = await dialog.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    if (scheme === 'light') await shot(page, 'test-call-mobile');
  });
}
