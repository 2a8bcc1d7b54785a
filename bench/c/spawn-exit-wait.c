/* spawn-exit-wait: ms per posix_spawn of a tiny program (argv[2]) + waitpid. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  char *cargv[] = {argv[2], 0};
  for (int i = 0; i < 3; i++) { pid_t c; posix_spawn(&c, argv[2], 0, 0, cargv, environ); waitpid(c, 0, 0); }
  double t0 = now_ms();
  for (int i = 0; i < n; i++) {
    pid_t c;
    if (posix_spawn(&c, argv[2], 0, 0, cargv, environ) || waitpid(c, 0, 0) != c) return 1;
  }
  printf("result %.4f\n", (now_ms() - t0) / n);
  return 0;
}
