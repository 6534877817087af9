// What both Playwright configs share. How they launch Debian's Chromium: its own
// binary (Playwright's builds cannot be downloaded), and the flags this
// machine needs (root, no GPU, no background calls to Google's hosts, which
// the closed network refuses).
module.exports.launchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

// How they run: every suite shares one sandbox that tests reset, so one test
// at a time, no retries (a flaky test must fail).
module.exports.oneAtATime = {
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
};
