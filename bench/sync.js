// The preview of "Sync from CSV…" at 10,000 rows (issue 22): an app with
// 10,000 users, its users page loaded completely ("10000 users" painted,
// both tokens in session storage), the dialog opened, then a CSV of 10,000
// rows put into its text area: half the rows as the users are, a quarter of
// them changed in one field, a quarter new (a few of those invalid), so a
// quarter of the users are only on the server. Timed in the page from the
// input event (the text already in the text area, as after a paste) to:
//   summary in the DOM: the summary line with the expected counts (a
//     MutationObserver, so the whole decode + plan + render is done);
//   tables in the DOM: every list of the preview has its rows (they render
//     with the summary, in the same update: the figures say so if not);
//   preview painted: the next frame rendered after that (style, layout and
//     paint of the dialog, the 10,000-line text area included).
// The text area alone, the floor under the last figure: the same text put
// in a fresh dialog's text area with no input event, until the next frame
// is painted. And a keystroke: an "x" typed at the end of the text (the last
// row's number becomes invalid), until the preview made again is painted:
// the whole plan is made again on every change of the text.
const { RUNS, ms, median, netLabel } = require('./lib');

const HEADER = 'app_user_id,app_username,email,exotel_user_name,virtual_number';
const TEXT = '#users-sync-text';
const SUMMARY = '[data-testid=sync-summary]';
const LISTS = ['sync-create', 'sync-update', 'sync-invalid'].map((id) => `[data-testid=${id}] tbody tr`)
  .concat(['sync-unchanged', 'sync-only-on-server'].map((id) => `[data-testid=${id}] li`));
// The rows made invalid among the new ones: a name of 2-character parts.
const INVALID = 10;

const lineOf = (u) => [u.AppUserId, u.AppUsername, u.Email, u.ExotelUserName, u.VirtualNumber].join(',');

/** The CSV of `users` (the app's 10,000, in order) and the summary the
 * preview should show for it. */
function csvOf(users) {
  const n = users.length;
  const [half, quarter] = [n / 2, n / 4];
  const lines = [HEADER];
  for (const u of users.slice(0, half)) lines.push(lineOf(u));
  // A quarter changed in one field, by turns the e-mail, the name in the
  // app and the ExoPhone.
  users.slice(half, half + quarter).forEach((u, i) => {
    const changed = [
      { ...u, Email: u.Email.replace('@', '.new@') },
      { ...u, AppUsername: 'Lakshmi Raman' },
      { ...u, VirtualNumber: '+918047999999' },
    ][i % 3];
    lines.push(lineOf(changed));
  });
  for (let i = 0; i < quarter; i++) {
    const id = `sync-${String(i + 1).padStart(5, '0')}`;
    const name = i < INVALID ? 'Al Bo' : 'Anita Desai';
    lines.push(`${id},${name},${id}@acme.example,${name},+91804700${String(i % 10000).padStart(4, '0')}`);
  }
  const summary = `${quarter - INVALID} to create, ${quarter} to update, ${half} unchanged, ${INVALID} with problems (not sent), ${n - half - quarter} only on the server.`;
  return { text: lines.join('\n'), rows: lines.length - 1, summary };
}

/** Opens the dialog on the loaded users page; refuses a list not complete
 * (the dialog would say so and the preview would compare less). */
async function openDialog(page) {
  await page.getByRole('button', { name: 'Sync from CSV…' }).first().click();
  await page.waitForSelector(TEXT);
  const warning = await page.evaluate(() => document.querySelector('dialog[open]').textContent.includes('Not every user of this app is loaded yet'));
  if (warning) throw new Error('the sync dialog says the users are not all loaded');
}

/** In the page: `text` into the text area with no input event (no
 * preview made), timed until the next frame is painted. */
function timeTextArea(page, text) {
  return page.evaluate(async ([sel, text]) => {
    document.querySelector(sel).value = text;
    const t0 = performance.now();
    await window.__afterPaint();
    return performance.now() - t0;
  }, [TEXT, text]);
}

/** In the page: `text` into the text area, then the input event, timed
 * until the summary reads `summary`, until every list's rows are in the
 * DOM and until the frame after them is painted. */
function timeInput(page, text, summary) {
  return page.evaluate(([sel, summarySel, text, summary, lists]) => new Promise((resolve, reject) => {
    const area = document.querySelector(sel);
    const out = {};
    const observer = new MutationObserver(() => {
      const s = document.querySelector(summarySel);
      if (!s || s.textContent !== summary) return;
      if (out.summary === undefined) out.summary = performance.now() - t0;
      if (!lists.every((l) => document.querySelector(l))) return;
      out.tables = performance.now() - t0;
      out.rowsInDom = lists.reduce((sum, l) => sum + document.querySelectorAll(l).length, 0);
      observer.disconnect();
      clearTimeout(timer);
      window.__afterPaint().then(() => { out.painted = performance.now() - t0; resolve(out); });
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      const s = document.querySelector(summarySel);
      reject(new Error(`no preview "${summary}" within 60 s; the summary reads: ${s ? s.textContent : '(none)'}`));
    }, 60_000);
    area.value = text;
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    const t0 = performance.now();
    area.dispatchEvent(new Event('input', { bubbles: true }));
    // The input handler ran synchronously in dispatchEvent: what it did
    // before returning (the reactive work it did not defer).
    out.handler = performance.now() - t0;
  }), [TEXT, SUMMARY, text, summary, LISTS]);
}

/** The summary once the last row (a new user) has an "x" after its
 * number: one fewer to create, one more with problems. */
const xTyped = (summary) => summary
  .replace(/^(\d+) to create/, (_, c) => `${Number(c) - 1} to create`)
  .replace(/(\d+) with problems/, (_, c) => `${Number(c) + 1} with problems`);

/** `key` typed at the end of the text as the keyboard does (keydown, one
 * trusted input event, an edit of the text area's text, not a new value),
 * timed in the page from its beforeinput event (the browser's own editing
 * of a text area of 10,000 lines included) to the summary `summary` in the
 * DOM and to the frame after it painted. */
async function timeTyped(page, key, summary) {
  await page.evaluate(([sel, summarySel, summary]) => {
    const area = document.querySelector(sel);
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    window.__typed = {};
    area.addEventListener('beforeinput', () => {
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        const s = document.querySelector(summarySel);
        if (!s || s.textContent !== summary) return;
        observer.disconnect();
        window.__typed.summary = performance.now() - t0;
        window.__afterPaint().then(() => { window.__typed.painted = performance.now() - t0; });
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      area.addEventListener('input', () => { window.__typed.input = performance.now() - t0; }, { capture: true, once: true });
    }, { once: true });
  }, [TEXT, SUMMARY, summary]);
  await page.keyboard.type(key);
  await page.waitForFunction(() => window.__typed.painted !== undefined, null, { polling: 20, timeout: 60_000 });
  return page.evaluate(() => window.__typed);
}

async function syncRun(openUsers, csv) {
  const { page } = await openUsers();
  await openDialog(page);
  // The floor: the text area painted with the text, no preview made.
  const area = await timeTextArea(page, csv.text);
  await page.evaluate((sel) => { document.querySelector(sel).value = ''; }, TEXT);
  await page.evaluate(() => window.__afterPaint());
  const first = await timeInput(page, csv.text, csv.summary);
  await page.evaluate(() => window.__afterPaint());
  const edit = await timeTyped(page, 'x', xTyped(csv.summary));
  await page.close();
  return { area, first, edit };
}

/** `openUsers()` opens a fresh, unlocked page with the 10,000 `users` of
 * the app painted; prints the medians over RUNS such pages. */
async function sync(browser, { openUsers, users }) {
  const csv = csvOf(users);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await syncRun(openUsers, csv));
  const med = (f) => ms(median(runs.map(f)));
  console.log('\n== Sync from CSV: the preview of %d rows against %d users (median of %d%s) ==', csv.rows, users.length, RUNS, netLabel());
  console.log('summary: %s (%s KB of text)', csv.summary, (csv.text.length / 1024).toFixed(0));
  console.log('input event -> handler returned:           ', med((r) => r.first.handler), '(the work done inside the input event)');
  console.log('input event -> summary in the DOM:         ', med((r) => r.first.summary), '(read the CSV + plan + render)');
  console.log('input event -> every list\'s rows in the DOM:', med((r) => r.first.tables), `(${runs[0].first.rowsInDom} rows: each list shows its first 100)`);
  console.log('input event -> preview painted:            ', med((r) => r.first.painted), '(the next frame, the text area included)');
  console.log('  the text area alone, painted:            ', med((r) => r.area), '(same text, no input event: the floor under the line above)');
  console.log('one key typed in the text -> preview painted:', med((r) => r.edit.painted), `(from its beforeinput; its input event at ${med((r) => r.edit.input)}, summary in the DOM at ${med((r) => r.edit.summary)})`);
}

module.exports = { sync, csvOf };
