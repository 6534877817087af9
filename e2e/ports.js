// Ports of the sandboxes the e2e suite starts (see playwright.config.js).
// E2E_PORT_BASE moves them all, so two checkouts can run the suite at once.
const base = Number(process.env.E2E_PORT_BASE || 8790);
module.exports.PORTS = { app: base, corsApi: base + 1, corsConsole: base + 2, fast: base + 3, killable: base + 4 };
// Edited copies of dist/ (see deployments.js).
module.exports.DEPLOYMENTS = { cors: 'test-results-deploy/cors', fast: 'test-results-deploy/fast' };
