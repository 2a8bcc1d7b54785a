/* mmap of files: MAP_SHARED writes reach the file by msync(MS_SYNC) (seen through another
 * descriptor) and by munmap; MAP_PRIVATE writes never do; a mapping starts with the file's bytes.
 * Runs in /tmp (tmpfs) and, when argv[1] names a directory, there too (a host mount). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs-check.h"

static void run(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/mapped.bin", dir);
  printf("[%s]\n", strncmp(dir, "/tmp", 4) == 0 && strlen(dir) == 4 ? "tmpfs" : "host mount");
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "file bytes first", 16);
  ftruncate(fd, 8192);
  char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) {
    printf("mmap shared: %s\n", en(errno));
    return;
  }
  printf("mapping starts with the file: %.16s\n", m);
  memcpy(m + 100, "mapped bytes", 12);
  memcpy(m + 5000, "second page", 11);
  T("msync MS_SYNC", msync(m, 8192, MS_SYNC));
  int other = open(path, O_RDONLY);
  char buf[32] = {0};
  pread(other, buf, 12, 100);
  printf("read() after msync: %s\n", buf);
  memset(buf, 0, sizeof buf);
  pread(other, buf, 11, 5000);
  printf("second page: %s\n", buf);
  struct stat st;
  fstat(other, &st);
  printf("size unchanged: %lld\n", (long long)st.st_size);
  memcpy(m + 200, "at munmap", 9);
  T("munmap", munmap(m, 8192));
  memset(buf, 0, sizeof buf);
  pread(other, buf, 9, 200);
  printf("read() after munmap: %s\n", buf);
  T("msync unmapped", msync(m, 4096, MS_SYNC));

  /* a mapping of an offset */
  m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
  printf("offset mapping sees page 2: %.11s\n", m + 5000 - 4096);
  memcpy(m, "page two start", 14);
  msync(m, 4096, MS_SYNC);
  memset(buf, 0, sizeof buf);
  pread(other, buf, 14, 4096);
  printf("offset mapping written back: %s\n", buf);
  munmap(m, 4096);

  /* MAP_PRIVATE stays private */
  m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  memcpy(m + 100, "PRIVATE!!!!!", 12);
  msync(m, 8192, MS_SYNC);
  munmap(m, 8192);
  memset(buf, 0, sizeof buf);
  pread(other, buf, 12, 100);
  printf("after MAP_PRIVATE write: %s\n", buf);

  /* access checks */
  int ro = open(path, O_RDONLY);
  m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
  printf("shared writable map of a read-only fd: %s\n", m == MAP_FAILED ? en(errno) : "mapped");
  m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
  printf("private writable map of a read-only fd: %s\n", m == MAP_FAILED ? en(errno) : "mapped");
  if (m != MAP_FAILED) munmap(m, 4096);
  close(ro);
  int wo = open(path, O_WRONLY);
  m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0);
  printf("map of a write-only fd: %s\n", m == MAP_FAILED ? en(errno) : "mapped");
  close(wo);
  int p[2];
  pipe(p);
  m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, p[0], 0);
  printf("map of a pipe: %s\n", m == MAP_FAILED ? en(errno) : "mapped");
  close(p[0]);
  close(p[1]);
  close(other);
  close(fd);
}

int main(int argc, char **argv) {
  run("/tmp");
  if (argc > 1) run(argv[1]);
  return 0;
}
