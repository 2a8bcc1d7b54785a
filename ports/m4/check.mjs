// m4's own test suite (checks/: the manual's examples, run by checks/check-them from
// `make check-local`, not automake's harness) and gnulib's (tests/, automake's parallel harness),
// in the kernel. The recipe builds lib/ and src/ only.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { automakeResults } from '../lib/check-port.mjs';

const NO_SIGSEGV = 'wasm has no memory protection: mprotect(PROT_READ) does not make a write fault, so no SIGSEGV reaches the handler';
const STACK = 'V8 exhausts the wasm call stack and the process dies of SIGSEGV; no handler (c-stack, sigsegv) can run';
const NO_LOCALE_DATA = 'musl has no locale data: fr_FR.UTF-8 has the C locale\'s LC_NUMERIC and LC_MONETARY (no currency symbol)';

/**
 * checks/check-them's rows from the check log: every "Checking ./NNN.name" line is a test; it
 * failed when a mismatch line names it or the closing "Failed checks were:" list does, skipped
 * when "Skipped checks were:" lists it. Without the closing summary the run died in its last test.
 */
function checkThemResults(log) {
  const start = log.indexOf('Checking ./');
  if (start < 0) return [];
  const out = log.slice(log.lastIndexOf('\n', start) + 1);
  const name = (f) => `checks/${f.replace(/^\.\//, '').replace(/:(status|out|err)$/, '')}`;
  const tests = [...out.matchAll(/^Checking (\S+)$/gm)].map((m) => name(m[1]));
  const list = (title) => new Set((out.match(new RegExp(`^${title}:\\n (.*)$`, 'm'))?.[1] ?? '').split(/\s+/).filter(Boolean).map(name));
  const failed = list('Failed checks were');
  const skipped = list('Skipped checks were');
  for (const m of out.matchAll(/^(\S+): (status was|stdout mismatch|stderr mismatch)/gm)) failed.add(name(m[1]));
  const finished = /^(All checks successful|Failed checks were:)$/m.test(out);
  return tests.map((test, i) => ({
    test,
    result: failed.has(test) ? 'FAIL' : skipped.has(test) ? 'SKIP' : !finished && i === tests.length - 1 ? 'ERROR' : 'PASS',
  }));
}

export default {
  dirs: ['checks', 'tests'],
  async prepare(ctx) {
    // checks/: its examples are extracted from the manual, which a Debian patch edits, so the
    // tarball's are stale (get-them runs on the host, with the AWK configure found there).
    // tests/: gnulib's test programs, and no results left from an earlier run.
    await ctx.run('make', ['all'], { cwd: 'checks' });
    await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS='], { cwd: 'tests' });
    // configure cannot try locales when cross-compiling and wrote 'none' into the tests' environment;
    // musl takes any locale name, with UTF-8 for LC_CTYPE, so the French UTF-8 tests can run.
    await ctx.run('sed', ['-i', "s/LOCALE_FR_UTF8='none'/LOCALE_FR_UTF8='fr_FR.UTF-8'/g", 'tests/Makefile']);
    for (const f of readdirSync(join(ctx.tree, 'tests'))) if (f.endsWith('.trs')) rmSync(join(ctx.tree, 'tests', f));
  },
  // checks/ is not automake's harness: its Makefile runs check-them from check-local. configure
  // found the host's mawk; the image's awk is gawk.
  script: 'if test -x check-them; then make SHELL=/bin/sh check-local; else make -j2 SHELL=/bin/sh AWK=awk check-TESTS; fi',
  results(tree, log) {
    return [...checkThemResults(log), ...automakeResults(join(tree, 'tests')).map((r) => ({ ...r, test: `tests/${r.test}` }))];
  },
  known: {
    'checks/198.sysval': "dash (the image's /bin/sh, as Debian's) reports \"Killed\" for the inner shell the example kills; the same failure natively on Debian",
    'checks/stackovf.test': 'V8 exhausts the wasm call stack and m4 dies of SIGSEGV; its c-stack handler cannot run to diagnose the overflow',
    'tests/test-c-stack.sh': STACK,
    'tests/test-c-stack2.sh': `${STACK}; its deliberate NULL dereference does not fault either (address 0 is valid wasm memory)`,
    'tests/test-nl_langinfo.sh': NO_LOCALE_DATA,
    'tests/test-strtod1.sh': 'musl has no locale data: in fr_FR.UTF-8 the decimal point stays ".", so strtod stops at the comma of "1,5"',
    'tests/test-sigsegv-catch-segv1': NO_SIGSEGV,
    'tests/test-sigsegv-catch-segv2': NO_SIGSEGV,
    'tests/test-sigsegv-catch-stackoverflow1': STACK,
    'tests/test-sigsegv-catch-stackoverflow2': STACK,
  },
};
