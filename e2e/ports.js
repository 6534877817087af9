// Ports of the sandboxes the e2e suite starts (see playwright.config.js).
// E2E_PORT_BASE moves them all, so two checkouts can run the suite at once.
const base = Number(process.env.E2E_PORT_BASE || 8790);
module.exports.PORTS = { app: base, corsApi: base + 1, corsConsole: base + 2, fast: base + 3, killable: base + 4 };
// The build under test: dist/ unless E2E_DIST names another (so a second
// build can be tested beside the first).
module.exports.DIST = process.env.E2E_DIST || 'dist';
// Edited copies of it (see deployments.js).
const deployRoot = process.env.E2E_DEPLOY_DIR || 'test-results-deploy';
module.exports.DEPLOYMENTS = { cors: `${deployRoot}/cors`, fast: `${deployRoot}/fast` };
