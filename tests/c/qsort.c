#include <stdio.h>
#include <stdlib.h>
static int cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
int main(void) {
  enum { N = 200000 };
  static int v[N];
  unsigned s = 12345;
  for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; v[i] = (int)(s >> 1); }
  qsort(v, N, sizeof v[0], cmp);
  for (int i = 1; i < N; i++) if (v[i - 1] > v[i]) { printf("unsorted at %d\n", i); return 1; }
  printf("sorted %d ints, min %d\n", N, v[0]);
  return 0;
}
