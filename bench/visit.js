// The cost of a lazy page: from a click on an app in the list to its detail
// page painted, the first time and again for another app. The click comes
// PAUSE_MS after the list is painted, as an admin's would; by then the
// console has fetched the detail page's chunk in the background (or not yet,
// on a slow network: the figure says how many wasm files the click still
// waited for). BENCH_NET throttles the network after the list has loaded.
const { RUNS, ms, median, netLabel, throttle, listShown, signedInPage } = require('./lib');

const ROWS = '[data-testid=apps-table] tbody tr[data-app-id]';
const PAUSE_MS = 2000;

/** Clicks the name link of row `index` and resolves with the ms until the
 * detail page's title is painted. */
function clickToDetail(page, index) {
  return page.evaluate(([rows, index]) => new Promise((resolve) => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid=app-title]')) return;
      observer.disconnect();
      window.__afterPaint().then(() => resolve(performance.now() - start));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    document.querySelectorAll(rows)[index].querySelector('a').click();
  }), [ROWS, index]);
}

async function visitRun(browser, origin, token) {
  const page = await signedInPage(browser, token);
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await page.waitForFunction(listShown, null, { polling: 50, timeout: 60_000 });
  await throttle(page);
  // wasm requests not finished yet: those the click has to wait for.
  const inFlight = new Set();
  const isWasm = (r) => new URL(r.url()).pathname.endsWith('.wasm');
  page.on('request', (r) => { if (isWasm(r)) inFlight.add(r); });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  await page.waitForTimeout(PAUSE_MS);
  const waitingAtClick = inFlight.size;
  let requestedAfter = 0;
  page.on('request', (r) => { if (isWasm(r)) requestedAfter += 1; });
  const first = await clickToDetail(page, 0);
  const fetched = waitingAtClick + requestedAfter;
  await page.goBack();
  await page.waitForSelector(ROWS);
  const again = await clickToDetail(page, 1);
  await page.close();
  return { first, again, fetched };
}

/** Prints the medians over RUNS fresh pages. */
async function visit(browser, origin, token) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visitRun(browser, origin, token));
  console.log('\n== Opening an app from the list, %d s after it painted (median of %d%s) ==', PAUSE_MS / 1000, RUNS, netLabel());
  console.log('click -> detail page painted, first visit:  ', ms(median(runs.map((r) => r.first))),
    `(wasm files still to fetch at the click: ${median(runs.map((r) => r.fetched))})`);
  console.log('click -> detail page painted, another app:  ', ms(median(runs.map((r) => r.again))));
}

module.exports = { visit, visitRun };
