/* /proc: self, cmdline, status, fd/ listing and links, reopening a pipe through /proc/self/fd,
 * cwd, another process's status, /proc/mounts, meminfo, uptime, cpuinfo.
 * Run as: fs-proc alpha "two words" */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

static char text[65536];
/* Reads a whole (generated) file into `text`; returns its length or -1. */
static long slurp(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long n = 0;
  ssize_t k;
  while (n < (long)sizeof text - 1 && (k = read(fd, text + n, sizeof text - 1 - n)) > 0) n += k;
  close(fd);
  text[n] = 0;
  return n;
}

static const char *link_of(const char *path) {
  static char buf[512];
  ssize_t n = readlink(path, buf, sizeof buf - 1);
  if (n < 0) return en(errno);
  buf[n] = 0;
  return buf;
}

/* The value after "Key:" in a status-like text, or -1. */
static long field(const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\n%s:", key);
  const char *p = strncmp(text, pat + 1, strlen(pat) - 1) == 0 ? text - 1 : strstr(text, pat);
  if (!p) return -1;
  return strtol(p + strlen(pat), NULL, 10);
}

static int cmpint(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char want[32];
  snprintf(want, sizeof want, "%d", getpid());
  printf("/proc/self is getpid: %d\n", strcmp(link_of("/proc/self"), want) == 0);

  /* cmdline: argv joined by NULs, a NUL after each */
  long n = slurp("/proc/self/cmdline");
  char expect[1024];
  long m = 0;
  for (int i = 0; i < argc; i++) {
    size_t l = strlen(argv[i]) + 1;
    memcpy(expect + m, argv[i], l);
    m += l;
  }
  printf("cmdline matches argv: %d (argc %d)\n", n == m && memcmp(text, expect, m) == 0, argc);

  slurp("/proc/self/status");
  printf("status Pid: %d PPid: %d\n", field("Pid") == getpid(), field("PPid") == getppid());
  printf("status has Name, State, Uid: %d %d %d\n", strstr(text, "Name:\t") != NULL, strstr(text, "\nState:\t") != NULL,
         strstr(text, "\nUid:\t0\t0\t0\t0\n") != NULL);
  slurp("/proc/self/comm");
  printf("comm ends in newline: %d\n", text[0] != 0 && text[strlen(text) - 1] == '\n');

  printf("# fd\n");
  /* fd/ lists the open descriptors, the directory's own included */
  mkdir("/tmp/fs-proc", 0755);
  int a = open("/tmp/fs-proc/a", O_RDWR | O_CREAT, 0644);
  int b = open("/tmp/fs-proc/b", O_RDONLY | O_CREAT, 0644);
  DIR *d = opendir("/proc/self/fd");
  int fds[64], count = 0;
  struct dirent *e;
  while ((e = readdir(d)) && count < 64) {
    if (e->d_name[0] == '.') continue;
    fds[count++] = atoi(e->d_name);
  }
  int dirfd_ = dirfd(d);
  closedir(d);
  qsort(fds, count, sizeof fds[0], cmpint);
  printf("fd listing:");
  for (int i = 0; i < count; i++) printf(" %s", fds[i] == dirfd_ ? "dir" : fds[i] == a ? "a" : fds[i] == b ? "b" : (snprintf(want, sizeof want, "%d", fds[i]), want));
  printf("\n");
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", a);
  printf("fd link of a: %s\n", link_of(p));
  snprintf(p, sizeof p, "/proc/self/fd/%d", 99);
  printf("fd link of a closed fd: %s\n", link_of(p));
  struct stat st;
  lstat("/proc/self/fd/0", &st);
  printf("fd/0 is a symlink: %d\n", S_ISLNK(st.st_mode));
  slurp("/proc/self/fdinfo/0");
  printf("fdinfo has pos and flags: %d %d\n", strncmp(text, "pos:", 4) == 0, strstr(text, "\nflags:") != NULL);

  /* reopening a pipe through /proc/self/fd/N: write the original, read the reopened one */
  int pp[2];
  pipe(pp);
  snprintf(p, sizeof p, "/proc/self/fd/%d", pp[0]);
  const char *pl = link_of(p);
  printf("pipe link looks like pipe:[N]: %d\n", strncmp(pl, "pipe:[", 6) == 0 && pl[strlen(pl) - 1] == ']');
  int reopened = open(p, O_RDONLY);
  printf("reopen pipe: %s\n", reopened < 0 ? en(errno) : "ok");
  write(pp[1], "through the pipe", 16);
  char buf[64] = {0};
  ssize_t k = read(reopened, buf, sizeof buf - 1);
  printf("read via reopened end: %zd %s\n", k, buf);
  snprintf(p, sizeof p, "/proc/self/fd/%d", pp[1]);
  int w2 = open(p, O_WRONLY);
  write(w2, "second writer", 13);
  memset(buf, 0, sizeof buf);
  k = read(pp[0], buf, sizeof buf - 1);
  printf("write via reopened write end: %zd %s\n", k, buf);
  close(w2);
  close(reopened);
  close(pp[0]);
  close(pp[1]);

  /* a deleted file reopened through its fd link */
  write(a, "deleted but open", 16);
  unlink("/tmp/fs-proc/a");
  snprintf(p, sizeof p, "/proc/self/fd/%d", a);
  int ra = open(p, O_RDONLY);
  memset(buf, 0, sizeof buf);
  k = read(ra, buf, sizeof buf - 1);
  printf("reopen deleted file: %zd %s\n", k, buf);
  close(ra);

  printf("# cwd and other processes\n");
  /* cwd */
  chdir("/tmp/fs-proc");
  printf("cwd link: %s\n", link_of("/proc/self/cwd"));
  printf("root link: %s\n", link_of("/proc/self/root"));
  printf("open via cwd link: %d\n", (k = open("/proc/self/cwd/b", O_RDONLY)) >= 0);

  /* another process */
  int hold[2];
  pipe(hold);
  pid_t c = fork();
  if (c == 0) {
    close(hold[1]);
    read(hold[0], buf, 1);
    _exit(0);
  }
  snprintf(p, sizeof p, "/proc/%d/status", c);
  slurp(p);
  printf("child status: Pid ok %d PPid is us %d\n", field("Pid") == c, field("PPid") == getpid());
  snprintf(p, sizeof p, "/proc/%d", c);
  printf("child dir exists: %d\n", stat(p, &st) == 0 && S_ISDIR(st.st_mode));
  close(hold[1]);
  waitpid(c, NULL, 0);
  printf("child dir after reaping: %s\n", stat(p, &st) == 0 ? "exists" : en(errno));

  printf("# mounts\n");
  /* /proc/mounts */
  slurp("/proc/mounts");
  const char *targets[] = { "/", "/dev", "/dev/shm", "/proc", "/tmp" };
  for (int i = 0; i < 5; i++) {
    char line[512];
    const char *s = text;
    int found = 0;
    while (*s) {
      const char *eol = strchr(s, '\n');
      size_t len = eol ? (size_t)(eol - s) : strlen(s);
      snprintf(line, sizeof line, "%.*s", (int)len, s);
      char src[128], at[256], type[64], opts[128];
      if (sscanf(line, "%127s %255s %63s %127s", src, at, type, opts) == 4 && !strcmp(at, targets[i])) {
        *strchrnul(opts, ',') = 0;
        printf("mount %s %s %s\n", at, type, opts);
        found = 1;
      }
      s += len + (eol != NULL);
    }
    if (!found) printf("mount %s missing\n", targets[i]);
  }
  static char mounts[sizeof text];
  memcpy(mounts, text, sizeof text);
  slurp("/etc/mtab");
  printf("/etc/mtab reads as /proc/mounts: %d\n", strcmp(mounts, text) == 0);

  printf("# system files\n");
  /* system files */
  slurp("/proc/meminfo");
  long total = strncmp(text, "MemTotal:", 9) == 0 ? strtol(text + 9, NULL, 10) : -1;
  printf("meminfo starts with MemTotal > 0 kB: %d\n", total > 0 && strstr(text, " kB\n") != NULL);
  slurp("/proc/uptime");
  double up = -1, idle = -1;
  printf("uptime fields: %d, sane %d\n", sscanf(text, "%lf %lf", &up, &idle), up >= 0 && up < 86400 * 365);
  slurp("/proc/cpuinfo");
  int procs = 0;
  for (const char *s = text; (s = strstr(s, "processor\t: ")); s++) procs++;
  printf("cpuinfo processors >= 1: %d\n", procs >= 1);
  printf("/proc/version starts with Linux: %d\n", slurp("/proc/version") > 0 && strncmp(text, "Linux version ", 14) == 0);
  return 0;
}
