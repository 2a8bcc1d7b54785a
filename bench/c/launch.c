/* Native baseline for hello-start: posix_spawn a program N times, print the median ms from spawn
 * to reaped exit. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
extern char **environ;
static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  double *t = malloc(n * sizeof *t);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int i = 0; i < n; i++) {
    pid_t pid;
    int st;
    double t0 = now_ms();
    if (posix_spawn(&pid, argv[2], &fa, 0, argv + 2, environ)) return 1;
    waitpid(pid, &st, 0);
    t[i] = now_ms() - t0;
  }
  qsort(t, n, sizeof *t, cmpd);
  printf("result %.4f\n", t[n / 2]);
  return 0;
}
