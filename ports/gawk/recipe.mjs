// GNU awk: built from the bookworm source package with Debian's patches applied; /usr/bin/gawk,
// with /usr/bin/awk pointing at it (Debian's alternatives link, when gawk is the awk).
export default {
  source: { package: 'gawk', version: '1:5.2.1-2', suite: 'bookworm' },

  // No autoreconf: Debian's patches that edit Makefile.am (support/, test/) edit the generated
  // Makefile.in to match, after it, so the generated files are up to date.

  // --prefix=/usr (AWKPATH's default, /usr/share/awk) and --disable-rpath as Debian's. No NLS (no
  // gettext catalogs in the image), no MPFR (-M), readline or libsigsegv (none is ported), no
  // persistent memory allocator (pma: x86-64/Linux only, it maps a heap file at a fixed address),
  // no dynamic extensions (wasm32 modules are linked statically: there is no dlopen).
  configure: [
    '--prefix=/usr',
    '--disable-rpath',
    '--disable-nls',
    '--disable-mpfr',
    '--without-readline',
    '--disable-pma',
    '--disable-extensions',
    '--disable-dependency-tracking',
  ],

  // Only the support library and the program: the other subdirectories are the manuals (which
  // would need makeinfo), awklib's helper programs, extensions, and tests.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'support' });
    await ctx.run('make', [`-j${ctx.jobs}`, 'gawk']);
  },

  async install(ctx) {
    ctx.install('gawk', '/usr/bin/gawk', 0o755);
    ctx.symlink('gawk', '/usr/bin/awk');
  },
};
