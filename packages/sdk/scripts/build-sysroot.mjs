#!/usr/bin/env node
// Builds the kandelo wasm32 sysroot: Debian's musl source + our port (port/), compiled with clang-16.
// The result lives in ${KANDELO_CACHE:-~/.cache/kandelo}/sysroot/<hash>/, where <hash> covers every
// input; when that directory exists this does nothing but (re)write dist/sdk.json.
//
//   node scripts/build-sysroot.mjs [--force] [--keep-build] [--quiet]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import {
  BUILTINS, CACHE_DIR, CLANG_RESOURCE_DIR, CLANG_TARGET, FEATURE_FLAGS, LIBC_CFLAGS, LLVM_MAJOR,
  MUSL_VERSION, SDK_DIR, SDK_ENV, SDK_JSON, TARGET_DEFINES, TARGET_TRIPLE, TOOLS, compileFlags,
} from '../lib/config.mjs';

const args = new Set(process.argv.slice(2));
const PORT = join(SDK_DIR, 'port');
const GENERATED = join(PORT, 'generated');
const MUSL_SRC = join(CACHE_DIR, 'src', `musl-${MUSL_VERSION}`);
const EMPTY_LIBS = ['m', 'rt', 'pthread', 'crypt', 'util', 'xnet', 'resolv', 'dl'];

function die(msg) {
  console.error(`kandelo sdk: ${msg}`);
  process.exit(1);
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

// 1. The generated headers must match kernel-core's ABI tables.
{
  const r = run(process.execPath, [join(SDK_DIR, 'scripts', 'gen-headers.mjs'), '--check']);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    if (/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(r.stderr)) {
      die('cannot load @kandelo/kernel-core/abi: build kernel-core first (npx turbo run build --filter=@kandelo/sdk).');
    }
    die('port/generated/ is stale against @kandelo/kernel-core\'s ABI: run `npm run gen-headers -w @kandelo/sdk` and commit the result.');
  }
}

// 2. Host toolchain and musl source.
const missing = [...Object.values(TOOLS), BUILTINS].filter((p) => !existsSync(p));
if (missing.length || !existsSync(join(MUSL_SRC, 'VERSION'))) {
  console.error(`kandelo sdk: setting up the host toolchain (${missing.length ? `missing ${missing.join(', ')}` : `musl ${MUSL_VERSION} source`})`);
  const r = spawnSync('bash', [join(SDK_DIR, 'scripts', 'setup-host.sh')], { stdio: 'inherit' });
  if (r.status !== 0) die('scripts/setup-host.sh failed');
  const still = [...Object.values(TOOLS), BUILTINS].filter((p) => !existsSync(p));
  if (still.length) die(`still missing after setup: ${still.join(', ')}`);
}

// 3. Content hash of every input.
function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const clangVersion = run(TOOLS.clang, ['--version']).stdout.split('\n')[0];
const hash = createHash('sha256');
const feed = (label, data) => hash.update(`${label}\0${data.length}\0`).update(data);
for (const f of listFiles(PORT)) feed(`port:${relative(PORT, f)}`, readFileSync(f));
feed('script', readFileSync(new URL(import.meta.url)));
feed('config', readFileSync(join(SDK_DIR, 'lib', 'config.mjs')));
feed('musl', `${MUSL_VERSION}\n${readFileSync(join(MUSL_SRC, 'VERSION'), 'utf8')}${safeRead(join(MUSL_SRC, 'debian', 'changelog')).split('\n')[0]}`);
feed('clang', clangVersion);
feed('builtins', readFileSync(BUILTINS));
const HASH = hash.digest('hex').slice(0, 16);
const SYSROOT = join(CACHE_DIR, 'sysroot', HASH);

function safeRead(p) {
  try { return readFileSync(p, 'utf8'); } catch { return ''; }
}

function writeSdkJson() {
  // Everything that decides what the wrappers produce, for callers that cache compiled programs.
  // Paths relative to the SDK: two checkouts of the same sources share the cached builds.
  const toolchain = createHash('sha256').update(HASH);
  for (const dir of ['bin', 'lib']) for (const f of listFiles(join(SDK_DIR, dir))) toolchain.update(relative(SDK_DIR, f)).update(readFileSync(f));
  // Binaryen instruments forking programs after the link (lib/postlink.mjs).
  toolchain.update(`binaryen ${JSON.parse(readFileSync(createRequire(import.meta.url).resolve('binaryen/package.json'), 'utf8')).version}`);
  const info = {
    sysroot: SYSROOT,
    hash: HASH,
    toolchainHash: toolchain.digest('hex').slice(0, 16),
    musl: MUSL_VERSION,
    llvm: LLVM_MAJOR,
    clang: clangVersion,
    target: TARGET_TRIPLE,
    clangTarget: CLANG_TARGET,
    builtins: join(SYSROOT, 'lib', 'libclang_rt.builtins-wasm32.a'),
    resourceDir: CLANG_RESOURCE_DIR,
  };
  const text = `${JSON.stringify(info, null, 2)}\n`;
  const sh = (v) => `'${String(v).replace(/'/g, "'\\''")}'`;
  const env = [
    '# Written by scripts/build-sysroot.mjs; sourced by bin/wasm32posix-cc (bash).',
    `KANDELO_SYSROOT=${sh(SYSROOT)}`,
    `KANDELO_CLANG=${sh(TOOLS.clang)}`,
    `KANDELO_CFLAGS=(${compileFlags(SYSROOT).map(sh).join(' ')})`,
    '',
  ].join('\n');
  mkdirSync(join(SDK_DIR, 'dist'), { recursive: true });
  if (safeRead(SDK_JSON) !== text) writeFileSync(SDK_JSON, text);
  if (safeRead(SDK_ENV) !== env) writeFileSync(SDK_ENV, env);
}

if (existsSync(join(SYSROOT, '.complete')) && !args.has('--force')) {
  writeSdkJson();
  process.exit(0);
}

// 4. Build.
const t0 = Date.now();
const log = (m) => { if (!args.has('--quiet')) console.error(`kandelo sdk: ${m}`); };
log(`building the wasm32 sysroot ${HASH} (musl ${MUSL_VERSION}, ${clangVersion})`);

const BUILD = join(CACHE_DIR, 'build', `musl-${HASH}-${process.pid}`);
rmSync(BUILD, { recursive: true, force: true });
mkdirSync(join(CACHE_DIR, 'build'), { recursive: true });
cpSync(MUSL_SRC, BUILD, { recursive: true, filter: (src) => relative(MUSL_SRC, src) !== 'debian' });

// Overlay our port, then the files generated from kernel-core (abi-check.c is compiled below, not
// part of libc).
cpSync(PORT, BUILD, {
  recursive: true,
  force: true,
  filter: (src) => relative(PORT, src) !== 'generated',
});
for (const sub of ['arch', 'include']) cpSync(join(GENERATED, sub), join(BUILD, sub), { recursive: true, force: true });

// musl's configure does not know wasm32: config.mak by hand.
const q = (list) => list.join(' ');
writeFileSync(join(BUILD, 'config.mak'), [
  '# Written by packages/sdk/scripts/build-sysroot.mjs',
  'ARCH = wasm32',
  'SUBARCH =',
  'ASMSUBARCH =',
  'srcdir = .',
  'prefix =',
  'exec_prefix =',
  'bindir = /bin',
  'libdir = /lib',
  'includedir = /include',
  'syslibdir = /lib',
  `CC = ${TOOLS.clang} --target=${CLANG_TARGET}`,
  `CFLAGS = ${q(FEATURE_FLAGS)}`,
  `CFLAGS_AUTO = ${q(LIBC_CFLAGS)}`,
  'CFLAGS_C99FSE = -std=c99 -nostdinc -ffreestanding -frounding-math',
  'CFLAGS_MEMOPS =',
  'CFLAGS_NOSSP = -fno-stack-protector',
  'CPPFLAGS =',
  'LDFLAGS =',
  'LDFLAGS_AUTO =',
  'LIBCC =',
  `AR = ${TOOLS.ar}`,
  `RANLIB = ${TOOLS.ranlib}`,
  'SHARED_LIBS =',
  'TOOL_LIBS =',
  'ALL_TOOLS =',
  'ADD_CFI = no',
  'WRAPCC_GCC = false',
  'WRAPCC_CLANG = false',
  '',
].join('\n'));

const jobs = String(availableParallelism());
const targets = ['lib/libc.a', 'lib/crt1.o', ...EMPTY_LIBS.map((l) => `lib/lib${l}.a`)];
const make = run('make', [`-j${jobs}`, ...targets], { cwd: BUILD });
if (make.status !== 0) {
  const out = `${make.stdout}\n${make.stderr}`;
  writeFileSync(join(BUILD, 'build.log'), out);
  console.error(out.split('\n').filter((l) => /error|Error/.test(l)).slice(0, 40).join('\n'));
  die(`musl build failed (full log: ${join(BUILD, 'build.log')})`);
}

// 5. Install into a staging directory next to the final one, then rename (atomic).
const STAGE = `${SYSROOT}.tmp-${process.pid}`;
rmSync(STAGE, { recursive: true, force: true });
process.on('exit', () => rmSync(STAGE, { recursive: true, force: true })); // only left on failure
const inst = run('make', ['install-headers', `DESTDIR=${STAGE}`], { cwd: BUILD });
if (inst.status !== 0) {
  process.stderr.write(inst.stdout + inst.stderr);
  die('installing headers failed');
}
mkdirSync(join(STAGE, 'lib', 'pkgconfig'), { recursive: true });
for (const t of targets) cpSync(join(BUILD, t), join(STAGE, t));
cpSync(BUILTINS, join(STAGE, 'lib', 'libclang_rt.builtins-wasm32.a'));

// 6. ABI checks. abi-check.c (generated from kernel-core) asserts every constant and layout the
// kernel relies on against the installed headers; port/checks/ adds what only libc's internal
// headers show (e.g. struct k_sigaction).
const checkCc = (src, extra) => {
  const r = run(TOOLS.clang, [
    `--target=${CLANG_TARGET}`, ...FEATURE_FLAGS, ...TARGET_DEFINES, '-nostdinc', ...extra,
    '-isystem', join(STAGE, 'include'), '-isystem', join(CLANG_RESOURCE_DIR, 'include'),
    '-std=c11', '-fsyntax-only', src,
  ]);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    die(`ABI check ${relative(SDK_DIR, src)} failed: musl's headers and kernel-core's ABI disagree`);
  }
};
checkCc(join(GENERATED, 'abi-check.c'), []);
const internal = ['src/include', 'src/internal', 'src/process', 'arch/wasm32', 'arch/generic'].flatMap((d) => ['-I', join(BUILD, d)]);
for (const f of listFiles(join(PORT, 'checks'))) if (f.endsWith('.c')) checkCc(f, ['-D_XOPEN_SOURCE=700', ...internal]);

writeFileSync(join(STAGE, 'kandelo-sysroot.json'), `${JSON.stringify({
  hash: HASH, musl: MUSL_VERSION, clang: clangVersion, cflags: FEATURE_FLAGS, libcCflags: LIBC_CFLAGS,
  builtAt: new Date().toISOString(),
}, null, 2)}\n`);
writeFileSync(join(STAGE, '.complete'), '');
if (existsSync(join(SYSROOT, '.complete')) && !args.has('--force')) {
  // A concurrent build of the same inputs finished first: keep its (identical) result.
  rmSync(STAGE, { recursive: true, force: true });
} else {
  rmSync(SYSROOT, { recursive: true, force: true });
  renameSync(STAGE, SYSROOT);
}
if (!args.has('--keep-build')) rmSync(BUILD, { recursive: true, force: true });
writeSdkJson();
const size = statSync(join(SYSROOT, 'lib', 'libc.a')).size;
log(`sysroot ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${SYSROOT} (libc.a ${(size / 1024).toFixed(0)} KiB)`);
