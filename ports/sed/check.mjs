// sed's own test suite (testsuite/, automake's parallel harness) and gnulib's module tests
// (gnulib-tests/) in the kernel.
export default {
  dirs: ['.', 'gnulib-tests'],
  // SUBDIRS=. at the top: sed's own test programs only (po/ has nothing to build, and
  // gnulib-tests/ is built by its own make after it).
  async prepare(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS=', 'SUBDIRS=.']);
    await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS='], { cwd: 'gnulib-tests' });
  },
  // configure found the host's perl; the image has none, so the .pl tests go to the suite's own
  // no-perl stand-in, which marks them skipped. It found the host's mawk too, which writes
  // test-suite.log: the image's awk is gawk.
  makeArgs: ['TESTSUITE_PERL=$(SHELL) $(srcdir)/testsuite/no-perl', 'AWK=awk'],
  known: {
    'testsuite/panic-tests': 'the suite runs as root (uid 0) in the kernel, and root may create sed -i\'s temporary file in a read-only directory (as natively as root): the test expects EACCES',
  },
};
