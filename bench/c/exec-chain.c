/* exec: ms per execve, measured over a chain of n execs of this program into itself
 * (argv: remaining count, start time in ns on CLOCK_MONOTONIC, n). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
extern char **environ;
static long long now_ns(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1000000000LL + ts.tv_nsec; }
int main(int argc, char **argv) {
  if (argc < 4) {
    char n[32], t[32];
    int total = argc > 1 ? atoi(argv[1]) : 50;
    snprintf(n, sizeof n, "%d", total);
    snprintf(t, sizeof t, "%lld", now_ns());
    char *next[] = {argv[0], n, t, n, 0};
    execve(argv[0], next, environ);
    return 1;
  }
  int left = atoi(argv[1]);
  if (left == 0) {
    printf("result %.4f\n", (now_ns() - atoll(argv[2])) / 1e6 / atoi(argv[3]));
    return 0;
  }
  char n[32];
  snprintf(n, sizeof n, "%d", left - 1);
  char *next[] = {argv[0], n, argv[2], argv[3], 0};
  execve(argv[0], next, environ);
  return 1;
}
