// The shipped server configs under test: the release build in dist/,
// configured by scripts/configure-dist, served by Debian's nginx and Caddy
// with the nginx.conf / Caddyfile generated from deploy/policy.json, in front
// of a sandbox API (e2e/deploy/servers.js starts and stops them all).
const { defineConfig } = require('@playwright/test');
const { PORTS } = require('./e2e/deploy/ports');
const { launchOptions, oneAtATime } = require('./e2e/shared-config');

module.exports = defineConfig({
  testDir: 'e2e/deploy',
  // *.deploy.js, not *.spec.js: the main suite (testDir e2e) must not pick these up.
  testMatch: '**/*.deploy.js',
  globalSetup: require.resolve('./e2e/deploy/servers.js'),
  ...oneAtATime,
  outputDir: process.env.E2E_OUTPUT ? `${process.env.E2E_OUTPUT}-deploy` : 'test-results/deploy',
  use: {
    baseURL: `http://127.0.0.1:${PORTS.nginx}`,
    launchOptions,
    screenshot: 'only-on-failure',
  },
});
