// What an admin waits for at each step (issue 23), meant for BENCH_NET=far
// (an admin in Europe or the Americas, 150 ms from the API in Mumbai): the
// console beside the react-admin peer where the peer has the page, runs
// alternating so that a busy machine slows both alike. Each app has its own
// sandbox of 100 apps behind a front server (bench/front.js).
//   sign-in form usable: navigation without a token -> the form's fields and
//     its button are in the DOM, then the frame is painted
//   list painted after signing in: the click on Connect -> the list of 100 painted
//   reload of the signed-in list: navigation with a customer token in session
//     storage -> the list painted (the start-up run of the Start-up part);
//     when the list was requested and answered and the wasm downloaded (ms
//     from navigation; a list requested before the wasm came is negative in
//     "wasm downloaded -> list requested")
//   an app's detail after a click: 2 s after that list painted, the click on
//     the first app -> its detail painted (the peer shows the list's record)
//   settings painted (console; the peer has no settings page): navigation to
//     an app's settings with both tokens in session storage -> the stored
//     value painted (the fields alone come before the read: filling them then
//     would edit settings not yet loaded, which issue 22's save refuses)
//   settings save of three keys (console): the click on Save -> all three
//     saved and read again, painted
//   an app's details, reload (console): navigation with both tokens -> the
//     facts read with the app's token painted; for it and for settings, when
//     the page's chunks had arrived and when its first read was sent and
//     answered (Resource Timing, ms from navigation)
const {
  RUNS, CUSTOMER, ms, median, netLabel, frontOrigin, startSandbox, stop, customerToken, throttle, addTimingHelpers, watchList,
  listShown, signedInPage,
} = require('./lib');
const { peerRun, PEER_DIST } = require('./peer');

const PAUSE_MS = 2000;
const CONSOLE = {
  name: 'console',
  signInPath: '/connect',
  form: 'form button[type=submit]',
  id: (page) => page.getByLabel('Customer ID', { exact: true }),
  secret: (page) => page.getByLabel('Customer secret', { exact: true }),
  submit: 'form button[type=submit]',
  list: { count: '[data-testid=app-count]', countRe: /^\d+ apps$/, rows: '[data-testid=apps-table] tbody tr[data-app-id]' },
  row: '[data-testid=apps-table] tbody tr[data-app-id] a',
  detail: '[data-testid=app-title]',
};
const PEER = {
  name: 'react-admin',
  signInPath: '/#/login',
  form: 'form input[name=secret]',
  id: (page) => page.locator('input[name=customerId]'),
  secret: (page) => page.locator('input[name=secret]'),
  submit: 'form button[type=submit]',
  list: { count: '.MuiTablePagination-displayedRows', countRe: /^1\D100 of 100$/, rows: 'tbody .RaDataTable-row' },
  row: 'tbody .RaDataTable-row td',
  detail: '.RaShow-main .RaLabeled-label',
};

/** In the page: notes as window.__seen[name] the first frame painted after
 * `selector` matched at least `atLeast` elements. */
function observe([name, selector, atLeast]) {
  window.__seen = window.__seen || {};
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll(selector).length < atLeast) return;
    observer.disconnect();
    window.__afterPaint().then(() => { window.__seen[name] = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

/** Watches from the next navigation on. */
const watchFor = (page, name, selector, atLeast = 1) => page.addInitScript(observe, [name, selector, atLeast]);
/** Watches from now on, in the open page. */
const watchNow = (page, name, selector, atLeast = 1) => page.evaluate(observe, [name, selector, atLeast]);

const seen = (page, name) => page.waitForFunction((n) => window.__seen && window.__seen[n], name, { polling: 20, timeout: 60_000 })
  .then((h) => h.jsonValue());

/** Clicks `selector` (the first match) in the page; resolves with when. */
const clickAt = (page, selector) => page.evaluate((s) => {
  const t = performance.now();
  document.querySelector(s).click();
  return t;
}, selector);

/** Sign-in form usable, list after signing in, and an app's detail after a click. */
async function signInRun(browser, origin, app) {
  const page = await browser.newPage();
  await addTimingHelpers(page);
  await watchFor(page, 'form', app.form);
  await watchList(page, app.list);
  await throttle(page);
  await page.goto(`${origin}${app.signInPath}`, { waitUntil: 'commit' });
  const form = await seen(page, 'form');
  await app.id(page).fill(CUSTOMER.Id);
  await app.secret(page).fill(CUSTOMER.Secret);
  await page.waitForFunction((s) => !document.querySelector(s).disabled, app.submit);
  const clicked = await clickAt(page, app.submit);
  await page.waitForFunction(listShown, null, { polling: 20, timeout: 60_000 });
  const signedIn = (await page.evaluate(() => window.__listShownAt)) - clicked;
  await page.waitForTimeout(PAUSE_MS);
  await watchNow(page, 'detail', app.detail);
  const opened = await clickAt(page, app.row);
  const detail = (await seen(page, 'detail')) - opened;
  await page.close();
  return { form, signedIn, detail };
}

/** The lazy chunks' files (a page's own and those it shares). */
const LAZY_WASM = '/(split|chunk)-[^/]*\\.wasm$';

/** In the page: Resource Timing of the page's chunks (`chunk`: the last of
 * those files to arrive) and of its first API read (`read`, a pattern). */
const timings = (page, chunk, read) => page.evaluate(([c, r]) => {
  const all = performance.getEntriesByType('resource');
  const chunks = all.filter((e) => new RegExp(c).test(e.name));
  const reads = all.filter((e) => new RegExp(r).test(e.name));
  return {
    chunkEnd: Math.max(...chunks.map((e) => e.responseEnd)),
    readStart: reads.length ? reads[0].startTime : NaN,
    readEnd: reads.length ? reads[0].responseEnd : NaN,
  };
}, [chunk, read]);

/** A console page with both tokens in session storage, opened at an app's
 * page `sub` ('' the details): until `selector` is painted, with where its
 * chunk and its first read fell (Resource Timing). */
async function appPageRun(browser, origin, token, app, appToken, sub, selector, chunk, read) {
  const page = await signedInPage(browser, token);
  await page.addInitScript(([id, t]) => sessionStorage.setItem('exotel.console.appTokens', JSON.stringify({ [id]: t })), [app.AppID, appToken]);
  await watchFor(page, 'painted', selector);
  await throttle(page);
  await page.goto(`${origin}/apps/${app.AppID}${sub}`, { waitUntil: 'commit' });
  const painted = await seen(page, 'painted');
  return { page, painted, ...(await timings(page, chunk, read)) };
}

/** An app's details, reloaded: until the facts read with its token are painted. */
async function detailRun(browser, origin, token, app, appToken) {
  const { page, ...run } = await appPageRun(browser, origin, token, app, appToken, '',
    '[data-testid=app-facts]', LAZY_WASM, '/app\\?entity=app$');
  await page.close();
  return run;
}

/** A console page with both tokens in session storage, opened at an app's
 * settings: until its fields are painted; then three keys changed and
 * saved, until all three are saved and read again. */
async function settingsRun(browser, origin, token, app, appToken, run) {
  const { page, ...opened } = await appPageRun(browser, origin, token, app, appToken, '/settings',
    '.setting[data-key=popup] code', LAZY_WASM, '/app_setting$');
  for (const key of ['popup', 'incomingCallHangup', 'callback']) {
    await page.locator(`.setting[data-key=${key}] input`).fill(`https://crm.example.com/${key}/${run}`);
  }
  await watchNow(page, 'saved', '[data-testid=save-results] li[data-state=saved]', 3);
  const clicked = await page.evaluate(() => {
    const t = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save settings').click();
    return t;
  });
  const saved = (await seen(page, 'saved')) - clicked;
  await page.close();
  return { ...opened, saved };
}

async function appWithToken(origin) {
  const state = await (await fetch(`${origin}/__sandbox/state`)).json();
  const app = state.apps[0];
  const res = await fetch(`${origin}/v2/integrations/token`, { method: 'POST', body: JSON.stringify({ Id: app.AppID, Secret: app.AppSecret, Entity: 'app' }), headers: { 'Content-Type': 'application/json' } });
  return { app, appToken: (await res.json()).Data };
}

/** `origin` serves the console (the Start-up part's sandbox, 100 apps) and
 * `consoleRun()` is one console start-up; `port` is free for the peer's. */
async function far(browser, { origin, consoleRun, port }) {
  const peerOrigin = frontOrigin(port);
  const proc = await startSandbox(port, PEER_DIST, 100);
  try {
    const token = await customerToken(origin);
    const peerToken = await customerToken(peerOrigin);
    const { app, appToken } = await appWithToken(origin);
    const c = { signIn: [], reload: [], settings: [], detail: [] };
    const p = { signIn: [], reload: [] };
    for (let i = 0; i < RUNS; i++) {
      c.signIn.push(await signInRun(browser, origin, CONSOLE));
      p.signIn.push(await signInRun(browser, peerOrigin, PEER));
      const { page, ...reload } = await consoleRun();
      await page.close();
      c.reload.push(reload);
      p.reload.push(await peerRun(browser, peerOrigin, peerToken));
      c.settings.push(await settingsRun(browser, origin, token, app, appToken, i));
      c.detail.push(await detailRun(browser, origin, token, app, appToken));
    }
    const med = (xs, f) => ms(median(xs.map(f)));
    const row = (name, a, b) => console.log(name.padEnd(44), String(a).padStart(12), String(b).padStart(12));
    console.log('\n== Far from the API: each wait, beside react-admin (median of %d, runs alternating%s) ==', RUNS, netLabel());
    row('figure', 'console', 'react-admin');
    row('sign-in form usable (from navigation)', med(c.signIn, (r) => r.form), med(p.signIn, (r) => r.form));
    row('list painted after signing in (from click)', med(c.signIn, (r) => r.signedIn), med(p.signIn, (r) => r.signedIn));
    row('reload of the signed-in list (navigation)', med(c.reload, (r) => r.shown), med(p.reload, (r) => r.shown));
    row('  of which: list request -> response', med(c.reload, (r) => r.listEnd - r.listStart), '');
    row('  of which: wasm downloaded -> list requested', med(c.reload, (r) => r.listStart - r.wasm), '');
    row('  of which: list requested (from navigation)', med(c.reload, (r) => r.listStart), '');
    row('  of which: list answered (from navigation)', med(c.reload, (r) => r.listEnd), '');
    row('  of which: wasm downloaded (from navigation)', med(c.reload, (r) => r.wasm), '');
    row('an app\'s detail after a click', med(c.signIn, (r) => r.detail), med(p.signIn, (r) => r.detail));
    row('an app\'s details reloaded (both tokens)', med(c.detail, (r) => r.painted), 'no page');
    row('  of which: page chunks arrived', med(c.detail, (r) => r.chunkEnd), '');
    row('  of which: GET /app?entity=app sent', med(c.detail, (r) => r.readStart), '');
    row('  of which: GET /app?entity=app answered', med(c.detail, (r) => r.readEnd), '');
    row('settings painted (navigation, both tokens)', med(c.settings, (r) => r.painted), 'no page');
    row('  of which: page chunks arrived', med(c.settings, (r) => r.chunkEnd), '');
    row('  of which: GET /app_setting sent', med(c.settings, (r) => r.readStart), '');
    row('  of which: GET /app_setting answered', med(c.settings, (r) => r.readEnd), '');
    row('settings save of three keys (from click)', med(c.settings, (r) => r.saved), 'no page');
  } finally {
    await stop(proc);
  }
}

module.exports = { far };
