// Pipes within one process: data, FIONREAD, EOF, O_NONBLOCK both ways, EPIPE with SIGPIPE
// ignored, pipe sizes, dup'ed ends; finally a write with no reader and SIGPIPE at its default
// action, which must kill the process (exit status 141 from the CLI).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static char big[200000];

#define SAY(...) (printf(__VA_ARGS__), fflush(stdout))

int main(void) {
  int p[2];
  char buf[64];

  // Data in, data out; FIONREAD; fstat.
  int r = pipe(p);
  SAY("pipe: %d fds %d %d\n", r, p[0], p[1]);
  SAY("write: %zd\n", write(p[1], "hello, pipe", 11));
  int avail = -1;
  r = ioctl(p[0], FIONREAD, &avail);
  SAY("FIONREAD: %d %d\n", r, avail);
  ssize_t n = read(p[0], buf, 5);
  SAY("read: %zd %.5s\n", n, buf);
  n = read(p[0], buf, sizeof buf);
  SAY("read rest: %zd %.*s\n", n, (int)n, buf);
  struct stat a, b;
  fstat(p[0], &a);
  fstat(p[1], &b);
  SAY("fstat: fifo %d same-ino %d\n", S_ISFIFO(a.st_mode), a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  SAY("lseek: %ld %s\n", (long)lseek(p[0], 0, SEEK_SET), strerror(errno));

  // writev gathers, readv scatters.
  struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
  SAY("writev: %zd\n", writev(p[1], iov, 2));
  char x[2], y[10];
  struct iovec rv[2] = { { x, 2 }, { y, 10 } };
  n = readv(p[0], rv, 2);
  SAY("readv: %zd %.2s|%.3s\n", n, x, y);

  // EOF once the (only) write end is closed, however many times one reads.
  write(p[1], "xyz", 3);
  close(p[1]);
  n = read(p[0], buf, sizeof buf);
  ssize_t n2 = read(p[0], buf, sizeof buf);
  SAY("after close: %zd then %zd %zd\n", n, n2, read(p[0], buf, sizeof buf));
  close(p[0]);

  // O_NONBLOCK: EAGAIN when empty; 1000-byte (atomic) writes until one does not fit, then a
  // large write takes the rest (a partial count); then EAGAIN when full.
  r = pipe2(p, O_NONBLOCK | O_CLOEXEC);
  SAY("pipe2: %d cloexec %d nonblock %d\n", r, fcntl(p[0], F_GETFD) == FD_CLOEXEC, !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
  errno = 0;
  n = read(p[0], buf, sizeof buf);
  SAY("empty nonblock read: %zd %s\n", n, strerror(errno));
  size_t total = 0;
  for (;;) {
    n = write(p[1], big, 1000);
    if (n < 0) break;
    total += n;
  }
  SAY("filled: %zu then %s\n", total, strerror(errno));
  n = write(p[1], big, 5000);
  SAY("large write with %zu free: %zd\n", 65536 - total, n);
  errno = 0;
  n = write(p[1], big, 10);
  SAY("full nonblock write: %zd %s\n", n, strerror(errno));
  SAY("F_GETPIPE_SZ: %d\n", fcntl(p[0], F_GETPIPE_SZ));
  errno = 0;
  SAY("shrink below contents: %d %s\n", fcntl(p[1], F_SETPIPE_SZ, 4096), strerror(errno));
  SAY("grow: %d now %d\n", fcntl(p[1], F_SETPIPE_SZ, 100000), fcntl(p[0], F_GETPIPE_SZ));
  errno = 0;
  SAY("beyond pipe-max-size: %d %s\n", fcntl(p[1], F_SETPIPE_SZ, 2 << 20), strerror(errno));
  errno = 0;
  SAY("not a pipe: %d %s\n", fcntl(1, F_GETPIPE_SZ) < 0 && errno == EBADF ? -1 : 0, strerror(errno));
  close(p[0]);
  close(p[1]);

  // dup'ed ends: the pipe stays open while any descriptor of an end does.
  pipe(p);
  int w2 = dup(p[1]);
  close(p[1]);
  write(w2, "dup", 3);
  n = read(p[0], buf, sizeof buf);
  SAY("through dup: %zd %.3s\n", n, buf);
  int r2 = fcntl(p[0], F_DUPFD_CLOEXEC, 10);
  close(p[0]);
  write(w2, "!", 1);
  n = read(r2, buf, sizeof buf);
  SAY("read through F_DUPFD_CLOEXEC (fd %d): %zd %c\n", r2, n, buf[0]);
  close(w2);
  SAY("eof through dup: %zd\n", read(r2, buf, sizeof buf));

  // No reader left: EPIPE when SIGPIPE is ignored.
  signal(SIGPIPE, SIG_IGN);
  pipe(p);
  close(p[0]);
  errno = 0;
  n = write(p[1], "x", 1);
  SAY("write without reader, SIGPIPE ignored: %zd %s\n", n, strerror(errno));
  n = write(p[1], "", 0);
  SAY("empty write without reader: %zd\n", n);

  // Default action: the process dies of SIGPIPE.
  signal(SIGPIPE, SIG_DFL);
  SAY("about to die\n");
  write(p[1], "x", 1);
  SAY("still alive (wrong)\n");
  return 0;
}
