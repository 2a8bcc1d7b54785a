/* The *at family: openat with a dirfd, fstatat with AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH,
 * fchdir + getcwd, faccessat, fchmodat, utimensat with explicit times / UTIME_OMIT / UTIME_NOW,
 * statx (by syscall: musl 1.2.3 has no wrapper), and the other *at calls with a dirfd. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fs-check.h"

/* Linux's struct statx (include/uapi/linux/stat.h). */
struct sx_ts { int64_t tv_sec; uint32_t tv_nsec; int32_t reserved; };
struct sx {
  uint32_t stx_mask, stx_blksize;
  uint64_t stx_attributes;
  uint32_t stx_nlink, stx_uid, stx_gid;
  uint16_t stx_mode, spare0;
  uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
  struct sx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
  uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
  uint64_t spare2[14];
};
#define STATX_BASIC 0x7ffu

int main(void) {
  mkdir("/tmp/fs-at", 0755);
  int dfd = T("open dir", open("/tmp/fs-at", O_RDONLY | O_DIRECTORY));

  printf("# openat\n");
  /* openat */
  int fd = T("openat create", openat(dfd, "f", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  write(fd, "at!", 3);
  close(fd);
  char buf[64] = {0};
  fd = open("/tmp/fs-at/f", O_RDONLY);
  read(fd, buf, sizeof buf - 1);
  printf("seen by path: %s\n", buf);
  T("openat with a file as dirfd", openat(fd, "x", O_RDONLY));
  T("openat absolute ignores dirfd", openat(fd, "/tmp/fs-at/f", O_RDONLY));
  T("openat bad dirfd", openat(999, "f", O_RDONLY));
  T("openat AT_FDCWD relative", openat(AT_FDCWD, "no-such-file-here", O_RDONLY));
  T("mkdirat", mkdirat(dfd, "sub", 0755));
  T("symlinkat", symlinkat("f", dfd, "s"));
  char lnk[32] = {0};
  printf("readlinkat: %zd %s\n", readlinkat(dfd, "s", lnk, sizeof lnk), lnk);
  T("linkat", linkat(dfd, "f", dfd, "sub/hard", 0));
  T("renameat", renameat(dfd, "sub/hard", dfd, "hard2"));
  T("unlinkat", unlinkat(dfd, "hard2", 0));
  T("unlinkat dir without AT_REMOVEDIR", unlinkat(dfd, "sub", 0));
  T("unlinkat AT_REMOVEDIR", unlinkat(dfd, "sub", AT_REMOVEDIR));
  T("mkfifoat", mkfifoat(dfd, "fifo", 0600));

  printf("# fstatat\n");
  /* fstatat */
  struct stat st, st2;
  fstatat(dfd, "s", &st, AT_SYMLINK_NOFOLLOW);
  fstatat(dfd, "s", &st2, 0);
  printf("fstatat nofollow: %s, follow: %s size %lld\n", S_ISLNK(st.st_mode) ? "link" : "other", S_ISREG(st2.st_mode) ? "reg" : "other",
         (long long)st2.st_size);
  fstatat(dfd, "fifo", &st, 0);
  printf("fifo is a fifo: %d\n", S_ISFIFO(st.st_mode));
  T("fstatat bad flag", fstatat(dfd, "f", &st, 0x4));

  /* AT_EMPTY_PATH */
  fstat(fd, &st2);
  T("fstatat empty path without flag", fstatat(fd, "", &st, 0));
  T("fstatat AT_EMPTY_PATH", fstatat(fd, "", &st, AT_EMPTY_PATH));
  printf("same file: %d size %lld\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev, (long long)st.st_size);
  int pfd = T("O_PATH open", open("/tmp/fs-at/f", O_PATH));
  T("read on O_PATH fd", read(pfd, buf, 1));
  fstatat(pfd, "", &st, AT_EMPTY_PATH);
  printf("O_PATH fstatat: same %d\n", st.st_ino == st2.st_ino);
  int spfd = open("/tmp/fs-at/s", O_PATH | O_NOFOLLOW);
  fstatat(spfd, "", &st, AT_EMPTY_PATH);
  printf("O_PATH|O_NOFOLLOW of a link, AT_EMPTY_PATH: %s\n", S_ISLNK(st.st_mode) ? "link" : "other");
  memset(lnk, 0, sizeof lnk);
  printf("readlinkat of the O_PATH link: %zd %s\n", readlinkat(spfd, "", lnk, sizeof lnk), lnk);
  close(spfd);
  T("openat through O_PATH dirfd", close(openat(open("/tmp/fs-at", O_PATH | O_DIRECTORY), "f", O_RDONLY)));
  close(fd);

  printf("# fchdir\n");
  /* fchdir + getcwd */
  chdir("/");
  T("fchdir", fchdir(dfd));
  char cwd[256];
  printf("getcwd: %s\n", getcwd(cwd, sizeof cwd));
  T("relative open after fchdir", fd = open("f", O_RDONLY));
  T("fchdir to a file", fchdir(fd));
  close(fd);
  chdir("/");

  printf("# renamed dirfd and cwd\n");
  /* A dirfd and the cwd name directories, not paths: they follow a rename. */
  mkdir("/tmp/fs-at/old", 0755);
  close(open("/tmp/fs-at/old/inner", O_WRONLY | O_CREAT, 0644));
  int odfd = open("/tmp/fs-at/old", O_RDONLY | O_DIRECTORY);
  chdir("/tmp/fs-at/old");
  T("rename the dirfd's and cwd's directory", rename("/tmp/fs-at/old", "/tmp/fs-at/renamed"));
  mkdir("/tmp/fs-at/old", 0755); /* a different directory under the old name */
  T("openat via dirfd after rename", fd = openat(odfd, "inner", O_RDONLY));
  close(fd);
  T("relative open via cwd after rename", fd = open("inner", O_RDONLY));
  close(fd);
  printf("getcwd after rename: %s\n", getcwd(cwd, sizeof cwd));
  T("fchdir to the renamed dirfd", fchdir(odfd));
  printf("getcwd after fchdir: %s\n", getcwd(cwd, sizeof cwd));
  close(odfd);
  mkdir("/tmp/fs-at/gone", 0755);
  chdir("/tmp/fs-at/gone");
  rmdir("/tmp/fs-at/gone");
  printf("getcwd of a removed cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : en(errno));
  T("create in a removed cwd", open("x", O_WRONLY | O_CREAT, 0644));
  chdir("/");

  printf("# faccessat fchmodat\n");
  /* faccessat */
  T("faccessat R_OK|W_OK", faccessat(dfd, "f", R_OK | W_OK, 0));
  T("faccessat missing", faccessat(dfd, "missing", F_OK, 0));
  T("faccessat X_OK on 0644 (root)", faccessat(dfd, "f", X_OK, 0));
  T("faccessat X_OK on a dir (root)", faccessat(dfd, ".", X_OK, 0));
  T("faccessat bad mode", faccessat(dfd, "f", 0x10, 0));

  /* fchmodat, fchmod */
  T("fchmodat 0640", fchmodat(dfd, "f", 0640, 0));
  fstatat(dfd, "f", &st, 0);
  printf("mode: %o\n", st.st_mode & 07777);
  fd = open("/tmp/fs-at/f", O_RDONLY);
  T("fchmod 0751", fchmod(fd, 04751));
  fstat(fd, &st);
  printf("mode: %o\n", st.st_mode & 07777);
  fchmod(fd, 0640);
  T("faccessat X_OK after chmod 0640 (root)", faccessat(dfd, "f", X_OK, 0));
  close(fd);

  printf("# utimensat\n");
  /* utimensat */
  struct timespec ts[2] = { { 1000000000, 123456789 }, { 1500000000, 987654321 } };
  T("utimensat explicit", utimensat(dfd, "f", ts, 0));
  fstatat(dfd, "f", &st, 0);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec,
         st.st_mtim.tv_nsec);
  struct timespec omit[2] = { { 0, UTIME_OMIT }, { 2000000000, 5 } };
  T("utimensat UTIME_OMIT atime", utimensat(dfd, "f", omit, 0));
  fstatat(dfd, "f", &st, 0);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec,
         st.st_mtim.tv_nsec);
  struct timespec now[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
  T("utimensat UTIME_NOW mtime", utimensat(dfd, "f", now, 0));
  fstatat(dfd, "f", &st, 0);
  long long drift = (long long)st.st_mtim.tv_sec - (long long)time(NULL);
  printf("mtime is now: %d, atime kept %lld\n", drift >= -5 && drift <= 5, (long long)st.st_atim.tv_sec);
  struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
  T("utimensat bad nsec", utimensat(dfd, "f", bad, 0));
  T("utimensat on symlink nofollow", utimensat(dfd, "s", ts, AT_SYMLINK_NOFOLLOW));
  fstatat(dfd, "s", &st, AT_SYMLINK_NOFOLLOW);
  fstatat(dfd, "f", &st2, 0);
  printf("link mtime %lld, target mtime unchanged %d\n", (long long)st.st_mtim.tv_sec, st2.st_mtim.tv_sec != 1500000000);
  fd = open("/tmp/fs-at/f", O_RDONLY);
  T("futimens", futimens(fd, ts));
  fstat(fd, &st);
  printf("futimens mtime %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  close(fd);
  /* Before 1970 with a fraction: tv_nsec stays in [0, 1e9) and tv_sec is one below (tar -d). */
  struct timespec old[2] = { { -1, 500000000 }, { -2147483647, 1 } };
  T("utimensat before 1970", utimensat(dfd, "f", old, 0));
  fstatat(dfd, "f", &st, 0);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec,
         st.st_mtim.tv_nsec);
  struct sx sx;
  syscall(SYS_statx, dfd, "f", 0, STATX_BASIC, &sx);
  printf("statx mtime %lld.%09u\n", (long long)sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec);
  utimensat(dfd, "f", ts, 0);

  printf("# statx\n");
  /* statx */
  memset(&sx, 0xff, sizeof sx);
  T("statx", syscall(SYS_statx, dfd, "f", 0, STATX_BASIC, &sx));
  fstatat(dfd, "f", &st, 0);
  printf("statx mask basic: %d\n", (sx.stx_mask & STATX_BASIC) == STATX_BASIC);
  printf("statx mode %o nlink %u uid %u gid %u size %llu\n", sx.stx_mode, sx.stx_nlink, sx.stx_uid, sx.stx_gid,
         (unsigned long long)sx.stx_size);
  printf("statx ino matches: %d, blksize>0: %d\n", sx.stx_ino == st.st_ino, sx.stx_blksize > 0);
  printf("statx mtime %lld.%09u atime %lld.%09u\n", (long long)sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec,
         (long long)sx.stx_atime.tv_sec, sx.stx_atime.tv_nsec);
  printf("statx ctime matches stat: %d\n", sx.stx_ctime.tv_sec == st.st_ctim.tv_sec && sx.stx_ctime.tv_nsec == st.st_ctim.tv_nsec);
  T("statx nofollow", syscall(SYS_statx, dfd, "s", AT_SYMLINK_NOFOLLOW, STATX_BASIC, &sx));
  printf("statx of link: %s size %llu\n", S_ISLNK(sx.stx_mode) ? "link" : "other", (unsigned long long)sx.stx_size);
  fd = open("/tmp/fs-at/f", O_RDONLY);
  T("statx AT_EMPTY_PATH", syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_BASIC, &sx));
  printf("statx fd size %llu\n", (unsigned long long)sx.stx_size);
  close(fd);
  T("statx /dev/null", syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_BASIC, &sx));
  printf("statx /dev/null rdev %u:%u chr %d\n", sx.stx_rdev_major, sx.stx_rdev_minor, S_ISCHR(sx.stx_mode));
  T("statx reserved mask bit", syscall(SYS_statx, dfd, "f", 0, 0x80000000u, &sx));
  T("statx missing", syscall(SYS_statx, dfd, "missing", 0, STATX_BASIC, &sx));
  return 0;
}
