// Post-link step for kandelo modules: fork instrumentation.
//
// fork() reaches the host through one import, kandelo.fork (port/src/process/wasm32/_Fork.c). The
// host unwinds the calling thread's wasm stack and rewinds it in the parent and in the child, which
// takes Binaryen's Asyncify. Asyncify costs 1.5-2x on call-heavy code in every function it
// instruments, so only the functions that can be on the stack when the import is called are: the
// ones that reach it through direct calls, plus those making an indirect call whose signature is
// that of a table function that reaches it, to a fixpoint. A module that does not import
// kandelo.fork is left exactly as wasm-ld wrote it.
//
// npm's wasm-opt (Binaryen 132, an Emscripten build) takes ~0.5 s to start and is ~4x slower than
// a native one, so outputs are cached by content hash under ${KANDELO_CACHE}/postlink/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR } from './config.mjs';
import { readImports, readModule, replaceFunctionNames } from './wasm-read.mjs';

export const FORK_IMPORT = { module: 'kandelo', name: 'fork' };

const require = createRequire(import.meta.url);
const BINARYEN_DIR = dirname(require.resolve('binaryen/package.json'));
export const BINARYEN_VERSION = JSON.parse(readFileSync(join(BINARYEN_DIR, 'package.json'), 'utf8')).version;
const WASM_OPT = join(BINARYEN_DIR, 'bin', 'wasm-opt');

/** Every feature our objects are compiled with (lib/config.mjs FEATURE_FLAGS). */
const FEATURES = [
  '--enable-threads', '--enable-bulk-memory', '--enable-exception-handling', '--enable-mutable-globals',
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-simd',
];

/** This file and the reader: a change to either invalidates cached outputs. */
const SELF_HASH = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'wasm-read.mjs')))
  .digest('hex');

/** Functions whose indirect calls the fork analysis does not follow. */
const NOT_FOLLOWED = new Set(['__kandelo_deliver_signal']);

export function importsFork(bytes) {
  return readImports(bytes).some((i) => i.kind === 0 && i.module === FORK_IMPORT.module && i.name === FORK_IMPORT.name);
}

/**
 * The defined functions that can be on the stack when the fork import is called: callers of the
 * import, callers of those, and functions with an indirect call of the signature of a table
 * function already in the set, to a fixpoint. Returns a Set of function indices.
 */
export function forkReach(mod) {
  const forkIdx = mod.imports.filter((i) => i.kind === 0)
    .findIndex((i) => i.module === FORK_IMPORT.module && i.name === FORK_IMPORT.name);
  const reach = new Set();
  if (forkIdx < 0) return reach;
  const callers = new Map(); // callee -> defined functions calling it directly
  const indirectBy = new Map(); // signature -> defined functions with an indirect call of it
  mod.calls.forEach(({ direct, indirect }, i) => {
    const f = mod.numImported + i;
    for (const c of direct) {
      if (!callers.has(c)) callers.set(c, []);
      callers.get(c).push(f);
    }
    // Signal handlers are called indirectly from the syscall glue; following those calls would put
    // every syscall path on the fork path. fork() inside a signal handler is not supported.
    if (NOT_FOLLOWED.has(mod.names?.get(f))) return;
    for (const t of indirect) {
      if (!indirectBy.has(t)) indirectBy.set(t, []);
      indirectBy.get(t).push(f);
    }
  });
  const sigsReached = new Set();
  const work = [forkIdx];
  const add = (f) => {
    if (reach.has(f)) return;
    reach.add(f);
    work.push(f);
  };
  while (work.length) {
    const f = work.pop();
    for (const c of callers.get(f) ?? []) add(c);
    if (f !== forkIdx && mod.tableFuncs.has(f)) {
      const sig = mod.sig(f);
      if (!sigsReached.has(sig)) {
        sigsReached.add(sig);
        for (const c of indirectBy.get(sig) ?? []) add(c);
        for (const c of indirectBy.get('*') ?? []) add(c);
      }
    }
  }
  return reach;
}

/**
 * Names for every function, unique (wasm-ld gives every static `dummy` in libc the same name, and
 * Binaryen would rename all but one): duplicates and unnamed functions get `_<index>` appended.
 */
function uniqueNames(mod) {
  const n = mod.funcTypes.length;
  const names = [];
  const used = new Set();
  let changed = !mod.names || mod.names.size !== n;
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const name = mod.names?.get(i);
    if (name !== undefined && !seen.has(name)) seen.add(name);
  }
  for (let i = 0; i < n; i++) {
    let name = mod.names?.get(i);
    if (name === undefined || used.has(name)) {
      let candidate = `${name ?? 'f'}_${i}`;
      while (used.has(candidate) || seen.has(candidate)) candidate += '_';
      name = candidate;
      changed = true;
    }
    used.add(name);
    names.push(name);
  }
  return { names, changed };
}

/**
 * Instruments `input` (a linked module) for fork when it imports kandelo.fork, writing `output`;
 * otherwise copies it unchanged (or does nothing when input === output).
 *
 * options: optimize (0-3: Binaryen's optimize level for the instrumented functions, at least 1),
 * shrink (0-2), names (keep the name section), verbose (log the command), cache (default true).
 * Returns { instrumented, cached, functions, listed, ms }.
 */
export function postLink(input, output, options = {}) {
  const t0 = Date.now();
  const bytes = readFileSync(input);
  if (!importsFork(bytes)) {
    if (input !== output) copyFileSync(input, output);
    return { instrumented: false };
  }
  const optimize = Math.max(1, Math.min(3, options.optimize ?? 2));
  const shrink = Math.max(0, Math.min(2, options.shrink ?? 0));
  const names = options.names !== false;
  const settings = { optimize, shrink, names, binaryen: BINARYEN_VERSION, self: SELF_HASH };
  const key = createHash('sha256').update(JSON.stringify(settings)).update(bytes).digest('hex').slice(0, 32);
  const cacheDir = join(CACHE_DIR, 'postlink');
  const cached = join(cacheDir, `${key}.wasm`);
  if (options.cache !== false) {
    try {
      copyFileSync(cached, output);
      return { instrumented: true, cached: true, ms: Date.now() - t0 };
    } catch {}
  }

  const mod = readModule(bytes);
  const reach = forkReach(mod);
  const { names: fnames, changed } = uniqueNames(mod);
  const defined = [...reach].filter((f) => f >= mod.numImported).sort((a, b) => a - b);
  const listed = defined.map((f) => fnames[f]);
  // wasm-opt is Binaryen compiled to an 11 MB wasm: V8's optimising compiler spends ~1 s on it
  // before any work is done. Below ~100 KB of code to instrument, running it on V8's baseline
  // compiler alone is faster (0.7 s instead of 1.7 s for a small program); above, it is slower.
  const work = defined.reduce((n, f) => n + mod.calls[f - mod.numImported].size, 0);
  const nodeFlags = work < 100_000 ? ['--liftoff-only'] : [];

  const tmp = mkdtempSync(join(tmpdir(), 'kandelo-postlink-'));
  try {
    let src = input;
    if (changed) {
      src = join(tmp, 'in.wasm');
      writeFileSync(src, replaceFunctionNames(bytes, mod, fnames));
    }
    const listFile = join(tmp, 'onlylist.txt');
    writeFileSync(listFile, `${listed.join('\n')}\n`);
    const out = join(tmp, 'out.wasm');
    const args = [
      ...nodeFlags, WASM_OPT, src, '-o', out, ...FEATURES,
      `--optimize-level=${optimize}`, `--shrink-level=${shrink}`,
      '--asyncify',
      `--pass-arg=asyncify-imports@${FORK_IMPORT.module}.${FORK_IMPORT.name}`,
      `--pass-arg=asyncify-onlylist@@${listFile}`,
      ...(names ? ['-g'] : ['--strip-debug', '--strip-producers']),
    ];
    if (options.verbose) process.stderr.write(` ${[process.execPath, ...args].join(' ')}\n`);
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.error) throw r.error;
    const warnings = (r.stderr ?? '').split('\n').filter((l) => l && !/^warning: no passes specified/.test(l));
    if (r.status !== 0) {
      throw new Error(`wasm-opt --asyncify failed (status ${r.status}):\n${warnings.join('\n')}`);
    }
    // The list is exact: Binaryen finding a name missing means our names and its names differ.
    const missing = warnings.filter((l) => /non-existing function name/.test(l));
    if (missing.length) throw new Error(`asyncify only-list mismatch:\n${missing.slice(0, 5).join('\n')}`);
    if (options.cache !== false) {
      mkdirSync(cacheDir, { recursive: true });
      const part = `${cached}.${process.pid}.tmp`;
      copyFileSync(out, part);
      renameSync(part, cached);
    }
    copyFileSync(out, output);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { instrumented: true, cached: false, functions: mod.funcTypes.length - mod.numImported, listed: listed.length, ms: Date.now() - t0 };
}
