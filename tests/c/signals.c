/* Signal delivery at syscall return: handlers with and without SA_SIGINFO, the mask during and
 * after a handler, SA_RESETHAND, SIGCHLD from a child's exit, EINTR versus SA_RESTART on a blocked
 * pipe read, a signal to another process, SIGPIPE caught, kill() to a process group. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int hits, last_sig, last_code, last_pid, blocked_inside, chld_status, chld_pid;

static void plain(int sig) {
  hits++;
  last_sig = sig;
  sigset_t cur;
  sigprocmask(SIG_BLOCK, 0, &cur);
  blocked_inside = sigismember(&cur, sig);
}

static void info_handler(int sig, siginfo_t *si, void *uc) {
  hits++;
  last_sig = sig;
  last_code = si->si_code;
  last_pid = si->si_pid;
  (void)uc;
}

static void on_chld(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)uc;
  chld_pid = si->si_pid;
  chld_status = si->si_status;
}

static void install(int sig, void (*h)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = flags;
  sigaction(sig, &sa, 0);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  install(SIGUSR1, plain, 0);
  raise(SIGUSR1);
  sigset_t cur;
  sigprocmask(SIG_BLOCK, 0, &cur);
  printf("raise: hits %d sig %d blocked inside %d, restored after %d\n", hits, last_sig, blocked_inside, !sigismember(&cur, SIGUSR1));

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = info_handler;
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGUSR2, &sa, 0);
  kill(getpid(), SIGUSR2);
  printf("siginfo: sig %d code SI_USER %d pid self %d\n", last_sig, last_code == SI_USER, last_pid == getpid());
  sigaction(SIGUSR2, 0, &sa);
  printf("resethand: default again %d\n", sa.sa_handler == SIG_DFL);

  /* blocked, then delivered on unblock */
  hits = 0;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigprocmask(SIG_BLOCK, &m, 0);
  raise(SIGUSR1);
  int before = hits;
  sigset_t pend;
  sigpending(&pend);
  sigprocmask(SIG_UNBLOCK, &m, 0);
  printf("blocked: ran before unblock %d, after %d\n", before, hits);

  /* SIGCHLD with the child's status */
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGCHLD, &sa, 0);
  pid_t c = fork();
  if (c == 0) _exit(9);
  int st;
  while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
  printf("sigchld: pid %d status %d\n", chld_pid == c, chld_status);
  signal(SIGCHLD, SIG_DFL);

  /* EINTR: a child signals us while we block in read() on an empty pipe */
  int p[2];
  pipe(p);
  install(SIGUSR1, plain, 0);
  pid_t parent = getpid();
  c = fork();
  if (c == 0) { usleep(50000); kill(parent, SIGUSR1); _exit(0); }
  char buf[8];
  errno = 0;
  ssize_t r = read(p[0], buf, sizeof buf);
  printf("no SA_RESTART: read %zd %s\n", r, strerror(errno));
  waitpid(c, 0, 0);

  /* SA_RESTART: the read resumes and gets the data written after the signal */
  install(SIGUSR1, plain, SA_RESTART);
  c = fork();
  if (c == 0) { usleep(50000); kill(parent, SIGUSR1); usleep(50000); write(p[1], "late", 4); _exit(0); }
  hits = 0;
  r = read(p[0], buf, sizeof buf);
  printf("SA_RESTART: read %zd after %d handler run(s)\n", r, hits);
  waitpid(c, 0, 0);

  /* a caught signal in another process; SIGPIPE caught gives EPIPE */
  c = fork();
  if (c == 0) {
    install(SIGTERM, plain, 0);
    hits = 0;
    while (!hits) usleep(1000);
    _exit(last_sig == SIGTERM ? 21 : 22);
  }
  usleep(20000);
  kill(c, SIGTERM);
  waitpid(c, &st, 0);
  printf("child handled SIGTERM: %d\n", WEXITSTATUS(st));
  install(SIGPIPE, plain, 0);
  close(p[0]);
  errno = 0;
  hits = 0;
  r = write(p[1], "x", 1);
  printf("SIGPIPE caught: handler %d write %zd %s\n", hits, r, strerror(errno));

  /* kill(0, sig) reaches the whole process group, including the caller */
  install(SIGUSR2, plain, 0);
  hits = 0;
  kill(0, SIGUSR2);
  printf("process group kill: %d\n", hits);
  return 0;
}
