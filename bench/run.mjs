#!/usr/bin/env node
// The benchmark suite: each benchmark is a C program built with our SDK and natively with gcc,
// run side by side in the same invocation. `npm run bench -- --json FILE` writes the results.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { cacheDir, compileC } from '../scripts/lib/compile-c.mjs';
import { buildPort, buildRootfs } from '../ports/lib/index.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const cli = here('../packages/host-node/bin/kandelo.js');

const opts = new Command()
  .name('bench')
  .option('--json <file>', 'write results as JSON')
  .option('--runs <n>', 'runs per benchmark', (v) => Number.parseInt(v, 10), 5)
  .option('--only <names>', 'comma-separated benchmark names')
  .parse(process.argv)
  .opts();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parse = (text) => Number(/result (-?[\d.]+)/.exec(text)[1]);

/** Runs a command and returns the number it prints after "result " (stdout or stderr). */
function resultOf(cmd, args, cwd) {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    if (r.status === 0 && /result /.test(r.stdout)) return parse(r.stdout);
    const why = `${cmd} ${args.join(' ')}: status ${r.status}, stdout ${JSON.stringify(r.stdout.slice(0, 200))}, stderr ${JSON.stringify(r.stderr.slice(0, 400))}`;
    if (attempt === 2) throw new Error(why);
    process.stderr.write(`bench: retrying after a failed run (${why})\n`);
  }
}

/** Like resultOf, for commands that print the result on stderr (stdout discarded). */
function stderrResultOf(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return parse(r.stderr);
}

const src = (name) => here(`c/${name}.c`);
const wasm = (name) => compileC(src(name), { kind: 'wasm', flags: ['-O2'] });
const native = (name) => compileC(src(name), { kind: 'native', flags: ['-O2', '-pthread'] });

/**
 * Programs that run other programs find them in a scratch directory, which is the guest's cwd:
 * `./name` is the wasm build (as kandelo runs it), `./name.native` the gcc build.
 */
const work = mkdtempSync(join(tmpdir(), 'kandelo-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const staged = (name, kind) => {
  const out = join(work, kind === 'wasm' ? name : `${name}.native`);
  copyFileSync(kind === 'wasm' ? wasm(name) : native(name), out);
  return kind === 'wasm' ? `./${name}` : out;
};
const inWork = (name, args) => resultOf(process.execPath, [cli, 'run', staged(name, 'wasm'), ...args], work);

/**
 * Filesystem benchmarks run the same program on two kinds of directory:
 * - memfs: the guest's /tmp (kernel memory); natively a tmpfs, /dev/shm (os.tmpdir() when there is
 *   none; often not a tmpfs).
 * - hostfs: a scratch directory on the host's disk, next to the build cache (~/.cache/kandelo,
 *   rarely a tmpfs, unlike /tmp), mounted in the guest with --mount; natively that same directory.
 * The programs make their files under a per-pid name and remove them.
 */
const nativeMem = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let hostDir;
const hostfsDir = () => {
  if (!hostDir) {
    mkdirSync(cacheDir, { recursive: true });
    hostDir = mkdtempSync(join(cacheDir, 'bench-fs-'));
    process.on('exit', () => rmSync(hostDir, { recursive: true, force: true }));
  }
  return hostDir;
};
const GUEST_HOST = '/mnt/bench';
const fsBench = (name, prog, unit, fs, wasmArgs, nativeArgs) => ({
  name, unit,
  wasm: () => fs === 'memfs'
    ? resultOf(process.execPath, [cli, 'run', wasm(prog), ...wasmArgs('/tmp')])
    : resultOf(process.execPath, [cli, 'run', '--mount', `${hostfsDir()}:${GUEST_HOST}`, wasm(prog), ...wasmArgs(GUEST_HOST)]),
  native: () => resultOf(native(prog), nativeArgs(fs === 'memfs' ? nativeMem : hostfsDir())),
});

/**
 * Workloads users feel: dash scripts in the rootfs image (the dash and coreutils ports) under
 * `kandelo sh -c`, against Debian's own dash and coreutils on the host. The script times itself
 * with date(1), so booting the kernel is not counted.
 */
let image;
const SHELL_LOOP = [
  's=$(date +%s%N); i=0',
  'while [ $i -lt 200 ]; do echo $i | wc -c >/dev/null; (:); i=$((i+1)); done',
  'e=$(date +%s%N); echo "result $(( (e - s) / 1000 )).$(( (e - s) % 1000 / 100 ))"',
].join('\n');
// The result is in microseconds with one decimal; shown in ms below.
const shellBench = (name, script) => ({
  name, unit: 'ms', image: true,
  wasm: () => resultOf(process.execPath, [cli, 'sh', '--root', image, '-c', script]) / 1000,
  native: () => resultOf('/bin/dash', ['-c', script]) / 1000,
});

/**
 * bench/configure/configure.ac made into a configure script (autoreconf, on the host) in a scratch
 * directory, which the guest sees at /bench; natively it runs there with Debian's dash and tools.
 */
const configureDir = () => {
  const dir = join(work, 'configure');
  if (!existsSync(dir)) {
    cpSync(here('configure'), dir, { recursive: true });
    const r = spawnSync('autoreconf', ['-fi'], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`autoreconf for the configure benchmark failed:\n${r.stderr}`);
  }
  return dir;
};
const CONFIGURE = [
  's=$(date +%s%N)',
  './configure --enable-feature >/dev/null || exit 1',
  'e=$(date +%s%N); echo "result $(( (e - s) / 1000000 )).$(( (e - s) % 1000000 / 10000 ))"',
].join('\n');

const benches = [
  shellBench('shell-loop', SHELL_LOOP),
  {
    // Seconds for a small autoconf configure script (programs, options, output files).
    name: 'configure', unit: 's', image: true,
    wasm: () => resultOf(process.execPath, [cli, 'sh', '--root', image, '--mount', `${configureDir()}:/bench`, '-c', `cd /bench && ${CONFIGURE}`]) / 1000,
    native: () => resultOf('/bin/dash', ['-c', CONFIGURE], configureDir()) / 1000,
  },
  {
    name: 'null-syscall', unit: 'us',
    // 1M calls (~0.5 s): long enough that the pool's workers booting at start-up do not dominate.
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('null-syscall'), '1000000']),
    native: () => resultOf(native('null-syscall'), ['2000000']),
  },
  {
    name: 'hello-start', unit: 'ms',
    wasm: () => stderrResultOf(process.execPath, [here('lib/hello-start.mjs'), wasm('hello'), '20']),
    native: () => resultOf(native('launch'), ['20', native('hello')]),
  },
  {
    name: 'fork-exit-wait', unit: 'ms',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('fork-exit-wait'), '100']),
    native: () => resultOf(native('fork-exit-wait'), ['1000']),
  },
  {
    name: 'spawn-exit-wait', unit: 'ms',
    wasm: () => (staged('tiny', 'wasm'), inWork('spawn-exit-wait', ['50', './tiny'])),
    native: () => resultOf(native('spawn-exit-wait'), ['500', staged('tiny', 'native')]),
  },
  {
    name: 'exec', unit: 'ms',
    wasm: () => inWork('exec-chain', ['50']),
    native: () => resultOf(staged('exec-chain', 'native'), ['500']),
  },
  {
    name: 'thread-create-join', unit: 'ms',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('thread-create-join'), '100']),
    native: () => resultOf(native('thread-create-join'), ['1000']),
  },
  {
    name: 'pipe-throughput', unit: 'MB/s',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('pipe-throughput'), '256']),
    native: () => resultOf(native('pipe-throughput'), ['256']),
  },
  {
    name: 'signal-roundtrip', unit: 'us',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('signal-roundtrip'), '20000']),
    native: () => resultOf(native('signal-roundtrip'), ['200000']),
  },
  {
    name: 'sleep-overshoot', unit: 'us',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('sleep-overshoot')]),
    native: () => resultOf(native('sleep-overshoot'), []),
  },
  {
    name: 'compute', unit: 'ms',
    wasm: () => resultOf(process.execPath, [cli, 'run', wasm('compute')]),
    native: () => resultOf(native('compute'), []),
  },
  // 64 MiB in 64 KiB chunks; the timed write loop ends with fsync and close, the read loop with
  // close (the file is written, fsynced and closed untimed first). See c/file-io.c.
  ...['memfs', 'hostfs'].flatMap((fs) => ['write', 'read'].map((mode) =>
    fsBench(`file-${mode}-${fs}`, 'file-io', 'MB/s', fs, (d) => [mode, d, '64'], (d) => [mode, d, '64']))),
  // stat(2) calls per second over 1000 files (rounds of stat over all of them; fewer under kandelo).
  fsBench('stat-rate', 'stat-rate', 'calls/s', 'memfs', (d) => [d, '20'], (d) => [d, '200']),
  fsBench('stat-rate-hostfs', 'stat-rate', 'calls/s', 'hostfs', (d) => [d, '5'], (d) => [d, '200']),
  // Listing a directory of 10,000 entries (median of 5 listings inside the program).
  fsBench('readdir-10k', 'readdir-10k', 'ms', 'memfs', (d) => [d, '5'], (d) => [d, '5']),
];

const selected = opts.only ? benches.filter((b) => opts.only.split(',').includes(b.name)) : benches;
// The shell benchmarks' image: the shell, and the tools a configure script runs.
const IMAGE_PORTS = ['dash', 'coreutils', 'sed', 'grep', 'gawk', 'm4', 'diffutils', 'findutils'];
if (selected.some((b) => b.image)) {
  const ports = [];
  for (const name of IMAGE_PORTS) ports.push(await buildPort(name));
  image = buildRootfs(ports);
}
const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'bench {bar} {value}/{total} {name}', clearOnComplete: true }, cliProgress.Presets.shades_classic) : undefined;
bar?.start(selected.length * opts.runs * 2, 0, { name: '' });
const results = [];
for (const b of selected) {
  const w = [];
  const n = [];
  for (let i = 0; i < opts.runs; i++) {
    w.push(b.wasm());
    bar?.increment({ name: b.name });
    n.push(b.native());
    bar?.increment({ name: b.name });
  }
  const row = { name: b.name, unit: b.unit, median: median(w), native_median: median(n), runs: opts.runs, values: w, native_values: n };
  row.ratio = +(row.median / row.native_median).toFixed(2);
  results.push(row);
}
bar?.stop();

console.log('| benchmark | unit | kandelo (median) | native (median) | ratio |');
console.log('|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.unit} | ${r.median} | ${r.native_median} | ${r.ratio}x |`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ results }, null, 2) + '\n');
