// bzip2's own test (the Makefile's `test`, which `check` runs): compresses the three sample files
// at block sizes -1, -2 and -3 and decompresses the three reference .bz2 files (the third with -s,
// the small-memory decoder), comparing each output with the reference. The Makefile's recipe
// stops at the first failure and its `bzip2` target wants libbz2.so (Debian's patch; the recipe
// links bzip2 statically), so the same commands run here one by one, a row each.
const CASES = [
  ['sample1 -1', './bzip2 -1 < sample1.ref > sample1.rb2 && cmp sample1.bz2 sample1.rb2'],
  ['sample2 -2', './bzip2 -2 < sample2.ref > sample2.rb2 && cmp sample2.bz2 sample2.rb2'],
  ['sample3 -3', './bzip2 -3 < sample3.ref > sample3.rb2 && cmp sample3.bz2 sample3.rb2'],
  ['sample1 -d', './bzip2 -d < sample1.bz2 > sample1.tst && cmp sample1.tst sample1.ref'],
  ['sample2 -d', './bzip2 -d < sample2.bz2 > sample2.tst && cmp sample2.tst sample2.ref'],
  ['sample3 -ds', './bzip2 -ds < sample3.bz2 > sample3.tst && cmp sample3.tst sample3.ref'],
];
const LINE = /^bzip2-test: (PASS|FAIL) (.*)$/;

export default {
  // The recipe built bzip2; `make check` on the host would try to build libbz2.so and run it there.
  prepare() {},
  script: CASES.map(([name, cmd]) => `if ${cmd}; then echo 'bzip2-test: PASS ${name}'; else echo 'bzip2-test: FAIL ${name}'; fi`).join('; '),
  results(tree, log) {
    const seen = new Map();
    for (const line of log.split('\n')) {
      const m = LINE.exec(line);
      if (m) seen.set(m[2], m[1]);
    }
    return CASES.map(([test]) => ({ test, result: seen.get(test) ?? 'ERROR' }));
  },
  known: {},
};
