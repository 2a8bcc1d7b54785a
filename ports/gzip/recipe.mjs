// GNU gzip: built from the bookworm source package with Debian's patches applied; the program and
// its shell scripts (gunzip, zcat, zgrep, zdiff, ...) in /bin, as Debian installs them.

// The scripts the top-level Makefile generates from <name>.in (bin_SCRIPTS; zless too, see
// ac_cv_prog_LESS below). Debian's package has every one of them in /bin.
const SCRIPTS = ['gunzip', 'gzexe', 'zcat', 'zcmp', 'zdiff', 'zegrep', 'zfgrep', 'zforce', 'zgrep', 'zless', 'zmore', 'znew'];

export default {
  source: { package: 'gzip', version: '1.12-1', suite: 'bookworm' },

  // Debian's disable-Werror.patch edits configure.ac, so the generated files are stale (Debian's
  // rules run autoreconf too).
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi']);
  },

  // --prefix=/usr --bindir=/bin as Debian's.
  configure: [
    '--prefix=/usr',
    '--bindir=/bin',
    '--disable-dependency-tracking',
    // The scripts run $GREP (zgrep, zegrep, zfgrep); configure would put the build machine's
    // absolute path in them. Debian's rules pass GREP=grep too: the grep found in PATH.
    'GREP=grep',
    // zless is built only if configure finds less on the build machine; Debian's package has it.
    'ac_cv_prog_LESS=less',
    // configure tries to assemble lib/match.c (x86 asm for longest_match) with the target's
    // compiler; there is no wasm32 version, so the C one is used (Debian's DEFS=NO_ASM, likewise).
    'gzip_cv_assembler=no',
    // The scripts' #! line is the shell AC_PROG_SHELL picks, the builder's $SHELL first (often
    // /bin/bash, which the image does not have); the guest's POSIX shell is /bin/sh (dash).
    'ac_cv_path_shell=/bin/sh',
  ],

  // gnulib (lib/), then the program and the scripts in the top directory (version.h first: it is
  // one of the BUILT_SOURCES a plain `make` would make first). Not doc/: a Debian patch edits
  // doc/gzip.texi, and remaking gzip.info would need makeinfo (texinfo).
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'lib' });
    await ctx.run('make', ['version.h', 'version.c']);
    await ctx.run('make', [`-j${ctx.jobs}`, 'gzip', ...SCRIPTS]);
  },

  // upstream's install hook makes uncompress a hard link to gunzip; here it is a copy.
  async install(ctx) {
    ctx.install('gzip', '/bin/gzip', 0o755);
    for (const s of SCRIPTS) ctx.install(s, `/bin/${s}`, 0o755);
    ctx.install('gunzip', '/bin/uncompress', 0o755);
  },
};
