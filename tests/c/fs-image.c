/* Booted from an image built by `kandelo mkimage --defaults` (a directory /data with hello.txt,
 * gone.txt, a subdirectory and a symlink): reads, writes that copy up, deletions that whiteout,
 * renames and new files, all in the overlay above the untouched image. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *en(int e) {
  switch (e) {
#define X(n) case n: return #n;
    X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(EBADF) X(ECHILD) X(EAGAIN) X(ENOMEM) X(EACCES)
    X(EFAULT) X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV) X(ENOTDIR) X(EISDIR) X(EINVAL) X(EMFILE) X(ENOTTY)
    X(EFBIG) X(ENOSPC) X(ESPIPE) X(EROFS) X(EMLINK) X(EPIPE) X(ERANGE) X(EDEADLK) X(ENAMETOOLONG)
    X(ENOSYS) X(ENOTEMPTY) X(ELOOP) X(EOPNOTSUPP) X(EOVERFLOW)
#undef X
  }
  static char buf[16];
  snprintf(buf, sizeof buf, "E%d", e);
  return buf;
}
static long res(const char *label, long r) {
  if (r < 0) printf("%s: %s\n", label, en(errno));
  else printf("%s: ok\n", label);
  return r;
}
#define T(label, expr) res(label, (long)(expr))

static void show(const char *label, const char *path) {
  char buf[256];
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", label, en(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n < 0 ? 0 : n] = 0;
  for (char *p = buf; *p; p++) if (*p == '\n') *p = '|';
  printf("%s: \"%s\"\n", label, buf);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *label, const char *path) {
  DIR *d = opendir(path);
  if (!d) {
    printf("%s: %s\n", label, en(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("%s:", label);
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
}

int main(void) {
  struct stat st;
  list("ls /data", "/data");
  show("hello.txt", "/data/hello.txt");
  stat("/data/hello.txt", &st);
  printf("hello.txt: uid %d mode %o size %lld\n", st.st_uid, st.st_mode & 07777, (long long)st.st_size);
  show("through the image's symlink", "/data/link");
  show("nested", "/data/sub/nested.txt");
  show("defaults: /etc/hostname", "/etc/hostname");
  printf("defaults: /tmp is a dir %d\n", stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode));

  /* writes copy up */
  int fd = T("open for write", open("/data/hello.txt", O_WRONLY | O_TRUNC));
  write(fd, "changed in the guest\n", 21);
  close(fd);
  show("after write", "/data/hello.txt");
  fd = open("/data/hello.txt", O_WRONLY | O_APPEND);
  write(fd, "appended\n", 9);
  close(fd);
  show("after append", "/data/hello.txt");
  T("chmod", chmod("/data/sub/nested.txt", 0600));
  stat("/data/sub/nested.txt", &st);
  printf("nested mode now %o, content kept:\n", st.st_mode & 07777);
  show("nested", "/data/sub/nested.txt");

  /* deletions */
  T("unlink gone.txt", unlink("/data/gone.txt"));
  show("gone.txt", "/data/gone.txt");
  list("ls /data", "/data");
  T("create gone.txt anew", close(open("/data/gone.txt", O_WRONLY | O_CREAT | O_EXCL, 0644)));
  show("new gone.txt is empty", "/data/gone.txt");
  T("rmdir non-empty image dir", rmdir("/data/sub"));
  T("unlink nested", unlink("/data/sub/nested.txt"));
  T("rmdir emptied image dir", rmdir("/data/sub"));
  T("mkdir where it was", mkdir("/data/sub", 0755));
  list("new sub is empty", "/data/sub");

  /* renames and new files */
  T("rename image file", rename("/data/hello.txt", "/data/renamed.txt"));
  show("renamed", "/data/renamed.txt");
  show("old name", "/data/hello.txt");
  T("new file in an image dir", close(open("/data/new.txt", O_WRONLY | O_CREAT, 0644)));
  list("ls /data", "/data");
  return 0;
}
