/* thread-create-join: ms per pthread_create + pthread_join of a thread that returns at once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static void *noop(void *a) { return a; }
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  pthread_t t;
  for (int i = 0; i < 3; i++) { pthread_create(&t, 0, noop, 0); pthread_join(t, 0); }
  double t0 = now_ms();
  for (int i = 0; i < n; i++) {
    if (pthread_create(&t, 0, noop, 0) || pthread_join(t, 0)) return 1;
  }
  printf("result %.4f\n", (now_ms() - t0) / n);
  return 0;
}
