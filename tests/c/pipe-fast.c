// Pipes whose bytes the process workers move themselves (kernel-core io/fast-io.ts), checked
// where that path meets the kernel's: PIPE_BUF records from several writers stay whole; a poller,
// a reader and a writer parked in the kernel hear of worker-side transfers; a signal ends a wait
// on an empty pipe (and SA_RESTART resumes it); O_NONBLOCK set later by fcntl holds; the ring
// grows in mid-stream; two threads write at once; a writer killed mid-stream leaves EOF behind.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAY(...) (printf(__VA_ARGS__), fflush(stdout))

static char big[1 << 20];

/* Reads exactly n bytes unless EOF or an error comes first; returns what it got. */
static size_t read_full(int fd, char *buf, size_t n) {
  size_t got = 0;
  ssize_t r;
  while (got < n && (r = read(fd, buf + got, n - got)) > 0) got += r;
  return got;
}

static int reap_all_ok(void) {
  int st, ok = 1;
  while (wait(&st) > 0)
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = 0;
  return ok;
}

static void records(void) {
  enum { WRITERS = 4, RECS = 300 };
  int p[2];
  pipe(p);
  for (int w = 0; w < WRITERS; w++) {
    if (fork() == 0) {
      close(p[0]);
      char rec[4096];
      memset(rec, 'a' + w, sizeof rec);
      for (int i = 0; i < RECS; i++)
        if (write(p[1], rec, sizeof rec) != (ssize_t)sizeof rec) _exit(1);
      _exit(0);
    }
  }
  close(p[1]);
  static char rec[4096];
  int counts[WRITERS] = {0}, torn = 0;
  size_t got;
  while ((got = read_full(p[0], rec, sizeof rec)) > 0) {
    int c = rec[0] - 'a';
    int whole = got == sizeof rec && c >= 0 && c < WRITERS;
    for (size_t i = 1; whole && i < got; i++) whole = rec[i] == rec[0];
    if (whole) counts[c]++;
    else torn++;
  }
  close(p[0]);
  int ok = reap_all_ok();
  SAY("records: %d %d %d %d whole, %d torn, writers ok %d\n", counts[0], counts[1], counts[2], counts[3], torn, ok);
}

/* A child that sleeps `us`, then writes `n` bytes of 'z' and exits. */
static pid_t late_writer(int p[2], int us, size_t n) {
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    usleep(us);
    memset(big, 'z', n);
    _exit(write(p[1], big, n) == (ssize_t)n ? 0 : 1);
  }
  close(p[1]);
  return c;
}

static void kernel_waiters(void) {
  // poll parks in the kernel; the child's write is the worker's, and must wake it.
  int p[2];
  pipe(p);
  pid_t c = late_writer(p, 50000, 1);
  struct pollfd pf = {p[0], POLLIN, 0};
  int r = poll(&pf, 1, 10000);
  char ch = 0;
  ssize_t got = read(p[0], &ch, 1);
  SAY("poll: %d %s, read %zd %c\n", r, pf.revents & POLLIN ? "POLLIN" : "-", got, ch);
  waitpid(c, 0, 0);
  close(p[0]);

  // A reader that waited longer than the worker spins is parked in the kernel.
  pipe(p);
  c = late_writer(p, 150000, 100);
  char buf[200];
  SAY("late data: %zd\n", read(p[0], buf, sizeof buf));
  waitpid(c, 0, 0);
  close(p[0]);

  // A writer parked in the kernel on a full pipe; the reader drains it from its worker.
  pipe(p);
  c = fork();
  if (c == 0) {
    close(p[1]);
    usleep(150000);
    size_t n = read_full(p[0], big, 65536 + 5000);
    _exit(n == 65536 + 5000 ? 0 : 1);
  }
  close(p[0]);
  memset(big, 'f', sizeof big);
  ssize_t a = write(p[1], big, 65536);
  ssize_t b = write(p[1], big, 5000);
  int st;
  waitpid(c, &st, 0);
  SAY("full pipe: %zd then %zd, reader ok %d\n", a, b, WIFEXITED(st) && WEXITSTATUS(st) == 0);
  close(p[1]);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static void interrupted(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, 0);
  int p[2];
  pipe(p);
  // 5 ms: the reader is still waiting in its worker, which the kernel must wake.
  struct itimerval it = {{0, 0}, {0, 5000}};
  setitimer(ITIMER_REAL, &it, 0);
  char buf[16];
  ssize_t n = read(p[0], buf, sizeof buf);
  SAY("empty read, SIGALRM: %zd %s, handler ran %d\n", n, strerror(errno), alarms);

  // With SA_RESTART the read goes on and gets the bytes written later.
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, 0);
  pid_t c = late_writer(p, 100000, 3);
  setitimer(ITIMER_REAL, &it, 0);
  n = read(p[0], buf, sizeof buf);
  SAY("SA_RESTART read: %zd, handler ran %d\n", n, alarms);
  waitpid(c, 0, 0);
  close(p[0]);
  signal(SIGALRM, SIG_DFL);
}

static void nonblock_later(void) {
  int p[2];
  pipe(p);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  char buf[8];
  ssize_t r = read(p[0], buf, sizeof buf);
  SAY("read end made non-blocking: %zd %s\n", r, strerror(errno));
  memset(big, 'n', 65536);
  ssize_t w = write(p[1], big, 65536);
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  ssize_t w2 = write(p[1], big, 1);
  SAY("filled %zd, then non-blocking write: %zd %s\n", w, w2, strerror(errno));
  // Half drained: a non-blocking write larger than the room moves what fits.
  read_full(p[0], big, 32768);
  w = write(p[1], big, 50000);
  SAY("large non-blocking write with 32768 free: %zd\n", w);
  fcntl(p[0], F_SETFL, 0);
  SAY("blocking again, read: %zu\n", read_full(p[0], big, 65536));
  close(p[0]);
  close(p[1]);
}

static void grow_midstream(void) {
  int p[2];
  pipe(p);
  for (size_t i = 0; i < sizeof big; i++) big[i] = (char)(i * 7 + i / 251);
  ssize_t a = write(p[1], big, 60000);
  int sz = fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
  ssize_t b = write(p[1], big + 60000, 900000);
  static char back[1 << 20];
  size_t n = read_full(p[0], back, 960000);
  SAY("grown to %d mid-stream: wrote %zd + %zd, read %zu intact %d\n", sz, a, b, n, memcmp(back, big, 960000) == 0);
  close(p[0]);
  close(p[1]);
}

static int tp[2];
static void *thread_writer(void *arg) {
  static char chunk[2][65536];
  char *c = chunk[(long)arg];
  memset(c, 'A' + (int)(long)arg, 65536);
  for (int i = 0; i < 32; i++)
    if (write(tp[1], c, 65536) != 65536) return (void *)1;
  return 0;
}

static void two_threads(void) {
  pipe(tp);
  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, thread_writer, (void *)i);
  long counts[2] = {0, 0}, other = 0;
  size_t total = 0;
  while (total < 2 * 32 * 65536) {
    ssize_t n = read(tp[0], big, sizeof big);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++) {
      if (big[i] == 'A') counts[0]++;
      else if (big[i] == 'B') counts[1]++;
      else other++;
    }
    total += n;
  }
  void *r0, *r1;
  pthread_join(t[0], &r0);
  pthread_join(t[1], &r1);
  SAY("two threads: %ld + %ld bytes, %ld stray, writers ok %d\n", counts[0], counts[1], other, !r0 && !r1);
  close(tp[0]);
  close(tp[1]);
}

static void killed_writer(void) {
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    memset(big, 'k', sizeof big);
    for (;;) write(p[1], big, 65536);
  }
  close(p[1]);
  size_t first = read_full(p[0], big, 1 << 20);
  kill(c, SIGKILL);
  int st;
  waitpid(c, &st, 0);
  size_t rest = 0;
  ssize_t n;
  while ((n = read(p[0], big, sizeof big)) > 0) rest += n;
  SAY("killed writer: read %zu first, signal %d, then %s after the rest\n", first, WIFSIGNALED(st) ? WTERMSIG(st) : 0,
      n == 0 ? "EOF" : "error");
  close(p[0]);
}

/* stdio on both ends: musl's FILE writes with writev and reads with readv. */
static void stdio_stream(void) {
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    FILE *f = fdopen(p[1], "w");
    for (int i = 0; i < 50000; i++) fprintf(f, "line %d of the stream\n", i);
    _exit(fclose(f) == 0 ? 0 : 1);
  }
  close(p[1]);
  FILE *f = fdopen(p[0], "r");
  char line[64];
  int n = 0, bad = 0;
  while (fgets(line, sizeof line, f)) {
    char want[64];
    snprintf(want, sizeof want, "line %d of the stream\n", n++);
    if (strcmp(line, want) != 0) bad++;
  }
  fclose(f);
  int st;
  waitpid(c, &st, 0);
  SAY("stdio stream: %d lines, %d bad, writer ok %d\n", n, bad, WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void) {
  records();
  stdio_stream();
  kernel_waiters();
  interrupted();
  nonblock_later();
  grow_midstream();
  two_threads();
  killed_writer();
  return 0;
}
