// GNU coreutils: built from the bookworm source package with Debian's patches applied, as one
// multi-call binary (/usr/bin/coreutils) with a symlink per utility, laid out as Debian does.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

// Debian's debian/rules moves these to /bin (BIN_PROGS); the rest stay in /usr/bin, chroot goes
// to /usr/sbin. Debian drops kill, hostname and uptime (procps and hostname provide them there);
// here coreutils' own are installed, kill and hostname in /bin where those packages put them.
const ROOT_BIN = new Set([
  ...'cat chgrp chmod chown cp date dd df dir echo false ln ls mkdir mknod mv pwd readlink rm rmdir vdir sleep stty sync touch true uname mktemp'.split(' '),
  'kill',
  'hostname',
]);

export default {
  source: { package: 'coreutils', version: '9.1-1', suite: 'bookworm' },

  // Debian's patches edit only src/*.c, so this does nothing for 9.1-1.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac|.*\.m4)$/)) await ctx.run('autoreconf', ['-fi'], { env: { AUTOPOINT: 'true' } });
  },

  // --prefix=/usr as Debian's. Every utility (arch and hostname too, which upstream leaves out by
  // default; Debian adds arch) in one binary. No NLS (no gettext catalogs in the image), and none of
  // the optional libraries (SELinux, ACL, xattr, libcap, smack, GMP for factor and expr, OpenSSL
  // for the digests: none is ported; gnulib's own code is used). stdbuf is not built: it needs a
  // shared library (LD_PRELOAD), and wasm32 modules are linked statically.
  configure: [
    '--prefix=/usr',
    '--enable-single-binary=symlinks',
    '--enable-install-program=arch,hostname',
    '--disable-nls',
    '--without-selinux',
    '--disable-acl',
    '--disable-xattr',
    '--disable-libcap',
    '--disable-libsmack',
    '--without-libgmp',
    '--without-openssl',
    '--disable-dependency-tracking',
    // uptime reads /proc/uptime only if configure saw it, and the check refuses to look when cross
    // compiling; the kernel's procfs has it (without it uptime dies: no utmp boot record).
    'gl_cv_have_proc_uptime=yes',
  ],

  // Everything: when cross compiling the man pages come from the tarball (man/dummy-man), not from
  // help2man running the programs, and no patch touches the manual, so makeinfo is not needed.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`]);
  },

  // The build leaves src/<prog> -> coreutils for every utility it compiled in (src/[ included);
  // each gets a link in Debian's place for it.
  async install(ctx) {
    ctx.install('src/coreutils', '/usr/bin/coreutils', 0o755);
    const progs = readdirSync(join(ctx.srcDir, 'src')).filter((n) => {
      const st = lstatSync(join(ctx.srcDir, 'src', n));
      return st.isSymbolicLink() && readlinkSync(join(ctx.srcDir, 'src', n)) === 'coreutils';
    });
    if (progs.length < 100) throw new Error(`only ${progs.length} utilities were linked: ${progs.join(' ')}`);
    for (const built of progs.sort()) {
      // Built as ginstall (so make's `install` target is not confused); installed as install,
      // which the multi-call binary maps back to ginstall.
      const prog = built === 'ginstall' ? 'install' : built;
      if (ROOT_BIN.has(prog)) ctx.symlink('../usr/bin/coreutils', `/bin/${prog}`);
      else if (prog === 'chroot') ctx.symlink('../bin/coreutils', `/usr/sbin/${prog}`);
      else ctx.symlink('coreutils', `/usr/bin/${prog}`);
    }
  },
};
