// The first-load byte budget: every file of a build that the first page load
// fetches (index.html, the JS glue, the wasm, the CSS), compressed with
// brotli 11 as a CDN would serve them. `node scripts/size-budget.js [DIR]`
// fails when the total exceeds size-budget.json's figure. A byte count is
// deterministic for a given build, so this is a test, not a timing.
// scripts/bench prints the same figures per file (it uses `firstLoadSizes`).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const BUDGET_FILE = path.join(__dirname, '..', 'size-budget.json');

/** Raw, gzip -9 and brotli 11 sizes of one file's bytes. */
function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The sizes of each first-load file in `dir`. */
function firstLoadSizes(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(html|js|wasm|css)$/.test(f))
    .sort()
    .map((file) => ({ file, ...sizes(fs.readFileSync(path.join(dir, file))) }));
}

function check(dir) {
  const budget = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8')).first_load_brotli_bytes;
  if (!Number.isInteger(budget) || budget <= 0) throw new Error(`${BUDGET_FILE}: first_load_brotli_bytes must be a positive integer`);
  const rows = firstLoadSizes(dir);
  if (!rows.some((r) => r.file.endsWith('.wasm'))) throw new Error(`${dir}: no .wasm file; build the release first`);
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);
  for (const r of rows) console.log(`  ${r.file.padEnd(48)} ${String(r.brotli).padStart(9)} B brotli`);
  console.log(`  first load: ${total} B brotli; budget ${budget} B (size-budget.json)`);
  if (total > budget) {
    console.error(`first load is ${total - budget} B over its budget: cut it, or raise the budget in size-budget.json with a reason in BENCHMARKS.md`);
    process.exit(1);
  }
  console.log(`  within budget, ${budget - total} B to spare`);
}

if (require.main === module) check(process.argv[2] || 'dist');
module.exports = { sizes, firstLoadSizes };
