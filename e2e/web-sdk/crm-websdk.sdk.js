// Exotel's browser SDK against the sandbox (issue 25). The package comes from
// npm at the version package-lock.json pins; its published browser entry
// (package.json "browser": output/index.js, with crypto-js, uuid and Exotel's
// webrtc client and core SDKs) is bundled here by esbuild, unmodified, and
// loaded into a CRM page. Only the network is arranged, at Playwright's
// level: the page's own origin is served from memory, every request to
// Exotel's integrations host goes to the sandbox, and anything else is
// refused and recorded. Initialize and MakeCall then run the SDK's own code:
// its fetches, its reading of the answers, its decryption of SipSecret.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { test, expect, sandbox, appToken, API } = require('../fixtures');
const { SDK_PORT } = require('./ports');

const SDK = '@exotel-npm-dev/exotel-ip-calling-crm-websdk';
// The SDK's Constants.ts: where it sends every call.
const EXOTEL = 'https://integrationscore.mum1.exotel.com';
// The CRM page that embeds the SDK (any origin but Exotel's).
const CRM = 'https://crm.acme.example';
const TO = '8851029024';

let bundle;
test.beforeAll(async () => {
  const manifest = require.resolve(`${SDK}/package.json`);
  const entry = path.join(path.dirname(manifest), JSON.parse(fs.readFileSync(manifest, 'utf8')).browser);
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: 'ExotelSDK',
    platform: 'browser',
    // The core SDK require()s its ring tones.
    loader: { '.wav': 'dataurl' },
    write: false,
    logLevel: 'error',
  });
  bundle = built.outputFiles[0].text;
});

const api = (p) => `${API(SDK_PORT)}/v2/integrations${p}`;

/** An API call that must succeed; its Data. */
async function call(request, method, p, token, data) {
  const res = await request.fetch(api(p), { method, headers: token ? { Authorization: token } : {}, data });
  const body = await res.json();
  expect(body.Status, `${method} ${p}: ${JSON.stringify(body)}`).toBe('Success');
  return body.Data;
}

/**
 * A fresh sandbox with one app (with `settings`) and one user on `device`
 * ("sip", "phone" or null): { app, token, user }.
 */
async function setUp(request, { settings = { popup: 'https://crm.acme.example/exotel/popup' }, device = 'sip' } = {}) {
  await sandbox.reset(request, 0, SDK_PORT);
  const customer = await sandbox.customerToken(request, SDK_PORT);
  const app = await call(request, 'POST', '/app', customer, {
    AppName: 'CRM dialer', ExotelAccountSid: 'acme1', ExotelApiKey: 'k', ExotelApiToken: 't',
    ExotelDomain: 'mumbai', IsActive: true,
  });
  const token = await appToken(request, app, SDK_PORT);
  for (const [Key, Value] of Object.entries(settings)) await call(request, 'POST', '/app_setting', token, { Key, Value });
  const [user] = await call(request, 'POST', '/usermapping', token, [{
    AppUserId: 'agent-7', AppUsername: 'Priya Sharma', Email: 'priya.sharma@acme.example', ExotelAccountSid: 'acme1',
    ExotelUserName: 'Priya Sharma', VirtualNumber: '+918047000001', AgentNumber: '+919812345678',
  }]);
  if (device) await call(request, 'PUT', '/device', token, { UserId: user.AppUserId, DeviceName: device, DeviceStatus: true });
  return { app, token, user };
}

/**
 * Opens the CRM page with the SDK loaded and the network arranged: returns
 * what crossed the boundary ({ exotel, refused, sockets }) and every console
 * message with its arguments as JSON ({ type, text, args }).
 */
async function crmPage(page) {
  const seen = { exotel: [], refused: [], sockets: [] };
  const consoleMessages = [];
  page.on('console', (msg) => consoleMessages.push(Promise.all(msg.args().map((a) => a.jsonValue().catch(() => null)))
    .then((args) => ({ type: msg.type(), text: msg.text(), args }))));
  // Routes are tried last-registered first: this catch-all only sees what
  // the two below do not take.
  await page.route('**/*', (route) => {
    seen.refused.push(route.request().url());
    return route.abort();
  });
  await page.route(`${EXOTEL}/**`, async (route) => {
    const url = new URL(route.request().url());
    seen.exotel.push(`${route.request().method()} ${url.pathname}${url.search}`);
    // The request as the browser made it (headers, Origin, body), to the sandbox.
    const response = await route.fetch({ url: `${API(SDK_PORT)}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await page.route(`${CRM}/**`, (route) => (new URL(route.request().url()).pathname === '/sdk.js'
    ? route.fulfill({ contentType: 'text/javascript', body: bundle })
    : route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>CRM</title><script src="/sdk.js"></script>' })));
  // Initialize without autoConnectVOIP opens no socket; any that opens
  // (the SIP registration) is recorded and closed.
  await page.routeWebSocket(/.*/, (ws) => {
    seen.sockets.push(ws.url());
    ws.close();
  });
  await page.goto(`${CRM}/`);
  await expect.poll(() => page.evaluate(() => typeof window.ExotelSDK?.ExotelCRMWebSDK)).toBe('function');
  return { seen, consoleMessages: () => Promise.all(consoleMessages) };
}

/**
 * `new ExotelCRMWebSDK(token, userId, false).Initialize(...)`, then, when it
 * gave a phone and `to` is set, `MakeCall(to, callback)`: what each returned.
 */
function runSdk(page, token, userId, to) {
  return page.evaluate(async ({ token, userId, to }) => {
    const crm = new window.ExotelSDK.ExotelCRMWebSDK(token, userId, false);
    const phone = await crm.Initialize(() => {}, () => {}, () => {});
    if (!phone || !to) return { initialized: Boolean(phone) };
    const made = await new Promise((resolve) => {
      phone.MakeCall(to, (status, data) => resolve({ status, data: status === 'success' ? data : String(data) }));
    });
    return { initialized: true, made };
  }, { token, userId, to });
}

/** The JSON arguments of the console messages whose text starts with `prefix`. */
const logged = (messages, prefix) => messages.filter((m) => m.text.startsWith(prefix)).map((m) => m.args);

test.describe("Exotel's web SDK", () => {
  test('a SIP user initialises with the password the SDK decrypts itself, and places a call', async ({ page, request }) => {
    const { app, token, user } = await setUp(request, {
      settings: { popup: 'https://crm.acme.example/exotel/popup', callback: 'https://crm.acme.example/exotel/status' },
    });
    const { seen, consoleMessages } = await crmPage(page);
    const result = await runSdk(page, token, user.AppUserId, TO);

    expect(result.initialized).toBe(true);
    expect(result.made.status, JSON.stringify(result.made)).toBe('success');
    const placed = result.made.data.Data;
    expect(placed).toMatchObject({ AppUserID: user.AppUserId, ToNumber: TO, Direction: 'outbound', CallState: 'active' });
    expect(placed.CallSid).toMatch(/^[0-9a-f]{32}$/);
    // The SIP account the SDK built: its own decryption of SipSecret gives
    // the password the sandbox encrypted.
    const [[, { sipInfo }]] = logged(await consoleMessages(), '[crm-websdk] sipInfo');
    const password = await sandbox.sipPassword(request, app.AppID, user.AppUserId, SDK_PORT);
    expect(password).toMatch(/^[A-Za-z0-9]{16,}$/);
    expect(sipInfo.secret).toBe(password);
    expect(user.SipSecret).not.toContain(password);
    // The SIP address it builds from SipId and the app's account (read when
    // the page had run on, so after initWebrtc added sipUri): one user, one
    // domain.
    expect(sipInfo.userName).toBe(user.SipId.replace(/^sip:/, ''));
    expect(sipInfo.sipUri).toBe(`wss://${sipInfo.userName}@acme1.voip.exotel.com:443`);
    expect(sipInfo.userName).toMatch(/^[a-z0-9]+$/);
    // Its calls, in order, all answered by the sandbox; nothing else left the page.
    expect(seen.exotel).toEqual([
      'GET /v2/integrations/app',
      'GET /v2/integrations/app_setting',
      `GET /v2/integrations/usermapping?user_id=${user.AppUserId}`,
      'POST /v2/integrations/call/outbound_call',
    ]);
    expect(seen.refused).toEqual([]);
    expect(seen.sockets).toEqual([]);
    // MakeCall sent the customer_id it read from the user object.
    const { requests } = await sandbox.state(request, SDK_PORT);
    const sent = requests.filter((r) => r.path.endsWith('/call/outbound_call')).map((r) => r.body);
    expect(sent).toEqual([{ customer_id: app.CustomerID, app_id: app.AppID, to: TO, user_id: user.AppUserId }]);
    const [delivery] = await sandbox.deliveries(request, SDK_PORT);
    expect(delivery).toMatchObject({ type: 'callback', url: 'https://crm.acme.example/exotel/status', delivered: true });
    expect(delivery.payload.CallSid).toBe(placed.CallSid);
  });

  test("a phone-device user's call fails with Exotel's 10708 in the nested Error", async ({ page, request }) => {
    const { token, user } = await setUp(request, { device: 'phone' });
    const { consoleMessages } = await crmPage(page);
    const result = await runSdk(page, token, user.AppUserId, TO);
    expect(result.initialized).toBe(true);
    expect(result.made.status).toBe('failed');
    // The SDK logs the answer's text; its Error is Exotel's JSON.
    const [[, statusText, body]] = logged(await consoleMessages(), '[crm-websdk] error making call:');
    expect(statusText).toBe('Bad Request');
    const envelope = JSON.parse(body);
    expect(envelope).toMatchObject({ Status: 'Failure', Code: 400, Data: null });
    const nested = JSON.parse(envelope.Error);
    expect(nested.http_code).toBe(400);
    expect(nested.response.error_data.code).toBe(10708);
    expect(nested.response.error_data.description).toContain('SIP device is off');
    expect(await sandbox.deliveries(request, SDK_PORT)).toEqual([]);
  });

  test('an app with no settings makes Initialize refuse, as the live service does', async ({ page, request }) => {
    const { token, user } = await setUp(request, { settings: {} });
    const { seen, consoleMessages } = await crmPage(page);
    expect(await runSdk(page, token, user.AppUserId, TO)).toEqual({ initialized: false });
    const failure = (await consoleMessages()).find((m) => m.text.startsWith('[crm-websdk] Initialization failed'));
    expect(failure?.text).toContain('Failed to load app settings. App setting not found.');
    expect(seen.exotel).toEqual(['GET /v2/integrations/app', 'GET /v2/integrations/app_setting']);
  });

  test('an unknown user is "not found" and no call is tried', async ({ page, request }) => {
    const { token } = await setUp(request);
    const { seen, consoleMessages } = await crmPage(page);
    expect(await runSdk(page, token, 'nobody', TO)).toEqual({ initialized: false });
    const failure = (await consoleMessages()).find((m) => m.text.startsWith('[crm-websdk] Initialization failed'));
    expect(failure?.text).toContain('User mapping not found for user_id: nobody');
    expect(seen.exotel.at(-1)).toBe('GET /v2/integrations/usermapping?user_id=nobody');
    expect(seen.exotel.filter((c) => c.startsWith('POST'))).toEqual([]);
  });
});
