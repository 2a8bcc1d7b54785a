/* FIFOs: mkfifo in /tmp, a writer child and a reader parent each blocking in open until the
 * other comes, a checked stream then EOF, ENXIO for a non-blocking writer without a reader,
 * poll readiness and hang-up, poll woken by another process, select timing out. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fs-check.h"

#define TOTAL 300000
static unsigned char byte_at(long i) { return (unsigned char)(i * 2654435761u >> 13); }
static unsigned char buf[70000];

static const char *revents(short r) {
  static char bufs[2][64];
  static int k;
  char *s = bufs[k++ & 1];
  s[0] = 0;
  if (r & POLLIN) strcat(s, "IN ");
  if (r & POLLOUT) strcat(s, "OUT ");
  if (r & POLLHUP) strcat(s, "HUP ");
  if (r & POLLERR) strcat(s, "ERR ");
  if (r & POLLNVAL) strcat(s, "NVAL ");
  if (!s[0]) strcpy(s, "none ");
  s[strlen(s) - 1] = 0;
  return s;
}

static long ms_since(struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *p = "/tmp/fs-fifo";
  T("mkfifo", mkfifo(p, 0644));
  T("mkfifo again", mkfifo(p, 0644));
  struct stat st;
  stat(p, &st);
  printf("is a fifo: %d size %lld\n", S_ISFIFO(st.st_mode), (long long)st.st_size);

  /* No reader yet */
  T("O_WRONLY|O_NONBLOCK without a reader", open(p, O_WRONLY | O_NONBLOCK));
  int r = T("O_RDONLY|O_NONBLOCK without a writer", open(p, O_RDONLY | O_NONBLOCK));
  printf("read with no writer ever: %zd\n", read(r, buf, 10));
  int w = T("O_WRONLY|O_NONBLOCK with a reader", open(p, O_WRONLY | O_NONBLOCK));
  close(w);
  close(r);

  /* A writer child and a reader parent. */
  pid_t c = fork();
  if (c == 0) {
    usleep(50000); /* usually lets the parent block in open first; either order must work */
    int fd = open(p, O_WRONLY);
    if (fd < 0) _exit(2);
    long done = 0;
    while (done < TOTAL) {
      long n = TOTAL - done < 65536 ? TOTAL - done : 65536 - (done % 7);
      for (long i = 0; i < n; i++) buf[i] = byte_at(done + i);
      ssize_t k = write(fd, buf, n);
      if (k <= 0) _exit(3);
      done += k;
    }
    _exit(0);
  }
  int fd = T("reader open (waits for the writer)", open(p, O_RDONLY));
  long got = 0, bad = -1;
  ssize_t n;
  while ((n = read(fd, buf, 4099)) > 0) {
    for (long i = 0; i < n && bad < 0; i++) if (buf[i] != byte_at(got + i)) bad = got + i;
    got += n;
  }
  int status;
  waitpid(c, &status, 0);
  printf("stream: %ld bytes, first bad %ld, then %zd, writer exit %d\n", got, bad, n, WEXITSTATUS(status));
  close(fd);

  /* The other way round: the writer opens first and waits for the reader. */
  c = fork();
  if (c == 0) {
    int wfd = open(p, O_WRONLY); /* blocks until the parent opens for reading */
    write(wfd, "late reader", 11);
    _exit(wfd < 0);
  }
  usleep(50000);
  fd = open(p, O_RDONLY);
  memset(buf, 0, 32);
  n = read(fd, buf, 32);
  printf("writer first: %zd %s\n", n, buf);
  waitpid(c, &status, 0);
  close(fd);

  printf("# poll and select\n");
  /* poll */
  r = open(p, O_RDONLY | O_NONBLOCK);
  w = open(p, O_WRONLY | O_NONBLOCK);
  struct pollfd pf[2] = { { .fd = r, .events = POLLIN }, { .fd = w, .events = POLLOUT } };
  int k = poll(pf, 2, 0);
  printf("poll empty: %d reader %s writer %s\n", k, revents(pf[0].revents), revents(pf[1].revents));
  T("read empty nonblocking", read(r, buf, 1));
  write(w, "x", 1);
  k = poll(pf, 2, 1000);
  printf("poll after write: %d reader %s writer %s\n", k, revents(pf[0].revents), revents(pf[1].revents));
  read(r, buf, 1);
  close(w);
  k = poll(pf, 1, 1000);
  printf("poll after writer closed: %d reader %s\n", k, revents(pf[0].revents));
  printf("read after writer closed: %zd\n", read(r, buf, 1));

  /* poll woken by another process's write */
  w = open(p, O_WRONLY | O_NONBLOCK);
  c = fork();
  if (c == 0) {
    usleep(100000);
    write(w, "z", 1);
    _exit(0);
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pf[0].revents = 0;
  k = poll(pf, 1, 10000);
  long ms = ms_since(&t0);
  printf("poll woken by child: %d %s, waited (0, 10s): %d\n", k, revents(pf[0].revents), ms >= 0 && ms < 10000);
  read(r, buf, 1);
  waitpid(c, &status, 0);

  /* select with a timeout and nothing to read */
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(r, &rs);
  struct timeval tv = { 0, 200000 };
  clock_gettime(CLOCK_MONOTONIC, &t0);
  k = select(r + 1, &rs, NULL, NULL, &tv);
  ms = ms_since(&t0);
  printf("select timeout: %d, set cleared %d, waited >=150ms %d, <10s %d\n", k, !FD_ISSET(r, &rs), ms >= 150, ms < 10000);
  FD_ZERO(&rs);
  FD_SET(r, &rs);
  write(w, "y", 1);
  tv.tv_sec = 5;
  k = select(r + 1, &rs, NULL, NULL, &tv);
  printf("select readable: %d %d\n", k, FD_ISSET(r, &rs));
  close(r);
  close(w);

  /* O_RDWR never waits and holds both ends */
  fd = T("O_RDWR open", open(p, O_RDWR));
  write(fd, "rw", 2);
  memset(buf, 0, 4);
  n = read(fd, buf, 4);
  printf("O_RDWR round trip: %zd %s\n", n, buf);
  close(fd);
  /* A writer whose readers are all gone gets EPIPE (SIGPIPE ignored). */
  signal(SIGPIPE, SIG_IGN);
  r = open(p, O_RDONLY | O_NONBLOCK);
  w = open(p, O_WRONLY | O_NONBLOCK);
  close(r);
  T("write without readers", write(w, "x", 1));
  close(w);
  T("unlink fifo", unlink(p));
  return 0;
}
