// wasm32posix-cc's full driver: a gcc-compatible C compiler driver for kandelo (clang-16 +
// wasm-ld-16 + our musl sysroot). Compiles with clang; links by calling wasm-ld directly (never
// through the clang driver, which would run any wasm-opt on PATH), then validates the module with
// wabt. bin/wasm32posix-cc handles plain compiles itself (Node's start-up is ~0.1 s here) and
// hands everything else to this file.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync, readFileSync, mkdtempSync, rmSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  CLANG_TARGET, SDK_JSON, TARGET_TRIPLE, TOOLS, compileFlags, linkFlags,
} from './config.mjs';
import { needsPostLink, postLink } from './postlink.mjs';

const NAME = 'wasm32posix-cc';

function die(msg, code = 1) {
  process.stderr.write(`${NAME}: error: ${msg}\n`);
  process.exit(code);
}

function loadSdk() {
  let sdk;
  try {
    sdk = JSON.parse(readFileSync(SDK_JSON, 'utf8'));
  } catch {
    die('the kandelo SDK is not built (no dist/sdk.json): run `npm run build -w @kandelo/sdk`');
  }
  if (!existsSync(join(sdk.sysroot, 'lib', 'libc.a'))) {
    die(`sysroot ${sdk.sysroot} is missing: run \`npm run build -w @kandelo/sdk\``);
  }
  return sdk;
}

// ---------------------------------------------------------------------------------------------
// Argument parsing

function expandResponseFiles(argv) {
  const out = [];
  for (const a of argv) {
    if (a.startsWith('@') && a.length > 1 && existsSync(a.slice(1))) {
      const text = readFileSync(a.slice(1), 'utf8');
      const words = text.match(/"(?:\\.|[^"\\])*"|'[^']*'|\S+/g) ?? [];
      out.push(...expandResponseFiles(words.map((w) => w.replace(/^["']|["']$/g, '').replace(/\\(.)/g, '$1'))));
    } else out.push(a);
  }
  return out;
}

// Options that take a separate argument (when not joined).
const ARG_OPTS = new Set([
  '-o', '-I', '-L', '-l', '-D', '-U', '-x', '-include', '-imacros', '-isystem', '-idirafter', '-iquote',
  '-isysroot', '-iprefix', '-iwithprefix', '-MF', '-MT', '-MQ', '-Xclang', '-Xlinker', '-mllvm', '-arch',
  '-target', '-Xpreprocessor', '-Xassembler', '-z', '-u', '-e', '-T',
]);

// Compiler flags with no meaning here, dropped silently.
// Keep in sync with the DROP case in bin/wasm32posix-cc.
const DROP = [
  /^-m(32|64|arch=.*|tune=.*|cpu=.*|fpmath=.*|sse.*|avx.*|no-sse.*|no-avx.*|red-zone|no-red-zone|abi=.*|fpu=.*|float-abi=.*|thumb|arm|cmodel=.*)$/,
  /^-f(PIC|pic|PIE|pie|no-pic|no-PIC|no-pie|no-PIE|no-plt|plt|semantic-interposition|no-semantic-interposition|cf-protection.*|stack-clash-protection|no-stack-clash-protection)$/,
  /^-(static|static-libgcc|static-libstdc\+\+|pie|no-pie|rdynamic|shared-libgcc|pipe)$/,
  /^-fuse-ld=.*/, /^--ld-path=.*/, /^--target=.*/, /^-B.*/,
];

function parse(argv) {
  const o = {
    mode: 'link', // link | compile | assemble | preprocess | syntax
    output: null,
    inputs: [], // { file, lang }
    compile: [], // flags for clang -c/-E/-S
    link: [], // wasm-ld flags from -Wl,/-Xlinker/-s/...
    libs: [], // -l and object/archive inputs, in command-line order: { kind: 'lib'|'obj', v }
    libDirs: [],
    nostdlib: false, nostartfiles: false, nodefaultlibs: false,
    pthread: false, version: false, verbose: false, print: null, shared: false,
    opt: '0', // the last -O level given
  };
  let lang = null;
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) die(`missing argument to '${a}'`);
      return argv[++i];
    };
    if (a === '-c') { o.mode = 'compile'; continue; }
    if (a === '-S') { if (o.mode !== 'preprocess') o.mode = 'assemble'; continue; }
    if (a === '-E') { o.mode = 'preprocess'; o.compile.push(a); continue; }
    if (a === '-fsyntax-only') { o.mode = 'syntax'; o.compile.push(a); continue; }
    if (a === '-M' || a === '-MM') { o.mode = 'preprocess'; o.compile.push(a); continue; }
    if (a === '-o') { o.output = next(); continue; }
    if (a.startsWith('-o') && a.length > 2) { o.output = a.slice(2); continue; }
    if (a === '-shared') { o.shared = true; continue; }
    if (a === '-v') { o.verbose = true; continue; }
    if (a === '--version') { o.version = true; continue; }
    if (a === '-dumpmachine') { o.print = TARGET_TRIPLE; continue; }
    if (a === '-pthread' || a === '-pthreads') { o.pthread = true; continue; }
    if (a === '-nostdlib') { o.nostdlib = true; continue; }
    if (a === '-nostartfiles') { o.nostartfiles = true; continue; }
    if (a === '-nodefaultlibs') { o.nodefaultlibs = true; continue; }
    if (a === '-s') { o.link.push('--strip-all'); continue; }
    if (/^-O/.test(a)) { o.opt = a.slice(2) || '1'; o.compile.push(a); continue; }
    if (a === '-x') { lang = next(); if (lang === 'none') lang = null; o.compile.push('-x', lang ?? 'none'); continue; }
    if (a.startsWith('-x') && a.length > 2) { lang = a.slice(2); if (lang === 'none') lang = null; o.compile.push(a); continue; }
    if (a === '-l') { o.libs.push({ kind: 'lib', v: next() }); continue; }
    if (a.startsWith('-l')) { o.libs.push({ kind: 'lib', v: a.slice(2) }); continue; }
    if (a === '-L') { o.libDirs.push(next()); continue; }
    if (a.startsWith('-L')) { o.libDirs.push(a.slice(2)); continue; }
    if (a.startsWith('-Wl,')) { o.link.push(...a.slice(4).split(',')); continue; }
    if (a === '-Xlinker') { o.link.push(next()); continue; }
    if (a === '-z') { o.link.push('-z', next()); continue; }
    if (a === '-u') { o.link.push('-u', next()); continue; }
    if (a === '-e' || a === '-T') { next(); continue; }
    if (a.startsWith('-print-') || a.startsWith('--print-') || a === '-dumpversion' || a === '-dumpfullversion') {
      o.print = a; continue;
    }
    if (DROP.some((re) => re.test(a))) continue;
    if (a.startsWith('-') && a !== '-') {
      if (ARG_OPTS.has(a)) { o.compile.push(a, next()); continue; }
      o.compile.push(a);
      continue;
    }
    // An input file (or '-' for stdin).
    const l = lang ?? (a === '-' ? 'c' : langOf(a));
    if (l === 'obj') o.libs.push({ kind: 'obj', v: a });
    else o.inputs.push({ file: a, lang: l });
  }
  return o;
}

function langOf(f) {
  const m = /\.([^./]+)$/.exec(f);
  const ext = m ? m[1] : '';
  switch (ext) {
    case 'c': case 'i': case 'h': return 'c';
    case 'cc': case 'cpp': case 'cxx': case 'C': case 'c++': case 'ii': case 'hpp': case 'hh': return 'c++';
    case 's': case 'S': case 'sx': return 'asm';
    default: return 'obj'; // .o, .a, .lo, anything else: the linker's business
  }
}

// wasm-ld accepts most GNU ld flags by name; these it does not know, or they make no sense for a
// static wasm module. Each entry: a flag, and how many following words it consumes.
const LD_IGNORE = new Map(Object.entries({
  '--as-needed': 0, '--no-as-needed': 0, '-rpath': 1, '--rpath': 1, '-rpath-link': 1, '--rpath-link': 1,
  '--enable-new-dtags': 0, '--disable-new-dtags': 0, '-soname': 1, '--soname': 1, '-h': 1,
  '--hash-style': 0, '--build-id': 0, '-Bsymbolic': 0, '-Bsymbolic-functions': 0, '--sort-common': 0,
  '--no-undefined': 0, '-no-undefined': 0, '--start-group': 0, '--end-group': 0, '-(': 0, '-)': 0,
  '-Bstatic': 0, '-Bdynamic': 0, '-static': 0, '-dy': 0, '-dn': 0, '--eh-frame-hdr': 0, '-E': 0,
  '--export-dynamic': 0, '--dynamic-list': 1, '--version-script': 1, '--warn-common': 0,
  '--fatal-warnings': 0, '--no-fatal-warnings': 0, '-O1': 0, '-O2': 0, '-O3': 0, '--icf=all': 0,
  '--relax': 0, '--no-relax': 0, '--enable-auto-import': 0, '-pie': 0, '-no-pie': 0, '--nmagic': 0,
  '-x': 0, '--discard-all': 0, '-X': 0, '--discard-locals': 0, '--no-copy-dt-needed-entries': 0,
}));
const LD_IGNORE_Z = /^(relro|norelro|now|lazy|noexecstack|execstack|defs|nodefs|origin|combreloc|nocombreloc|text|notext|separate-code|noseparate-code|nodelete|nodlopen|muldefs|global)$/;

function translateLinkFlags(flags) {
  const out = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const eq = f.indexOf('=');
    const key = f.startsWith('--') && eq > 0 ? f.slice(0, eq) : f;
    if (LD_IGNORE.has(f)) { i += LD_IGNORE.get(f); continue; }
    if (LD_IGNORE.has(key) && eq > 0) continue;
    if (/^--(hash-style|build-id|dynamic-list|version-script|soname|rpath|rpath-link)=/.test(f)) continue;
    if (f === '-z') {
      const v = flags[i + 1] ?? '';
      if (LD_IGNORE_Z.test(v) || v.startsWith('max-page-size') || v.startsWith('common-page-size')) { i++; continue; }
      out.push(f, v); i++; continue;
    }
    if (f.startsWith('-z') && f.length > 2 && LD_IGNORE_Z.test(f.slice(2))) continue;
    if (f === '-Map' || f === '-o') { out.push(f, flags[++i]); continue; }
    out.push(f);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function exec(cmd, argv, verbose) {
  if (verbose) process.stderr.write(` ${[cmd, ...argv].map(shq).join(' ')}\n`);
  const r = spawnSync(cmd, argv, { stdio: 'inherit' });
  if (r.error) die(`cannot run ${cmd}: ${r.error.message}`);
  if (r.signal) die(`${basename(cmd)} killed by ${r.signal}`);
  return r.status ?? 1;
}

function shq(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

async function validate(file) {
  if (process.env.KANDELO_NO_VALIDATE === '1') return;
  const { default: wabtInit } = await import('wabt');
  const wabt = await wabtInit();
  const features = {
    threads: true, exceptions: true, simd: true, bulk_memory: true, mutable_globals: true,
    sat_float_to_int: true, sign_extension: true, multi_value: true,
  };
  let mod;
  try {
    // A copy with its own ArrayBuffer: wabt.js reads view.buffer.byteLength bytes, and small files
    // from readFileSync are views into a larger shared pool.
    mod = wabt.readWasm(new Uint8Array(readFileSync(file)), { readDebugNames: false, ...features });
    mod.validate(features);
  } catch (e) {
    rmSync(file, { force: true });
    die(`the linked module ${file} is not valid WebAssembly (removed): ${String(e.message ?? e).trim()}`);
  } finally {
    mod?.destroy();
  }
}

// Binaryen levels for the fork instrumentation by the link's -O level. They apply to the
// functions Asyncify instruments only (its own clean-up); the rest of the module keeps clang's code.
// Without optimisation Asyncify would save every local of its flattened code, so never below 1.
const POSTLINK_LEVELS = {
  0: { optimize: 1, shrink: 0 }, g: { optimize: 1, shrink: 0 }, 1: { optimize: 1, shrink: 0 },
  2: { optimize: 2, shrink: 0 }, 3: { optimize: 2, shrink: 0 }, fast: { optimize: 2, shrink: 0 },
  s: { optimize: 2, shrink: 1 }, z: { optimize: 2, shrink: 2 },
};

async function main() {
  const argv = expandResponseFiles(process.argv.slice(2));
  const o = parse(argv);

  if (o.shared) {
    die('-shared: kandelo links programs statically; shared libraries are not supported (configure with --disable-shared)');
  }
  if (o.version || (o.verbose && o.inputs.length === 0 && o.libs.length === 0)) {
    const sdk = loadSdk();
    process.stdout.write(`${NAME} (kandelo SDK, musl ${sdk.musl}, sysroot ${sdk.hash}) targeting ${TARGET_TRIPLE}\n`);
    const r = spawnSync(TOOLS.clang, [`--target=${CLANG_TARGET}`, o.verbose ? '-v' : '--version'], { encoding: 'utf8' });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    process.exit(0);
  }
  if (o.print) {
    const sdk = loadSdk();
    if (o.print === TARGET_TRIPLE) return void process.stdout.write(`${TARGET_TRIPLE}\n`);
    if (o.print === '-print-libgcc-file-name') return void process.stdout.write(`${sdk.builtins}\n`);
    if (o.print === '-print-prog-name=ld') return void process.stdout.write(`${TOOLS.wasmLd}\n`);
    if (o.print === '-print-sysroot') return void process.stdout.write(`${sdk.sysroot}\n`);
    if (o.print === '-print-multiarch') return void process.stdout.write('\n');
    const m = /^-print-file-name=(.*)$/.exec(o.print);
    if (m) {
      const p = join(sdk.sysroot, 'lib', m[1]);
      return void process.stdout.write(`${existsSync(p) ? p : m[1]}\n`);
    }
    process.exit(exec(TOOLS.clang, [`--target=${CLANG_TARGET}`, `--sysroot=${sdk.sysroot}`, o.print], false));
  }

  const sdk = loadSdk();
  const cflags = [...compileFlags(sdk.sysroot, sdk.resourceDir), ...(o.pthread ? ['-pthread'] : [])];
  const sources = o.inputs;

  if (o.mode !== 'link') {
    if (sources.length === 0) die('no input files');
    const out = o.output ? ['-o', o.output] : [];
    const modeFlag = { compile: ['-c'], assemble: ['-S'], preprocess: [], syntax: [] }[o.mode];
    const files = sources.map((s) => s.file);
    process.exit(exec(TOOLS.clang, [...cflags, ...o.compile, ...modeFlag, ...out, ...files], o.verbose));
  }

  // Link: compile any sources to temporary objects first.
  if (sources.length === 0 && !o.libs.some((l) => l.kind === 'obj')) die('no input files');
  let tmp = null;
  const objs = [];
  try {
    for (const s of sources) {
      tmp ??= mkdtempSync(join(tmpdir(), 'kandelo-cc-'));
      const obj = join(tmp, `${objs.length}-${basename(s.file).replace(/\.[^.]*$/, '')}.o`);
      const st = exec(TOOLS.clang, [...cflags, ...o.compile, '-c', '-o', obj, s.file], o.verbose);
      if (st !== 0) process.exit(st);
      objs.push(obj);
    }
    const output = o.output ?? 'a.out';
    // Link to a temporary name and move into place only once validated.
    // (In the temporary directory when the output is not a regular file, e.g. -o /dev/null.)
    let special = false;
    try { special = !statSync(output).isFile(); } catch {}
    if (special) tmp ??= mkdtempSync(join(tmpdir(), 'kandelo-cc-'));
    const partial = special ? join(tmp, 'a.out') : `${output}.kandelo-tmp-${process.pid}`;
    const inputs = [];
    // Sources compiled on this command line come first, then objects/libraries in command order.
    for (const obj of objs) inputs.push(obj);
    for (const l of o.libs) inputs.push(l.kind === 'lib' ? `-l${l.v}` : l.v);
    const args = [
      '-o', partial,
      ...linkFlags(),
      ...o.libDirs.map((d) => `-L${d}`),
      `-L${join(sdk.sysroot, 'lib')}`,
      ...(o.nostdlib || o.nostartfiles ? [] : [join(sdk.sysroot, 'lib', 'crt1.o')]),
      ...inputs,
      ...(o.nostdlib || o.nodefaultlibs ? [] : ['-lc', sdk.builtins]),
      ...translateLinkFlags(o.link),
    ];
    let st = exec(TOOLS.wasmLd, args, o.verbose);
    if (st !== 0) {
      rmSync(partial, { force: true });
      process.exit(st);
    }
    const relocatable = args.some((f) => f === '-r' || f === '--relocatable');
    // Loop polling, and fork instrumentation for programs that can fork (lib/postlink.mjs).
    // KANDELO_NO_POLL=1 leaves loops alone (wasm32posix-configure sets it for its test programs).
    const poll = process.env.KANDELO_NO_POLL !== '1';
    if (!relocatable && needsPostLink(readFileSync(partial), { poll })) {
      // The post-link step needs the function names: with --strip-all, link again keeping them
      // (Binaryen drops them afterwards).
      const strip = (f) => f === '--strip-all' || f === '-s';
      const stripped = args.some(strip);
      if (stripped) {
        st = exec(TOOLS.wasmLd, args.filter((f) => !strip(f)), o.verbose);
        if (st !== 0) {
          rmSync(partial, { force: true });
          process.exit(st);
        }
      }
      // Keep wasm-ld's executable mode: the instrumented copy comes from the cache.
      const mode = statSync(partial).mode & 0o7777;
      try {
        postLink(partial, partial, {
          ...POSTLINK_LEVELS[o.opt] ?? POSTLINK_LEVELS['2'],
          poll,
          names: !stripped,
          verbose: o.verbose,
          cache: process.env.KANDELO_NO_POSTLINK_CACHE !== '1',
        });
      } catch (e) {
        rmSync(partial, { force: true });
        die(`post-link instrumentation of ${output} failed: ${e.message}`);
      }
      chmodSync(partial, mode);
    }
    await validate(partial);
    if (special) writeFileSync(output, readFileSync(partial)); // (copyFile unlinks on failure)
    else renameSync(partial, output);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
