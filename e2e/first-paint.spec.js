// First paint before the wasm: index.html's static shell (header and a
// skeleton) shows while the wasm is still on its way, and the app replaces
// it as it mounts, in one task: the header and the content area stay where
// the shell put them, and no layout shift is reported from the mount.
const { test, expect, sandbox, signIn, axe } = require('./fixtures');

/** Rounded {x, y, width, height}, so boxes compare to the CSS pixel. */
const px = (box) => Object.fromEntries(Object.entries(box).map(([k, v]) => [k, Math.round(v * 100) / 100]));

/**
 * Holds every response to `pattern` until `release()`: `requested` resolves
 * once the browser has asked. With the wasm held, the shell is checked while
 * the app provably cannot have started; with the API held, the mount's frames
 * are measured apart from what the data changes later.
 */
async function hold(page, pattern) {
  let release;
  let seen;
  const gate = new Promise((r) => { release = r; });
  const requested = new Promise((r) => { seen = r; });
  await page.route(pattern, async (route) => {
    seen();
    await gate;
    await route.continue();
  });
  return { release, requested };
}

/**
 * Runs in the page before its own scripts: records layout shifts, and, in the
 * task that removes the shell (a MutationObserver callback runs at the end of
 * that task, before the next frame), the app's header and content boxes as
 * the first frame after the mount will paint them.
 */
function watchMount() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push({ t: e.startTime, value: e.value, input: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  // The header as the shell could have drawn it: without the signed-in block
  // (who, until when, sign out), which depends on session storage. Hidden and
  // shown again within this task, so never painted.
  const withoutSession = (header) => {
    const session = header.querySelector('.session');
    if (!session) return box(header);
    session.style.display = 'none';
    const b = box(header);
    session.style.display = '';
    return b;
  };
  // A callback runs at the end of each task that changed <body>: one that
  // sees both the shell and the app, or neither, means a frame could show it.
  const observer = new MutationObserver(() => {
    const shell = document.getElementById('static-shell');
    if (shell && document.querySelector('[data-testid=log-toggle]')) window.__bothAtOnce = true;
    if (shell || window.__mount) return;
    const header = document.querySelector('header');
    const mount = {
      at: performance.now(),
      headers: document.querySelectorAll('header').length,
      signedIn: !!header?.querySelector('.session'),
      header: box(header),
      headerWithoutSession: header && withoutSession(header),
      main: box(document.querySelector('main')),
    };
    // Two frames later the mount has been painted and its shifts reported.
    requestAnimationFrame(() => requestAnimationFrame(() => { mount.settled = performance.now(); window.__mount = mount; }));
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true }));
}

/** The layout-shift score of the frames that painted the mount. */
async function mountShift(page) {
  return page.evaluate(() => window.__shifts
    .filter((s) => !s.input && s.t >= window.__mount.at && s.t <= window.__mount.settled)
    .reduce((sum, s) => sum + s.value, 0));
}

/** Loads `path` with the wasm held; checks and photographs the shell; returns its boxes. */
async function checkShell(page, path, shot) {
  const wasm = await hold(page, '**/*.wasm');
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  await wasm.requested;
  const shell = page.locator('#static-shell');
  await expect(shell).toBeVisible();
  const header = shell.getByRole('banner');
  await expect(header).toContainText('Exotel Integrations Console');
  await expect(header.getByRole('link', { name: 'Exotel Integrations Console' })).toBeVisible();
  // The bars fade in after 300 ms (a fast start never flashes them).
  await expect(shell.locator('.shell-skeleton .shell-bar').first()).toHaveCSS('opacity', /^(1|0\.[5-9]\d*)$/);
  await expect(shell.locator('.shell-skeleton .shell-row')).toHaveCount(4);
  // Screen readers hear the console loading once, and nothing of the skeleton.
  await expect(shell.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Loading the console');
  await expect(shell.locator('.shell-skeleton')).toHaveAttribute('aria-hidden', 'true');
  expect(await axe(page), 'axe-core on the shell').toEqual([]);
  const tree = await page.locator('body').ariaSnapshot();
  expect(tree.match(/Loading the console/g)).toHaveLength(1);
  // Nothing of the app yet: no data, no form, no controls.
  await expect(page.locator('form, input, button, table')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
  expect(await page.evaluate(() => window.__mount)).toBeUndefined();
  await page.screenshot({ path: shot });
  const boxes = {
    header: px(await shell.getByRole('banner').boundingBox()),
    main: px(await shell.getByRole('main').boundingBox()),
  };
  wasm.release();
  return boxes;
}

/**
 * Waits for the mount; checks the shell is gone and nothing moved. Signed
 * out, and on screens from 1100 px wide, the app's header is the shell's to
 * the pixel. Narrower and signed in, it also holds who is signed in (the
 * shell cannot know: the token is in session storage), which may wrap it
 * taller: then everything else must still match, and the growth is reported
 * as an annotation.
 */
async function checkMounted(page, { shellBoxes, signedIn }, shot, info) {
  await page.waitForFunction(() => window.__mount || window.__bothAtOnce, null, { timeout: 15_000 });
  const mount = await page.evaluate(() => window.__mount);
  expect(await page.evaluate(() => window.__bothAtOnce), 'shell and app never on the page together').toBeUndefined();
  expect(mount.headers, 'the app is there as soon as the shell is gone').toBe(1);
  expect(mount.signedIn, 'signed in at mount').toBe(signedIn);
  await expect(page.locator('#static-shell')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByText('Loading the console')).toHaveCount(0);
  await expect(page.getByTestId('log-toggle')).toBeVisible();
  expect(px(mount.headerWithoutSession), 'header box at mount, signed-in block aside').toEqual(shellBoxes.header);
  const header = px(mount.header);
  const main = px(mount.main);
  expect({ x: header.x, y: header.y, width: header.width }, 'header position at mount').toEqual(
    { x: shellBoxes.header.x, y: shellBoxes.header.y, width: shellBoxes.header.width });
  expect(main.y, 'content right under the header').toEqual(px({ b: mount.header.y + mount.header.height }).b);
  expect({ x: main.x, width: main.width }, 'content column at mount').toEqual({ x: shellBoxes.main.x, width: shellBoxes.main.width });
  // From 1100 px up the header is always as tall as when signed in (main.css),
  // so signed in or not, nothing moves there; narrower, it may wrap.
  if (!signedIn || page.viewportSize().width >= 1100) {
    expect(header, 'header box at mount').toEqual(shellBoxes.header);
    expect(main.y, 'content top at mount').toEqual(shellBoxes.main.y);
  }
  const grew = Math.round((main.y - shellBoxes.main.y) * 100) / 100;
  info.annotations.push({ type: 'header growth at mount (px)', description: String(grew) });
  expect(await mountShift(page), 'layout shift from the mount').toBe(0);
  await page.screenshot({ path: shot });
}

/** Signs in for real, so the customer token is in session storage. */
async function customerToken(page, request) {
  await sandbox.reset(request, 2);
  await signIn(page, '/connect');
  await expect(page.getByTestId('apps-table').locator('tbody tr')).toHaveCount(2);
  expect(await page.evaluate(() => sessionStorage.getItem('exotel.console.customerToken'))).toBeTruthy();
}

const PAGES = [
  { name: 'connect page', signedIn: false, path: async () => '/connect', ready: (page) => page.getByLabel('Customer ID', { exact: true }) },
  {
    name: 'apps list',
    signedIn: true,
    path: async (page, request) => { await customerToken(page, request); return '/'; },
    ready: (page) => page.getByTestId('apps-table').locator('tbody tr').first(),
  },
  {
    name: 'deep link to an app',
    signedIn: true,
    path: async (page, request) => {
      await customerToken(page, request);
      const app = await sandbox.createApp(request, { AppName: 'Deep link' });
      return `/apps/${(app.Data ?? app).AppID}`;
    },
    ready: (page) => page.getByTestId('unlock-form'),
  },
];

/**
 * One page load: the shell with the wasm held, then the app in its place
 * (API answers held until the mount is measured and photographed: the
 * customer record, which makes a signed-in header taller once it arrives, is
 * a later change, not the mount's), then the page with its data.
 */
async function firstPaint(page, request, info, target, slug) {
  await page.addInitScript(watchMount);
  const path = await target.path(page, request);
  const api = await hold(page, '**/v2/integrations/**');
  const shellBoxes = await checkShell(page, path, info.outputPath(`${slug}-shell.png`));
  await checkMounted(page, { shellBoxes, signedIn: target.signedIn }, info.outputPath(`${slug}-app.png`), info);
  api.release();
  await expect(target.ready(page)).toBeVisible();
  await page.screenshot({ path: info.outputPath(`${slug}-loaded.png`) });
}

const slugOf = (name) => name.replace(/\W+/g, '-');

for (const colorScheme of ['light', 'dark']) {
  test.describe(`first paint, ${colorScheme} scheme`, () => {
    test.use({ colorScheme });
    for (const target of PAGES) {
      test(`${target.name}: the shell paints before the wasm and the app replaces it in place`, async ({ page, request }, info) => {
        await firstPaint(page, request, info, target, `${slugOf(target.name)}-${colorScheme}`);
      });
    }
  });
}

// On a phone the header wraps and hides the API base: the shell must wrap the same way.
test.describe('first paint on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('connect page: the shell paints before the wasm and the app replaces it in place', async ({ page, request }, info) => {
    await firstPaint(page, request, info, PAGES[0], 'connect-page-phone');
  });
});

test('with reduced motion the skeleton does not pulse', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const wasm = await hold(page, '**/*.wasm');
  await page.goto('/connect', { waitUntil: 'domcontentloaded' });
  await wasm.requested;
  const bar = page.locator('#static-shell .shell-skeleton .shell-bar').first();
  await expect(bar).toHaveCSS('opacity', '1');
  expect(await bar.evaluate((el) => getComputedStyle(el).animationName)).not.toContain('shell-pulse');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await bar.evaluate((el) => getComputedStyle(el).animationName)).toContain('shell-pulse');
  wasm.release();
  await expect(page.getByLabel('Customer ID', { exact: true })).toBeVisible();
});
