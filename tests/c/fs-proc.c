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

#include "fs-check.h"

/* The value after "Key:" in the status-like text load() left in `got`, or -1. */
static long field(const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\n%s:", key);
  const char *p = strncmp(got, pat + 1, strlen(pat) - 1) == 0 ? got - 1 : strstr(got, pat);
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
  long n = load("/proc/self/cmdline");
  char expect[1024];
  long m = 0;
  for (int i = 0; i < argc; i++) {
    size_t l = strlen(argv[i]) + 1;
    memcpy(expect + m, argv[i], l);
    m += l;
  }
  printf("cmdline matches argv: %d (argc %d)\n", n == m && memcmp(got, expect, m) == 0, argc);

  load("/proc/self/status");
  printf("status Pid: %d PPid: %d\n", field("Pid") == getpid(), field("PPid") == getppid());
  printf("status has Name, State, Uid: %d %d %d\n", strstr(got, "Name:\t") != NULL, strstr(got, "\nState:\t") != NULL,
         strstr(got, "\nUid:\t0\t0\t0\t0\n") != NULL);
  load("/proc/self/comm");
  printf("comm ends in newline: %d\n", got[0] != 0 && got[strlen(got) - 1] == '\n');

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
  load("/proc/self/fdinfo/0");
  printf("fdinfo has pos and flags: %d %d\n", strncmp(got, "pos:", 4) == 0, strstr(got, "\nflags:") != NULL);

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
  load(p);
  printf("child status: Pid ok %d PPid is us %d\n", field("Pid") == c, field("PPid") == getpid());
  snprintf(p, sizeof p, "/proc/%d", c);
  printf("child dir exists: %d\n", stat(p, &st) == 0 && S_ISDIR(st.st_mode));
  close(hold[1]);
  waitpid(c, NULL, 0);
  printf("child dir after reaping: %s\n", stat(p, &st) == 0 ? "exists" : en(errno));

  printf("# mounts\n");
  /* /proc/mounts */
  load("/proc/mounts");
  const char *targets[] = { "/", "/dev", "/dev/shm", "/proc", "/tmp" };
  for (int i = 0; i < 5; i++) {
    char line[512];
    const char *s = got;
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
  static char mounts[sizeof got];
  memcpy(mounts, got, sizeof got);
  load("/etc/mtab");
  printf("/etc/mtab reads as /proc/mounts: %d\n", strcmp(mounts, got) == 0);

  printf("# system files\n");
  /* system files */
  load("/proc/meminfo");
  long total = strncmp(got, "MemTotal:", 9) == 0 ? strtol(got + 9, NULL, 10) : -1;
  printf("meminfo starts with MemTotal > 0 kB: %d\n", total > 0 && strstr(got, " kB\n") != NULL);
  load("/proc/uptime");
  double up = -1, idle = -1;
  printf("uptime fields: %d, sane %d\n", sscanf(got, "%lf %lf", &up, &idle), up >= 0 && up < 86400 * 365);
  load("/proc/cpuinfo");
  int procs = 0;
  for (const char *s = got; (s = strstr(s, "processor\t: ")); s++) procs++;
  printf("cpuinfo processors >= 1: %d\n", procs >= 1);
  printf("/proc/version starts with Linux: %d\n", load("/proc/version") > 0 && strncmp(got, "Linux version ", 14) == 0);
  return 0;
}
