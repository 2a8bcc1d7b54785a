// GNU grep, Debian's /bin/grep: built from the bookworm source package with Debian's patches applied.
export default {
  source: { package: 'grep', version: '3.8-5', suite: 'bookworm' },

  // Debian's 05-grep-wrapper-sh.patch edits src/Makefile.am, so regenerate. The tarball already
  // carries gettext's po/ and m4 files, so autopoint (gettext's dev tools) is skipped.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
    // Debian's 1019724-handle-backslash-warning.patch puts a declaration right after the label
    // `stray_backslash:` in lib/dfa.c, which gcc accepts but clang (before C23) rejects; an empty
    // statement after the label makes it valid C.
    await ctx.run('sed', ['-i', 's/^\\( *stray_backslash:\\)$/\\1;/', 'lib/dfa.c']);
  },

  // Passed to wasm32posix-configure. No NLS (no gettext catalogs in the image), no PCRE2 (-P) and
  // no libsigsegv (neither is ported).
  // gnulib's stack-direction check runs a test program, so a cross build leaves STACK_DIRECTION at 0
  // and gnulib's own sigsegv.c (used without libsigsegv) then fails to compile; wasm32's stack (the
  // shadow stack in linear memory) grows down. Both variables: the _msg one is the cached one.
  configure: [
    '--disable-nls',
    '--disable-perl-regexp',
    '--without-libsigsegv',
    '--disable-dependency-tracking',
    'sv_cv_stack_direction=-1',
    'sv_cv_stack_direction_msg=grows down',
  ],

  // Only gnulib (lib/) and the program (src/): a Debian patch touches doc/grep.texi, and remaking
  // grep.info would need makeinfo (texinfo), which the host does not have.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'lib' });
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'src' });
  },

  async install(ctx) {
    ctx.install('src/grep', '/bin/grep', 0o755);
    // Debian's wrappers (its 05-grep-wrapper-sh.patch: #!/bin/sh, `exec grep -E`/`-F`, no
    // obsolescence warning); the z*, bz* and xz* grep scripts and many test suites run them.
    ctx.install('src/egrep', '/bin/egrep', 0o755);
    ctx.install('src/fgrep', '/bin/fgrep', 0o755);
  },
};
