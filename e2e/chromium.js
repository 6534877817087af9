// How every Playwright config here launches Debian's Chromium: its own
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
