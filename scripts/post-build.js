// trunk's post_build hook: split the wasm, then hash the inline scripts into
// the CSP, then write the compressed copies of every final file. In this
// order, because the first two edit the staged index.html and the copies
// must be of the files as shipped.
const { splitWasm } = require('./split-wasm.js');
const { precompressStaging } = require('./precompress.js');

try {
  splitWasm();
} catch (err) {
  console.error(`split-wasm: ${err.message}`);
  process.exit(1);
}
require('./csp-hashes.js');
// Release builds only: trunk serve sends no precompressed file, and brotli 11
// over a debug build's 15 MB of unoptimised wasm took 51 s (a release build's
// 1.3 MB: 5 s), on every rebuild.
if (process.env.TRUNK_PROFILE === 'release') precompressStaging();
