// dash, Debian's /bin/sh: built from the bookworm source package with Debian's patches applied.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default {
  source: { package: 'dash', version: '0.5.12-2', suite: 'bookworm' },

  // Debian's patches edit configure.ac and Makefile.am, so the generated files are stale.
  async prepare(ctx) {
    if (ctx.patchesTouch(/(^|\/)(Makefile\.am|configure\.ac)$/)) await ctx.run('autoreconf', ['-fi']);
    // The times builtin is defined `int timescmd()` but called through the builtin table as
    // (int, char **): C lets that pass, a wasm call_indirect traps on the signature mismatch.
    const times = join(ctx.srcDir, 'src/bltin/times.c');
    const text = readFileSync(times, 'utf8');
    if (!text.includes('int timescmd() {')) throw new Error('dash: src/bltin/times.c no longer defines `int timescmd() {`');
    writeFileSync(times, text.replace('int timescmd() {', 'int timescmd(int argc, char **argv) {'));
  },

  // Passed to wasm32posix-configure (which adds --host and the SDK's tools). No line editing:
  // libedit is not ported.
  configure: ['--without-libedit', '--disable-dependency-tracking'],

  async build(ctx) {
    await ctx.run('make', [`-j${ctx.jobs}`]);
  },

  // Paths are absolute in the guest; ctx.install copies a file from the build tree.
  async install(ctx) {
    ctx.install('src/dash', '/bin/dash', 0o755);
    ctx.symlink('dash', '/bin/sh');
  },
};
