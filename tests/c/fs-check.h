/* Helpers shared by the filesystem test programs (tests/c/fs-*.c). Each program is one translation
 * unit, so everything here is static, and marked unused since each program calls only some of it.
 * A program prints one line per check: "label: ok", "label: ENAME" or "label: value"
 * (tests/filesystem.test.ts asserts the lines exactly). */
#ifndef FS_CHECK_H
#define FS_CHECK_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The name of errno value `e` ("ENOENT"), or "E<number>" for one not in the table. */
static __attribute__((unused)) const char *en(int e) {
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

/* "label: ok" for a non-negative result, "label: ENAME" for a failure; returns the result. */
static __attribute__((unused)) long res(const char *label, long r) {
  if (r < 0) printf("%s: %s\n", label, en(errno));
  else printf("%s: ok\n", label);
  return r;
}
#define T(label, expr) res(label, (long)(expr))

/* Writes `text` as the whole content of `path` (created 0644 if need be). */
static __attribute__((unused)) void put(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

/* What load() read last, NUL-terminated. */
static char got[65536];

/* Reads all of `path` (up to sizeof got - 1 bytes) into `got`: its length, or -1 with errno set
 * (and `got` empty) when it cannot be opened or its first read fails. */
static __attribute__((unused)) long load(const char *path) {
  got[0] = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long n = 0;
  ssize_t k = 0;
  while (n < (long)sizeof got - 1 && (k = read(fd, got + n, sizeof got - 1 - n)) > 0) n += k;
  int e = errno;
  close(fd);
  if (k < 0 && n == 0) {
    errno = e;
    return -1;
  }
  got[n] = 0;
  return n;
}

/* The content of `path` with zero bytes shown as '.', or the errno name of the failure. */
static __attribute__((unused)) const char *contents(const char *path) {
  long n = load(path);
  if (n < 0) return en(errno);
  for (long i = 0; i < n; i++) if (got[i] == 0) got[i] = '.';
  return got;
}

/* "label: content" (one trailing newline left out), or "label: ENAME". */
static __attribute__((unused)) void show(const char *label, const char *path) {
  const char *s = contents(path);
  size_t n = strlen(s);
  if (n > 0 && s[n - 1] == '\n') n--;
  printf("%s: %.*s\n", label, (int)n, s);
}

/* "label: <prefix>\"content\"" with each newline shown as '|', or "label: ENAME". */
static __attribute__((unused)) void show_quoted(const char *label, const char *prefix, const char *path) {
  if (load(path) < 0) {
    printf("%s: %s\n", label, en(errno));
    return;
  }
  for (char *p = got; *p; p++) if (*p == '\n') *p = '|';
  printf("%s: %s\"%s\"\n", label, prefix, got);
}

/* The target of the symbolic link `path`, or the errno name of the failure. */
static __attribute__((unused)) const char *link_of(const char *path) {
  static char buf[512];
  ssize_t n = readlink(path, buf, sizeof buf - 1);
  if (n < 0) return en(errno);
  buf[n] = 0;
  return buf;
}

static __attribute__((unused)) int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "label: name name ...", the names in `path` sorted, "." and ".." left out; or "label: ENAME". */
static __attribute__((unused)) void list(const char *label, const char *path) {
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
  qsort(names, n, sizeof names[0], cmp_names);
  printf("%s:", label);
  for (int i = 0; i < n; i++) printf(" %s", names[i]);
  printf("\n");
  for (int i = 0; i < n; i++) free(names[i]);
}

/* How many entries `path` lists other than "." and ".." (those counted into *dots when dots is
 * not NULL); -1 when the directory cannot be opened. */
static __attribute__((unused)) int count_entries(const char *path, int *dots) {
  DIR *d = opendir(path);
  if (!d) return -1;
  int n = 0;
  if (dots) *dots = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    else if (dots) ++*dots;
  }
  closedir(d);
  return n;
}

/* Waits for child `pid`: its exit status, 128 + the signal that ended it, or -1. */
static __attribute__((unused)) int wait_child(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#endif
