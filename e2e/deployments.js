// Copies of dist/ whose index.html is edited exactly as a deployer would
// (no rebuild): the cross-origin deployment names its API host (base URL and
// CSP connect-src); the "fast" one shortens the API timeout so timeout tests
// take seconds. Web servers start before any global setup, so
// playwright.config.js calls this while loading.
const fs = require('fs');
const path = require('path');
const { PORTS, DEPLOYMENTS, DIST } = require('./ports');

function deploy(dir, edit) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  const original = fs.readFileSync(file, 'utf8');
  const edited = edit(original);
  if (edited === original) throw new Error(`deployments: index.html of ${dir} was not edited`);
  fs.writeFileSync(file, edited);
}

module.exports = () => {
  const api = `http://127.0.0.1:${PORTS.corsApi}`;
  deploy(DEPLOYMENTS.cors, (html) =>
    html
      .replace("connect-src 'self'", `connect-src 'self' ${api}`)
      .replace('content="/v2/integrations"', `content="${api}/v2/integrations"`));
  deploy(DEPLOYMENTS.fast, (html) =>
    html.replace('<meta name="exotel-api-timeout-ms" content="15000" />', '<meta name="exotel-api-timeout-ms" content="1500" />'));
};
