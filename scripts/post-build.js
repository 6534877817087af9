// trunk's post_build hook: split the wasm, then hash the inline scripts into
// the CSP. In this order, because both edit the staged index.html.
const { splitWasm } = require('./split-wasm.js');

try {
  splitWasm();
} catch (err) {
  console.error(`split-wasm: ${err.message}`);
  process.exit(1);
}
require('./csp-hashes.js');
