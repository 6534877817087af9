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
  // The page shows times in the browser's zone: pinned, so the machine's own
  // TZ and language do not reach the pictures.
  use: { ...base.use, timezoneId: 'Asia/Kolkata', locale: 'en-US' },
  webServer: base.webServer.map((server) => ({
    ...server,
    cwd: root,
    command: `${server.command} --fixed-clock ${at}`,
  })),
};
