// GNU m4: built from the bookworm source package with Debian's patches applied; /usr/bin/m4 as in
// Debian.
export default {
  source: { package: 'm4', version: '1.4.19-3', suite: 'bookworm' },

  // Debian's loongarch patch edits m4/*.m4 (and lib/sigsegv.c), so the generated files are stale.
  // The tarball carries gettext's po/ and m4 files, so autopoint is skipped.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr and --disable-rpath as Debian's. No NLS (no gettext catalogs in the image), no
  // libsigsegv (not ported). syscmd and esyscmd run /bin/sh (the default).
  // gnulib's stack-direction check runs a test program, so a cross build leaves STACK_DIRECTION at 0
  // and gnulib's own sigsegv.c (used without libsigsegv) then fails to compile; wasm32's stack (the
  // shadow stack in linear memory) grows down. Both variables: the _msg one is the cached one.
  configure: [
    '--prefix=/usr',
    '--disable-rpath',
    '--disable-nls',
    '--without-libsigsegv',
    '--disable-dependency-tracking',
    'sv_cv_stack_direction=-1',
    'sv_cv_stack_direction_msg=grows down',
  ],

  // Only gnulib (lib/) and the program (src/): a Debian patch touches doc/m4.texi, and remaking
  // m4.info would need makeinfo (texinfo).
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'lib' });
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'src' });
  },

  async install(ctx) {
    ctx.install('src/m4', '/usr/bin/m4', 0o755);
  },
};
