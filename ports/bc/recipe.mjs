// GNU bc and dc: built from the bookworm source package with Debian's patches applied; Debian
// splits it into the bc and dc packages, /usr/bin/bc and /usr/bin/dc, both installed here.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default {
  source: { package: 'bc', version: '1.07.1-3', suite: 'bookworm' },

  // Debian's circular-dependency patch edits bc/Makefile.am, so the generated files are stale
  // (Debian autoreconfs too, debhelper compat 11). Its other patches edit bc.y and scan.l together
  // with the generated bc.c and scan.c, with the same mtime, so neither bison nor flex runs.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac)$/)) await ctx.run('autoreconf', ['-fi']);
    // Debian's read/write-error patch calls lib/number.c's checkferror_input/_output from dc's
    // files without declaring them (gcc only warns). clang rejects the implicit declarations, and
    // an implicit `int f()` would not match the definition's wasm signature (wasm-ld would turn
    // the calls into traps): dc-proto.h, which every dc file includes after <stdio.h>, gets them.
    appendFileSync(
      join(ctx.srcDir, 'dc/dc-proto.h'),
      '\n/* Added by the kandelo port: defined in lib/number.c. */\nextern void checkferror_input DC_PROTO((FILE *));\nextern void checkferror_output DC_PROTO((FILE *));\n',
    );
  },

  // --prefix=/usr as Debian's, and the one of Debian's extra CFLAGS that changes anything:
  // DONTEXIT, an interrupt at bc's prompt says "use quit" instead of exiting (DOT_IS_LAST is
  // scan.l's default, and _POSIX_SOURCE is overridden by config.h's _GNU_SOURCE). No readline or
  // libedit (neither is ported; without --with-readline configure looks for neither).
  configure: ['--prefix=/usr', '--disable-dependency-tracking', 'CPPFLAGS=-DDONTEXIT'],

  // bc's math library (libmath.b, s() c() a() l() e() j()) is compiled into bc: the upstream
  // libmath.h rule links fbc (bc with an empty library) and runs it to print libmath.b's bytecode.
  // A cross build cannot run fbc on the host, so these steps are done here, fbc running in the
  // kernel; libmath.h is then newer than everything its rule depends on, and make leaves it alone.
  // Only lib/, bc/ and dc/: a Debian patch edits the texinfo manuals (remaking them needs makeinfo).
  async build(ctx) {
    const make = (cwd, ...args) => ctx.run('make', [`-j${ctx.jobs}`, ...args], { cwd });
    await make('lib');
    // global.c includes libmath.h: fbc is built with an empty library, as the upstream rule does.
    writeFileSync(join(ctx.srcDir, 'bc/libmath.h'), '{0}\n');
    // The link command of the upstream rule, in a makefile that reuses bc/Makefile's variables.
    writeFileSync(
      join(ctx.srcDir, 'bc/fbc.mk'),
      'include Makefile\nfbc: $(fbcOBJ) global_foo.o $(LIBBC)\n\t$(LINK) $(fbcOBJ) global_foo.o $(LIBBC) $(LIBL) $(READLINELIB) $(LIBS)\n',
    );
    await make('bc', '-f', 'fbc.mk', 'fbc');
    // fbc -c compiles the files named and then reads stdin: the driver's stdin is /dev/null.
    await ctx.runInKernel('bc/fbc', ['-c', 'libmath.b'], { cwd: 'bc', stdout: 'bc/libmath.h' });
    // Turns the bytecode lines into a C string array (an ed script: ed is a host tool).
    await ctx.run('./fix-libmath_h', [], { cwd: 'bc' });
    await ctx.run('rm', ['-f', 'fbc', 'global_foo.o', 'fbc.mk'], { cwd: 'bc' });
    await make('bc');
    await make('dc');
  },

  async install(ctx) {
    ctx.install('bc/bc', '/usr/bin/bc', 0o755);
    ctx.install('dc/dc', '/usr/bin/dc', 0o755);
  },
};
