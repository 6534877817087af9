// trunk post_build step (run by scripts/post-build.js): trunk writes its loader as an inline <script>, which
// a strict Content-Security-Policy blocks. This adds the SHA-256 of every
// inline script in the staged index.html to the policy's script-src, so the
// policy needs neither 'unsafe-inline' nor a server that injects nonces.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const file = path.join(process.env.TRUNK_STAGING_DIR || 'dist', 'index.html');
let html = fs.readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const marker = "'inline-script-hashes'";
if (!html.includes(marker)) {
  console.error(`csp-hashes: ${marker} not found in ${file}`);
  process.exit(1);
}
// `trunk serve` rewrites its live-reload script when serving it, so no hash
// can match it: development builds allow inline scripts instead. Release
// builds (what CI tests and what a CDN serves) keep the strict policy.
if (process.env.TRUNK_PROFILE === 'debug') {
  html = html.replace(marker, "'unsafe-inline'");
  console.log("csp-hashes: debug build, inline scripts allowed for trunk's live reload");
} else {
  html = html.replace(marker, hashes.join(' '));
  console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash`);
}
fs.writeFileSync(file, html);
