// Post-link step for kandelo modules: loop polling and fork instrumentation, with Binaryen.
//
// Loop polling (loop-poll.mjs): every loop of a module linked against our libc checks the process's
// attention word at its head and calls the glue's poll function when the kernel set it, so a
// program spinning without syscalls still runs its signal handlers and stops on SIGSTOP.
//
// fork() reaches the host through one import, kandelo.fork (port/src/process/wasm32/_Fork.c). The
// host unwinds the calling thread's wasm stack and rewinds it in the parent and in the child, which
// takes Binaryen's Asyncify. Asyncify costs 1.5-2x on call-heavy code in every function it
// instruments, so only the functions that can be on the stack when the import is called are: the
// ones that reach it through direct calls, plus those making an indirect call whose signature is
// that of a table function that reaches it, to a fixpoint.
//
// Binaryen's JS API (npm binaryen, an Emscripten build) runs in a child process (postlink-run.mjs)
// and takes ~0.6 s to load, so outputs are cached by content hash under ${KANDELO_CACHE}/postlink/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR } from './config.mjs';
import { ATTENTION_EXPORT, POLL_EXPORT } from './loop-poll.mjs';
import { readExports, readImports, readModule } from './wasm-read.mjs';

export const FORK_IMPORT = { module: 'kandelo', name: 'fork' };

const require = createRequire(import.meta.url);
const BINARYEN_DIR = dirname(require.resolve('binaryen/package.json'));
export const BINARYEN_VERSION = JSON.parse(readFileSync(join(BINARYEN_DIR, 'package.json'), 'utf8')).version;
const HERE = dirname(fileURLToPath(import.meta.url));
const RUNNER = join(HERE, 'postlink-run.mjs');

/** The post-link code: a change to any of it invalidates cached outputs. */
const SELF_HASH = ['postlink.mjs', 'postlink-run.mjs', 'loop-poll.mjs', 'branch-hints.mjs', 'wasm-read.mjs']
  .reduce((h, f) => h.update(readFileSync(join(HERE, f))), createHash('sha256'))
  .digest('hex');

/** Functions whose indirect calls the fork analysis does not follow. */
const NOT_FOLLOWED = new Set(['__kandelo_deliver_signal']);

export function importsFork(bytes) {
  return readImports(bytes).some((i) => i.kind === 0 && i.module === FORK_IMPORT.module && i.name === FORK_IMPORT.name);
}

/** Whether a module has the glue's poll function and attention word (our libc, not yet polled). */
export function hasPollFunction(bytes) {
  const exports = readExports(bytes);
  return exports.some((e) => e.kind === 0 && e.name === POLL_EXPORT) && exports.some((e) => e.kind === 3 && e.name === ATTENTION_EXPORT);
}

/** Whether postLink changes a module (with loop polling unless `poll` is false). */
export function needsPostLink(bytes, { poll = true } = {}) {
  return importsFork(bytes) || (poll && hasPollFunction(bytes));
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
 * Post-links `input` (a linked module) into `output`: loop polling when it has the glue's poll
 * function, fork instrumentation when it imports kandelo.fork; otherwise copies it unchanged (or
 * does nothing when input === output).
 *
 * options: poll (default true), optimize (0-3: Binaryen's optimize level for the functions
 * Asyncify instruments, at least 1), shrink (0-2), names (keep the name section), verbose (log the
 * command), cache (default true).
 * Returns { instrumented, fork, loops, cached, functions, listed, ms }.
 */
export function postLink(input, output, options = {}) {
  const t0 = Date.now();
  const bytes = readFileSync(input);
  const fork = importsFork(bytes);
  const poll = options.poll !== false && hasPollFunction(bytes);
  if (!fork && !poll) {
    if (input !== output) copyFileSync(input, output);
    return { instrumented: false };
  }
  const optimize = Math.max(1, Math.min(3, options.optimize ?? 2));
  const shrink = Math.max(0, Math.min(2, options.shrink ?? 0));
  const names = options.names !== false;
  const settings = { poll, optimize, shrink, names, binaryen: BINARYEN_VERSION, self: SELF_HASH };
  const key = createHash('sha256').update(JSON.stringify(settings)).update(bytes).digest('hex').slice(0, 32);
  const cacheDir = join(CACHE_DIR, 'postlink');
  const cached = join(cacheDir, `${key}.wasm`);
  if (options.cache !== false) {
    try {
      copyFileSync(cached, output);
      return { instrumented: true, fork, cached: true, ms: Date.now() - t0 };
    } catch {}
  }

  let asyncify = null;
  let work = 0;
  let functions;
  if (fork) {
    const mod = readModule(bytes);
    const defined = [...forkReach(mod)].filter((f) => f >= mod.numImported).sort((a, b) => a - b);
    asyncify = { imports: `${FORK_IMPORT.module}.${FORK_IMPORT.name}`, functions: defined, optimize, shrink };
    work = defined.reduce((n, f) => n + mod.calls[f - mod.numImported].size, 0);
    functions = mod.funcTypes.length - mod.numImported;
  }
  // Binaryen is an 11 MB wasm: V8's optimising compiler spends ~1 s on it before any work is done,
  // in background threads that compete for the CPUs. Running on V8's baseline compiler alone is
  // faster for polling a 5 MB module (3.7 s instead of 5 s) and for small Asyncify jobs (0.7 s
  // instead of 1.7 s); only Asyncify on more than ~100 KB of code pays for the optimising one.
  const nodeFlags = work < 100_000 ? ['--liftoff-only'] : [];

  const tmp = mkdtempSync(join(tmpdir(), 'kandelo-postlink-'));
  try {
    const out = join(tmp, 'out.wasm');
    const job = { input, output: out, poll, asyncify, names };
    const args = [...nodeFlags, RUNNER, JSON.stringify(job)];
    if (options.verbose) process.stderr.write(` ${process.execPath} ${nodeFlags.join(' ')} ${RUNNER} <job>\n`);
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.error) throw r.error;
    const warnings = (r.stderr ?? '').trim();
    if (r.status !== 0) {
      // (Emscripten prints its whole minified source with an abort: keep the message lines.)
      const lines = warnings.split('\n').filter((l) => l.length < 500 && l.trim());
      throw new Error(`Binaryen failed (status ${r.status}):\n${lines.slice(-12).join('\n')}`);
    }
    // The list is exact: Binaryen finding a name missing means our names and its names differ.
    if (/non-existing function name/.test(warnings)) throw new Error(`asyncify only-list mismatch:\n${warnings}`);
    const { loops } = JSON.parse(r.stdout);
    if (options.cache !== false) {
      mkdirSync(cacheDir, { recursive: true });
      const part = `${cached}.${process.pid}.tmp`;
      copyFileSync(out, part);
      renameSync(part, cached);
    }
    copyFileSync(out, output);
    return { instrumented: true, fork, loops, cached: false, functions, listed: asyncify?.functions.length ?? 0, ms: Date.now() - t0 };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
