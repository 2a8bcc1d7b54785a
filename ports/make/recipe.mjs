// GNU make: built from the bookworm source package (make-dfsg: upstream without the GFDL manual,
// Debian's changes in its .diff.gz) as Debian's `make` package builds it: /usr/bin/make, with
// /usr/bin/gmake pointing at it.
export default {
  source: { package: 'make-dfsg', version: '4.3-4.1', suite: 'bookworm' },

  // The tarball has no configure script (Debian builds with dh-autoreconf). It carries gettext's
  // po/ and m4 files, so autopoint is skipped.
  async prepare(ctx) {
    await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr as Debian's, and its ac_cv_lib_util_getloadavg=no (getloadavg comes from the C
  // library, not libutil). No Guile (not ported), no NLS (no gettext catalogs in the image), no
  // `load` directive (wasm32 modules are linked statically: there is no dlopen). Recipes run
  // through /bin/sh with posix_spawn (the kernel's spawn: no memory copy); a cross build cannot
  // run configure's check that posix_spawn fails synchronously, and then uses it, as on glibc.
  configure: [
    '--prefix=/usr',
    '--without-guile',
    '--disable-nls',
    '--disable-load',
    '--disable-dependency-tracking',
    'ac_cv_lib_util_getloadavg=no',
  ],

  // The gnulib library (lib/) and the program: po/ has nothing to build without NLS.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'lib' });
    await ctx.run('make', [`-j${ctx.jobs}`, 'make']);
  },

  async install(ctx) {
    ctx.install('make', '/usr/bin/make', 0o755);
    ctx.symlink('make', '/usr/bin/gmake');
  },
};
