/* stat-rate: stat(2) calls per second over 1000 files.
 *   stat-rate DIR [rounds]
 * Creates DIR/stat-rate.<pid>/f0000..f0999 (untimed), stats all of them once to warm up, then
 * times `rounds` rounds of stat() over all 1000 paths (full paths, so each call walks DIR too).
 * Removes the files and the directory afterwards. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now_s(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec / 1e9; }
#define NFILES 1000
static char paths[NFILES][4096];
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: stat-rate DIR [rounds]\n"); return 2; }
  long rounds = argc > 2 ? atol(argv[2]) : 100;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/stat-rate.%ld", argv[1], (long)getpid());
  if (mkdir(dir, 0755)) { perror(dir); return 1; }
  int rc = 0;
  for (int i = 0; i < NFILES; i++) {
    snprintf(paths[i], sizeof paths[i], "%s/f%04d", dir, i);
    int fd = open(paths[i], O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0 || close(fd)) { perror(paths[i]); rc = 1; goto out; }
  }
  struct stat st;
  for (int i = 0; i < NFILES; i++)
    if (stat(paths[i], &st)) { perror(paths[i]); rc = 1; goto out; }
  double t0 = now_s();
  for (long r = 0; r < rounds; r++)
    for (int i = 0; i < NFILES; i++)
      if (stat(paths[i], &st) || st.st_size != 0) { perror(paths[i]); rc = 1; goto out; }
  double t1 = now_s();
  printf("result %.0f\n", rounds * NFILES / (t1 - t0));
out:
  for (int i = 0; i < NFILES; i++) unlink(paths[i]);
  if (rmdir(dir)) { perror(dir); rc = 1; }
  return rc;
}
