// Shared helpers: sandbox control over HTTP, sign-in, and a page fixture that
// fails the test on any uncaught error or Rust panic in the browser.
const fs = require('fs');
const path = require('path');
const base = require('@playwright/test');
const { PORTS, DEPLOYMENTS } = require('./ports');

const CUSTOMER_ID = '99fa98a1-2ce0-457c-9371-0d3a01eb6ef0';
const CUSTOMER_SECRET = 'sandbox-secret';
const API = (port = PORTS.app) => `http://127.0.0.1:${port}`;

async function control(request, path, body, port) {
  const res = await request.post(`${API(port)}/__sandbox/${path}`, { data: body ?? {} });
  if (!res.ok()) throw new Error(`sandbox ${path}: HTTP ${res.status()}`);
  return res.json().catch(() => ({}));
}

const sandbox = {
  reset: (request, seed = 0, port) => control(request, 'reset', { seed }, port),
  /** Reset with `apps` seeded apps of `users` users each. */
  seedUsers: (request, apps, users, port) => control(request, 'reset', { seed: apps, seed_users: users }, port),
  /** The same, on a sandbox that serves at most `maxPageSize` users a page whatever is asked. */
  seedCappedUsers: (request, apps, users, maxPageSize) =>
    control(request, 'reset', { seed: apps, seed_users: users, max_page_size: maxPageSize }),
  fault: (request, fault, port) => control(request, 'faults', fault, port),
  createApp: (request, app, port) =>
    control(request, 'apps', {
      AppName: 'Support line',
      ExotelAccountSid: 'acme1',
      ExotelApiKey: 'key-1',
      ExotelApiToken: 'token-1',
      ExotelDomain: 'mumbai',
      IsActive: true,
      ...app,
    }, port),
  /**
   * The other admin (issue 22): changes a setting, user or device behind the
   * console's back, at once or `before: {route, after}` a chosen call.
   */
  otherAdmin: (request, edit, port) => control(request, 'other-admin', edit, port),
  expireTokens: (request, port) => control(request, 'expire-tokens', {}, port),
  rawListItems: (request, items, port) => control(request, 'raw-list-items', items, port),
  state: async (request, port) => (await request.get(`${API(port)}/__sandbox/state`)).json(),
  /** The webhooks the sandbox recorded instead of sending (issue 21), oldest first. */
  deliveries: async (request, port) => (await (await request.get(`${API(port)}/__sandbox/deliveries`)).json()).deliveries,
  /** The plain SIP password a user's SipSecret encrypts (issue 25). */
  sipPassword: async (request, appId, userId, port) => {
    const query = new URLSearchParams({ app_id: appId, user_id: userId });
    const res = await request.get(`${API(port)}/__sandbox/sip-password?${query}`);
    if (!res.ok()) throw new Error(`sandbox sip-password: HTTP ${res.status()}`);
    return (await res.json()).password;
  },
  customerToken: async (request, port) => {
    const res = await request.post(`${API(port)}/v2/integrations/token`, {
      data: { Id: CUSTOMER_ID, Secret: CUSTOMER_SECRET, Entity: 'customer' },
    });
    return (await res.json()).Data;
  },
};

/** An app token straight from the API (for setting up data a test reads). */
async function appToken(request, app, port) {
  const res = await request.post(`${API(port)}/v2/integrations/token`, {
    data: { Id: app.AppID, Secret: app.AppSecret, Entity: 'app' },
  });
  return (await res.json()).Data;
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (via the devtools protocol, so the page's CSP does not apply). */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    })));
}

/**
 * Every place a secret must never reach, as text: the page's DOM, session
 * and local storage, the request log (opened if closed) and the console.
 */
async function secretPlaces(page, consoleLines) {
  const log = page.getByTestId('request-log');
  if (!(await log.isVisible())) await page.getByTestId('log-toggle').click();
  await base.expect(log).toBeVisible();
  return {
    dom: await page.content(),
    sessionStorage: await page.evaluate(() => JSON.stringify({ ...sessionStorage })),
    localStorage: await page.evaluate(() => JSON.stringify({ ...localStorage })),
    log: await log.textContent(),
    console: consoleLines.join('\n'),
  };
}

/** Signs in through the connect page with the sandbox's customer ID + secret. */
async function signIn(page, path = '/') {
  await page.goto(path);
  await page.getByLabel('Customer ID', { exact: true }).fill(CUSTOMER_ID);
  await page.getByLabel('Customer secret', { exact: true }).fill(CUSTOMER_SECRET);
  await page.getByRole('button', { name: 'Connect' }).click();
}

/**
 * From now on: every API request the page sends (as `METHOD path?query`), and
 * the file matching `file` (a regexp: a wasm the page loads) held back until
 * each of `reads` (patterns) has been sent, or `waitMs` have passed.
 * `seenFirst` resolves to the requests sent by then if they all were, else
 * false: reads that waited for that file would not be seen in time.
 */
function holdUntilSent(page, file, reads, waitMs = 5000) {
  const sent = [];
  let wake = () => {};
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/v2/integrations')) return;
    sent.push(`${req.method()} ${url.pathname.replace('/v2/integrations', '')}${url.search}`);
    wake();
  });
  const allSent = () => reads.every((read) => sent.some((s) => read.test(s)));
  let seenFirst;
  const held = new Promise((resolve) => { seenFirst = resolve; });
  page.route(file, async (route) => {
    const deadline = Date.now() + waitMs;
    while (!allSent() && Date.now() < deadline) {
      await new Promise((resolve) => { wake = resolve; setTimeout(resolve, 50); });
    }
    seenFirst(allSent() ? [...sent] : false);
    await route.continue();
  });
  return { sent, seenFirst: held };
}

/** Fills the create form; returns what was typed. */
async function fillCreateForm(page, app = {}) {
  const v = { name: 'WebRTC', sid: 'acme1', key: 'key-123', token: 'tok-456', domain: 'mumbai', ...app };
  await page.getByLabel('App name', { exact: true }).fill(v.name);
  await page.getByLabel('Exotel Account SID').fill(v.sid);
  await page.getByLabel('Exotel API key').fill(v.key);
  await page.getByLabel('Exotel API token').fill(v.token);
  if (v.domain) await page.getByLabel('Exotel domain').selectOption(v.domain);
  return v;
}

/**
 * Saves the screenshot `name`.png, as docs/screenshots/ names it. A test run
 * keeps it in an ignored folder, <output>/screenshots/ (test-results/ by
 * default), so running the suite never changes a tracked file; only
 * scripts/screenshots points E2E_SCREENSHOT_DIR at docs/screenshots/.
 * Animations are finished and the caret hidden: nothing that moves by the
 * clock reaches the pixels.
 */
async function shot(page, name, options = {}) {
  const dir = process.env.E2E_SCREENSHOT_DIR || path.join(base.test.info().project.outputDir, 'screenshots');
  await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled', caret: 'hide', ...options });
}

/**
 * Every test's page fails the test on an uncaught error, a Rust panic, or a
 * Content-Security-Policy violation, and records the console output so tests
 * can check that no secret was ever logged. A test that provokes a problem on
 * purpose names it in `expectedProblems` (patterns): each must then occur,
 * and nothing else may.
 */
const test = base.test.extend({
  expectedProblems: [[], { option: true }],
  consoleLines: async ({}, use) => use([]),
  page: async ({ page, consoleLines, expectedProblems }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (msg) => {
      consoleLines.push(msg.text());
      if (/panicked|RuntimeError|unreachable/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
      if (/Content Security Policy/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
    });
    await page.exposeFunction('__reportCspViolation', (v) => problems.push(`csp: ${v}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`));
    });
    // scripts/screenshots: the page's Date stands at the sandboxes' frozen
    // instant (timers still run), so "3 days ago" reads the same every run.
    if (process.env.E2E_FIXED_CLOCK) await page.clock.setFixedTime(new Date(process.env.E2E_FIXED_CLOCK));
    await use(page);
    if (process.env.E2E_DEBUG) console.log(consoleLines.join('\n'));
    for (const pattern of expectedProblems) {
      base.expect(problems.some((p) => pattern.test(p)), `expected problem ${pattern}`).toBeTruthy();
    }
    const unexpected = problems.filter((p) => !expectedProblems.some((pattern) => pattern.test(p)));
    base.expect(unexpected, 'no uncaught errors, panics or CSP violations in the browser').toEqual([]);
  },
});

module.exports = {
  test, expect: base.expect, sandbox, signIn, holdUntilSent, fillCreateForm, appToken, axe, secretPlaces, shot, API,
  CUSTOMER_ID, CUSTOMER_SECRET, PORTS, DEPLOYMENTS,
};
