#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *v = getenv("KANDELO_TEST_VAR");
  printf("env=%s\n", v ? v : "(unset)");
  return argc > 1 ? atoi(argv[1]) : 0;
}
