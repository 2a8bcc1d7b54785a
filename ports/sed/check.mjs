// sed's own test suite (testsuite/, automake's parallel harness) in the kernel. Not gnulib-tests:
// SUBDIRS=. keeps the host-side build to sed's own test programs.
export default {
  async prepare(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`, 'check', 'TESTS=', 'SUBDIRS=.']);
  },
  // configure found the host's perl; the image has none, so the .pl tests go to the suite's own
  // no-perl stand-in, which marks them skipped.
  makeArgs: ['TESTSUITE_PERL=$(SHELL) $(srcdir)/testsuite/no-perl'],
  known: {},
};
