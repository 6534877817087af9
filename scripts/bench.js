// Driven by scripts/bench. Prints: bytes per file (raw / gzip / brotli) and
// the first-load total; start-up (list of 100 visible) against fetching and
// compiling the wasm alone; 10,000-row render against plain JavaScript DOM
// code rendering the same rows in the same browser; keystroke filter times at
// 10,000 apps; JS heap after load.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawn } = require('child_process');
const { chromium } = require('playwright-core');

const PORT = Number(process.env.BENCH_PORT || 8795);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CUSTOMER = { Id: '99fa98a1-2ce0-457c-9371-0d3a01eb6ef0', Secret: 'sandbox-secret', Entity: 'customer' };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

function bundleSizes() {
  const files = fs.readdirSync('dist').filter((f) => /\.(html|js|wasm|css)$/.test(f));
  let total = { raw: 0, gzip: 0, brotli: 0 };
  console.log('\n== First-load bytes (dist/) ==');
  console.log('file'.padEnd(48), 'raw'.padStart(10), 'gzip -9'.padStart(10), 'brotli 11'.padStart(10));
  for (const f of files) {
    const buf = fs.readFileSync(path.join('dist', f));
    const row = {
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    for (const k of Object.keys(total)) total[k] += row[k];
    console.log(f.padEnd(48), kb(row.raw).padStart(10), kb(row.gzip).padStart(10), kb(row.brotli).padStart(10));
  }
  console.log('TOTAL'.padEnd(48), kb(total.raw).padStart(10), kb(total.gzip).padStart(10), kb(total.brotli).padStart(10));
}

async function sandbox(seed) {
  const proc = spawn('target/release/exotel-sandbox', ['--port', String(PORT), '--static-dir', 'dist', '--faults', '--quiet', '--seed', String(seed)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${ORIGIN}/__sandbox/state`)).ok) return proc; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sandbox did not start');
}

async function customerToken() {
  const res = await fetch(`${ORIGIN}/v2/integrations/token`, { method: 'POST', body: JSON.stringify(CUSTOMER), headers: { 'Content-Type': 'application/json' } });
  return (await res.json()).Data;
}

/** A signed-in page (token in session storage, as after connect). */
async function signedInPage(browser, token) {
  const page = await browser.newPage();
  await page.addInitScript((t) => sessionStorage.setItem('exotel.console.customerToken', t), token);
  // A same-origin blank page for the baselines.
  await page.route(`${ORIGIN}/__bench_blank`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body></body></html>' }));
  return page;
}

// A function, not a string: the console's CSP forbids eval.
const rowsVisible = (n) => document.querySelectorAll('[data-testid=apps-table] tbody tr').length >= n;

async function startup(browser, token) {
  const wasmFile = fs.readdirSync('dist').find((f) => f.endsWith('.wasm'));
  const tti = [];
  const compile = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await signedInPage(browser, token);
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(rowsVisible, 100, { polling: 'raf' });
    tti.push(await page.evaluate(() => performance.now()));
    await page.goto(`${ORIGIN}/__bench_blank`);
    compile.push(await page.evaluate(async (url) => {
      const t0 = performance.now();
      await WebAssembly.compileStreaming(fetch(url, { cache: 'no-store' }));
      return performance.now() - t0;
    }, `/${wasmFile}`));
    await page.close();
  }
  console.log('\n== Start-up, 100 apps (median of %d) ==', RUNS);
  console.log('navigation -> list of 100 visible:   ', ms(median(tti)));
  console.log('fetch + compile the wasm alone:      ', ms(median(compile)));
  console.log('ratio:                               ', (median(tti) / median(compile)).toFixed(2) + 'x');
}

/** Time from the list's response (Resource Timing) to 10,000 rows on screen. */
async function consoleFirstRender(browser, token) {
  const page = await signedInPage(browser, token);
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(rowsVisible, 10000, { polling: 100, timeout: 180_000 });
  const result = await page.evaluate(async () => {
    const shown = performance.now();
    const list = performance.getEntriesByType('resource').filter((e) => e.name.includes('entity=customer')).pop();
    return { render: shown - list.responseEnd, heap: performance.memory && performance.memory.usedJSHeapSize };
  });
  return { page, ...result };
}

async function vanillaRender(browser, token) {
  const page = await signedInPage(browser, token);
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
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  }, token);
  await page.close();
  return t;
}

async function keystrokeTimes(page) {
  // Type, and time until the count shows the new result. The search is
  // debounced (150 ms) so one word is one history entry; the time after the
  // debounce is the filtering and re-rendering itself.
  const times = [];
  for (const q of (process.env.BENCH_KEYS || 'sup,su,s,web,we,w').split(',')) {
    times.push(await page.evaluate(async (q) => {
      const input = document.getElementById('search');
      const count = document.querySelector('[data-testid=app-count]');
      const before = count.textContent;
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (count.textContent !== before || performance.now() - t0 > 60000 ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    }, q));
  }
  return times;
}

async function tenThousand(browser, token) {
  const consoleRuns = [];
  const vanillaRuns = [];
  let heap = 0;
  let keystrokes = [];
  for (let i = 0; i < RUNS; i++) {
    vanillaRuns.push(await vanillaRender(browser, token));
    const { page, render, heap: h } = await consoleFirstRender(browser, token);
    consoleRuns.push(render);
    heap = h;
    if (i === 0) keystrokes = await keystrokeTimes(page);
    await page.close();
  }
  console.log('\n== 10,000 apps (median of %d; from the list response to rows on screen) ==', RUNS);
  console.log('console (decode in wasm + render):   ', ms(median(consoleRuns)));
  console.log('plain JS DOM, same rows, same run:   ', ms(median(vanillaRuns)));
  console.log('ratio:                               ', (median(consoleRuns) / median(vanillaRuns)).toFixed(2) + 'x');
  const after = keystrokes.map((t) => Math.max(0, t - 150));
  console.log('keystroke -> result shown (incl. 150 ms debounce): median %s, p95 %s', ms(median(keystrokes)), ms(p95(keystrokes)));
  console.log('  of which filtering + re-render:                  median %s, p95 %s', ms(median(after)), ms(p95(after)));
  console.log('JS heap after loading 10,000 apps:   ', heap ? kb(heap) : 'n/a');
}

(async () => {
  bundleSizes();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  // Each part reports its own failure (e.g. a renderer crash) and the run
  // goes on: a benchmark that stops at the first problem hides the rest.
  const part = async (name, f) => {
    try { await f(); } catch (e) { console.log(`\n== ${name}: FAILED: ${String(e.message || e).split('\n')[0]}`); }
  };
  let proc = await sandbox(100);
  try {
    await part('Start-up', async () => startup(browser, await customerToken()));
    proc.kill();
    proc = await sandbox(10000);
    await part('10,000 apps', async () => tenThousand(browser, await customerToken()));
    console.log('\nMachine: %s, %d cores, Chromium %s', require('os').cpus()[0].model, require('os').cpus().length, browser.version());
  } finally {
    proc.kill();
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
