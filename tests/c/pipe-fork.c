// Pipes between processes: a child streams a checkable byte sequence in writes of mixed sizes
// (atomic small ones, large ones that must be split across wake-ups, writev) while the parent
// reads with mixed sizes and checks every byte; EOF when the child exits; then SIGPIPE kills a
// child writing to a pipe whose reader has gone.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned char wbuf[300000], rbuf[300000];
static unsigned char byte_at(long i) { return (unsigned char)(i * 2654435761u >> 13); }

int main(int argc, char **argv) {
  long total = (argc > 1 ? atol(argv[1]) : 8) << 20;
  int p[2];
  if (pipe(p)) return 1;
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    const long sizes[] = { 1, 4096, 70000, 13, 65536, 200000, 4097, 100, 250000 };
    long done = 0;
    for (int k = 0; done < total; k++) {
      long n = sizes[k % 9];
      if (n > total - done) n = total - done;
      for (long i = 0; i < n; i++) wbuf[i] = byte_at(done + i);
      ssize_t w;
      if (k % 3 == 0 && n > 2) {
        struct iovec iov[2] = { { wbuf, 1 }, { wbuf + 1, n - 1 } };
        w = writev(p[1], iov, 2);
      } else {
        w = write(p[1], wbuf, n);
      }
      if (w != n) _exit(2);
      done += n;
    }
    _exit(0);
  }
  close(p[1]);
  const long rs[] = { 7, 65536, 100000, 1, 4096, 300000, 333 };
  long got = 0, bad = -1;
  ssize_t r;
  for (int k = 0; (r = read(p[0], rbuf, rs[k % 7])) > 0; k++) {
    for (long i = 0; i < r && bad < 0; i++)
      if (rbuf[i] != byte_at(got + i)) bad = got + i;
    got += r;
  }
  int st;
  waitpid(c, &st, 0);
  printf("stream: %ld of %ld bytes, first bad %ld, writer exit %d, then EOF %zd\n", got, total, bad,
         WIFEXITED(st) ? WEXITSTATUS(st) : -1, r);
  close(p[0]);

  // The reader goes away while the child is blocked writing: SIGPIPE ends the child.
  pipe(p);
  c = fork();
  if (c == 0) {
    close(p[0]);
    for (;;) write(p[1], wbuf, sizeof wbuf);
  }
  close(p[1]);
  read(p[0], rbuf, 10);
  close(p[0]);
  waitpid(c, &st, 0);
  printf("writer without reader: %s %d\n", WIFSIGNALED(st) ? "killed by signal" : "exited", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
  return 0;
}
