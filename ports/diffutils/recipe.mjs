// GNU diffutils (diff, cmp, diff3, sdiff): built from the bookworm source package with Debian's
// patches applied; installed in /usr/bin as Debian does.
export default {
  source: { package: 'diffutils', version: '1:3.8-4', suite: 'bookworm' },

  // Debian's loongarch patch edits m4/*.m4 (and lib/sigsegv.c), so the generated files are stale.
  // The tarball carries gettext's po/ and m4 files, so autopoint is skipped.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr: diff3 and sdiff run the diff at $bindir/diff. No NLS (no gettext catalogs in
  // the image), no libsigsegv (not ported).
  // gnulib's stack-direction check runs a test program, so a cross build leaves STACK_DIRECTION at 0
  // and gnulib's own sigsegv.c (used without libsigsegv) then fails to compile; wasm32's stack (the
  // shadow stack in linear memory) grows down. Both variables: the _msg one is the cached one.
  configure: [
    '--prefix=/usr',
    '--disable-nls',
    '--without-libsigsegv',
    '--disable-dependency-tracking',
    'sv_cv_stack_direction=-1',
    'sv_cv_stack_direction_msg=grows down',
  ],

  // Only gnulib (lib/) and the programs (src/): autoreconf makes configure newer than the manual's
  // version stamp, and remaking diffutils.info would need makeinfo (texinfo).
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'lib' });
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'src' });
  },

  async install(ctx) {
    for (const prog of ['diff', 'cmp', 'diff3', 'sdiff']) ctx.install(`src/${prog}`, `/usr/bin/${prog}`, 0o755);
  },
};
