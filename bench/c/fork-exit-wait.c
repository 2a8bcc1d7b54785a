/* fork-exit-wait: ms per fork() + child _exit(0) + waitpid in the parent. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  for (int i = 0; i < 3; i++) { pid_t c = fork(); if (!c) _exit(0); waitpid(c, 0, 0); }
  double t0 = now_ms();
  for (int i = 0; i < n; i++) {
    pid_t c = fork();
    if (c == 0) _exit(0);
    if (c < 0 || waitpid(c, 0, 0) != c) return 1;
  }
  printf("result %.4f\n", (now_ms() - t0) / n);
  return 0;
}
