/* Devices: /dev/null, zero, full, urandom, tty (ENXIO without a controlling terminal), the
 * /dev/fd and /dev/std* links into /proc/self, a listing of /dev, and mknod: root may make a
 * device node (ENXIO to open without a driver, EACCES on a nodev mount), uid 1000 may not. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs-check.h"

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  unsigned char buf[256];
  ssize_t n;

  printf("# memory devices\n");
  int fd = open("/dev/null", O_RDWR);
  n = read(fd, buf, sizeof buf);
  printf("/dev/null read: %zd\n", n);
  n = write(fd, "vanish", 6);
  printf("/dev/null write: %zd\n", n);
  close(fd);

  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 0xaa, sizeof buf);
  n = read(fd, buf, 100);
  int zeros = 1;
  for (int i = 0; i < 100; i++) zeros &= buf[i] == 0;
  printf("/dev/zero read: %zd all zero %d, beyond untouched %d\n", n, zeros, buf[100] == 0xaa);
  close(fd);

  fd = open("/dev/full", O_RDWR);
  T("/dev/full write", write(fd, "x", 1));
  buf[0] = 1;
  n = read(fd, buf, 8);
  printf("/dev/full read: %zd zero %d\n", n, buf[0] == 0);
  close(fd);

  unsigned char r1[64], r2[64];
  fd = open("/dev/urandom", O_RDONLY);
  ssize_t n1 = read(fd, r1, sizeof r1);
  ssize_t n2 = read(fd, r2, sizeof r2);
  int nonzero = 0;
  for (int i = 0; i < 64; i++) nonzero |= r1[i];
  printf("/dev/urandom: %zd %zd differ %d nonzero %d\n", n1, n2, memcmp(r1, r2, 64) != 0, nonzero != 0);
  close(fd);
  fd = open("/dev/random", O_RDONLY);
  n = read(fd, r1, 16);
  printf("/dev/random: %zd\n", n);
  close(fd);

  T("/dev/tty", open("/dev/tty", O_RDWR));

  struct stat st;
  stat("/dev/null", &st);
  printf("/dev/null: chr %d major %u minor %u mode %o\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
  stat("/dev/zero", &st);
  printf("/dev/zero: %u,%u\n", major(st.st_rdev), minor(st.st_rdev));
  stat("/dev/urandom", &st);
  printf("/dev/urandom: %u,%u\n", major(st.st_rdev), minor(st.st_rdev));

  printf("# links\n");
  const char *links[] = { "/dev/fd", "/dev/stdin", "/dev/stdout", "/dev/stderr" };
  for (int i = 0; i < 4; i++) printf("readlink %s: %s\n", links[i], link_of(links[i]));

  /* /dev/fd/N reopens what fd N refers to. */
  int f = open("/tmp/fs-dev-file", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(f, "via /dev/fd", 11);
  char p[64];
  snprintf(p, sizeof p, "/dev/fd/%d", f);
  int again = open(p, O_RDONLY);
  memset(buf, 0, sizeof buf);
  n = read(again, buf, sizeof buf - 1);
  printf("read %s: %zd %s (own offset %d)\n", "/dev/fd/N", n, buf, (int)lseek(f, 0, SEEK_CUR) == 11);
  close(again);
  close(f);
  fstat(1, &st);
  struct stat st2;
  stat("/dev/stdout", &st2);
  printf("/dev/stdout is fd 1: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);

  printf("# listing\n");
  /* ls /dev */
  list("ls /dev", "/dev");
  DIR *d = opendir("/dev");
  struct dirent *e;
  int typed = 1;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, "null") && e->d_type != DT_CHR) typed = 0;
    if (!strcmp(e->d_name, "fd") && e->d_type != DT_LNK) typed = 0;
    if (!strcmp(e->d_name, "shm") && e->d_type != DT_DIR) typed = 0;
  }
  closedir(d);
  printf("d_type of null/fd/shm right: %d\n", typed);

  printf("# mknod as root\n");
  /* mknod as root */
  mkdir("/tmp/fs-dev", 0755);
  T("mknod chr in /tmp as root", mknod("/tmp/fs-dev/null2", S_IFCHR | 0666, makedev(1, 3)));
  stat("/tmp/fs-dev/null2", &st);
  printf("made: chr %d rdev %u,%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
  T("open it on nodev /tmp", open("/tmp/fs-dev/null2", O_RDWR));
  T("mknod chr in /root as root", mknod("/root/null2", S_IFCHR | 0666, makedev(1, 3)));
  fd = open("/root/null2", O_RDWR);
  if (fd >= 0) {
    n = write(fd, "x", 1);
    printf("open it in /root: works, write %zd\n", n);
  } else {
    printf("open it in /root: %s\n", en(errno));
  }
  T("mknod a FIFO", mknod("/tmp/fs-dev/fifo", S_IFIFO | 0600, 0));
  T("mknod a directory", mknod("/tmp/fs-dev/dir", S_IFDIR | 0755, 0));
  T("mknod a symlink type", mknod("/tmp/fs-dev/lnk", S_IFLNK | 0755, 0));

  printf("# mknod as uid 1000\n");
  /* mknod as uid 1000 */
  pid_t c = fork();
  if (c == 0) {
    if (T("setgid 1000", setgid(1000)) < 0 || T("setuid 1000", setuid(1000)) < 0) _exit(1);
    T("mknod chr as uid 1000 in /tmp", mknod("/tmp/fs-dev-null3", S_IFCHR | 0666, makedev(1, 3)));
    T("mknod chr as uid 1000 in a root 0755 dir", mknod("/tmp/fs-dev/null3", S_IFCHR | 0666, makedev(1, 3)));
    T("mknod a FIFO as uid 1000", mknod("/tmp/fs-dev-fifo-1000", S_IFIFO | 0600, 0));
    _exit(0);
  }
  printf("child exit: %d\n", wait_child(c));
  return 0;
}
