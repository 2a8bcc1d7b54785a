// gzip's own test suite (tests/, automake's parallel harness) in the kernel; gzip has no
// gnulib-tests. The recipe built lib/ and the programs the tests run (gzip and its scripts in the
// top directory); `make check TESTS=` in tests/ builds nothing more (no check_PROGRAMS) and never
// goes into doc/ (makeinfo).
export default {
  dirs: ['tests'],
  // help-version runs every program of built_programs; zless runs less and zmore runs more, neither
  // of which the image has (no less or util-linux port), so those two are left out of the list.
  makeArgs: ['built_programs=gzip gunzip gzexe zcat zcmp zdiff zegrep zfgrep zforce zgrep znew'],
  known: {},
};
