// GNU tar: built from the bookworm source package with Debian's patches applied; laid out as
// Debian's tar package: /bin/tar, the remote tape server as /usr/sbin/rmt-tar and Debian's tarcat
// script in /usr/sbin.
export default {
  source: { package: 'tar', version: '1.34+dfsg-1.2+deb12u1', suite: 'bookworm' },

  // Debian's patches edit only C sources, tests/listed03.at and po/it.po, so this does nothing for
  // this version.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr, --libexecdir=/usr/sbin (where tar looks for rmt: /usr/sbin/rmt), RSH and
  // --with-lzma=xz as Debian's. No NLS (no gettext catalogs in the image), POSIX ACLs, SELinux or
  // xattrs (no library or kernel support). The compressors (-z, -j, -J, ...) are run by name from
  // PATH, as in Debian.
  configure: [
    '--prefix=/usr',
    '--libexecdir=/usr/sbin',
    '--with-lzma=xz',
    '--disable-nls',
    '--without-posix-acls',
    '--without-selinux',
    '--without-xattrs',
    '--disable-dependency-tracking',
    // The remote shell for host:file archives, compiled in (configure would look for one on the
    // build machine); Debian's path. No rsh is ported, so such archives fail as on a Debian
    // system without rsh.
    'RSH=/usr/bin/rsh',
  ],

  // gnulib (gnu/), paxutils' lib/, rmt and tar. Not doc/ (the dfsg tarball has no manual), po/
  // (no NLS), scripts/ (the backup scripts are Debian's tar-scripts package) or tests/.
  async build(ctx) {
    for (const dir of ['gnu', 'lib', 'rmt', 'src']) await ctx.run('make', [`-j${ctx.jobs}`], { cwd: dir });
  },

  // Debian renames rmt to rmt-tar and points /usr/sbin/rmt at it with update-alternatives
  // (here a plain symlink: the only rmt), and /etc/rmt at /usr/sbin/rmt.
  async install(ctx) {
    ctx.install('src/tar', '/bin/tar', 0o755);
    ctx.install('rmt/rmt', '/usr/sbin/rmt-tar', 0o755);
    ctx.symlink('rmt-tar', '/usr/sbin/rmt');
    ctx.symlink('/usr/sbin/rmt', '/etc/rmt');
    ctx.install('debian/tarcat', '/usr/sbin/tarcat', 0o755);
  },
};
