// Copies of dist/ whose index.html is edited exactly as a deployer would
// (no rebuild): the cross-origin deployment names its API host (base URL and
// CSP connect-src); the "fast" one shortens the API timeout so timeout tests
// take seconds. Web servers start before any global setup, so
// playwright.config.js calls this while loading.
const fs = require('fs');
const path = require('path');
const { PORTS, DEPLOYMENTS, DIST } = require('./ports');
const { editIndex, checkApiBase } = require('../deploy/lib/configure-dist');
const { loadPolicy } = require('../deploy/lib/policy');

function deploy(dir, edit) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(DIST, dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  const original = fs.readFileSync(file, 'utf8');
  const edited = edit(original);
  if (edited === original) throw new Error(`deployments: index.html of ${dir} was not edited`);
  fs.writeFileSync(file, edited);
}

/** A page of another origin that frames the console (served beside the
 * cross-origin deployment), for the in-page frame guard's test. */
function framingPage() {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><h1>Another site</h1><iframe title="framed console" width="900" height="600"
src="http://127.0.0.1:${PORTS.app}/connect"></iframe></body></html>
`;
  fs.writeFileSync(path.join(DEPLOYMENTS.cors, 'frame.html'), html);
}

module.exports = () => {
  // The cross-origin deployment is edited by the deployer's own tool
  // (scripts/configure-dist): base, connect-src and the API's preconnect.
  const api = `http://127.0.0.1:${PORTS.corsApi}`;
  deploy(DEPLOYMENTS.cors, (html) => editIndex(html, checkApiBase(`${api}/v2/integrations`), loadPolicy()));
  framingPage();
  deploy(DEPLOYMENTS.fast, (html) =>
    html.replace('<meta name="exotel-api-timeout-ms" content="15000" />', '<meta name="exotel-api-timeout-ms" content="1500" />'));
};
