// XZ Utils' own test suite (tests/, automake's parallel harness) in the kernel: liblzma's test
// programs (check_PROGRAMS, built in prepare with the SDK against the recipe's liblzma) and the
// scripts that run the built xz, xzdec and the xz* scripts on the sample files in tests/files.
export default {
  dirs: ['tests'],
  known: {},
};
