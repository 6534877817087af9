// Issue 21, part 3, on an app's Settings page: the "Exotel call flow"
// section (the three inbound-call URLs, absolute in same-origin and direct
// modes, each with its setting; a test event sent as the call flow would,
// its answer and CallSid, the delivery the sandbox records; nothing sent
// for an empty or unsaved setting) and "What Exotel sends" (samples built
// from the app's ids, Copy as curl quoted for a real shell), axe-clean in
// both schemes, at 360 px, with the README's screenshots.
const { execFileSync } = require('child_process');

const { test, expect, sandbox, signIn, axe, shot, API, PORTS, CUSTOMER_ID } = require('./fixtures');

const POPUP = 'Incoming call pop-up URL (popup)';
const HANGUP = 'Incoming call ended URL (incomingCallHangup)';
const TYPES = ['popup', 'incomingcallhungup', 'missedcall'];
const SPEC_KEYS = ['CustomerId', 'AppId', 'CallSid', 'ExotelAccountSid', 'DialWhomNumber', 'AppUserID', 'VirtualNumber',
  'Direction', 'CallStatus', 'CallState', 'ToNumber', 'FromNumber', 'TotalDuration', 'CallRecordings', 'AccountDomain',
  'TicketId', 'CallDetail', 'CreatedAt', 'UpdatedAt'];

const field = (page, label) => page.getByLabel(label, { exact: true });
const row = (page, type) => page.getByTestId('call-flow').locator(`[data-event=${type}]`);
const sample = (page, key) => page.getByTestId('webhook-samples').locator(`[data-setting=${key}]`);
const inboundCalls = async (request, port) =>
  (await sandbox.state(request, port)).requests.filter((r) => r.path.includes('/call/inbound_call/'));

/** Signs in at the app's settings (on `origin`, the default console unless named), unlocked. */
async function openSettings(page, app, origin = '') {
  await signIn(page, `${origin}/apps/${app.AppID}/settings`);
  const form = page.getByTestId('unlock-form');
  await form.getByLabel('AppSecret', { exact: true }).fill(app.AppSecret);
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(field(page, POPUP)).toBeVisible();
}

/** Saves `url` as the popup setting through the form. */
async function savePopup(page, url) {
  await field(page, POPUP).fill(url);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('save-results')).toContainText('Settings saved');
}

/**
 * Runs a copied curl command in a real shell with `curl` standing for a
 * function that prints its arguments: what the shell makes of the quoting.
 */
function shellWords(command) {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  return execFileSync('sh', ['-c', script]).toString().split('\0').slice(0, -1);
}

test.describe('the Exotel call flow section', () => {
  test('three absolute URLs with the setting each fires; a test event is sent as the call flow would send it', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await sandbox.seedUsers(request, 1, 2);
    const state = await sandbox.state(request);
    const [app] = state.apps;
    const popupUrl = state.settings[app.AppID].find((s) => s.Key === 'popup').Value;
    await openSettings(page, app);
    const section = page.getByTestId('call-flow');
    await expect(section.getByRole('heading', { name: 'Exotel call flow' })).toBeVisible();
    await expect(section).toContainText('Connect applet');
    const urls = TYPES.map((type) => `${API()}/v2/integrations/call/inbound_call/${app.AppID}?type=${type}`);
    await expect(section.getByTestId('inbound-url')).toHaveText(urls);
    await expect(row(page, 'incomingcallhungup')).toContainText('Fires the setting Incoming call ended URL (incomingCallHangup).');
    await row(page, 'missedcall').getByRole('button', { name: 'Copy missedcall URL' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(urls[2]);

    await row(page, 'popup').getByRole('button', { name: 'Send test event' }).click();
    const result = row(page, 'popup').getByTestId('test-event-result');
    await expect(result).toContainText('Exotel answered: Success');
    await expect(result).toContainText(`Exotel POSTs the notification to ${popupUrl}`);
    const sid = await result.getByTestId('test-call-sid').textContent();
    expect(sid).toMatch(/^console-test-\d+-1$/);
    const [call] = await inboundCalls(request);
    expect(call).toMatchObject({ method: 'GET', status: 200, authorization_kind: 'none' });
    const query = new URLSearchParams(call.query);
    expect(Object.fromEntries(query)).toEqual({
      type: 'popup', CallSid: sid, From: '+910000000001', DialWhomNumber: '+910000000002', Status: 'busy',
    });
    let deliveries = await sandbox.deliveries(request);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ type: 'popup', app_id: app.AppID, url: popupUrl, delivered: true });
    expect(deliveries[0].payload).toMatchObject({ CallSid: sid, FromNumber: '+910000000001', AppUserID: '', CallState: 'active' });

    // A mapped user's agent number: the notification names that user.
    const user = state.users[app.AppID][0];
    await field(page, 'Number the tests dial (DialWhomNumber)').fill(user.AgentNumber);
    await row(page, 'popup').getByRole('button', { name: 'Send test event' }).click();
    await expect(result.getByTestId('test-call-sid')).toHaveText(/^console-test-\d+-2$/);
    deliveries = await sandbox.deliveries(request);
    expect(deliveries[1].payload).toMatchObject({ AppUserID: user.AppUserId, DialWhomNumber: user.AgentNumber });
  });

  test('an empty or unsaved setting: the button says so, sends nothing, and leads to the field', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = (await sandbox.state(request)).apps;
    await openSettings(page, app);
    const hangup = row(page, 'incomingcallhungup');
    await expect(hangup).toContainText('The incomingCallHangup setting is empty');
    await hangup.getByRole('button', { name: 'Save the incomingCallHangup setting first' }).click();
    await expect(hangup.getByRole('status')).toContainText('Nothing was sent: fill it in and save it first');
    await expect(field(page, HANGUP)).toBeFocused();

    await field(page, POPUP).fill('https://crm.example.com/exotel/new-popup');
    const popup = row(page, 'popup');
    await expect(popup).toContainText('The popup setting has unsaved edits');
    await popup.getByRole('button', { name: 'Save the popup setting first' }).click();
    await expect(popup.getByRole('status')).toContainText('Nothing was sent: save it first');
    await expect(field(page, POPUP)).toBeFocused();
    await expect(sample(page, 'popup')).toContainText('No curl yet. The popup setting has unsaved edits');
    expect(await inboundCalls(request)).toEqual([]);
    expect(await sandbox.deliveries(request)).toEqual([]);

    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-results')).toContainText('Settings saved');
    await popup.getByRole('button', { name: 'Send test event' }).click();
    await expect(popup.getByTestId('test-event-result')).toContainText('https://crm.example.com/exotel/new-popup');
    expect(await inboundCalls(request)).toHaveLength(1);
  });

  test('a failed test event shows why, with the RequestId', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = (await sandbox.state(request)).apps;
    await openSettings(page, app);
    await sandbox.fault(request, { kind: 'failure200', route: 'inbound_call' });
    await row(page, 'popup').getByRole('button', { name: 'Send test event' }).click();
    const alert = row(page, 'popup').getByRole('alert');
    await expect(alert).toContainText('Sending the popup test event failed');
    await expect(alert).toContainText(/RequestId: [0-9a-f-]{36}/);
    expect(await sandbox.deliveries(request)).toEqual([]);
  });

  test('a direct API base: the URLs name the API host, and the test goes there', async ({ page, request }) => {
    const port = PORTS.corsApi;
    await sandbox.reset(request, 1, port);
    const [app] = (await sandbox.state(request, port)).apps;
    await openSettings(page, app, `http://127.0.0.1:${PORTS.corsConsole}`);
    await expect(page.getByTestId('inbound-url').first()).toHaveText(
      `http://127.0.0.1:${port}/v2/integrations/call/inbound_call/${app.AppID}?type=popup`);
    await row(page, 'popup').getByRole('button', { name: 'Send test event' }).click();
    await expect(row(page, 'popup').getByTestId('test-event-result')).toContainText('Exotel answered: Success');
    expect(await inboundCalls(request, port)).toHaveLength(1);
    expect((await sandbox.deliveries(request, port))[0]).toMatchObject({ type: 'popup', delivered: true });
  });
});

test.describe('what Exotel sends', () => {
  test('a sample per webhook from the app\'s ids; Copy as curl survives a real shell', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await sandbox.reset(request, 1);
    const [app] = (await sandbox.state(request)).apps;
    await openSettings(page, app);
    // A quote and an ampersand in the URL: the shell must get them as typed.
    const popupUrl = "https://crm.example.com/it's/popup?secret=a1&b=2";
    await savePopup(page, popupUrl);

    for (const key of ['popup', 'incomingCallHangup', 'missedCall', 'callback']) {
      const payload = JSON.parse(await sample(page, key).getByTestId('sample-json').textContent());
      const keys = key === 'callback' ? [...SPEC_KEYS, 'StartTime', 'EndTime'] : SPEC_KEYS;
      expect(Object.keys(payload), key).toEqual(keys);
      expect(payload).toMatchObject({
        CustomerId: CUSTOMER_ID, AppId: app.AppID, ExotelAccountSid: app.ExotelAccountSid, AccountDomain: app.ExotelDomain,
      });
    }
    expect(JSON.parse(await sample(page, 'callback').getByTestId('sample-json').textContent()).Direction).toBe('outbound');
    await expect(sample(page, 'missedCall')).toContainText('No curl yet. The missedCall setting is empty');
    await expect(sample(page, 'missedCall').getByRole('button', { name: /curl/ })).toHaveCount(0);

    await sample(page, 'popup').getByRole('button', { name: 'Copy as curl (popup)' }).click();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    const words = shellWords(command);
    expect(words.slice(0, 6)).toEqual(['-X', 'POST', popupUrl, '-H', 'Content-Type: application/json', '--data']);
    const shown = JSON.parse(await sample(page, 'popup').getByTestId('sample-json').textContent());
    expect(JSON.parse(words[6])).toEqual(shown);
    expect(words).toHaveLength(7);
    // Nothing was sent by showing or copying.
    expect(await inboundCalls(request)).toEqual([]);
  });

  test('XSS in a setting\'s URL is text in the curl line', async ({ page, request }) => {
    await sandbox.reset(request, 1);
    const [app] = (await sandbox.state(request)).apps;
    await openSettings(page, app);
    const xss = 'https://crm.example.com/<img_src=x_onerror=window.__xss=1>';
    await savePopup(page, xss);
    await expect(sample(page, 'popup')).toContainText(`Copy as curl: sends this sample to ${xss}`);
    await expect(page.locator('main img')).toHaveCount(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  });
});

for (const scheme of ['light', 'dark']) {
  test(`call flow and samples: axe-clean and screenshots, ${scheme}; usable at 360 px`, { tag: '@docs' }, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await sandbox.reset(request, 1);
    const [app] = (await sandbox.state(request)).apps;
    await openSettings(page, app);
    await row(page, 'popup').getByRole('button', { name: 'Send test event' }).click();
    await expect(row(page, 'popup').getByTestId('test-event-result')).toBeVisible();
    await row(page, 'missedcall').getByRole('button', { name: 'Save the missedCall setting first' }).click();
    await expect(row(page, 'missedcall').getByRole('status')).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss notification' }).click().catch(() => {});
    expect(await axe(page), `axe on the call flow and samples (${scheme})`).toEqual([]);
    const section = page.getByTestId('call-flow');
    await shotOf(page, section, `call-flow-${scheme}`);
    await shotOf(page, page.getByTestId('webhook-samples'), `webhook-samples-${scheme}`);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    if (scheme === 'light') await shotOf(page, section, 'call-flow-mobile');
  });
}

/** The screenshot `name` of one section of the page (its box on the full page). */
async function shotOf(page, locator, name) {
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  });
  const margin = 8;
  await shot(page, name, {
    fullPage: true,
    clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin },
  });
}
