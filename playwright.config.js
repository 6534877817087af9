// End-to-end tests: the release build in dist/ served by the sandbox API
// itself (same origin, like a CDN with a proxy rule), driven in Debian's
// headless Chromium. A second sandbox with --cors serves the cross-origin run.
const { defineConfig } = require('@playwright/test');
const { PORTS, DEPLOYMENTS, DIST } = require('./e2e/ports');
const prepareDeployments = require('./e2e/deployments');
const { launchOptions, oneAtATime } = require('./e2e/shared-config');

// Web servers start before any global setup, so the edited copies of dist/
// they serve are made here, once, in the main process.
if (process.env.TEST_WORKER_INDEX === undefined) prepareDeployments();

const sandbox = (port, extra) => ({
  command: `target/debug/exotel-sandbox --port ${port} --faults ${extra}`,
  url: `http://127.0.0.1:${port}/__sandbox/state`,
  reuseExistingServer: false,
  stdout: 'ignore',
  stderr: 'pipe',
  timeout: 30_000,
});

module.exports = defineConfig({
  testDir: 'e2e',
  ...oneAtATime,
  outputDir: process.env.E2E_OUTPUT || 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORTS.app}`,
    launchOptions,
    screenshot: 'only-on-failure',
  },
  webServer: [
    sandbox(PORTS.app, `--static-dir ${DIST}`),
    // Cross-origin pair: the API with CORS on one port, the console on another.
    sandbox(PORTS.corsApi, '--cors'),
    sandbox(PORTS.corsConsole, `--static-dir ${DEPLOYMENTS.cors}`),
    // The fault matrix: a deployment with a 1.5 s API timeout.
    sandbox(PORTS.fast, `--static-dir ${DEPLOYMENTS.fast}`),
  ],
});
