// Ports of the sandboxes the e2e suite starts (see playwright.config.js).
module.exports.PORTS = { app: 8790, corsApi: 8791, corsConsole: 8792, fast: 8793, killable: 8794 };
// Edited copies of dist/ (see deployments.js).
module.exports.DEPLOYMENTS = { cors: 'test-results-deploy/cors', fast: 'test-results-deploy/fast' };
