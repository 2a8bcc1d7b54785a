/* null-syscall: microseconds per round trip of a trivial syscall (getpid through syscall(2), so
 * no libc caching). Prints "result <us>" measured inside the program. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  for (long i = 0; i < n / 10; i++) syscall(SYS_getpid); /* warm up */
  double t0 = now();
  for (long i = 0; i < n; i++) syscall(SYS_getpid);
  double t1 = now();
  printf("result %.4f\n", (t1 - t0) / n);
  return 0;
}
