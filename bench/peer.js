// The console beside a peer: a minimal react-admin app with the same pages
// (bench/peer-react-admin, built by scripts/bench with `vite build`). Both
// are served by a sandbox seeded with 100 apps, each from its own origin,
// and measured the same way, alternating runs so that a busy machine slows
// both alike: first-load bytes, first contentful paint, and navigation ->
// list of 100 apps painted with a customer token already in session storage.
const fs = require('fs');
const path = require('path');
const {
  RUNS, kb, ms, median, netLabel, frontOrigin, sizes, startSandbox, stop, customerToken,
  throttle, addTimingHelpers, watchList, listShown, startupTimes,
} = require('./lib');

const PEER_DIR = path.join(__dirname, 'peer-react-admin');
const PEER_DIST = path.join(PEER_DIR, 'dist');

/** One start-up of the peer: its list page (hash route #/apps, where "/"
 * redirects) until "1-100 of 100" and its rows are painted. */
async function peerRun(browser, origin, token) {
  const page = await browser.newPage();
  await page.addInitScript((t) => sessionStorage.setItem('peer.customerToken', t), token);
  await addTimingHelpers(page);
  await watchList(page, { count: '.MuiTablePagination-displayedRows', countRe: /^1\D100 of 100$/, rows: 'tbody .RaDataTable-row' });
  await throttle(page);
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await page.waitForFunction(listShown, null, { polling: 50, timeout: 60_000 });
  const t = await startupTimes(page);
  await page.close();
  const js = t.resources.filter((e) => /\.js$/.test(e.name));
  return { ...t, jsEnd: Math.max(...js.map((e) => e.responseEnd)) };
}

/** The files the peer's first load fetched (the document, then every
 * same-origin resource but API calls), read from its build with their
 * compressed sizes. */
function peerFiles(resources, origin) {
  const paths = ['/index.html'];
  for (const e of resources) {
    const url = new URL(e.name);
    // /favicon.ico is the browser's own request (neither app names an
    // icon; the console's first-load figure leaves it out too).
    if (url.origin !== origin || /^\/(v2|__sandbox)\/|^\/favicon\.ico$/.test(url.pathname)) continue;
    if (!paths.includes(url.pathname)) paths.push(url.pathname);
  }
  return paths.map((p) => {
    const file = path.join(PEER_DIST, p);
    if (!fs.existsSync(file)) throw new Error(`the peer fetched ${p}, which its build does not have`);
    return { file: p.slice(1), ...sizes(fs.readFileSync(file)) };
  });
}

function total(files) {
  return files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

function report(consoleBytes, consoleRuns, peerRuns, files) {
  const version = JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules/react-admin/package.json'), 'utf8')).version;
  const peerBytes = total(files);
  const med = (runs, f) => {
    const xs = runs.map(f).filter((x) => x !== undefined && !Number.isNaN(x));
    return xs.length ? ms(median(xs)) : 'not reported';
  };
  const before = (runs, end) => `${runs.filter((r) => r.fcp !== undefined && r.fcp < end(r)).length} of ${runs.length}`;
  const row = (name, a, b) => console.log(name.padEnd(46), String(a).padStart(14), String(b).padStart(14));
  console.log('\n== Beside a peer: react-admin %s (100 apps; median of %d, runs alternating%s) ==', version, RUNS, netLabel());
  row('figure', 'console', 'react-admin');
  row('first load, raw', kb(consoleBytes.raw), kb(peerBytes.raw));
  row('first load, gzip -9', kb(consoleBytes.gzip), kb(peerBytes.gzip));
  row('first load, brotli 11', kb(consoleBytes.brotli), kb(peerBytes.brotli));
  row('first contentful paint', med(consoleRuns, (r) => r.fcp), med(peerRuns, (r) => r.fcp));
  row('navigation -> list of 100 apps painted', med(consoleRuns, (r) => r.shown), med(peerRuns, (r) => r.shown));
  row('FCP before the code (wasm / JS) downloaded', before(consoleRuns, (r) => r.wasm), before(peerRuns, (r) => r.jsEnd));
  row('rows in the DOM when painted', consoleRuns[0].rows, peerRuns[0].rows);
  console.log('react-admin first-load files (from Resource Timing):');
  for (const f of files) console.log('  ' + f.file.padEnd(44), kb(f.raw).padStart(10), kb(f.gzip).padStart(10), kb(f.brotli).padStart(10));
}

/** `consoleRun()` is one console start-up (the Start-up part's run, on its
 * sandbox); `port` is free for the peer's sandbox. */
async function peer(browser, { consoleBytes, consoleRun, port }) {
  if (!fs.existsSync(path.join(PEER_DIST, 'index.html'))) throw new Error('no build in bench/peer-react-admin/dist (scripts/bench builds it)');
  const origin = frontOrigin(port);
  const proc = await startSandbox(port, PEER_DIST, 100);
  try {
    const token = await customerToken(origin);
    const consoleRuns = [];
    const peerRuns = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, ...c } = await consoleRun();
      await page.close();
      consoleRuns.push(c);
      peerRuns.push(await peerRun(browser, origin, token));
    }
    report(consoleBytes, consoleRuns, peerRuns, peerFiles(peerRuns[0].resources, origin));
  } finally {
    await stop(proc);
  }
}

module.exports = { peer, peerRun, PEER_DIST };
