// The compressed copies the servers send (scripts/precompress.js): written
// beside each compressible file and only those, decoding to it, the budget's
// own bytes; and the release build (dist/, or E2E_DIST) ships them fresh for
// every file, so it can be deployed as it is.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { ENCODERS, isCompressible, precompressDir, precompressedPolicy } = require('../../scripts/precompress');
const { sizes, firstLoadFiles } = require('../../scripts/size-budget');

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.resolve(ROOT, process.env.E2E_DIST || 'dist');
const DECODE = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync };

/** Asserts that each of `names` in `dir` has a copy per encoding that decodes to its current bytes. */
function assertFreshCopies(dir, names) {
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(dir, name));
    for (const encoding of precompressedPolicy().encodings) {
      const copy = path.join(dir, name + ENCODERS[encoding].suffix);
      assert.ok(fs.existsSync(copy), `${copy} is missing`);
      assert.ok(DECODE[encoding](fs.readFileSync(copy)).equals(bytes), `${copy} does not decode to ${name}`);
    }
  }
}

test('copies beside every compressible file, none beside the others; the same bytes the budget counts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
  const text = 'the console '.repeat(500);
  const compressible = ['index.html', 'app-0123456789abcdef.js', 'app-0123456789abcdef_bg.wasm', 'main.css', 'logo.svg',
    path.join('assets.js', 'nested.js')];
  const others = ['_headers', '_redirects', 'photo.png', path.join('assets.js', 'photo.png')];
  fs.mkdirSync(path.join(dir, 'assets.js')); // a folder, named like a file to compress
  for (const name of [...compressible, ...others]) fs.writeFileSync(path.join(dir, name), `${name}: ${text}`);

  assert.deepEqual(precompressDir(dir).sort(), [...compressible].sort());
  assertFreshCopies(dir, compressible);
  for (const name of [...others, 'assets.js']) {
    assert.ok(!fs.existsSync(path.join(dir, `${name}.br`)) && !fs.existsSync(path.join(dir, `${name}.gz`)), name);
  }
  const wasm = path.join(dir, compressible[2]);
  const budget = sizes(fs.readFileSync(wasm));
  assert.equal(fs.statSync(`${wasm}.br`).size, budget.brotli);
  assert.equal(fs.statSync(`${wasm}.gz`).size, budget.gzip);

  // Run again: no copy of a copy, and the copies follow an edited file.
  fs.writeFileSync(path.join(dir, 'index.html'), `edited ${text}`);
  assert.deepEqual(precompressDir(dir).sort(), [...compressible].sort());
  assertFreshCopies(dir, compressible);
  fs.rmSync(dir, { recursive: true });
});

test('the release build ships fresh copies of every file it emits: first load, lazy chunks, split loader', () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html: build first (trunk build --release)`);
  const compressible = fs.readdirSync(DIST).filter((f) => isCompressible(f));
  for (const f of firstLoadFiles(DIST)) assert.ok(compressible.includes(f), f);
  assert.ok(compressible.some((f) => /^wasm-split-[0-9a-f]{16}\.js$/.test(f)), 'the split loader');
  assert.ok(compressible.filter((f) => /^split-.*\.wasm$/.test(f)).length > 1, 'the lazy chunks');
  assertFreshCopies(DIST, compressible);
});
