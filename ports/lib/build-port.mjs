// Builds one port from its recipe (ports/<name>/recipe.mjs): fetch the Debian source, copy it to a
// scratch dir, prepare, configure with the SDK, build, install into a staging tree. The staging
// tree is cached at out/<hash>/root; with the same inputs a second build does nothing. The build
// tree is kept at build/<name>-<hash> (the upstream test suites run in it, see check.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, chmodSync, copyFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withLock } from './build-lock.mjs';
import { portKey } from './cache-key.mjs';
import { fetchSource, sourceDir } from './fetch-source.mjs';
import { binDir, buildCache, kandeloCli, logCache, outCache, portsDir } from './paths.mjs';
import { runLogged } from './run-logged.mjs';
import { StepError } from './step-error.mjs';

/** The steps of a build, in order, as the progress display names them. */
export const STEPS = ['fetch', 'prepare', 'configure', 'build', 'install'];

/** Names of every port (directories of ports/ holding a recipe.mjs). */
export function listPorts() {
  return readdirSync(portsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(portsDir, d.name, 'recipe.mjs')))
    .map((d) => d.name)
    .sort();
}

export async function loadRecipe(name) {
  const file = join(portsDir, name, 'recipe.mjs');
  if (!existsSync(file)) throw new Error(`ports: no port named ${name} (no ${file}); ports: ${listPorts().join(', ')}`);
  const recipe = (await import(pathToFileURL(file).href)).default;
  const s = recipe?.source;
  if (!s?.package || !s?.version) throw new Error(`ports: ${file} must export default { source: { package, version, suite }, ... }`);
  return { name, file, recipe };
}

/** The kept build tree of port `name` built with inputs `key`. */
export const buildTree = (name, key) => join(buildCache(), `${name}-${key}`);

/**
 * Output of a port if it is already built: { name, key, dir, root, tree } or undefined. `tree` is
 * the kept build tree, or undefined when it was removed.
 */
export function cachedPort(name, key) {
  const dir = join(outCache(), key);
  if (!existsSync(join(dir, 'port.json'))) return undefined;
  const tree = buildTree(name, key);
  return { name, key, dir, root: join(dir, 'root'), tree: existsSync(tree) ? tree : undefined, cached: true };
}

/** Removes the build trees of port `name` other than the one for `key` (older inputs). */
function dropStaleTrees(name, key) {
  for (const d of readdirSync(buildCache())) {
    if (d.startsWith(`${name}-`) && d !== `${name}-${key}` && /^[0-9a-f]{20}$/.test(d.slice(name.length + 1))) {
      rmSync(join(buildCache(), d), { recursive: true, force: true });
    }
  }
}

/** Paths touched by the patches in debian/patches/series of `src`, as written in the diffs. */
function patchedPaths(src) {
  const series = join(src, 'debian/patches/series');
  if (!existsSync(series)) return [];
  const paths = [];
  for (const line of readFileSync(series, 'utf8').split('\n')) {
    const patch = line.replace(/#.*/, '').trim().split(/\s+/)[0];
    if (!patch || !existsSync(join(src, 'debian/patches', patch))) continue;
    for (const m of readFileSync(join(src, 'debian/patches', patch), 'utf8').matchAll(/^\+\+\+ (?:[^/\s]+\/)?(\S+)/gm)) paths.push(m[1]);
  }
  return paths;
}

/**
 * Builds port `name` unless cached. onStep(step) is called as each step starts.
 * Returns { name, key, dir, root, tree, cached }: root is the staging tree (guest paths under it),
 * tree the kept build tree. `rebuildTree`: build again when the output is cached but its build
 * tree is gone (the upstream test suites need it).
 */
export async function buildPort(name, { onStep = () => {}, jobs = availableParallelism(), rebuildTree = false } = {}) {
  const { file, recipe } = await loadRecipe(name);
  const key = portKey(file, recipe.source);
  const usable = (hit) => hit && (hit.tree || !rebuildTree);
  const hit = cachedPort(name, key);
  if (usable(hit)) return hit;
  mkdirSync(buildCache(), { recursive: true });
  return withLock(join(buildCache(), `${name}.lock`), async () => {
    const again = cachedPort(name, key); // built by the process that held the lock
    return usable(again) ? again : build(name, file, recipe, key, { onStep, jobs });
  });
}

async function build(name, file, recipe, key, { onStep, jobs }) {
  mkdirSync(logCache(), { recursive: true });
  const logFile = join(logCache(), `${name}.log`);
  rmSync(logFile, { force: true });
  let step = 'fetch';
  onStep(step);
  const pristine = await fetchSource(name, recipe.source, logFile);

  const scratch = buildTree(name, key);
  const staging = join(outCache(), `${key}.tmp-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  // cp -a keeps mtimes, so make does not think the autotools outputs are stale.
  execFileSync('cp', ['-a', pristine, scratch]);
  mkdirSync(join(staging, 'root'), { recursive: true });

  const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };
  const guest = (p) => {
    if (!p.startsWith('/')) throw new StepError(name, step, `install path ${p} is not absolute`, logFile);
    return join(staging, 'root', p);
  };
  const ctx = {
    name,
    source: recipe.source,
    srcDir: scratch,
    jobs,
    env,
    run: (cmd, args = [], opts = {}) =>
      runLogged({
        port: name, step, cmd, args, cwd: opts.cwd ? join(scratch, opts.cwd) : scratch, env: { ...env, ...opts.env }, logFile,
        stdoutFile: opts.stdout && join(scratch, opts.stdout),
      }),
    // A freshly built target program run by the kernel, e.g. bc's fbc generating a header
    // (opts.stdout names the file). The build tree is mounted at its host path (`kandelo run`
    // mounts its working directory so), so the program's paths are the same as on the host.
    runInKernel: (prog, args = [], opts = {}) =>
      ctx.run(process.execPath, [kandeloCli, 'run', ...(opts.cwd ? ['--mount', `${scratch}:${scratch}`] : []), join(scratch, prog), ...args], opts),
    patchesTouch: (re) => patchedPaths(scratch).some((p) => re.test(p)),
    mkdir: (path) => mkdirSync(guest(path), { recursive: true }),
    install(from, to, mode = 0o644) {
      const src = join(scratch, from);
      if (!existsSync(src)) throw new StepError(name, step, `${from} was not built (no ${src})`, logFile);
      mkdirSync(dirname(guest(to)), { recursive: true });
      copyFileSync(src, guest(to));
      chmodSync(guest(to), mode);
    },
    symlink(target, path) {
      mkdirSync(dirname(guest(path)), { recursive: true });
      symlinkSync(target, guest(path));
    },
  };

  try {
    step = 'prepare';
    onStep(step);
    await recipe.prepare?.(ctx);
    step = 'configure';
    onStep(step);
    const args = typeof recipe.configure === 'function' ? await recipe.configure(ctx) : recipe.configure;
    if (args) await ctx.run(join(binDir, 'wasm32posix-configure'), args);
    step = 'build';
    onStep(step);
    await (recipe.build ? recipe.build(ctx) : ctx.run('make', [`-j${jobs}`]));
    step = 'install';
    onStep(step);
    await recipe.install(ctx);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (err instanceof StepError) throw err;
    throw new StepError(name, step, err.message, logFile);
  }
  writeFileSync(join(staging, 'port.json'), JSON.stringify({ name, key, source: recipe.source, builtAt: new Date().toISOString() }, null, 2) + '\n');
  const dir = join(outCache(), key);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  dropStaleTrees(name, key);
  return { name, key, dir, root: join(dir, 'root'), tree: scratch, cached: false };
}

export { sourceDir };
