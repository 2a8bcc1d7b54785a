// GNU sed, Debian's /bin/sed: built from the bookworm source package with Debian's patches applied.
// bookworm's sed is 4.9-1+deb12u1 (a point-release update); 4.9-1 is no longer in the archive.
export default {
  source: { package: 'sed', version: '4.9-1+deb12u1', suite: 'bookworm' },

  // Regenerate the autotools outputs only if Debian's patches edit their inputs.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi']);
  },

  // Passed to wasm32posix-configure. No NLS (no gettext catalogs in the image), no SELinux or ACL
  // libraries (not ported).
  configure: ['--disable-nls', '--without-selinux', '--disable-acl', '--disable-dependency-tracking'],

  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`]);
  },

  async install(ctx) {
    ctx.install('sed/sed', '/bin/sed', 0o755);
  },
};
