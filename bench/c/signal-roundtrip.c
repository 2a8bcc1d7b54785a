/* signal-roundtrip: microseconds for kill() to self, the handler running, and returning. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static volatile int hits;
static void on(int s) { (void)s; hits++; }
static double now_us(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3; }
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20000;
  signal(SIGUSR1, on);
  pid_t me = getpid();
  for (int i = 0; i < n / 10; i++) kill(me, SIGUSR1);
  double t0 = now_us();
  for (int i = 0; i < n; i++) kill(me, SIGUSR1);
  double t1 = now_us();
  if (hits != n + n / 10) return 1;
  printf("result %.3f\n", (t1 - t0) / n);
  return 0;
}
