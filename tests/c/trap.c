#include <stdio.h>
#include <string.h>
/* Dies by a wasm trap: "oob" -> out-of-bounds store (SIGSEGV), "unreachable" -> SIGILL, "div" -> SIGFPE. */
int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "oob";
  fflush(stdout);
  if (!strcmp(what, "oob")) *(volatile int *)0xfffffff0u = 1;
  if (!strcmp(what, "unreachable")) __builtin_trap();
  if (!strcmp(what, "div")) { volatile int z = 0; printf("%d\n", 100 / z); }
  return 0;
}
