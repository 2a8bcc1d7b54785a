// XZ Utils (xz, xzdec, lzmainfo, the xz* scripts) and liblzma: built from the bookworm source
// package with Debian's patches applied, laid out as Debian's xz-utils, xzdec and liblzma-dev
// packages have them (liblzma.a, lzma.h and lzma/ in /usr/lib and /usr/include, without the
// multiarch directory, for the ports that link it).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export default {
  source: { package: 'xz-utils', version: '5.4.1-1+deb12u1', suite: 'bookworm' },

  // No autoreconf: Debian's patches edit only sources and translations (po/), no autotools input.

  // --prefix=/usr and --enable-threads as Debian's (POSIX threads, the default: the kernel has
  // them, so xz -T compresses and decompresses in parallel). No NLS (no gettext catalogs in the image).
  // gl_cv_posix_shell=/bin/sh: the shell in the scripts' #! line, as Debian's rules set it (the
  // check would take the build machine's). xzdec and lzmadec are built in the same tree against the
  // same liblzma (Debian builds them again apart, small: -Os, --enable-small, decoders only).
  configure: [
    '--prefix=/usr',
    '--disable-nls',
    '--enable-threads',
    '--disable-dependency-tracking',
    'gl_cv_posix_shell=/bin/sh',
  ],

  // liblzma, xzdec, xz, lzmainfo and the scripts; not po/ (no NLS) or tests/.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`], { cwd: 'src' });
  },

  async install(ctx) {
    ctx.install('src/xz/xz', '/usr/bin/xz', 0o755);
    ctx.install('src/lzmainfo/lzmainfo', '/usr/bin/lzmainfo', 0o755);
    for (const link of ['unxz', 'xzcat']) ctx.symlink('xz', `/usr/bin/${link}`);
    for (const script of ['xzdiff', 'xzgrep', 'xzless', 'xzmore']) ctx.install(`src/scripts/${script}`, `/usr/bin/${script}`, 0o755);
    ctx.symlink('xzdiff', '/usr/bin/xzcmp');
    ctx.symlink('xzgrep', '/usr/bin/xzegrep');
    ctx.symlink('xzgrep', '/usr/bin/xzfgrep');
    // Debian points the lzma names at the xz ones through the alternatives system (the `lzma`
    // alternative, set by xz-utils' postinst); here they are plain links to the same targets.
    ctx.symlink('xz', '/usr/bin/lzma');
    ctx.symlink('unxz', '/usr/bin/unlzma');
    for (const util of ['cat', 'more', 'less', 'diff', 'cmp', 'grep', 'egrep', 'fgrep']) ctx.symlink(`xz${util}`, `/usr/bin/lz${util}`);
    // The xzdec package.
    ctx.install('src/xzdec/xzdec', '/usr/bin/xzdec', 0o755);
    ctx.install('src/xzdec/lzmadec', '/usr/bin/lzmadec', 0o755);
    // liblzma-dev: the static library (libtool keeps it in .libs), the headers, the pkg-config file.
    ctx.install('src/liblzma/.libs/liblzma.a', '/usr/lib/liblzma.a');
    ctx.install('src/liblzma/liblzma.pc', '/usr/lib/pkgconfig/liblzma.pc');
    ctx.install('src/liblzma/api/lzma.h', '/usr/include/lzma.h');
    for (const h of readdirSync(join(ctx.srcDir, 'src/liblzma/api/lzma')).filter((n) => n.endsWith('.h'))) {
      ctx.install(`src/liblzma/api/lzma/${h}`, `/usr/include/lzma/${h}`);
    }
  },
};
