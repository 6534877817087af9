// The compressed bytes the console ships: brotli at quality 11 and gzip -9,
// the one definition that the byte budget counts (scripts/size-budget.js)
// and the release build writes beside every file (`.br`, `.gz`), so that
// nginx (brotli_static, gzip_static) and Caddy (file_server precompressed)
// send what the budget measures instead of compressing on the fly at a low
// level. Which files and which encodings: deploy/policy.json "precompressed".
//   node scripts/precompress.js DIR   (re)writes the copies of every file in DIR
// trunk's post_build hook runs it last (scripts/post-build.js), after the
// split and the CSP hashes have written the final files; configure-dist
// rewrites index.html's copies when it edits index.html.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { loadPolicy, POLICY_FILE } = require('../deploy/lib/policy');

// encoding (Content-Encoding token, as in policy.json) → suffix and encoder.
// Both are deterministic: the same file gives the same bytes (gzip's header
// carries no time stamp here), so rebuilding changes no copy needlessly.
const ENCODERS = {
  br: {
    suffix: '.br',
    encode: (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  },
  gzip: { suffix: '.gz', encode: (buf) => zlib.gzipSync(buf, { level: 9 }) },
};

const brotli = (buf) => ENCODERS.br.encode(buf);
const gzip = (buf) => ENCODERS.gzip.encode(buf);

function precompressedPolicy() {
  const { precompressed } = loadPolicy();
  for (const e of precompressed.encodings) if (!ENCODERS[e]) throw new Error(`${POLICY_FILE}: no encoder for "${e}"`);
  return precompressed;
}

/** Whether `file` (a name) is one the build ships compressed copies of. */
function isCompressible(file, policy = precompressedPolicy()) {
  return policy.extensions.some((ext) => file.endsWith(`.${ext}`));
}

/** Writes `file`'s copies (file.br, file.gz) from its current bytes; returns their sizes by encoding. */
function precompressFile(file, policy = precompressedPolicy()) {
  const bytes = fs.readFileSync(file);
  const out = {};
  for (const encoding of policy.encodings) {
    const { suffix, encode } = ENCODERS[encoding];
    const encoded = encode(bytes);
    fs.writeFileSync(file + suffix, encoded);
    out[encoding] = encoded.length;
  }
  return out;
}

/** Writes the copies of every compressible file in `dir` and its folders
 * (trunk's dist is flat; other builds, like the bench's peer, keep assets in
 * a folder); returns the paths compressed, relative to `dir`. */
function precompressDir(dir, policy = precompressedPolicy()) {
  const files = fs.readdirSync(dir, { recursive: true })
    .filter((f) => isCompressible(f, policy) && fs.statSync(path.join(dir, f)).isFile());
  for (const f of files) precompressFile(path.join(dir, f), policy);
  return files;
}

/** The post_build step: release builds only (see the note in scripts/post-build.js). */
function precompressStaging() {
  const staging = process.env.TRUNK_STAGING_DIR || 'dist';
  const started = Date.now();
  const files = precompressDir(staging);
  const encodings = precompressedPolicy().encodings.join(' and ');
  console.log(`precompress: ${encodings} copies of ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress.js DIR');
    process.exit(2);
  }
  console.log(`precompress: ${precompressDir(dir).length} files in ${dir}`);
}

module.exports = { ENCODERS, brotli, gzip, precompressedPolicy, isCompressible, precompressFile, precompressDir, precompressStaging };
