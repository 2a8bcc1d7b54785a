/* Regular files: O_CREAT|O_EXCL, O_APPEND, O_TRUNC, ftruncate/truncate growing with zeros and
 * shrinking, pread/pwrite leaving the offset alone, lseek whences, EISDIR / ENOTDIR / ELOOP opens,
 * O_CREAT through a dangling symlink, O_TMPFILE, and an unlinked file that stays open.
 * Works in /tmp/fs-files (tmpfs), or in argv[1] when given (a host mount). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs-check.h"

static char dir[512];
static const char *at(const char *name) {
  static char buf[4][600];
  static int k;
  char *b = buf[k++ & 3];
  snprintf(b, 600, "%s/%s", dir, name);
  return b;
}

static long long size_of(int fd) {
  struct stat st;
  return fstat(fd, &st) ? -1 : (long long)st.st_size;
}

int main(int argc, char **argv) {
  snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : "/tmp/fs-files");
  mkdir(dir, 0755);
  char f[600];
  snprintf(f, sizeof f, "%s", at("f"));

  printf("# create append truncate\n");
  /* O_CREAT|O_EXCL */
  int fd = T("create excl", open(f, O_CREAT | O_EXCL | O_WRONLY, 0644));
  T("create excl again", open(f, O_CREAT | O_EXCL | O_WRONLY, 0644));
  T("create without excl", fd = open(f, O_CREAT | O_WRONLY, 0644));
  printf("write: %zd\n", write(fd, "hello", 5));
  close(fd);

  /* O_APPEND: every write goes to the end, whatever the offset. */
  fd = open(f, O_RDWR | O_APPEND);
  lseek(fd, 0, SEEK_SET);
  ssize_t w = write(fd, "XY", 2);
  printf("append write: %zd, offset after %lld\n", w, (long long)lseek(fd, 0, SEEK_CUR));
  lseek(fd, 1, SEEK_SET);
  char b[64] = {0};
  w = read(fd, b, 3);
  printf("read at 1 from append fd: %zd %.3s\n", w, b);
  printf("pwrite on append fd: %zd\n", pwrite(fd, "!", 1, 0));
  close(fd);
  printf("after append: %s\n", contents(f));

  /* O_TRUNC */
  fd = open(f, O_WRONLY | O_TRUNC);
  printf("O_TRUNC size: %lld\n", size_of(fd));
  close(fd);

  /* ftruncate / truncate: growth is zeros, shrinking forgets the old bytes for good. */
  fd = open(f, O_RDWR);
  write(fd, "abc", 3);
  int r = ftruncate(fd, 10);
  printf("ftruncate 10: %d size %lld\n", r, size_of(fd));
  printf("content: %s\n", contents(f));
  r = ftruncate(fd, 2);
  printf("ftruncate 2: %d size %lld\n", r, size_of(fd));
  r = truncate(f, 5);
  printf("truncate 5: %d size %lld\n", r, size_of(fd));
  printf("content: %s\n", contents(f));
  printf("offset kept by truncate: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  T("ftruncate negative", ftruncate(fd, -1));
  int ro = open(f, O_RDONLY);
  T("ftruncate read-only fd", ftruncate(ro, 0));
  T("write read-only fd", write(ro, "x", 1));
  close(ro);
  int wo = open(f, O_WRONLY);
  T("read write-only fd", read(wo, b, 1));
  close(wo);

  printf("# pread pwrite lseek\n");
  /* pread / pwrite do not move the offset. */
  ftruncate(fd, 0);
  pwrite(fd, "0123456789", 10, 0);
  lseek(fd, 1, SEEK_SET);
  w = pwrite(fd, "ZZ", 2, 3);
  printf("pwrite: %zd offset %lld\n", w, (long long)lseek(fd, 0, SEEK_CUR));
  memset(b, 0, sizeof b);
  w = pread(fd, b, 4, 2);
  printf("pread: %zd %s offset %lld\n", w, b, (long long)lseek(fd, 0, SEEK_CUR));
  memset(b, 0, sizeof b);
  printf("pread past end: %zd\n", pread(fd, b, 4, 100));
  w = read(fd, b, 3);
  printf("read continues at 1: %zd %s\n", w, b);

  /* lseek */
  printf("SEEK_END -1: %lld\n", (long long)lseek(fd, -1, SEEK_END));
  printf("SEEK_CUR +3: %lld\n", (long long)lseek(fd, 3, SEEK_CUR));
  T("SEEK_CUR to negative", lseek(fd, -100, SEEK_CUR));
  T("bad whence", lseek(fd, 0, 42));
  printf("offset after failed seeks: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  w = write(fd, "E", 1);
  printf("write past end: %zd size %lld\n", w, size_of(fd));
  printf("content: %s\n", contents(f));
  close(fd);

  printf("# odd opens\n");
  /* Opening directories and symlinks the wrong way. */
  T("open dir O_WRONLY", open(dir, O_WRONLY));
  T("open dir O_RDWR", open(dir, O_RDWR));
  T("open dir O_CREAT", open(dir, O_RDONLY | O_CREAT, 0644));
  fd = T("open dir O_RDONLY", open(dir, O_RDONLY));
  T("read dir", read(fd, b, 1));
  close(fd);
  T("O_DIRECTORY on a file", open(f, O_RDONLY | O_DIRECTORY));
  T("O_DIRECTORY on a dir", fd = open(dir, O_RDONLY | O_DIRECTORY));
  close(fd);
  symlink("f", at("lnk"));
  T("O_NOFOLLOW on a symlink", open(at("lnk"), O_RDONLY | O_NOFOLLOW));
  T("O_CREAT|O_NOFOLLOW on a symlink", open(at("lnk"), O_WRONLY | O_CREAT | O_NOFOLLOW, 0644));
  T("O_CREAT|O_EXCL on a symlink", open(at("lnk"), O_WRONLY | O_CREAT | O_EXCL, 0644));
  fd = T("O_NOFOLLOW on a plain file", open(f, O_RDONLY | O_NOFOLLOW));
  close(fd);
  T("O_PATH|O_NOFOLLOW on a symlink", fd = open(at("lnk"), O_PATH | O_NOFOLLOW));
  struct stat st;
  fstat(fd, &st);
  printf("fstat of O_PATH symlink: %s\n", S_ISLNK(st.st_mode) ? "link" : "other");
  close(fd);
  /* Linux: with O_NOFOLLOW the link itself is the file, and it is no directory (ln -n relies on it). */
  T("O_PATH|O_NOFOLLOW|O_DIRECTORY on a symlink", open(at("lnk"), O_PATH | O_NOFOLLOW | O_DIRECTORY));
  T("missing parent", open(at("nodir/x"), O_WRONLY | O_CREAT, 0644));
  T("file as a directory", open(at("f/x"), O_WRONLY | O_CREAT, 0644));
  /* Linux ignores open flags it does not know (dd's private flags reach open). */
  fd = T("unknown open flag 0x10", open(f, O_RDONLY | 0x10));
  close(fd);

  /* O_CREAT through a dangling symlink makes its target. */
  symlink("made-by-link", at("dangling"));
  /* Linux: O_CREAT and a trailing slash is EISDIR, before anything is looked up or made. */
  T("O_CREAT on a file with a trailing slash", open(at("f/"), O_WRONLY | O_CREAT, 0644));
  T("O_CREAT via dangling link with a trailing slash", open(at("dangling/"), O_WRONLY | O_CREAT, 0644));
  T("O_CREAT|O_EXCL via dangling link", open(at("dangling"), O_WRONLY | O_CREAT | O_EXCL, 0644));
  fd = T("O_CREAT via dangling link", open(at("dangling"), O_WRONLY | O_CREAT, 0600));
  write(fd, "via", 3);
  close(fd);
  r = stat(at("made-by-link"), &st);
  printf("target made: %s mode %o\n", contents(at("made-by-link")), r ? 0 : st.st_mode & 07777);

  printf("# O_TMPFILE and unlinked files\n");
  /* O_TMPFILE: writable, never listed, nlink 0. */
  T("O_TMPFILE read-only", open(dir, O_TMPFILE | O_RDONLY, 0600));
  T("O_TMPFILE on a file", open(f, O_TMPFILE | O_RDWR, 0600));
  fd = T("O_TMPFILE", open(dir, O_TMPFILE | O_RDWR, 0600));
  printf("tmpfile write: %zd\n", write(fd, "anonymous", 9));
  memset(b, 0, sizeof b);
  w = pread(fd, b, 32, 0);
  printf("tmpfile pread: %zd %s\n", w, b);
  fstat(fd, &st);
  printf("tmpfile nlink %ld size %lld regular %d\n", (long)st.st_nlink, (long long)st.st_size, S_ISREG(st.st_mode));
  int dots;
  int entries = count_entries(dir, &dots);
  printf("listing: %d entries (f, lnk, dangling, made-by-link) + %d dots\n", entries, dots);
  close(fd);

  /* An unlinked file is still there for whoever has it open. */
  fd = open(at("doomed"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "still here", 10);
  printf("unlink open file: %d\n", unlink(at("doomed")));
  T("stat after unlink", stat(at("doomed"), &st));
  fstat(fd, &st);
  printf("fstat after unlink: nlink %ld size %lld\n", (long)st.st_nlink, (long long)st.st_size);
  memset(b, 0, sizeof b);
  lseek(fd, 0, SEEK_SET);
  w = read(fd, b, sizeof b - 1);
  printf("read after unlink: %zd %s\n", w, b);
  w = write(fd, "!", 1);
  printf("write after unlink: %zd size %lld\n", w, size_of(fd));
  close(fd);

  printf("# O_RDONLY|O_TRUNC\n");
  /* Linux truncates for O_TRUNC whatever the access mode; O_CREAT|O_DIRECTORY is EINVAL (6.4+). */
  fd = open(at("rt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, "abc", 3);
  close(fd);
  fd = open(at("rt"), O_RDONLY | O_TRUNC);
  printf("O_RDONLY|O_TRUNC: size %lld\n", size_of(fd));
  close(fd);
  printf("# O_CREAT|O_DIRECTORY\n");
  T("O_CREAT|O_DIRECTORY", open(at("cd"), O_CREAT | O_DIRECTORY | O_RDONLY, 0755));
  printf("O_CREAT|O_DIRECTORY made nothing: %d\n", access(at("cd"), F_OK) != 0);
  return 0;
}
