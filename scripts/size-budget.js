// The byte budgets: the first load is every file the first page load fetches
// (index.html and what it references: the JS glue and split loader, the main
// wasm, the CSS); the lazy chunks are the pages' code fetched on first visit
// (scripts/split-wasm.js). Both are brotli 11 as a CDN would serve them.
// `node scripts/size-budget.js [DIR]` fails when either total exceeds its
// figure in size-budget.json. A byte count is deterministic for a given
// build, so this is a test, not a timing. scripts/bench prints the same
// figures per file (it uses `firstLoadSizes`).
const fs = require('fs');
const path = require('path');
// The same encoders the release build writes its .br/.gz copies with.
const { brotli, gzip } = require('./precompress');

const BUDGET_FILE = path.join(__dirname, '..', 'size-budget.json');

/** Raw, gzip -9 and brotli 11 sizes of one file's bytes. */
function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzip(buf).length,
    brotli: brotli(buf).length,
  };
}

/** The files of `dir` that index.html names, and index.html itself: the html, js, wasm and css a first load fetches. */
function firstLoadFiles(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return fs.readdirSync(dir).filter((f) => (f === 'index.html' || html.includes(`/${f}`)) && /\.(html|js|wasm|css)$/.test(f));
}

function sizesOf(dir, files) {
  return files.sort().map((file) => ({ file, ...sizes(fs.readFileSync(path.join(dir, file))) }));
}

/** The sizes of each first-load file in `dir`. */
function firstLoadSizes(dir) {
  return sizesOf(dir, firstLoadFiles(dir));
}

/** The sizes of each lazy chunk in `dir`: wasm that index.html does not name. */
function lazySizes(dir) {
  const first = new Set(firstLoadFiles(dir));
  return sizesOf(dir, fs.readdirSync(dir).filter((f) => f.endsWith('.wasm') && !first.has(f)));
}

/**
 * What each lazy page fetches on its first visit: its own chunk and the
 * shared chunks it depends on, as the split loader (wasm-split-*.js) lists
 * them. `{ page, files, brotli }` per page, brotli summed over the files.
 * `lazy`: `lazySizes(dir)` when the caller has it already (it compresses
 * every chunk).
 */
function lazyPageSizes(dir, lazy = lazySizes(dir)) {
  const loaderFile = fs.readdirSync(dir).find((f) => /^wasm-split-[0-9a-f]{16}\.js$/.test(f));
  if (!loaderFile) return [];
  const loader = fs.readFileSync(path.join(dir, loaderFile), 'utf8');
  const brotli = new Map(lazy.map((r) => [r.file, r.brotli]));
  // `const __chunk_N = makeLoad(() => { fetch(... "./file" ...` and
  // `export const __wasm_split_load_<page> = wrapAsyncCb(makeLoad(... "./file" ..., [deps]))`.
  const fileOf = new Map();
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    fileOf.set(m[1], m[2]);
  }
  const pages = loader.matchAll(/__wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?, \[([^\]]*)\]\)\)/g);
  return [...pages].map(([, page, own, deps]) => {
    const files = [own, ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => fileOf.get(d))];
    return { page, files, brotli: files.reduce((sum, f) => sum + (brotli.get(f) ?? 0), 0) };
  });
}

function report(label, rows, budget) {
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);
  for (const r of rows) console.log(`  ${r.file.padEnd(48)} ${String(r.brotli).padStart(9)} B brotli`);
  console.log(`  ${label}: ${total} B brotli in ${rows.length} files; budget ${budget} B (size-budget.json)`);
  if (total > budget) {
    console.error(`${label} is ${total - budget} B over its budget: cut it, or raise the budget in size-budget.json with a reason in BENCHMARKS.md`);
    return false;
  }
  console.log(`  within budget, ${budget - total} B to spare`);
  return true;
}

function budgetOf(budgets, key) {
  const value = budgets[key];
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${BUDGET_FILE}: ${key} must be a positive integer`);
  return value;
}

function check(dir) {
  const budgets = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8'));
  const first = firstLoadSizes(dir);
  if (!first.some((r) => r.file.endsWith('.wasm'))) throw new Error(`${dir}: no .wasm in index.html; build the release first`);
  const lazy = lazySizes(dir);
  if (lazy.length === 0) throw new Error(`${dir}: no lazy chunks; was the wasm split (scripts/split-wasm.js)?`);
  const firstOk = report('first load', first, budgetOf(budgets, 'first_load_brotli_bytes'));
  const lazyOk = report('lazy chunks', lazy, budgetOf(budgets, 'lazy_chunks_brotli_bytes'));
  for (const p of lazyPageSizes(dir, lazy)) {
    console.log(`  first visit to ${p.page.padEnd(14)} fetches ${p.files.length} chunks, ${p.brotli} B brotli`);
  }
  if (!firstOk || !lazyOk) process.exit(1);
}

if (require.main === module) check(process.argv[2] || 'dist');
module.exports = { sizes, firstLoadFiles, firstLoadSizes, lazySizes, lazyPageSizes };
