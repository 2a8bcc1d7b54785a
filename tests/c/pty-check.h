/* Helpers shared by the terminal test programs (tests/c/pty-*.c). Each program is one translation
 * unit, so everything here is static, and marked unused since each program calls only some of it.
 * A program prints one line per checked fact (tests/terminals.test.ts asserts the lines exactly);
 * bytes are shown C-style in double quotes ("ab\r\n", "\x7f"), printable ASCII as itself.
 * Every step that could block is bounded by alarm(): a kernel bug prints "timeout: <step>" and
 * exits 124 instead of hanging the test. */
#ifndef PTY_CHECK_H
#define PTY_CHECK_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define UNUSED __attribute__((unused))

/* The name of errno value `e` ("EIO"), or "E<number>" for one not in the table. */
static UNUSED const char *en(int e) {
  switch (e) {
#define X(n) case n: return #n;
    X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(EBADF) X(ECHILD) X(EAGAIN) X(ENOMEM) X(EACCES)
    X(EFAULT) X(EBUSY) X(EEXIST) X(ENODEV) X(ENOTDIR) X(EINVAL) X(EMFILE) X(ENOTTY) X(ENOSPC) X(ESPIPE)
    X(EROFS) X(EPIPE) X(ENOSYS) X(EOPNOTSUPP)
#undef X
  }
  static char buf[16];
  snprintf(buf, sizeof buf, "E%d", e);
  return buf;
}

/* "ok" for a non-negative result, the errno name for a failure. */
static UNUSED const char *rs(long r) { return r < 0 ? en(errno) : "ok"; }

/* The step an alarm interrupts, for the timeout message. */
static const char *volatile step_name = "start";

static void on_alarm(int sig) {
  (void)sig;
  const char *s = step_name;
  write(1, "timeout: ", 9);
  write(1, s, strlen(s));
  write(1, "\n", 1);
  _exit(124);
}

/* Names the next step and gives it (and whatever follows until the next step()) `secs` seconds. */
static UNUSED void step_for(const char *name, unsigned secs) {
  step_name = name;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, 0);
  alarm(secs);
}
static UNUSED void step(const char *name) { step_for(name, 5); }

/* `n` bytes of `b` shown in double quotes with C escapes (a few results rotate, so one printf may
 * show several). */
static UNUSED const char *esc(const void *b, long n) {
  static char bufs[4][1024];
  static int k;
  char *o = bufs[k++ & 3], *p = o;
  const unsigned char *s = b;
  *p++ = '"';
  for (long i = 0; i < n && p < o + sizeof bufs[0] - 8; i++) {
    unsigned c = s[i];
    if (c == '\n') p += sprintf(p, "\\n");
    else if (c == '\r') p += sprintf(p, "\\r");
    else if (c == '\b') p += sprintf(p, "\\b");
    else if (c == '\t') p += sprintf(p, "\\t");
    else if (c == '\\' || c == '"') p += sprintf(p, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f) p += sprintf(p, "\\x%02x", c);
    else *p++ = (char)c;
  }
  *p++ = '"';
  *p = 0;
  return o;
}

/* Reads `fd` until the bytes read contain `end`; returns how many came before it (stored in `b`,
 * NUL-terminated, `end` and anything after it dropped). */
static UNUSED long collect(int fd, char end, char *b, long cap) {
  long n = 0;
  for (;;) {
    char *e = memchr(b, end, n);
    if (e) {
      *e = 0;
      return e - b;
    }
    ssize_t k = read(fd, b + n, cap - 1 - n);
    if (k <= 0) {
      b[n] = 0;
      return n;
    }
    n += k;
  }
}

/* Reads `fd` until the bytes read end with `want` (or the alarm fires); 1 when they are exactly
 * `want`, else prints what came and returns 0. */
static UNUSED int expect(int fd, const char *want) {
  char b[1024];
  long n = 0, w = (long)strlen(want);
  while (n < w || memcmp(b + n - w, want, w)) {
    ssize_t k = read(fd, b + n, sizeof b - n);
    if (k <= 0) break;
    n += k;
  }
  if (n == w && !memcmp(b, want, w)) return 1;
  printf("unexpected bytes: %s (wanted %s)\n", esc(b, n), esc(want, w));
  return 0;
}

/* Reads exactly `n` bytes (several reads if need be); how many came. */
static UNUSED long read_n(int fd, char *b, long n) {
  long got = 0;
  while (got < n) {
    ssize_t k = read(fd, b + got, n - got);
    if (k <= 0) break;
    got += k;
  }
  return got;
}

/* 1 when `fd` has something to read right now (poll with no wait), else 0. */
static UNUSED int readable(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* The bytes FIONREAD reports, or -1. */
static UNUSED int inq(int fd) {
  int n = -1;
  return ioctl(fd, FIONREAD, &n) < 0 ? -1 : n;
}

/* A master/slave pair from posix_openpt(O_RDWR|O_NOCTTY)/grantpt/unlockpt/ptsname, the slave
 * opened O_RDWR|O_NOCTTY; its name into `name` (when not NULL). Exits 1 on failure. */
static UNUSED void open_pair(int *m, int *s, char *name) {
  *m = posix_openpt(O_RDWR | O_NOCTTY);
  if (*m < 0 || grantpt(*m) < 0 || unlockpt(*m) < 0 || !ptsname(*m)) {
    printf("open_pair: %s\n", en(errno));
    exit(1);
  }
  if (name) strcpy(name, ptsname(*m));
  *s = open(ptsname(*m), O_RDWR | O_NOCTTY);
  if (*s < 0) {
    printf("open_pair slave: %s\n", en(errno));
    exit(1);
  }
}

/* Sets (on) and clears (off) c_lflag bits of `fd`'s termios, TCSANOW. */
static UNUSED void lflags(int fd, tcflag_t on, tcflag_t off) {
  struct termios t;
  tcgetattr(fd, &t);
  t.c_lflag = (t.c_lflag | on) & ~off;
  tcsetattr(fd, TCSANOW, &t);
}

/* Sets c_cc[idx] of `fd`'s termios, TCSANOW. */
static UNUSED void cc(int fd, int idx, unsigned char v) {
  struct termios t;
  tcgetattr(fd, &t);
  t.c_cc[idx] = v;
  tcsetattr(fd, TCSANOW, &t);
}

/* A blocking write of a C string. */
static UNUSED void put(int fd, const char *s) { write(fd, s, strlen(s)); }

/* The name of signal `sig` ("SIGTTIN"), or its number. */
static UNUSED const char *sn(int sig) {
  switch (sig) {
#define X(n) case n: return #n;
    X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGKILL) X(SIGTERM) X(SIGCONT) X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU)
    X(SIGWINCH) X(SIGALRM) X(SIGCHLD)
#undef X
  }
  static char buf[16];
  snprintf(buf, sizeof buf, "%d", sig);
  return buf;
}

/* Waits for child `pid` (bounded by the current step's alarm): "exit N", "killed by SIGX" or
 * "stopped by SIGX". */
static UNUSED const char *how(pid_t pid, int opts) {
  static char b[32];
  int st;
  if (waitpid(pid, &st, opts) != pid) return en(errno);
  if (WIFEXITED(st)) snprintf(b, sizeof b, "exit %d", WEXITSTATUS(st));
  else if (WIFSIGNALED(st)) snprintf(b, sizeof b, "killed by %s", sn(WTERMSIG(st)));
  else if (WIFSTOPPED(st)) snprintf(b, sizeof b, "stopped by %s", sn(WSTOPSIG(st)));
  else snprintf(b, sizeof b, "continued");
  return b;
}

#endif
