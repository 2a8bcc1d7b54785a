/* Advisory locks between processes: fcntl record locks (EAGAIN, F_GETLK with the holder's pid
 * and range, F_SETLKW waiting for the unlock, EDEADLK), flock across separate opens and shared
 * through fork, and OFD locks between two opens of one process. Pipes sequence the processes;
 * the only timed wait is a generous "has it stayed blocked" check. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs-check.h"

static const char *path = "/tmp/fs-locks/file";

static int lk(int fd, int cmd, short type, off_t start, off_t len) {
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
  return fcntl(fd, cmd, &fl);
}

static void send(int fd, char c) {
  if (write(fd, &c, 1) != 1) _exit(90);
}

static char recv1(int fd) {
  char c = 0;
  if (read(fd, &c, 1) != 1) return 0;
  return c;
}

static void record_locks(void) {
  int p2c[2], c2p[2];
  pipe(p2c);
  pipe(c2p);
  int fd = open(path, O_RDWR);
  T("parent F_SETLK write 10..29", lk(fd, F_SETLK, F_WRLCK, 10, 20));
  pid_t parent = getpid();
  pid_t c = fork();
  if (c == 0) {
    int cfd = open(path, O_RDWR);
    T("child F_SETLK write 15..15", lk(cfd, F_SETLK, F_WRLCK, 15, 1));
    T("child F_SETLK read 29..29", lk(cfd, F_SETLK, F_RDLCK, 29, 1));
    T("child F_SETLK write 30..39", lk(cfd, F_SETLK, F_WRLCK, 30, 10));
    T("child F_SETLK write 0..9", lk(cfd, F_SETLK, F_WRLCK, 0, 10));
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    fcntl(cfd, F_GETLK, &fl);
    printf("child F_GETLK: type %s pid-is-parent %d start %lld len %lld\n", fl.l_type == F_WRLCK ? "F_WRLCK" : "other",
           fl.l_pid == parent, (long long)fl.l_start, (long long)fl.l_len);
    struct flock free_range = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 10 };
    fcntl(cfd, F_GETLK, &free_range);
    printf("child F_GETLK on a free range: %s\n", free_range.l_type == F_UNLCK ? "F_UNLCK" : "locked");
    send(c2p[1], '1');
    /* Blocks until the parent unlocks; the parent writes 'U' just before it does. */
    int r = lk(cfd, F_SETLKW, F_WRLCK, 10, 20);
    int flags = fcntl(p2c[0], F_GETFL);
    fcntl(p2c[0], F_SETFL, flags | O_NONBLOCK);
    char u = recv1(p2c[0]);
    printf("child F_SETLKW: %s, the unlock came first: %d\n", r == 0 ? "ok" : en(errno), u == 'U');
    send(c2p[1], '2');
    _exit(0);
  }
  if (recv1(c2p[0]) != '1') printf("child failed\n");
  /* The child is (about to be) waiting: nothing may arrive while we hold the lock. */
  struct pollfd pfd = { .fd = c2p[0], .events = POLLIN };
  printf("child still blocked after 300ms: %d\n", poll(&pfd, 1, 300) == 0);
  send(p2c[1], 'U');
  int unlocked = lk(fd, F_SETLK, F_UNLCK, 10, 20);
  int got = recv1(c2p[0]) == '2'; /* the child has printed its line by now */
  printf("parent unlocked: %d, child got the lock: %d\n", unlocked, got);
  printf("child exit: %d\n", wait_child(c));
  /* The child's locks went with it. */
  T("parent F_SETLK write 0..EOF after child exit", lk(fd, F_SETLK, F_WRLCK, 0, 0));
  close(fd);
  close(p2c[0]); close(p2c[1]); close(c2p[0]); close(c2p[1]);
}

/* Closing any descriptor of a file drops all of the process's POSIX locks on it (not OFD ones). */
static void close_drops(void) {
  int fd = open(path, O_RDWR);
  int ofd = open(path, O_RDWR);
  lk(fd, F_SETLK, F_WRLCK, 0, 10);
  lk(ofd, F_OFD_SETLK, F_WRLCK, 50, 10);
  for (int round = 0; round < 2; round++) {
    if (round == 1) close(open(path, O_RDONLY)); /* another descriptor of the same file */
    pid_t c = fork();
    if (c == 0) {
      int cfd = open(path, O_RDWR);
      struct flock a = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
      struct flock b = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 10 };
      fcntl(cfd, F_GETLK, &a);
      fcntl(cfd, F_GETLK, &b);
      printf("%s: POSIX lock %s, OFD lock %s\n", round ? "after closing another fd" : "before", a.l_type == F_UNLCK ? "gone" : "held",
             b.l_type == F_UNLCK ? "gone" : "held");
      _exit(0);
    }
    wait_child(c);
  }
  close(fd);
  close(ofd);
}

/* Each process holds one byte and waits for the other's: exactly one of them gets EDEADLK. */
static void deadlock(void) {
  int p2c[2], c2p[2];
  pipe(p2c);
  pipe(c2p);
  int fd = open(path, O_RDWR);
  lk(fd, F_SETLK, F_WRLCK, 0, 1);
  pid_t c = fork();
  if (c == 0) {
    int cfd = open(path, O_RDWR);
    if (lk(cfd, F_SETLK, F_WRLCK, 1, 1)) _exit(10);
    send(c2p[1], 'r');
    recv1(p2c[0]);
    /* Give the parent time to park in its F_SETLKW; if it has not, it is the one that sees EDEADLK. */
    usleep(200000);
    if (lk(cfd, F_SETLKW, F_WRLCK, 0, 1) == 0) _exit(0); /* the parent gave up its byte */
    _exit(errno == EDEADLK ? 1 : 20 + errno);            /* exiting releases byte 1 for the parent */
  }
  recv1(c2p[0]);
  send(p2c[1], 'g');
  int r = lk(fd, F_SETLKW, F_WRLCK, 1, 1);
  int parent_deadlk = r < 0 && errno == EDEADLK;
  if (parent_deadlk) lk(fd, F_SETLK, F_UNLCK, 0, 1); /* let the child through */
  int cs = wait_child(c);
  int child_deadlk = cs == 1;
  printf("deadlock: exactly one EDEADLK %d, the other got its lock %d\n", parent_deadlk + child_deadlk == 1,
         parent_deadlk ? cs == 0 : r == 0);
  close(fd);
  close(p2c[0]); close(p2c[1]); close(c2p[0]); close(c2p[1]);
}

static void flocks(void) {
  int fd1 = open(path, O_RDWR);
  T("parent flock LOCK_EX", flock(fd1, LOCK_EX));
  int c2p[2], hold[2];
  pipe(c2p);
  pipe(hold);
  pid_t c = fork();
  if (c == 0) {
    int fd2 = open(path, O_RDWR);
    T("child flock separate open LOCK_EX|LOCK_NB", flock(fd2, LOCK_EX | LOCK_NB));
    T("child flock separate open LOCK_SH|LOCK_NB", flock(fd2, LOCK_SH | LOCK_NB));
    T("child flock inherited fd LOCK_EX|LOCK_NB", flock(fd1, LOCK_EX | LOCK_NB));
    T("child unlocks the inherited description", flock(fd1, LOCK_UN));
    T("child flock separate open now", flock(fd2, LOCK_EX | LOCK_NB));
    send(c2p[1], 'x');
    recv1(hold[0]); /* nothing ever comes: keeps the lock until the parent kills us */
    _exit(0);
  }
  close(c2p[1]);
  recv1(c2p[0]);
  T("parent flock while child holds it", flock(fd1, LOCK_EX | LOCK_NB));
  kill(c, 9);
  wait_child(c);
  T("parent flock after child died", flock(fd1, LOCK_EX | LOCK_NB));
  int fd3 = open(path, O_RDONLY);
  flock(fd1, LOCK_SH);
  T("two shared flocks", flock(fd3, LOCK_SH | LOCK_NB));
  T("upgrade with a shared holder", flock(fd1, LOCK_EX | LOCK_NB));
  T("flock bad operation", flock(fd3, 0));
  close(fd1);
  close(fd3);
  close(c2p[0]);
  close(hold[0]);
  close(hold[1]);
}

static void ofd_locks(void) {
  int a = open(path, O_RDWR), b = open(path, O_RDWR);
  T("F_OFD_SETLK write 0..9 via a", lk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
  T("F_OFD_SETLK write 5 via b", lk(b, F_OFD_SETLK, F_WRLCK, 5, 1));
  T("F_OFD_SETLK read 9 via b", lk(b, F_OFD_SETLK, F_RDLCK, 9, 1));
  T("F_OFD_SETLK write 10..19 via b", lk(b, F_OFD_SETLK, F_WRLCK, 10, 10));
  struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
  fcntl(b, F_OFD_GETLK, &fl);
  printf("F_OFD_GETLK via b: type %s pid %d start %lld len %lld\n", fl.l_type == F_WRLCK ? "F_WRLCK" : "other", (int)fl.l_pid,
         (long long)fl.l_start, (long long)fl.l_len);
  struct flock withpid = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 1, .l_pid = 1 };
  T("F_OFD_SETLK with l_pid set", fcntl(b, F_OFD_SETLK, &withpid));
  /* Classic POSIX locks of one process never conflict with each other. */
  int c = open(path, O_RDWR), d = open(path, O_RDWR);
  T("F_SETLK write via c", lk(c, F_SETLK, F_WRLCK, 200, 10));
  T("F_SETLK write via d, same process", lk(d, F_SETLK, F_WRLCK, 200, 10));
  close(c);
  close(d);
  close(a);
  T("F_OFD_SETLK via b after a closed", lk(b, F_OFD_SETLK, F_WRLCK, 0, 10));
  int ro = open(path, O_RDONLY);
  T("write lock on a read-only fd", lk(ro, F_SETLK, F_WRLCK, 0, 1));
  T("bad l_type", lk(ro, F_SETLK, 42, 0, 1));
  T("negative start", lk(ro, F_SETLK, F_RDLCK, -5, 1));
  close(ro);
  close(b);
}

/* Locks on a pipe (make -O locks its stdout so): a child sees the parent's record lock, which goes
 * when the parent closes its descriptor; a flock goes with the description's last close. */
static void pipe_locks(void) {
  int p[2], sync[2];
  pipe(p);
  pipe(sync);
  T("parent F_SETLK write on a pipe", lk(p[1], F_SETLK, F_WRLCK, 0, 0));
  pid_t pid = fork();
  if (pid == 0) {
    close(sync[1]);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int r = fcntl(p[1], F_GETLK, &fl);
    printf("child F_GETLK: %d type-is-write %d pid-is-parent %d\n", r, fl.l_type == F_WRLCK, fl.l_pid == getppid());
    T("child F_SETLK while the parent holds it", lk(p[1], F_SETLK, F_WRLCK, 0, 0));
    recv1(sync[0]); /* the parent closed its descriptor */
    T("child F_SETLK after the parent's close", lk(p[1], F_SETLK, F_WRLCK, 0, 0));
    _exit(0);
  }
  close(sync[0]);
  int keep = dup(p[1]);
  usleep(100000);
  close(p[1]); /* any close of the file drops the parent's record locks */
  send(sync[1], 'c');
  int status;
  waitpid(pid, &status, 0);
  printf("child exit: %d\n", WEXITSTATUS(status));
  T("flock LOCK_EX on the pipe", flock(keep, LOCK_EX));
  char again[64];
  snprintf(again, sizeof again, "/proc/self/fd/%d", p[0]);
  int other = open(again, O_RDONLY | O_NONBLOCK); /* a new description of the same pipe */
  T("flock from another description", flock(other, LOCK_EX | LOCK_NB));
  close(keep);
  T("flock after the holder's last close", flock(other, LOCK_EX | LOCK_NB));
  close(other);
  close(p[0]);
  close(sync[1]);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  mkdir("/tmp/fs-locks", 0755);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  char zeros[100] = {0};
  write(fd, zeros, sizeof zeros);
  close(fd);
  printf("# record locks\n");
  record_locks();
  printf("# deadlock\n");
  deadlock();
  printf("# close drops POSIX locks\n");
  close_drops();
  printf("# flock\n");
  flocks();
  printf("# ofd locks\n");
  ofd_locks();
  printf("# pipe locks\n");
  pipe_locks();
  return 0;
}
