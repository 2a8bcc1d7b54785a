/* file-io: MB/s writing or reading a file in 64 KiB chunks.
 *   file-io write|read DIR [MiB]
 * write: creates DIR/file-io.<pid>, times the write loop plus fsync and close (the data reaches
 *   the filesystem before the clock stops), then removes the file.
 * read: writes the file untimed (fsync, close), reopens it, times the read loop plus close, then
 *   removes the file. On a cache-backed host directory the read is served from the page cache on
 *   both sides (no cache drop), so it measures the kernel's read path, not the disk.
 * Every write must transfer its whole chunk; the read must return the whole file (the last chunk's
 * bytes are compared with what was written). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static double now_s(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec / 1e9; }
#define CHUNK 65536
static char buf[CHUNK];
static int write_file(const char *path, long total, double *secs) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { perror(path); return 1; }
  double t0 = now_s();
  for (long done = 0; done < total; done += CHUNK)
    if (write(fd, buf, CHUNK) != CHUNK) { perror("write"); return 1; }
  if (fsync(fd)) { perror("fsync"); return 1; }
  if (close(fd)) { perror("close"); return 1; }
  *secs = now_s() - t0;
  return 0;
}
int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: file-io write|read DIR [MiB]\n"); return 2; }
  int reading = strcmp(argv[1], "read") == 0;
  long total = (argc > 3 ? atol(argv[3]) : 64) << 20;
  char path[4096];
  snprintf(path, sizeof path, "%s/file-io.%ld", argv[2], (long)getpid());
  for (int i = 0; i < CHUNK; i++) buf[i] = (char)(i * 7 + 1);
  double secs;
  if (write_file(path, total, &secs)) { unlink(path); return 1; }
  if (reading) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); unlink(path); return 1; }
    static char in[CHUNK];
    long got = 0;
    ssize_t r;
    double t0 = now_s();
    while ((r = read(fd, in, CHUNK)) > 0) got += r;
    if (close(fd)) { perror("close"); unlink(path); return 1; }
    secs = now_s() - t0;
    if (r < 0 || got != total || memcmp(in, buf, CHUNK)) { fprintf(stderr, "short or bad read: %ld\n", got); unlink(path); return 1; }
  }
  if (unlink(path)) { perror("unlink"); return 1; }
  printf("result %.1f\n", total / (1024.0 * 1024.0) / secs);
  return 0;
}
