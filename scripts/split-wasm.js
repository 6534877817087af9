// trunk post_build step (run by scripts/post-build.js): splits the wasm at
// the console's lazy pages (src/routes/lazy.rs), so the first load carries
// only the shell, sign-in and the apps list, and every other page's code is
// fetched on its first visit.
//
// trunk cannot split wasm itself, so this redoes its last steps from cargo's
// output (linked with --emit-relocs, see .cargo/config.toml):
//   1. wasm-split-cli (crates.io wasm_split_cli_support) cuts the module into
//      a main module, one chunk per lazy page, shared chunks, and the JS that
//      loads them;
//   2. wasm-bindgen (the Cargo.lock version, as trunk uses) binds the main
//      module under trunk's hashed name, keeping the function table and the
//      other linker exports the chunks link against (--keep-lld-exports);
//   3. release builds: wasm-opt (npm binaryen 132) shrinks every module;
//   4. chunks and the loader JS get content-hashed names (deploy/policy.json
//      caches those as immutable), and index.html's integrity hashes and
//      preloads are brought up to date.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const CRATE = 'exotel-console';
const WASM_OPT_VERSION = 'version 132';
// rustc's wasm32 target emits these by default; wasm-opt must be told.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types',
];

function run(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const detail = err.code === 'ENOENT' ? 'not found on PATH (run scripts/setup dev)' : err.stderr || err.message;
    throw new Error(`${tool} ${args.join(' ')}: ${detail}`);
  }
}

function hash16(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function sri(bytes) {
  return `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
}

function cargoTargetDir() {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(process.env.CARGO_TARGET_DIR);
  return JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps'])).target_directory;
}

// The one glue file trunk staged: `exotel-console-<hash>.js`.
function stagedBase(staging) {
  const glue = fs.readdirSync(staging).filter((f) => f.startsWith(`${CRATE}-`) && f.endsWith('.js'));
  if (glue.length !== 1) throw new Error(`expected one ${CRATE}-<hash>.js in ${staging}, found ${glue.length}`);
  return glue[0].slice(0, -'.js'.length);
}

function checkWasmOpt() {
  const version = run('wasm-opt', ['--version']);
  if (!version.includes(WASM_OPT_VERSION)) {
    throw new Error(`wrong wasm-opt on PATH (${version.trim()}); need binaryen ${WASM_OPT_VERSION} from npm`);
  }
}

// Release: wasm-opt -Oz into `to`; debug: a plain copy (as trunk does).
function finishModule(from, to, release) {
  if (release) run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, from, '-o', to]);
  else fs.copyFileSync(from, to);
  return fs.readFileSync(to);
}

// Writes every chunk under a content-hashed name and returns the loader JS
// with its references rewritten to those names.
function stageChunks(work, base, staging, release) {
  let loader = fs.readFileSync(path.join(work, '__wasm_split.js'), 'utf8');
  const chunks = fs.readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${base}.wasm`).sort();
  if (chunks.length === 0) throw new Error('wasm-split-cli found no split points: are the lazy pages built?');
  const tmp = path.join(work, 'opt');
  fs.mkdirSync(tmp, { recursive: true });
  for (const chunk of chunks) {
    const bytes = finishModule(path.join(work, chunk), path.join(tmp, chunk), release);
    const name = `${chunk.slice(0, -'.wasm'.length).replace(/_/g, '-')}-${hash16(bytes)}.wasm`;
    fs.writeFileSync(path.join(staging, name), bytes);
    const reference = `"./${chunk}"`;
    if (!loader.includes(reference)) throw new Error(`__wasm_split.js does not load ${chunk}`);
    loader = loader.split(reference).join(`"./${name}"`);
  }
  return { loader, count: chunks.length };
}

// Replaces the integrity of the <link> whose href is `/file` and returns the
// updated html.
function setIntegrity(html, file, bytes) {
  const link = new RegExp(`(<link[^>]*href="[^"]*/${file.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(html)) throw new Error(`index.html has no preload link with integrity for ${file}`);
  return html.replace(link, `$1${sri(bytes)}$2`);
}

function splitWasm() {
  const staging = process.env.TRUNK_STAGING_DIR || 'dist';
  const profile = process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug';
  const release = profile === 'release';
  if (release) checkWasmOpt();
  const target = cargoTargetDir();
  const input = path.join(target, 'wasm32-unknown-unknown', profile, `${CRATE}.wasm`);
  const base = stagedBase(staging);
  const work = path.join(target, 'wasm-split', profile);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });

  run('wasm-split-cli', [input, work, '--out-name', base]);
  run('wasm-bindgen', ['--target=web', `--out-dir=${path.join(work, 'bg')}`, `--out-name=${base}`,
    '--no-typescript', '--keep-lld-exports', path.join(work, `${base}.wasm`)]);
  const wasm = finishModule(path.join(work, 'bg', `${base}_bg.wasm`), path.join(staging, `${base}_bg.wasm`), release);
  const { loader, count } = stageChunks(work, base, staging, release);
  const loaderName = `wasm-split-${hash16(loader)}.js`;
  fs.writeFileSync(path.join(staging, loaderName), loader);

  // Only the import statements change: the imports object keeps the module
  // name the wasm asks for.
  const glue = fs.readFileSync(path.join(work, 'bg', `${base}.js`), 'utf8').split('from "./__wasm_split.js"')
    .join(`from "./${loaderName}"`);
  if (glue.includes('__wasm_split_placeholder__') || !glue.includes(loaderName)) {
    throw new Error('the bound glue still names the split placeholder: the split did not take');
  }
  fs.writeFileSync(path.join(staging, `${base}.js`), glue);

  const indexFile = path.join(staging, 'index.html');
  let html = fs.readFileSync(indexFile, 'utf8');
  html = setIntegrity(html, `${base}.js`, Buffer.from(glue));
  html = setIntegrity(html, `${base}_bg.wasm`, wasm);
  // The glue imports the loader: preloading it saves a round trip.
  const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  const preload = `<link rel="modulepreload" href="${publicUrl}${loaderName}" crossorigin="anonymous" integrity="${sri(loader)}">`;
  html = html.replace('</head>', `${preload}</head>`);
  fs.writeFileSync(indexFile, html);
  console.log(`split-wasm: ${profile} build split into a main module and ${count} chunks`);
}

module.exports = { splitWasm };

if (require.main === module) splitWasm();
