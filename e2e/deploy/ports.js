// Ports of the deploy suite (playwright.deploy.config.js): 8900–8949 by
// default, away from the main suite's 8790–8799. E2E_DEPLOY_PORT_BASE moves them.
const base = Number(process.env.E2E_DEPLOY_PORT_BASE || 8900);
module.exports.PORTS = {
  sandbox: base, nginx: base + 1, nginxTls: base + 2, caddy: base + 3, caddyTls: base + 4, framer: base + 5,
};
// The build under test, as in the main suite (e2e/ports.js).
module.exports.DIST = process.env.E2E_DIST || 'dist';
