// GNU findutils (find, xargs): built from the bookworm source package with Debian's patches
// applied. Debian's findutils binary package ships only find and xargs (locate and updatedb are
// the separate `locate` package), so only those two are built and installed, in /usr/bin.
export default {
  source: { package: 'findutils', version: '4.9.0-4', suite: 'bookworm' },

  // Debian's 20_gettext_macro_update.diff edits configure.ac (gettext version macros), so the
  // generated files are stale; autoreconf takes AM_GNU_GETTEXT_REQUIRE_VERSION from the host's
  // gettext.m4. The tarball carries gettext's po/ files, so autopoint is skipped.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr and d_type optimisation (readdir's d_type spares find a stat per entry; the
  // default anyway) as Debian's. No NLS (no gettext catalogs in the image), no SELinux (not ported).
  configure: [
    '--prefix=/usr',
    '--disable-nls',
    '--without-selinux',
    '--enable-d_type-optimisation',
    '--disable-dependency-tracking',
  ],

  // gnulib (gl/), the shared library (lib/) and the two programs: autoreconf makes configure newer
  // than doc/find.texi's version stamp, and remaking find.info would need makeinfo (texinfo).
  async build(ctx) {
    for (const dir of ['gl', 'lib', 'find', 'xargs']) await ctx.run('make', [`-j${ctx.jobs}`], { cwd: dir });
  },

  async install(ctx) {
    ctx.install('find/find', '/usr/bin/find', 0o755);
    ctx.install('xargs/xargs', '/usr/bin/xargs', 0o755);
  },
};
