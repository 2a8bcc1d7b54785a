/* readdir-10k: milliseconds to list a directory of 10,000 entries with opendir/readdir/closedir.
 *   readdir-10k DIR [listings]
 * Creates DIR/readdir-10k.<pid> with 10,000 empty files (untimed), then times `listings`
 * listings (opendir, readdir to the end, closedir) and prints the median. Each listing must see
 * all 10,000 names plus "." and "..". Removes the files and the directory afterwards. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
#define NFILES 10000
#define MAXL 64
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: readdir-10k DIR [listings]\n"); return 2; }
  int listings = argc > 2 ? atoi(argv[2]) : 5;
  if (listings < 1 || listings > MAXL) listings = 5;
  char dir[4096], path[4200];
  snprintf(dir, sizeof dir, "%s/readdir-10k.%ld", argv[1], (long)getpid());
  if (mkdir(dir, 0755)) { perror(dir); return 1; }
  int rc = 0, made = 0;
  for (; made < NFILES; made++) {
    snprintf(path, sizeof path, "%s/entry-%05d", dir, made);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0 || close(fd)) { perror(path); rc = 1; goto out; }
  }
  double ms[MAXL];
  for (int l = 0; l < listings; l++) {
    double t0 = now_ms();
    DIR *d = opendir(dir);
    if (!d) { perror(dir); rc = 1; goto out; }
    long n = 0;
    while (readdir(d)) n++;
    closedir(d);
    ms[l] = now_ms() - t0;
    if (n != NFILES + 2) { fprintf(stderr, "listed %ld entries, expected %d\n", n, NFILES + 2); rc = 1; goto out; }
  }
  qsort(ms, listings, sizeof ms[0], cmp);
  printf("result %.3f\n", ms[listings / 2]);
out:
  for (int i = 0; i < made; i++) { snprintf(path, sizeof path, "%s/entry-%05d", dir, i); unlink(path); }
  if (rmdir(dir)) { perror(dir); rc = 1; }
  return rc;
}
