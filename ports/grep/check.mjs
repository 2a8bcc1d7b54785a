// grep's own test suite (tests/) and gnulib's module tests (gnulib-tests/), automake's parallel
// harness, in the kernel. The recipe builds only lib/ and src/; doc/ is never needed here (its
// grep.info would need makeinfo).
export default {
  dirs: ['tests', 'gnulib-tests'],
  async prepare(ctx) {
    for (const d of ['tests', 'gnulib-tests']) await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS='], { cwd: d });
  },
  // configure found the host's perl; the image has none, so the .pl tests go to the suite's own
  // no-perl stand-in, which marks them skipped. It found the host's mawk too, which writes
  // test-suite.log: the image's awk is gawk.
  makeArgs: ['TESTSUITE_PERL=$(SHELL) $(srcdir)/no-perl', 'AWK=awk'],
  // A wasm trap (V8's call-stack limit; an access past the memory) ends the wasm call stack: the
  // kernel ends the process with the signal Linux would send (SIGSEGV) but no handler can run,
  // and wasm's linear memory has no protection (address 0 is ordinary memory, mprotect does not
  // make a page unwritable), so gnulib's c-stack and sigsegv modules have nothing to catch.
  known: {
    'tests/stack-overflow': "grep's c-stack handler cannot run: the deep regex recursion exhausts V8's wasm call stack, a trap the kernel turns into death by SIGSEGV, so no \"stack overflow\" message",
    'gnulib-tests/test-c-stack.sh': "the recursion exhausts V8's wasm call stack: a trap, death by SIGSEGV, no handler runs to print \"stack overflow\"",
    'gnulib-tests/test-c-stack2.sh': 'dereferencing NULL does not fault in wasm (address 0 is ordinary linear memory), so no "program error"; the recursion then dies by SIGSEGV (a trap)',
    'gnulib-tests/test-sigsegv-catch-segv1': 'mprotect cannot make wasm linear memory read-only: the write to the PROT_READ page succeeds, no SIGSEGV',
    'gnulib-tests/test-sigsegv-catch-segv2': 'mprotect cannot make wasm linear memory read-only: the write to the PROT_READ page succeeds ("no SIGSEGV?!")',
    'gnulib-tests/test-sigsegv-catch-stackoverflow1': "the recursion exhausts V8's wasm call stack: a trap, which cannot run the SIGSEGV handler (death by SIGSEGV)",
    'gnulib-tests/test-sigsegv-catch-stackoverflow2': "the recursion exhausts V8's wasm call stack: a trap, which cannot run the SIGSEGV handler (death by SIGSEGV)",
  },
};
