#!/usr/bin/env node
// `npm run test:ports -- [names...]`: runs the ports' own test suites (`make check`) inside the
// kernel, with our dash as /bin/sh and our make, and writes the counts to docs/port-test-suites.md.
// Fails when a test fails that ports/<name>/check.mjs does not list, with its reason, under `known`.
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPorts, buildRootfs, listPorts, StepError } from '../ports/lib/index.mjs';
import { checkPort, loadCheck, summarize } from '../ports/lib/check-port.mjs';
import { portsCache, repoRoot } from '../ports/lib/paths.mjs';
import { writeReport } from '../ports/lib/check-report.mjs';

const resultsDir = () => join(portsCache(), 'check-results');
const BAD = new Set(['FAIL', 'ERROR', 'XPASS']);
/**
 * The suites `npm test` runs (CI included): the quick ones, a few minutes together on 2 cores with
 * their test programs built. The rest take about 40 minutes more: `npm run test:ports` runs all.
 */
const CI_SUBSET = ['gzip', 'bzip2', 'xz-utils', 'zlib'];

const program = new Command()
  .name('test-ports')
  .description("run the ports' own test suites inside the kernel and report pass/fail/skip counts")
  .argument('[names...]', 'ports whose suites to run (default: every port with a check)')
  .option('-j, --jobs <n>', 'parallel make jobs inside the kernel', (v) => Number.parseInt(v, 10), 2)
  .option('--no-docs', 'do not rewrite docs/port-test-suites.md')
  .option('--image-ports <names>', 'comma-separated ports for the image the suites run in (default: every port)')
  .option('--ci', `the subset \`npm test\` runs: ${CI_SUBSET.join(', ')} (no docs written)`)
  .option('--report-only', 'only rewrite docs/port-test-suites.md from the stored results of the last runs')
  .action(main);

async function withCheck() {
  const out = [];
  for (const n of listPorts()) if (await loadCheck(n)) out.push(n);
  return out;
}

/** The stored result of a port's last run, with the reasons its check.mjs gives now. */
async function storedResults(names) {
  const out = new Map();
  for (const name of names) {
    try {
      const r = JSON.parse(readFileSync(join(resultsDir(), `${name}.json`), 'utf8'));
      out.set(name, { ...r, known: (await loadCheck(name)).known ?? {} });
    } catch {
      // never run here
    }
  }
  return (name) => out.get(name);
}

async function main(names, opts) {
  const checked = await withCheck();
  if (opts.reportOnly) return console.error(`test-ports: wrote ${writeReport(repoRoot, checked, await storedResults(checked))}`);
  if (opts.ci) {
    names = CI_SUBSET;
    opts.docs = false;
  }
  for (const n of names) if (!checked.includes(n)) throw new Error(`ports: ${n} has no test suite (no ports/${n}/check.mjs; ports with one: ${checked.join(', ')})`);
  const selected = names.length ? names : checked;

  // Every port goes into the image: the suites run make, the shell and the other tools.
  const all = await buildPorts(opts.imagePorts?.split(',') ?? listPorts(), { onStep: (n, s) => console.error(`ports: ${n}: ${s}`) });
  const image = buildRootfs(all);

  mkdirSync(resultsDir(), { recursive: true });
  const tty = process.stderr.isTTY;
  let unexplained = 0;
  for (const name of selected) {
    const started = Date.now();
    const bar = tty ? new cliProgress.SingleBar({ format: `${name.padEnd(10)} {step} {elapsed}s`, hideCursor: true }) : undefined;
    bar?.start(1, 0, { step: 'build', elapsed: 0 });
    const timer = bar && setInterval(() => bar.update({ elapsed: Math.round((Date.now() - started) / 1000) }), 1000);
    let r;
    try {
      r = await checkPort(name, {
        image, jobs: opts.jobs,
        onStep: (step) => (bar ? bar.update({ step }) : console.error(`test-ports: ${name}: ${step}`)),
      });
    } finally {
      clearInterval(timer);
      bar?.stop();
    }
    const stored = join(resultsDir(), `${name}.json`);
    // A re-check of some tests only updates their rows in the last full run's results.
    const prev = r.subset && existsSync(stored) ? JSON.parse(readFileSync(stored, 'utf8')) : undefined;
    const saved = prev
      ? { ...prev, known: r.known, rows: [...prev.rows.filter((x) => !r.rows.some((y) => y.test === x.test)), ...r.rows] }
      : { ...r, ranAt: new Date().toISOString() };
    writeFileSync(stored, JSON.stringify(saved, null, 1) + '\n');
    const s = summarize(r.rows);
    const c = s.counts;
    console.log(`${name}: ${s.total} tests, ${c.PASS} pass, ${c.FAIL} fail, ${c.SKIP} skip, ${c.XFAIL} xfail, ${c.XPASS} xpass, ${c.ERROR} error (${(100 * s.passRate).toFixed(1)}% of those run) in ${Math.round(r.seconds)} s; log: ${r.log}`);
    for (const row of r.rows.filter((x) => BAD.has(x.result))) {
      const why = r.known[row.test];
      if (!why) unexplained++;
      console.log(`  ${row.result} ${row.test}${why ? `: known: ${why}` : ': NOT EXPLAINED'}`);
    }
    for (const test of Object.keys(r.known)) {
      if (!r.rows.some((x) => x.test === test && BAD.has(x.result))) console.log(`  note: ${test} is listed as known but did not fail`);
    }
  }
  if (opts.docs) {
    console.error(`test-ports: wrote ${writeReport(repoRoot, checked, await storedResults(checked))}`);
  }
  if (unexplained) {
    console.error(`test-ports: ${unexplained} failing test(s) not listed under known in their ports/<name>/check.mjs`);
    process.exitCode = 1;
  }
}

try {
  await program.parseAsync();
} catch (err) {
  console.error(err instanceof StepError ? `\n${err.message}` : err.message.startsWith('ports:') ? err.message : `test-ports: ${err.message}`);
  process.exit(1);
}
