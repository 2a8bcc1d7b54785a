/* sleep-overshoot: median microseconds a 1 ms clock_nanosleep lasts beyond 1 ms. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now_us(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(void) {
  enum { N = 200 };
  static double over[N];
  struct timespec req = {0, 1000000};
  for (int i = 0; i < N; i++) {
    double t0 = now_us();
    clock_nanosleep(CLOCK_MONOTONIC, 0, &req, 0);
    over[i] = now_us() - t0 - 1000.0;
  }
  qsort(over, N, sizeof over[0], cmp);
  printf("result %.1f\n", over[N / 2]);
  return 0;
}
