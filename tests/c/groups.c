/* Process groups and sessions with their POSIX errors, and resource limits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); printf("%s: %ld %s\n", label, r_ < 0 ? -1L : r_ > 0 ? 1L : 0L, r_ < 0 ? strerror(errno) : "ok"); } while (0)

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  pid_t me = getpid();
  printf("leader of own group: %d, session: %d\n", getpgrp() == me, getsid(0) == getsid(me));
  SHOW("setsid as group leader", setsid());
  SHOW("setpgid(-1)", setpgid(-1, 0));
  SHOW("setpgid(unrelated)", setpgid(99999, 0));
  SHOW("getpgid(unrelated)", getpgid(99999));

  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    char x;
    read(p[0], &x, 1); /* wait for the parent's checks */
    /* the parent made this child a group leader, so it may not start a session */
    _exit(setsid() == -1 && errno == EPERM ? 0 : 1);
  }
  SHOW("setpgid(child, child)", setpgid(c, c));
  printf("child group is its pid: %d\n", getpgid(c) == c);
  SHOW("setpgid(child, nonexistent group)", setpgid(c, 77777));
  write(p[1], "x", 1);
  int st;
  waitpid(c, &st, 0);
  printf("group leader child setsid EPERM: %d\n", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  int up[2], down[2];
  pipe(up);
  pipe(down);
  c = fork();
  if (c == 0) {
    pid_t s = setsid();
    write(up[1], "s", 1); /* tell the parent the session exists */
    char x;
    read(down[0], &x, 1);
    _exit(s == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0 : 1);
  }
  char y;
  read(up[0], &y, 1);
  SHOW("setpgid(child in other session)", setpgid(c, c));
  write(down[1], "x", 1);
  waitpid(c, &st, 0);
  for (int i = 0; i < 2; i++) close(up[i]), close(down[i]);
  printf("child setsid worked: %d\n", WIFEXITED(st) && WEXITSTATUS(st) == 0);

  /* RLIMIT_NOFILE gives EMFILE */
  struct rlimit rl = {8, 8};
  SHOW("setrlimit NOFILE 8", setrlimit(RLIMIT_NOFILE, &rl));
  int opened = 0, fd;
  while ((fd = open(".", O_RDONLY)) >= 0) opened++;
  printf("opened until %s after %d more\n", strerror(errno), opened);
  for (int i = 3; i < 8; i++) close(i);

  /* RLIMIT_NPROC ends a fork loop in EAGAIN */
  getrlimit(RLIMIT_NPROC, &rl);
  printf("nproc limit finite: %d\n", rl.rlim_cur != RLIM_INFINITY);
  rl.rlim_cur = 5;
  SHOW("setrlimit NPROC 5", setrlimit(RLIMIT_NPROC, &rl));
  int forked = 0, err = 0;
  pid_t kids[16];
  for (int i = 0; i < 16; i++) {
    pid_t k = fork();
    if (k == 0) { sleep(1); _exit(0); }
    if (k < 0) { err = errno; break; }
    kids[forked++] = k;
  }
  printf("forked %d then %s\n", forked, strerror(err));
  for (int i = 0; i < forked; i++) waitpid(kids[i], 0, 0);
  rl.rlim_max = RLIM_INFINITY;
  return 0;
}
