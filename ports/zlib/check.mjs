// zlib's own test (`make test`: teststatic and test64, a round trip of "hello world" through
// minigzip and minigzip -d, then example's run of the library's API) in the kernel. Not automake's
// harness: each target prints `*** zlib test OK ***` or `*** zlib 64-bit test OK ***`, or FAILED.
// The recipe built example, minigzip and their -D_FILE_OFFSET_BITS=64 builds (example64,
// minigzip64), so nothing needs preparing; `make check` on the host would run them there.
const TARGETS = { teststatic: 'zlib test', test64: 'zlib 64-bit test' };

export default {
  prepare() {},
  // Only the two targets that run programs: `test` itself also depends on `all`, whose programs
  // the recipe built (make finds them up to date either way). -k: test64 runs when teststatic fails.
  script: `make -k SHELL=/bin/sh ${Object.keys(TARGETS).join(' ')}`,
  results(tree, log) {
    return Object.entries(TARGETS).map(([test, banner]) => {
      const m = new RegExp(`\\*\\*\\* ${banner} (OK|FAILED) \\*\\*\\*`).exec(log);
      return { test, result: m ? (m[1] === 'OK' ? 'PASS' : 'FAIL') : 'ERROR' };
    });
  },
  known: {},
};
