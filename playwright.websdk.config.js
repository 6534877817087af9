// Exotel's own browser SDK (@exotel-npm-dev/exotel-ip-calling-crm-websdk,
// pinned in package.json), unmodified, in Debian's headless Chromium against
// a sandbox with CORS on, its calls to Exotel's host routed there (issue 25).
// Needs no console build, so it has its own config.
const { defineConfig } = require('@playwright/test');
const { SDK_PORT } = require('./e2e/web-sdk/ports');
const { launchOptions, oneAtATime } = require('./e2e/shared-config');

module.exports = defineConfig({
  testDir: 'e2e/web-sdk',
  // *.sdk.js, not *.spec.js: the main suite (testDir e2e) must not pick it up.
  testMatch: '**/*.sdk.js',
  ...oneAtATime,
  outputDir: process.env.E2E_OUTPUT ? `${process.env.E2E_OUTPUT}-websdk` : 'test-results/websdk',
  use: { launchOptions },
  webServer: {
    command: `target/debug/exotel-sandbox --port ${SDK_PORT} --faults --cors`,
    url: `http://127.0.0.1:${SDK_PORT}/__sandbox/state`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
