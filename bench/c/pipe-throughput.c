/* pipe-throughput: MB/s moving 64 MiB through a pipe in 64 KiB writes, writer and reader in two
 * processes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static double now_s(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec / 1e9; }
int main(int argc, char **argv) {
  long total = (argc > 1 ? atol(argv[1]) : 64) << 20;
  static char buf[65536];
  int p[2];
  if (pipe(p)) return 1;
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    memset(buf, 'x', sizeof buf);
    for (long done = 0; done < total; done += sizeof buf)
      if (write(p[1], buf, sizeof buf) != sizeof buf) _exit(1);
    _exit(0);
  }
  close(p[1]);
  double t0 = now_s();
  long got = 0;
  ssize_t r;
  while ((r = read(p[0], buf, sizeof buf)) > 0) got += r;
  double t1 = now_s();
  waitpid(c, 0, 0);
  if (got != total) return 2;
  printf("result %.1f\n", total / (1024.0 * 1024.0) / (t1 - t0));
  return 0;
}
