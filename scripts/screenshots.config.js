// scripts/screenshots' Playwright config: the suite's own (playwright.config.js)
// narrowed to the tests tagged @docs, with every sandbox started on the fixed
// clock the page gets too (E2E_FIXED_CLOCK, see e2e/fixtures.js). This file
// sits in scripts/, so the paths Playwright would read from its folder are
// pointed back at the root.
const path = require('path');
const base = require('../playwright.config.js');

const root = path.join(__dirname, '..');
const at = process.env.E2E_FIXED_CLOCK;
if (!at) throw new Error('E2E_FIXED_CLOCK is not set: run scripts/screenshots');

module.exports = {
  ...base,
  testDir: path.join(root, base.testDir),
  outputDir: path.resolve(root, base.outputDir),
  grep: /@docs/,
  use: {
    ...base.use,
    // The page shows times in the browser's zone: pinned, so the machine's
    // own TZ and language do not reach the pictures.
    timezoneId: 'Asia/Kolkata',
    locale: 'en-US',
    // Raster on one thread, whole tiles, images decoded before paint.
    // Without these, what lies under a dialog's translucent backdrop came
    // out ±1 in a colour channel on a few edge pixels in about one run in
    // two (measured on the dialogs of users-import and users-delete-dialog);
    // with them, runs gave identical bytes.
    launchOptions: {
      ...base.use.launchOptions,
      args: [...base.use.launchOptions.args, '--num-raster-threads=1', '--disable-partial-raster', '--disable-checker-imaging'],
    },
  },
  webServer: base.webServer.map((server) => ({
    ...server,
    cwd: root,
    command: `${server.command} --fixed-clock ${at}`,
  })),
};
