// Helpers shared by scripts/bench.js and the peer part (bench/peer.js):
// formatting, medians, compressed sizes, the sandbox's life cycle, the
// customer token, and the in-page probes that note when a list is painted
// and when the first contentful paint happened.
// The same compressed sizes the first-load budget test counts.
const { sizes, firstLoadFiles, firstLoadSizes, lazySizes, lazyPageSizes } = require('../scripts/size-budget');
const { startSandbox: startProcess, stopSandbox: stopProcess } = require('../scripts/sandbox-process');
const { startFront, stopFront, frontOrigin, TLS } = require('./front');

// The front's certificate is self-signed: the bench's own fetches (tokens,
// controls) accept it, as Chromium does with --ignore-certificate-errors.
if (TLS) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
/** Chromium's flags for the front's self-signed certificate. */
const BROWSER_ARGS = TLS ? ['--ignore-certificate-errors'] : [];

const RUNS = Number(process.env.BENCH_RUNS || 5);
const CUSTOMER = { Id: '99fa98a1-2ce0-457c-9371-0d3a01eb6ef0', Secret: 'sandbox-secret', Entity: 'customer' };
const SANDBOX_BIN = 'target/release/exotel-sandbox';
// The sandbox behind a bench front server listens this far above the front's port.
const SANDBOX_PORT_OFFSET = 50;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

/** Serves `staticDir` on `port` as a deployment does (bench/front.js: the
 * precompressed copies, the SPA fallback) in front of a sandbox seeded with
 * `seed` apps (and `seedUsers` users each); resolves once both answer with
 * the handle `stop` takes. */
async function startSandbox(port, staticDir, seed, seedUsers = 0) {
  const sandboxPort = port + SANDBOX_PORT_OFFSET;
  const args = ['--faults', '--quiet', '--seed', String(seed), '--seed-users', String(seedUsers)];
  const sandbox = await startProcess({ bin: SANDBOX_BIN, port: sandboxPort, args });
  try {
    return { sandbox, front: await startFront(port, staticDir, `http://127.0.0.1:${sandboxPort}`) };
  } catch (e) {
    await stopProcess(sandbox);
    throw e;
  }
}

async function stop({ sandbox, front }) {
  await stopFront(front);
  await stopProcess(sandbox);
}

async function customerToken(origin) {
  const res = await fetch(`${origin}/v2/integrations/token`, { method: 'POST', body: JSON.stringify(CUSTOMER), headers: { 'Content-Type': 'application/json' } });
  return (await res.json()).Data;
}

/** Timing helpers for every page (init scripts run outside the page's CSP).
 * A MessageChannel message runs after every microtask queued before it
 * (where reactive updates run); one sent from a requestAnimationFrame
 * callback runs once that frame is rendered. The page also records its
 * first contentful paint as soon as the browser reports it. */
async function addTimingHelpers(page) {
  await page.addInitScript(() => {
    window.__afterMicrotasks = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    window.__afterPaint = () => new Promise((r) => requestAnimationFrame(() => window.__afterMicrotasks().then(r)));
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  });
}

/** BENCH_NET="<kbit/s>,<ms>" emulates a slower network (bandwidth each
 * way, added latency) through the devtools protocol, for every part but the
 * 10,000-app render. On localhost the wasm arrives a few ms after the CSS,
 * so whether the page paints before the wasm has downloaded only shows on a
 * slower network. The front server sends the brotli-11 copies Chromium asks
 * for, and gzips API answers on the fly, as nginx and Caddy do: the bytes a
 * deployment sends cross the emulated link. BENCH_NET=far is an admin in
 * Europe or the Americas, far from the API in Mumbai: 10 Mbit/s, 150 ms
 * added to every request (devtools adds its latency once per request, from
 * sent to the answer's headers: a round trip of 150 ms). */
const NET_PROFILES = { far: '10000,150' };
const NET_SPEC = NET_PROFILES[process.env.BENCH_NET] || process.env.BENCH_NET;
const NET = NET_SPEC ? NET_SPEC.split(',').map(Number) : null;
/** How the network is described in a heading. */
const netLabel = () => (NET ? `; network ${NET[0]} kbit/s, +${NET[1]} ms` : '');

async function throttle(page) {
  if (!NET) return;
  const [kbps, latency] = NET;
  const bytesPerSecond = (kbps * 1000) / 8;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
}

/** Notes (in the page) the moment a list is first painted: the element
 * matching `count` has text matching `countRe` and `rows` match at least
 * one row. On screen = the next frame is rendered (style, layout, paint),
 * not just the rows in the DOM. */
async function watchList(page, { count, countRe, rows }) {
  await page.addInitScript(([count, countRe, rows]) => {
    const re = new RegExp(countRe);
    new MutationObserver(() => {
      if (window.__listInDom) return;
      const c = document.querySelector(count);
      const n = document.querySelectorAll(rows).length;
      if (c && re.test(c.textContent) && n > 0) {
        window.__listInDom = performance.now();
        window.__rowsInDom = n;
        window.__afterPaint().then(() => { window.__listShownAt = performance.now(); });
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, [count, countRe.source, rows]);
}

const listShown = () => window.__listShownAt !== undefined;

/** After the list is shown: its times, the first contentful paint (waiting
 * briefly for the browser to report it) and the Resource Timing entries. */
async function startupTimes(page) {
  await page.waitForFunction(() => window.__fcp !== undefined, null, { polling: 20, timeout: 5000 }).catch(() => {});
  return page.evaluate(() => ({
    shown: window.__listShownAt,
    inDom: window.__listInDom,
    rows: window.__rowsInDom,
    fcp: window.__fcp,
    resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd })),
  }));
}

/** A console page signed in (the customer token in session storage, as
 * after connect) that notes when the apps list ("100 apps", rows in the
 * table) is first painted. */
async function signedInPage(browser, token) {
  const page = await browser.newPage();
  await page.addInitScript((t) => sessionStorage.setItem('exotel.console.customerToken', t), token);
  await addTimingHelpers(page);
  await watchList(page, { count: '[data-testid=app-count]', countRe: /^\d+ apps$/, rows: '[data-testid=apps-table] tbody tr[data-app-id]' });
  return page;
}

module.exports = {
  RUNS, CUSTOMER, NET, netLabel, frontOrigin, BROWSER_ARGS, kb, ms, median, p95, sizes, firstLoadFiles, firstLoadSizes, lazySizes, lazyPageSizes, startSandbox,
  stop, customerToken,
  throttle, addTimingHelpers, watchList, listShown, startupTimes, signedInPage,
};
