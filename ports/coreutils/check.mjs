// coreutils' own test suite (tests/, run from the top Makefile through tests/local.mk) in the
// kernel: every test, ~600 (.sh, .pl and .xpl; the factor tests are generated from a template and
// skip as "very expensive"). The whole set takes about 34 minutes on a loaded 2-core machine, so no
// subset is chosen; COREUTILS_TESTS='tests/ls/a.sh tests/cp/b.sh' runs only those (re-checks).
const only = process.env.COREUTILS_TESTS;

export default {
  // A re-check of some tests: their results replace those of the last full run (test-ports).
  subset: Boolean(only),
  // SUBDIRS=.: the programs and the test files of the top Makefile only (po/ has nothing to build;
  // gnulib-tests/ is not run: its ~300 programs would add their build and run time to the above).
  async prepare(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS=', 'SUBDIRS=.']);
  },
  // configure found the host's perl; the image has none, so the .pl/.xpl tests go to the suite's
  // own no-perl stand-in, which marks them skipped (the .sh tests needing perl skip by themselves).
  // configure found the host's mawk (the image's awk is gawk) and /bin/bash (none in the image:
  // tests run $SHELL).
  makeArgs: [
    'TESTSUITE_PERL=$(SHELL) $(srcdir)/tests/no-perl',
    'AWK=awk',
    'PREFERABLY_POSIX_SHELL=/bin/sh',
    ...(only ? [`TESTS=${only}`] : []),
  ],
  known: {
    'tests/misc/chroot-credentials': "expects root's supplementary groups to hold group 0, as after a login; a kernel's first process has none (Linux's init, a container), and the test fails the same way natively on this machine: `chroot --userspec=:65534 / id -G` gives 65534, not '65534 0'",
    'tests/cp/preserve-slink-time': "hostfs sets times with Node's fs.lutimes, which libuv cuts to microseconds: cp -p gives the link a time that differs in the nanoseconds",
  },
};
