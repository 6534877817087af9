// Driven by scripts/bench. Prints: bytes per file (raw / gzip / brotli) and
// the first-load total; start-up (list of 100 visible) against fetching and
// compiling the wasm alone; 10,000-row render against plain JavaScript DOM
// code rendering the same rows in the same browser; keystroke filter times at
// 10,000 apps; JS heap after load; 10,000 users of one app (100 pages, or
// more when the sandbox serves fewer a page: BENCH_USER_PAGE_SIZES): load to
// screen, keystroke and scroll times; the console beside a react-admin app
// with the same pages (bench/peer.js); what an admin far from the API
// waits for at each step (bench/far.js, part `far`); and the preview of a
// sync from a CSV of 10,000 rows against those users (bench/sync.js, part
// `sync`).
const fs = require('fs');
const { chromium } = require('playwright-core');
const {
  RUNS, netLabel, frontOrigin, BROWSER_ARGS, kb, ms, median, p95, firstLoadFiles, firstLoadSizes, lazySizes, lazyPageSizes, startSandbox, stop,
  customerToken: tokenAt,
  throttle, listShown, startupTimes, signedInPage,
} = require('../bench/lib');
const { peer } = require('../bench/peer');
const { visit } = require('../bench/visit');
const { far } = require('../bench/far');
const { sync } = require('../bench/sync');
const { launchOptions } = require('../e2e/shared-config');

const PORT = Number(process.env.BENCH_PORT || 8795);
// BENCH_DIST measures another build than dist/ (e.g. a second checkout's).
const DIST = process.env.BENCH_DIST || 'dist';
const ORIGIN = frontOrigin(PORT);

/** Prints the first-load bytes per file of DIST and returns the total. */
function bundleSizes() {
  let total = { raw: 0, gzip: 0, brotli: 0 };
  console.log(`\n== First-load bytes (${DIST}/) ==`);
  console.log('file'.padEnd(48), 'raw'.padStart(10), 'gzip -9'.padStart(10), 'brotli 11'.padStart(10));
  for (const row of firstLoadSizes(DIST)) {
    for (const k of Object.keys(total)) total[k] += row[k];
    console.log(row.file.padEnd(48), kb(row.raw).padStart(10), kb(row.gzip).padStart(10), kb(row.brotli).padStart(10));
  }
  console.log('TOTAL'.padEnd(48), kb(total.raw).padStart(10), kb(total.gzip).padStart(10), kb(total.brotli).padStart(10));
  const lazy = lazySizes(DIST);
  const lazyTotal = lazy.reduce((sum, r) => sum + r.brotli, 0);
  console.log(`lazy chunks (pages fetched on first visit): ${kb(lazyTotal)} brotli in all; a first visit fetches:`);
  for (const p of lazyPageSizes(DIST, lazy)) console.log(`  ${p.page.padEnd(16)} ${kb(p.brotli).padStart(10)} brotli (${p.files.length} files)`);
  return total;
}

const sandbox = (seed, seedUsers = 0) => startSandbox(PORT, DIST, seed, seedUsers);
const customerToken = () => tokenAt(ORIGIN);

/** A same-origin page that only fetches, compiles and instantiates the
 * console's wasm (imports stubbed, so none of the console's code runs), and
 * notes when that is done: the floor under the console's start-up. */
function wasmOnlyPage(wasmFile) {
  return `<!doctype html><html><body><script>
    (async () => {
      const module = await WebAssembly.compileStreaming(fetch('/${wasmFile}', { cache: 'no-store' }));
      const imports = {};
      for (const imp of WebAssembly.Module.imports(module)) {
        imports[imp.module] = imports[imp.module] || {};
        imports[imp.module][imp.name] = imp.kind === 'function' ? () => {} : undefined;
      }
      await WebAssembly.instantiate(module, imports);
      window.__wasmReadyAt = performance.now();
    })().catch((e) => { window.__wasmError = String(e); });
  </script></body></html>`;
}

/** One start-up of the console with 100 apps: navigation to the list
 * painted, its first contentful paint and the Resource Timing phases.
 * Leaves the page open (the caller closes it). */
async function consoleStartupRun(browser, token) {
  const page = await signedInPage(browser, token);
  await throttle(page);
  await page.goto(`${ORIGIN}/`, { waitUntil: 'commit' });
  await page.waitForFunction(listShown, null, { polling: 50, timeout: 60_000 });
  const t = await startupTimes(page);
  const find = (re) => t.resources.find((e) => re.test(e.name));
  return {
    page, ...t,
    wasm: find(/\.wasm$/).responseEnd,
    listStart: find(/entity=customer/).startTime,
    listEnd: find(/entity=customer/).responseEnd,
  };
}

/** The floor: the same origin fetching, compiling and instantiating the
 * wasm only, timed from navigation start, on an open page. */
async function wasmOnlyRun(page, wasmFile) {
  await page.route(`${ORIGIN}/__bench_wasm_only`, (r) => r.fulfill({ contentType: 'text/html', body: wasmOnlyPage(wasmFile) }));
  await page.goto(`${ORIGIN}/__bench_wasm_only`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__wasmReadyAt !== undefined || window.__wasmError, null, { polling: 50 });
  const err = await page.evaluate(() => window.__wasmError);
  if (err) throw new Error(`wasm-only page: ${err}`);
  return page.evaluate(() => window.__wasmReadyAt);
}

async function startup(browser, token) {
  // The main module, the one index.html loads (the lazy chunks are not).
  const wasmFile = firstLoadFiles(DIST).find((f) => f.endsWith('.wasm'));
  const runs = [];
  const floor = [];
  for (let i = 0; i < RUNS; i++) {
    const { page, ...t } = await consoleStartupRun(browser, token);
    runs.push(t);
    floor.push(await wasmOnlyRun(page, wasmFile));
    await page.close();
  }
  const tti = runs.map((r) => r.shown);
  const fcps = runs.filter((r) => r.fcp !== undefined);
  console.log('\n== Start-up, 100 apps (median of %d, from navigation start%s) ==', RUNS, netLabel());
  console.log('console: list of 100 apps on screen:  ', ms(median(tti)));
  console.log('same page fetching + instantiating the wasm only:', ms(median(floor)));
  console.log('ratio:                                ', (median(tti) / median(floor)).toFixed(2) + 'x');
  // FCP against the wasm's download: with a static shell in index.html the
  // page paints before the wasm has arrived; without it, only after.
  console.log('first contentful paint:               ', fcps.length ? ms(median(fcps.map((r) => r.fcp))) : 'not reported',
    `(before the wasm's responseEnd in ${fcps.filter((r) => r.fcp < r.wasm).length} of ${runs.length} runs)`);
  const phase = (f) => ms(median(runs.map(f)));
  console.log('where the console\'s time goes (medians):');
  console.log('  navigation -> wasm downloaded:      ', phase((p) => p.wasm), '(Resource Timing responseEnd)');
  console.log('  wasm downloaded -> list requested:  ', phase((p) => p.listStart - p.wasm), '(compile, instantiate, start the app)');
  console.log('  list request -> response:           ', phase((p) => p.listEnd - p.listStart));
  console.log('  response -> rows in the DOM:        ', phase((p) => p.inDom - p.listEnd));
  console.log('  rows in the DOM -> frame painted:   ', phase((p) => p.shown - p.inDom));
}

/** Time from the list's response (Resource Timing) to the list on screen. */
async function consoleFirstRender(browser, token) {
  const page = await signedInPage(browser, token);
  await page.goto(`${ORIGIN}/`, { waitUntil: 'commit' });
  await page.waitForFunction(listShown, null, { polling: 100, timeout: 180_000 });
  const result = await page.evaluate(async () => {
    const list = performance.getEntriesByType('resource').filter((e) => e.name.includes('entity=customer')).pop();
    return {
      render: window.__listShownAt - list.responseEnd,
      rows: window.__rowsInDom,
      count: document.querySelector('[data-testid=app-count]').textContent,
      heap: performance.memory && performance.memory.usedJSHeapSize,
    };
  });
  return { page, ...result };
}

async function vanillaRender(browser, token) {
  const page = await signedInPage(browser, token);
  await page.route(`${ORIGIN}/__bench_blank`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body></body></html>' }));
  await page.goto(`${ORIGIN}/__bench_blank`);
  const t = await page.evaluate(async (t) => {
    const res = await fetch('/v2/integrations/app?entity=customer', { headers: { Authorization: t } });
    const t0 = performance.now();
    const apps = (await res.json()).Data;
    const tbody = document.createElement('tbody');
    const when = (s) => { const d = new Date(s); return isNaN(d) ? s : d.toLocaleString(); };
    for (const a of apps) {
      const tr = document.createElement('tr');
      for (const v of [a.AppName, a.AppID, a.ExotelAccountSid, a.ExotelDomain, a.IsActive ? 'Active' : 'Inactive', when(a.CreatedAt), when(a.UpdatedAt), 'Delete…']) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    const table = document.createElement('table');
    table.appendChild(tbody);
    document.body.appendChild(table);
    // Until the frame showing them is rendered, as for the console.
    await window.__afterPaint();
    return performance.now() - t0;
  }, token);
  await page.close();
  return t;
}

/** Types `words` into a list's search box one character at a time (and
 * deletes), and times each keystroke in the page: until every bit of script
 * work it started is done and the DOM updated, and until the next frame is
 * painted. `countSelector` names the element holding the shown count. */
async function keystrokeTimes(page, words, countSelector) {
  const strokes = [];
  for (const w of words) {
    for (let i = 1; i <= w.length; i++) strokes.push(w.slice(0, i));
    for (let i = w.length - 1; i >= 0; i--) strokes.push(w.slice(0, i));
  }
  return page.evaluate(async ([strokes, countSelector]) => {
    const input = document.getElementById('search');
    const { __afterMicrotasks: afterMicrotasks, __afterPaint: afterPaint } = window;
    const dom = [];
    const frame = [];
    for (const q of strokes) {
      await afterPaint();
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await afterMicrotasks();
      dom.push(performance.now() - t0);
      await afterPaint();
      frame.push(performance.now() - t0);
    }
    return { dom, frame, count: document.querySelector(countSelector).textContent };
  }, [strokes, countSelector]);
}

/** Scrolls a long list 400 px at a time (about 8 rows, a brisk wheel), and
 * times each step until its frame is painted; `rowSelector` counts the rows
 * in the DOM at the end. */
async function scrollTimes(page, rowSelector) {
  return page.evaluate(async (rowSelector) => {
    const afterPaint = window.__afterPaint;
    window.scrollTo(0, 0);
    await afterPaint();
    const steps = [];
    for (let i = 0; i < 150; i++) {
      const t0 = performance.now();
      window.scrollBy(0, 400);
      await afterPaint();
      steps.push(performance.now() - t0);
    }
    return { steps, rows: document.querySelectorAll(rowSelector).length, y: window.scrollY };
  }, rowSelector);
}

async function tenThousand(browser, token) {
  const consoleRuns = [];
  const vanillaRuns = [];
  let heap = 0;
  let rows = 0;
  let keys = null;
  let scroll = null;
  for (let i = 0; i < RUNS; i++) {
    vanillaRuns.push(await vanillaRender(browser, token));
    const r = await consoleFirstRender(browser, token);
    consoleRuns.push(r.render);
    heap = r.heap;
    rows = r.rows;
    if (!/^10000 apps$/.test(r.count)) throw new Error(`the console shows "${r.count}", not 10000 apps`);
    if (i === 0) {
      scroll = await scrollTimes(r.page, '[data-testid=apps-table] tbody tr[data-app-id]');
      keys = await keystrokeTimes(r.page, (process.env.BENCH_KEYS || 'webrtc,app 12,billing,zzz').split(','), '[data-testid=app-count]');
    }
    await r.page.close();
  }
  console.log('\n== 10,000 apps (median of %d; from the list response to rows on screen) ==', RUNS);
  console.log('console (decode in wasm + index + render):', ms(median(consoleRuns)), `(${rows} rows in the DOM: the list is windowed)`);
  console.log('plain JS DOM, all 10,000 rows, same run:  ', ms(median(vanillaRuns)));
  console.log('ratio:                                    ', (median(consoleRuns) / median(vanillaRuns)).toFixed(2) + 'x');
  console.log('keystrokes typed:                          %d (last result: %s)', keys.dom.length, keys.count);
  console.log('keystroke -> DOM updated:                  median %s, p95 %s, max %s', ms(median(keys.dom)), ms(p95(keys.dom)), ms(Math.max(...keys.dom)));
  console.log('keystroke -> next frame painted:           median %s, p95 %s, max %s', ms(median(keys.frame)), ms(p95(keys.frame)), ms(Math.max(...keys.frame)));
  console.log('scroll 400 px -> frame painted:             median %s, p95 %s, max %s (%d steps, %d rows in the DOM after)', ms(median(scroll.steps)), ms(p95(scroll.steps)), ms(Math.max(...scroll.steps)), scroll.steps.length, scroll.rows);
  console.log('JS heap after loading 10,000 apps:         ', heap ? kb(heap) : 'n/a');
}

/** The users list of an app with 10,000 users: a signed-in, unlocked page
 * (both tokens in session storage, as after connect and unlock) that notes
 * when "10000 users" and its rows are first painted. */
async function usersPage(browser, token, app, appToken) {
  const page = await signedInPage(browser, token);
  await page.addInitScript(([id, t]) => sessionStorage.setItem('exotel.console.appTokens', JSON.stringify({ [id]: t })), [app.AppID, appToken]);
  await page.addInitScript(() => {
    // Room for every page's entry: the default buffer holds 250.
    performance.setResourceTimingBufferSize(5000);
    new MutationObserver(() => {
      if (window.__usersInDom) return;
      const count = document.querySelector('[data-testid=user-count]');
      const rows = document.querySelectorAll('[data-testid=users-table] tbody tr[data-user-id]').length;
      if (count && count.textContent === '10000 users' && rows > 0) {
        window.__usersInDom = performance.now();
        window.__usersRows = rows;
        window.__afterPaint().then(() => { window.__usersShownAt = performance.now(); });
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await throttle(page);
  await page.goto(`${ORIGIN}/apps/${app.AppID}/users`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__usersShownAt !== undefined, null, { polling: 100, timeout: 300_000 })
    .catch(async (e) => {
      // Say where the list was: a failure or a wrong count, not just a timeout.
      const where = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 300));
      throw new Error(`${e.message.split('\n')[0]}; the page shows: ${where}`);
    });
  const t = await page.evaluate(() => {
    const pages = performance.getEntriesByType('resource').filter((e) => /usermapping\?page_size=100/.test(e.name));
    return {
      shown: window.__usersShownAt,
      rows: window.__usersRows,
      pages: pages.length,
      firstRequest: Math.min(...pages.map((e) => e.startTime)),
      lastResponse: Math.max(...pages.map((e) => e.responseEnd)),
      heap: performance.memory && performance.memory.usedJSHeapSize,
    };
  });
  return { page, ...t };
}

/** One app of 10,000 users served at most `size` a page (the sandbox's
 * max_page_size; the console asks for 100), a customer token and the app's
 * token (a reset forgets every token issued before it). */
async function usersServedBy(size) {
  const reset = await fetch(`${ORIGIN}/__sandbox/reset`, { method: 'POST', body: JSON.stringify({ seed: 1, seed_users: 10000, max_page_size: size, key_style: process.env.BENCH_USER_KEY_STYLE || 'offset' }), headers: { 'Content-Type': 'application/json' } });
  if (!reset.ok) throw new Error(`sandbox reset: HTTP ${reset.status}`);
  const state = await (await fetch(`${ORIGIN}/__sandbox/state`)).json();
  const app = state.apps[0];
  const res = await fetch(`${ORIGIN}/v2/integrations/token`, { method: 'POST', body: JSON.stringify({ Id: app.AppID, Secret: app.AppSecret, Entity: 'app' }), headers: { 'Content-Type': 'application/json' } });
  return { app, appToken: (await res.json()).Data, token: await customerToken() };
}

/** BENCH_USER_PAGE_SIZES (default 100): the page sizes the sandbox serves
 * at most, one figure each; keystrokes and scrolling on the first. */
async function tenThousandUsers(browser) {
  const sizes = (process.env.BENCH_USER_PAGE_SIZES || '100').split(',').map(Number);
  for (const [index, size] of sizes.entries()) {
    const { app, appToken, token } = await usersServedBy(size);
    const pagesNeeded = Math.ceil(10000 / Math.min(size, 100));
    const loads = [];
    let first = null;
    for (let i = 0; i < RUNS; i++) {
      const r = await usersPage(browser, token, app, appToken);
      if (r.pages < pagesNeeded) throw new Error(`${r.pages} pages of users read, not ${pagesNeeded}`);
      loads.push(r);
      if (i === 0 && index === 0) {
        first = r;
        first.scroll = await scrollTimes(r.page, '[data-testid=users-table] tbody tr[data-user-id]');
        first.keys = await keystrokeTimes(r.page, (process.env.BENCH_USER_KEYS || 'priya,crm-01,+9198,zzz').split(','), '[data-testid=user-count]');
      }
      await r.page.close();
    }
    const med = (f) => ms(median(loads.map(f)));
    console.log('\n== 10,000 users, %d pages of %d (median of %d, from navigation start%s) ==', pagesNeeded, Math.min(size, 100), RUNS, netLabel());
    console.log('navigation -> 10000 users on screen:       ', med((r) => r.shown), `(${loads[0].rows} rows in the DOM: the list is windowed)`);
    console.log('  first page requested -> last page answered:', med((r) => r.lastResponse - r.firstRequest),
      `(${median(loads.map((r) => r.pages))} requests in Resource Timing for ${pagesNeeded} pages)`);
    console.log('  last page answered -> list painted:      ', med((r) => r.shown - r.lastResponse), '(index + sort + render)');
    if (!first) continue;
    console.log('keystrokes typed:                          %d (last result: %s)', first.keys.dom.length, first.keys.count);
    console.log('keystroke -> DOM updated:                  median %s, p95 %s, max %s', ms(median(first.keys.dom)), ms(p95(first.keys.dom)), ms(Math.max(...first.keys.dom)));
    console.log('keystroke -> next frame painted:           median %s, p95 %s, max %s', ms(median(first.keys.frame)), ms(p95(first.keys.frame)), ms(Math.max(...first.keys.frame)));
    console.log('scroll 400 px -> frame painted:             median %s, p95 %s, max %s (%d steps, %d rows in the DOM after)', ms(median(first.scroll.steps)), ms(p95(first.scroll.steps)), ms(Math.max(...first.scroll.steps)), first.scroll.steps.length, first.scroll.rows);
    console.log('JS heap after loading 10,000 users:        ', first.heap ? kb(first.heap) : 'n/a');
  }
}

(async () => {
  const consoleBytes = bundleSizes();
  // The e2e suites' Chromium, plus precise heap figures; BENCH_CHROMIUM_ARGS
  // adds flags, e.g. V8's to test a hypothesis.
  const browser = await chromium.launch({
    ...launchOptions,
    args: [...launchOptions.args, ...BROWSER_ARGS, '--enable-precise-memory-info', ...(process.env.BENCH_CHROMIUM_ARGS || '').split(' ').filter(Boolean)],
  });
  // Each part reports its own failure (e.g. a renderer crash) and the run
  // goes on: a benchmark that stops at the first problem hides the rest.
  const part = async (name, f) => {
    try { await f(); } catch (e) { console.log(`\n== ${name}: FAILED: ${String(e.message || e).split('\n')[0]}`); }
  };
  // BENCH_PARTS=startup, peer, visit, far, 10k, users or sync (comma-separated) runs only
  // those parts; each part's sandbox is started only when it runs.
  const want = (p) => !process.env.BENCH_PARTS || process.env.BENCH_PARTS.split(',').includes(p);
  let proc = null;
  try {
    if (want('startup') || want('peer') || want('visit') || want('far')) {
      proc = await sandbox(100);
      const token = await customerToken();
      if (want('startup')) await part('Start-up', async () => startup(browser, token));
      // The peer's sandbox takes the next port; the console's runs on this one.
      if (want('peer')) await part('Beside a peer: react-admin', async () => peer(browser, { consoleBytes, consoleRun: () => consoleStartupRun(browser, token), port: PORT + 1 }));
      if (want('visit')) await part('Opening an app from the list', async () => visit(browser, ORIGIN, token));
      if (want('far')) await part('Far from the API', async () => far(browser, { origin: ORIGIN, consoleRun: () => consoleStartupRun(browser, token), port: PORT + 1 }));
      await stop(proc);
    }
    if (want('10k')) {
      proc = await sandbox(10000);
      await part('10,000 apps', async () => tenThousand(browser, await customerToken()));
      await stop(proc);
    }
    if (want('users') || want('sync')) {
      proc = await sandbox(1, 10000);
      if (want('users')) await part('10,000 users', async () => tenThousandUsers(browser));
      if (want('sync')) {
        await part('Sync from CSV', async () => {
          const { app, appToken, token } = await usersServedBy(100);
          const state = await (await fetch(`${ORIGIN}/__sandbox/state`)).json();
          await sync(browser, { openUsers: () => usersPage(browser, token, app, appToken), users: state.users[app.AppID] });
        });
      }
      await stop(proc);
    }
    console.log('\nMachine: %s, %d cores, Chromium %s', require('os').cpus()[0].model, require('os').cpus().length, browser.version());
  } finally {
    if (proc) await stop(proc);
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
