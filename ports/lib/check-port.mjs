// Runs a port's own test suite (its `make check`) inside the kernel, in the port's kept build
// tree, and collects per-test results. ports/<name>/check.mjs says how (a file of its own, so that
// editing it does not rebuild the port, whose cache key covers recipe.mjs):
//
//   export default {
//     dirs: ['tests'],          // where the suite's Makefiles are (default ['.'])
//     prepare(ctx),             // host side, optional: builds the test programs with the SDK
//                               // (default: `make check TESTS=` in each dir, which builds them and
//                               // runs no test)
//     makeArgs: ['VAR=value'],  // added to the default script's make command
//     script: 'make check-TESTS', // run by our dash in each dir inside the kernel (the default:
//                               // `make -j<jobs> SHELL=/bin/sh <makeArgs> check-TESTS`)
//     results(dir, output),     // optional: per-test results for a suite that is not automake's
//                               // (default: the .trs files automake's test driver writes)
//     known: { 'tests/x': 'why it fails' }, // investigated failures, listed in the report
//   };
//
// The build tree is mounted in the guest at its host path, so the absolute paths configure wrote
// into the Makefiles hold; the image holds every port (make, the shell and the tools the suites run).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPort } from './build-port.mjs';
import { binDir, kandeloCli, logCache, portsDir } from './paths.mjs';
import { runLogged } from './run-logged.mjs';

/** The check of port `name` (its ports/<name>/check.mjs), or undefined when it has none. */
export async function loadCheck(name) {
  const file = join(portsDir, name, 'check.mjs');
  return existsSync(file) ? (await import(pathToFileURL(file).href)).default : undefined;
}

/** Result names as automake's drivers write them (`:test-result: PASS`). */
export const RESULTS = ['PASS', 'FAIL', 'SKIP', 'XFAIL', 'XPASS', 'ERROR'];

/** Every `*.trs` file under `dir` modified at or after `since` (ms), as { test, result } rows. */
export function automakeResults(dir, since = 0) {
  const rows = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.trs') && statSync(p).mtimeMs >= since) {
        const test = relative(dir, p).slice(0, -'.trs'.length);
        for (const m of readFileSync(p, 'utf8').matchAll(/^:test-result: (\w+)/gm)) rows.push({ test, result: m[1] });
      }
    }
  };
  walk(dir);
  return rows.sort((a, b) => a.test.localeCompare(b.test));
}

/** Counts of each result, and the pass rate of the tests that ran (skips left out). */
export function summarize(rows) {
  const counts = Object.fromEntries(RESULTS.map((r) => [r, 0]));
  for (const { result } of rows) counts[result] = (counts[result] ?? 0) + 1;
  const ran = rows.length - counts.SKIP;
  const good = counts.PASS + counts.XFAIL;
  return { total: rows.length, counts, passRate: ran ? good / ran : 1 };
}

/**
 * The .trs results under each of `dirs` (paths from `tree`). A dir's walk takes its subdirectories
 * too, so with ['.', 'gnulib-tests'] a test is taken once, from the first dir that has it.
 */
export function collectResults(tree, dirs, since) {
  const byTest = new Map();
  for (const d of dirs) {
    for (const r of automakeResults(join(tree, d), since)) {
      const test = join(d, r.test);
      const group = byTest.get(test) ?? byTest.set(test, { d, results: [] }).get(test);
      if (group.d === d) group.results.push(r.result);
    }
  }
  return [...byTest].flatMap(([test, g]) => g.results.map((result) => ({ test, result }))).sort((a, b) => a.test.localeCompare(b.test));
}

/**
 * Runs the suite of port `name` with `image` (a rootfs holding every port). Returns
 * { name, rows, seconds, log }. onStep(step) reports progress.
 */
export async function checkPort(name, { image, jobs = 2, onStep = () => {} }) {
  const check = await loadCheck(name);
  if (!check) throw new Error(`ports: ${name} has no test suite (no ports/${name}/check.mjs)`);
  onStep('build');
  const port = await buildPort(name, { rebuildTree: true });
  const tree = port.tree;
  const logFile = join(logCache(), `${name}-check.log`);
  rmSync(logFile, { force: true });
  const dirs = check.dirs ?? ['.'];
  const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` }; // the SDK's wrappers, for prepare
  const run = (step, cmd, args, cwd = tree, stdoutFile) => runLogged({ port: name, step, cmd, args, cwd, env, logFile, stdoutFile });
  const ctx = { tree, jobs, run: (cmd, args, opts = {}) => run('check-prepare', cmd, args, opts.cwd ? join(tree, opts.cwd) : tree) };

  onStep('prepare');
  if (check.prepare) await check.prepare(ctx);
  else for (const d of dirs) await ctx.run('make', [`-j${jobs}`, 'check', 'TESTS='], { cwd: d });

  onStep('run');
  const started = Date.now();
  // SHELL=/bin/sh: configure chose the host's bash for the Makefiles; the suites run under our dash.
  const quote = (a) => `'${a.replaceAll("'", "'\\''")}'`;
  const script = check.script ?? ['make', `-j${jobs}`, 'SHELL=/bin/sh', ...(check.makeArgs ?? []).map(quote), 'check-TESTS'].join(' ');
  for (const d of dirs) {
    const cwd = join(tree, d);
    try {
      await run('check', process.execPath, [kandeloCli, 'sh', '--root', image, '--mount', `${tree}:${tree}`, '-c', `cd '${cwd}' && ${script}`]);
    } catch {
      // A suite with failures makes `make` exit non-zero; the per-test results say what failed.
    }
  }
  const rows = check.results ? check.results(tree, readFileSync(logFile, 'utf8')) : collectResults(tree, dirs, started - 1000);
  return { name, rows, seconds: (Date.now() - started) / 1000, log: logFile, known: check.known ?? {}, subset: Boolean(check.subset) };
}
