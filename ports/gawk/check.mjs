// gawk's own test suite (test/): not automake's harness. `make check` there runs each test as a
// make target that echoes its name, runs gawk into `_<name>` and compares that with `<name>.ok`,
// removing `_<name>` when they match; the failures are the `_*` files left behind, which its
// pass-fail target counts ("ALL TESTS PASSED" or "N TESTS FAILED"). The groups whose features the
// build lacks say so and run nothing: shared-library extensions (no dlopen), MPFR, the persistent
// memory allocator and the array-debug build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The Makefile's test lists that `check` runs (and the charset tests, run apart: see script), and
// the message each group the build cannot run prints instead of running it.
const GROUPS = {
  BASIC_TESTS: null,
  UNIX_TESTS: null,
  GAWK_EXT_TESTS: null,
  MACHINE_TESTS: null,
  LOCALE_CHARSET_TESTS: null,
  SHLIB_TESTS: 'shlib tests not supported on this system',
  NEED_MPFR: 'MPFR tests not supported on this system',
  NEED_PMA: 'PMA tests not supported on this system',
  ARRAYDEBUG_TESTS: 'gawk is not compiled to support the array debug tests',
};

/** The words of variable `name` in Makefile text `mk` (continuation lines joined). */
function listOf(mk, name) {
  const m = new RegExp(`^${name}\\s*=((?:.*\\\\\\n)*.*)$`, 'm').exec(mk);
  return m ? m[1].replaceAll('\\\n', ' ').split(/\s+/).filter(Boolean) : [];
}

/** The test a leftover `_*` file belongs to: `_t`, `_t.1`, `_2t` (getlnbuf), or a special case. */
function ownerOf(file, tests) {
  const name = file.slice(1);
  const special = { out1: 'messages', out2: 'messages', out3: 'messages', 'pbd.awk': 'poundbang' };
  if (special[name]) return special[name];
  if (tests.has(name)) return name;
  const dot = name.indexOf('.');
  if (dot > 0 && tests.has(name.slice(0, dot))) return name.slice(0, dot);
  if (name.startsWith('2') && tests.has(name.slice(1))) return name.slice(1);
  return undefined;
}

export default {
  dirs: ['test'],
  // Nothing to build: the tests run ../gawk, which the recipe built. (`make check TESTS=` would run
  // the whole suite on the host.)
  prepare() {},
  // Leftovers of an earlier run would count as failures. `check` skips the charset tests unless
  // `locale -a` (glibc's tool, which the image lacks) lists en_US, fr_FR, ru_RU and ja_JP UTF-8
  // locales; musl takes any such name as a UTF-8 locale, so they run afterwards, as the group
  // `check` would have run.
  script: 'rm -fr _*; make -j2 SHELL=/bin/sh check; make -j2 SHELL=/bin/sh charset-msg-start charset-tests charset-msg-end',
  results(tree, log) {
    const mk = readFileSync(join(tree, 'test/Makefile'), 'utf8');
    // Each test echoes its name (some followed by a note) as it starts.
    const echoed = new Set(log.split('\n').map((l) => l.trim().split(' ')[0]));
    const rows = new Map();
    for (const [group, skipped] of Object.entries(GROUPS)) {
      const skip = skipped && log.includes(skipped);
      for (const test of listOf(mk, group)) rows.set(test, skip ? 'SKIP' : echoed.has(test) ? 'PASS' : 'ERROR');
    }
    const dir = join(tree, 'test');
    for (const f of readdirSync(dir).filter((n) => n.startsWith('_'))) {
      const test = ownerOf(f, new Set(rows.keys()));
      rows.set(test ?? `leftover ${f}`, 'FAIL');
    }
    return [...rows].map(([test, result]) => ({ test, result })).sort((a, b) => a.test.localeCompare(b.test));
  },
  known: {
    backsmalls1: "musl's iswspace leaves out U+1680 OGHAM SPACE MARK on purpose (it has a visible glyph), so /^\\s$/ does not match it; glibc's UTF-8 locales count it as a space (the same natively with musl)",
    clos1way6: "musl's stdout starts line-buffered and learns it is not a terminal only at its first write, so gawk's first stdout line goes out at once rather than at exit, racing the co-process's cat writing test1 to stderr (fails natively with musl too; glibc holds the line until after the co-process ends)",
    commas: "musl's LC_NUMERIC is always C's: localeconv() gives no thousands separator in en_US.UTF-8, so %'d prints no commas (the same natively with musl)",
    nonfatal3: 'the kernel has no sockets yet (socket() gives EAFNOSUPPORT): with AI_ADDRCONFIG musl\'s getaddrinfo then finds no address family configured and answers "Name does not resolve", so gawk warns that localhost:0 is invalid instead of failing the connect quietly',
    timeout: 'timing: reads the first line of `sh -c "echo hello; ..."` with a 400 ms READ_TIMEOUT; passes alone, but with the suite at -j2 on a loaded 2-core machine starting the child sh in the kernel can take longer',
  },
};
