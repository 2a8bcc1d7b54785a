// diffutils' own test suite (tests/) and gnulib's (gnulib-tests/), both automake's parallel
// harness, in the kernel. The recipe builds lib/ and src/ only; `make check TESTS=` in each dir
// builds gnulib's test programs with the SDK (tests/ needs nothing more than src/).
const NO_SIGSEGV = 'wasm has no memory protection: mprotect(PROT_READ) does not make a write fault, so no SIGSEGV reaches the handler';
const STACK = 'V8 exhausts the wasm call stack and the process dies of SIGSEGV; no handler (c-stack, sigsegv) can run';

const dirs = ['tests', 'gnulib-tests'];

export default {
  dirs,
  async prepare(ctx) {
    for (const d of dirs) await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS='], { cwd: d });
    // configure cannot try locales when cross-compiling and wrote 'none' into the tests' environment;
    // musl takes any locale name, with UTF-8 for LC_CTYPE, so the French UTF-8 tests can run.
    await ctx.run('sed', ['-i', "s/LOCALE_FR_UTF8='none'/LOCALE_FR_UTF8='fr_FR.UTF-8'/g", 'gnulib-tests/Makefile']);
  },
  makeArgs: [
    // configure found the host's mawk; the image's awk is gawk.
    'AWK=awk',
    // help-version asks src/Makefile for its programs with MAKEFLAGS cleared, so that make runs
    // recipes with the Makefile's SHELL, the host's /bin/bash, which the image lacks.
    'built_programs=echo cmp diff diff3 sdiff',
  ],
  known: {
    'tests/large-subopt': 'expected to fail, but its check pipes diff into perl, which the image lacks, so the failure is never seen (XPASS)',
    'gnulib-tests/test-nl_langinfo.sh': "musl has no locale data: fr_FR.UTF-8 has the C locale's LC_NUMERIC and LC_MONETARY (no currency symbol)",
    'gnulib-tests/test-sigsegv-catch-segv1': NO_SIGSEGV,
    'gnulib-tests/test-sigsegv-catch-segv2': NO_SIGSEGV,
    'gnulib-tests/test-sigsegv-catch-stackoverflow1': STACK,
    'gnulib-tests/test-sigsegv-catch-stackoverflow2': STACK,
    'gnulib-tests/test-c-stack.sh': STACK,
    'gnulib-tests/test-c-stack2.sh': `${STACK}; its deliberate NULL dereference does not fault either (address 0 is valid wasm memory)`,
  },
};
