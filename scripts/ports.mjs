#!/usr/bin/env node
// `npm run ports -- [names...]`: builds the given ports (default: all of ports/*/recipe.mjs) with a
// progress display, then the rootfs image holding them, and prints the image's path on stdout.
// Everything is cached by content hash under ${KANDELO_CACHE:-~/.cache/kandelo}/ports.
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildPorts, buildRootfs, listPorts, loadRecipe, STEPS, StepError } from '../ports/lib/index.mjs';
import { cacheRoot } from '../ports/lib/paths.mjs';

/** Points cache/rootfs.img at `image` (atomically: a new link renamed over the old one). */
function linkDefaultRootfs(image) {
  const link = join(cacheRoot(), 'rootfs.img');
  const tmp = `${link}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  symlinkSync(image, tmp);
  renameSync(tmp, link);
}

const program = new Command()
  .name('ports')
  .description('build ports (Debian source packages) with the kandelo SDK, and a rootfs image holding them')
  .argument('[names...]', 'ports to build (default: all)')
  .option('--no-rootfs', 'do not build the rootfs image')
  .option('-j, --jobs <n>', 'parallel make jobs', (v) => Number.parseInt(v, 10))
  .option('-p, --parallel <n>', 'ports built at the same time (default: one per core)', (v) => Number.parseInt(v, 10))
  .action(main);

async function main(names, opts) {
  const selected = names.length ? names : listPorts();
  for (const n of selected) await loadRecipe(n); // unknown names fail before anything is built
  const tty = process.stderr.isTTY;
  const multi = tty
    ? new cliProgress.MultiBar(
        { format: '{port} {bar} {step} {elapsed}', clearOnComplete: false, hideCursor: true, stopOnComplete: false, barsize: 20 },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const bars = new Map();
  let built;
  try {
    built = await buildPorts(selected, {
      concurrency: opts.parallel,
      jobs: opts.jobs,
      onStart(name) {
        const started = Date.now();
        const bar = multi?.create(STEPS.length, 0, { port: name.padEnd(12), step: 'checking cache', elapsed: '' });
        const timer = bar && setInterval(() => bar.update({ elapsed: `${Math.round((Date.now() - started) / 1000)}s` }), 1000);
        bars.set(name, { bar, timer });
      },
      onStep(name, step) {
        const bar = bars.get(name)?.bar;
        if (bar) bar.update(STEPS.indexOf(step), { step });
        else console.error(`ports: ${name}: ${step}`);
      },
      onDone(name, result, secs) {
        const { bar, timer } = bars.get(name) ?? {};
        if (timer) clearInterval(timer);
        const what = result.cached ? 'cached' : `built in ${secs.toFixed(1)}s`;
        if (bar) bar.update(STEPS.length, { step: what, elapsed: '' });
        else console.error(`ports: ${name}: ${what} (${result.dir})`);
      },
    });
  } finally {
    for (const { timer } of bars.values()) if (timer) clearInterval(timer);
    multi?.stop();
  }
  if (!opts.rootfs) return;
  const image = buildRootfs(built);
  // The image of every port is the default root of `kandelo sh` (cache/rootfs.img links to it).
  if (!names.length) linkDefaultRootfs(image);
  console.log(image);
}

try {
  await program.parseAsync();
} catch (err) {
  console.error(err instanceof StepError ? `\n${err.message}` : err.message.startsWith('ports:') ? err.message : `ports: ${err.message}`);
  process.exit(1);
}
