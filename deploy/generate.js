#!/usr/bin/env node
// Writes deploy/nginx.conf, deploy/Caddyfile, deploy/_headers and
// deploy/_redirects from deploy/policy.json (the one source).
//   node deploy/generate.js          rewrite the committed files
//   node deploy/generate.js --check  exit 1, naming each file that differs
//                                    from what would be generated (staleness)
// The committed files carry the policy as written, with the marker
// 'inline-script-hashes' in script-src: the loader's hashes change with every
// build, so a deployable copy is written per build by scripts/configure-dist
// (same rules, the build's hashes and API host; see filesFor below).
const fs = require('fs');
const path = require('path');
const { loadPolicy, cspForBuild } = require('./lib/policy');
const { nginxConf } = require('./lib/nginx');
const { caddyfile } = require('./lib/caddy');
const { headersFile, redirectsFile } = require('./lib/static-host');

const DEPLOY_DIR = __dirname;

/** name → text of every generated file; `csp` defaults to policy.json's own. */
function filesFor(policy, csp = policy.csp) {
  return {
    'nginx.conf': nginxConf(policy, csp),
    Caddyfile: caddyfile(policy, csp),
    _headers: headersFile(policy, csp),
    _redirects: redirectsFile(policy),
  };
}

/** The same files for a built index.html (its script hashes and connect-src). */
function filesForBuild(policy, html) {
  return filesFor(policy, cspForBuild(policy, html));
}

/** Names of the committed files that differ from what would be generated. */
function staleFiles(dir = DEPLOY_DIR, policy = loadPolicy()) {
  return Object.entries(filesFor(policy)).filter(([name, text]) => {
    const file = path.join(dir, name);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
  }).map(([name]) => path.join(dir, name));
}

function main(args) {
  if (args.includes('--check')) {
    const stale = staleFiles();
    for (const f of stale) console.error(`generate: ${path.relative(process.cwd(), f)} is stale: run node deploy/generate.js`);
    if (stale.length) process.exit(1);
    console.log('generate: deploy/ files match deploy/policy.json');
    return;
  }
  if (args.length) {
    console.error('usage: node deploy/generate.js [--check]');
    process.exit(2);
  }
  for (const [name, text] of Object.entries(filesFor(loadPolicy()))) {
    fs.writeFileSync(path.join(DEPLOY_DIR, name), text);
    console.log(`generate: wrote deploy/${name}`);
  }
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { filesFor, filesForBuild, staleFiles };
