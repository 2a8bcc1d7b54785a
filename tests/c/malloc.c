#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
int main(void) {
  /* many MiB, in pieces and in one block, written and checked */
  enum { N = 64 };
  char *blocks[N];
  for (int i = 0; i < N; i++) {
    blocks[i] = malloc(1 << 20);
    if (!blocks[i]) { printf("malloc %d failed\n", i); return 1; }
    memset(blocks[i], i, 1 << 20);
  }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < (1 << 20); j += 4093)
      if (blocks[i][j] != (char)i) { printf("corrupt %d\n", i); return 1; }
  for (int i = 0; i < N; i += 2) free(blocks[i]);
  char *big = malloc(256 << 20);
  if (!big) { printf("256 MiB failed\n"); return 1; }
  memset(big, 0x5a, 256 << 20);
  big = realloc(big, 300 << 20);
  if (!big || big[(256 << 20) - 1] != 0x5a) { printf("realloc failed\n"); return 1; }
  free(big);
  for (int i = 1; i < N; i += 2) free(blocks[i]);
  /* volatile: LLVM elides an unused malloc and assumes it succeeded. (errno is not checked: LLVM
   * assumes malloc leaves errno alone and forwards an earlier errno store past the call.) */
  void *volatile huge = malloc((size_t)3 << 30);
  printf("3GiB:%s\n", huge ? "allocated" : "NULL");
  /* small allocations after the big ones still work */
  char *s = strdup("still fine");
  printf("%s\n", s);
  return huge != NULL;
}
