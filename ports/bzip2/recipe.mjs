// bzip2 and libbz2: built from the bookworm source package with Debian's patches applied. The
// programs and scripts go in /bin as in Debian's bzip2 package; libbz2.a and bzlib.h in /usr/lib and
// /usr/include (libbz2-dev's files, without the multiarch directory) for the ports that link it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The SDK's wrappers (on PATH in ctx.run). The Makefile's own CFLAGS are kept (-Wall -Winline -O2
// -g -D_FILE_OFFSET_BITS=64, Debian's too, less its hardening flags).
const TOOLS = ['CC=wasm32posix-cc', 'AR=wasm32posix-ar', 'RANLIB=wasm32posix-ranlib'];

export default {
  source: { package: 'bzip2', version: '1.0.8-5', suite: 'bookworm' },

  // bzip2recover prints its 64-bit bit offsets with "%Lu" under GCC-compatible compilers: glibc
  // takes L on an integer conversion as ll, musl rejects the format (printf fails with EINVAL and
  // prints nothing), and bzip2recover then takes that errno, still set at the end of the input, for
  // a read error. "%llu" is the standard spelling of the same format.
  prepare(ctx) {
    const file = join(ctx.srcDir, 'bzip2recover.c');
    const src = readFileSync(file, 'utf8');
    const fixed = src.replace('define MaybeUInt64_FMT "%Lu"', 'define MaybeUInt64_FMT "%llu"');
    if (fixed === src) throw new Error('bzip2recover.c: no MaybeUInt64_FMT "%Lu" to replace');
    writeFileSync(file, fixed);
  },

  // No configure script: a plain Makefile.

  // Debian's makefile.diff links bzip2 against libbz2.so, and wasm32 modules are linked statically
  // (the SDK has no -shared), so make builds the library, bzip2.o and bzip2recover, and bzip2 is
  // linked here against libbz2.a, as upstream's Makefile does. Not `make all`: its `test` target runs
  // the programs.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`, ...TOOLS, 'libbz2.a', 'bzip2.o', 'bzip2recover']);
    await ctx.run('wasm32posix-cc', ['-Wall', '-Winline', '-O2', '-g', '-D_FILE_OFFSET_BITS=64', '-o', 'bzip2', 'bzip2.o', 'libbz2.a']);
  },

  // As Debian's package has them, the links relative: bunzip2 and bzcat (hard links there) are
  // symlinks to bzip2, which chooses what to do by its name; bzexe is Debian's own script.
  async install(ctx) {
    ctx.install('bzip2', '/bin/bzip2', 0o755);
    ctx.symlink('bzip2', '/bin/bunzip2');
    ctx.symlink('bzip2', '/bin/bzcat');
    ctx.install('bzip2recover', '/bin/bzip2recover', 0o755);
    for (const script of ['bzgrep', 'bzmore', 'bzdiff']) ctx.install(script, `/bin/${script}`, 0o755);
    ctx.install('debian/bzexe', '/bin/bzexe', 0o755);
    ctx.symlink('bzgrep', '/bin/bzegrep');
    ctx.symlink('bzgrep', '/bin/bzfgrep');
    ctx.symlink('bzmore', '/bin/bzless');
    ctx.symlink('bzdiff', '/bin/bzcmp');
    ctx.install('libbz2.a', '/usr/lib/libbz2.a');
    ctx.install('bzlib.h', '/usr/include/bzlib.h');
  },
};
