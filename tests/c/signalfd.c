/* signalfd: blocked signals read as struct signalfd_siginfo records (sender, si_code, sigqueue's
 * value), O_NONBLOCK, poll readiness, a read that blocks until another process signals, a mask
 * update, SIGCHLD through a signalfd, and the errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, 0);
  int fd = signalfd(-1, &set, SFD_CLOEXEC);
  printf("signalfd: fd>=0 %d, cloexec %d\n", fd >= 0, fcntl(fd, F_GETFD) == FD_CLOEXEC);

  /* two signals to self, read in one call: lowest signal first */
  kill(getpid(), SIGTERM);
  kill(getpid(), SIGUSR1);
  struct signalfd_siginfo si[4];
  ssize_t n = read(fd, si, sizeof si);
  printf("read both: %zd bytes, signo %u %u, pid self %d %d, code SI_USER %d %d\n", n, si[0].ssi_signo,
         si[1].ssi_signo, si[0].ssi_pid == (unsigned)getpid(), si[1].ssi_pid == (unsigned)getpid(),
         si[0].ssi_code == SI_USER, si[1].ssi_code == SI_USER);

  /* sigqueue's value arrives in ssi_int */
  sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 1234});
  n = read(fd, si, sizeof si[0]);
  printf("sigqueue: %zd bytes, signo %u code SI_QUEUE %d int %d\n", n, si[0].ssi_signo, si[0].ssi_code == SI_QUEUE,
         si[0].ssi_int);

  /* nothing pending: O_NONBLOCK gives EAGAIN; a short buffer gives EINVAL */
  fcntl(fd, F_SETFL, O_NONBLOCK);
  errno = 0;
  printf("nonblocking empty: %zd %s\n", read(fd, si, sizeof si), strerror(errno));
  errno = 0;
  printf("short buffer: %zd %s\n", read(fd, si, sizeof si[0] - 1), strerror(errno));
  fcntl(fd, F_SETFL, 0);

  /* poll: not readable, then readable once a signal is pending */
  struct pollfd pfd = {fd, POLLIN, 0};
  printf("poll empty: %d\n", poll(&pfd, 1, 0));
  raise(SIGTERM);
  printf("poll pending: %d revents POLLIN %d\n", poll(&pfd, 1, 0), pfd.revents == POLLIN);
  read(fd, si, sizeof si);

  /* a child signals the parent, which blocks in read (and in poll) until it comes */
  pid_t parent = getpid();
  pid_t c = fork();
  if (c == 0) {
    usleep(50000);
    kill(parent, SIGUSR1);
    usleep(50000);
    sigqueue(parent, SIGTERM, (union sigval){.sival_int = 77});
    _exit(0);
  }
  n = read(fd, si, sizeof si);
  printf("blocking read: %zd bytes, signo %u from child %d\n", n, si[0].ssi_signo, si[0].ssi_pid == (unsigned)c);
  pfd.revents = 0;
  int pr = poll(&pfd, 1, 5000);
  n = read(fd, si, sizeof si);
  printf("blocking poll: %d, then signo %u int %d\n", pr, si[0].ssi_signo, si[0].ssi_int);
  waitpid(c, 0, 0);

  /* the mask of an existing signalfd changes; SIGCHLD (blocked, default action) is read too */
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, 0);
  printf("update: %d\n", signalfd(fd, &chld, 0) == fd);
  c = fork();
  if (c == 0) _exit(5);
  n = read(fd, si, sizeof si);
  printf("SIGCHLD: signo %u code CLD_EXITED %d pid %d status %d\n", si[0].ssi_signo, si[0].ssi_code == CLD_EXITED,
         si[0].ssi_pid == (unsigned)c, si[0].ssi_status);
  waitpid(c, 0, 0);
  raise(SIGUSR1); /* no longer in the mask: stays pending */
  fcntl(fd, F_SETFL, O_NONBLOCK);
  errno = 0;
  n = read(fd, si, sizeof si);
  sigset_t pend;
  sigpending(&pend);
  printf("out of the mask: %zd %s, still pending %d\n", n, strerror(errno), sigismember(&pend, SIGUSR1));

  /* errors: flags, a descriptor that is not a signalfd, the mask size */
  errno = 0;
  printf("bad flags: %d %s\n", signalfd(-1, &set, 1), strerror(errno));
  errno = 0;
  printf("not a signalfd: %d %s\n", signalfd(0, &set, 0), strerror(errno));
  errno = 0;
  printf("bad mask size: %ld %s\n", syscall(SYS_signalfd4, -1, &set, 4, 0), strerror(errno));
  struct stat st;
  fstat(fd, &st);
  char link[64] = {0};
  char path[32];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  readlink(path, link, sizeof link - 1);
  printf("fd link: %s\n", link);
  return 0;
}
