// zlib, the library only: built from the bookworm source package with Debian's patches applied;
// libz.a, zlib.h, zconf.h and zlib.pc as Debian's zlib1g-dev has them (without the multiarch
// directory), for the ports that link it. zlib's own test programs, example and minigzip, are built
// too but not installed (Debian ships neither): the smoke test runs them from the kept build tree.
export default {
  source: { package: 'zlib', version: '1:1.2.13.dfsg-1', suite: 'bookworm' },

  // zlib's configure is its own script, not autoconf's: it takes the tools from the environment
  // (CHOST names the target; CC, AR, RANLIB, NM override the CHOST-prefixed names), rejects the
  // --host/--build that wasm32posix-configure passes, and has --static instead of --disable-shared.
  // So it is run here, and nothing is returned for wasm32posix-configure. --prefix=/usr as Debian's
  // (zlib.pc's prefix); libdir is ${exec_prefix}/lib, /usr/lib. CFLAGS is left to configure's -O3
  // (Debian's, less its hardening flags and -D_REENTRANT, which musl's headers ignore).
  // KANDELO_NO_POLL=1 as wasm32posix-configure sets it: the test programs configure links are
  // thrown away, so they skip the post-link loop polling (~0.7 s each).
  async configure(ctx) {
    const env = { CHOST: 'wasm32-unknown-linux-musl', CC: 'wasm32posix-cc', AR: 'wasm32posix-ar', RANLIB: 'wasm32posix-ranlib', NM: 'wasm32posix-nm', KANDELO_NO_POLL: '1' };
    await ctx.run('./configure', ['--static', '--prefix=/usr'], { env });
  },

  // The default target with --static: libz.a, example and minigzip, and their builds with
  // -D_FILE_OFFSET_BITS=64, example64 and minigzip64 (configure found off64_t). Not `make test`: it
  // runs them on the build machine.
  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`]);
  },

  async install(ctx) {
    ctx.install('libz.a', '/usr/lib/libz.a');
    ctx.install('zlib.h', '/usr/include/zlib.h');
    ctx.install('zconf.h', '/usr/include/zconf.h');
    ctx.install('zlib.pc', '/usr/lib/pkgconfig/zlib.pc');
  },
};
