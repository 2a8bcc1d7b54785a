/* sigpending, sigsuspend (mask swapped for the wait, restored after the handler) and
 * sigtimedwait (a pending signal, one that arrives while waiting, a timeout). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int got;
static void on(int s) { got = s; }

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  signal(SIGUSR1, on);
  sigset_t usr1, old, none, pend;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &usr1, &old);
  raise(SIGUSR1);
  sigpending(&pend);
  printf("pending while blocked: %d, handler ran: %d\n", sigismember(&pend, SIGUSR1), got);
  errno = 0;
  int r = sigsuspend(&none);
  sigset_t now;
  sigprocmask(SIG_BLOCK, 0, &now);
  printf("sigsuspend: %d %s, handler %d, mask restored %d\n", r, strerror(errno), got == SIGUSR1, sigismember(&now, SIGUSR1));

  /* a signal from another process ends a sigsuspend that had nothing pending */
  got = 0;
  pid_t parent = getpid(), c = fork();
  if (c == 0) { usleep(30000); kill(parent, SIGUSR1); _exit(0); }
  sigsuspend(&none);
  printf("sigsuspend woken by a child's kill: %d\n", got == SIGUSR1);
  waitpid(c, 0, 0);

  /* sigtimedwait: already pending, arriving while waiting, and a timeout */
  sigset_t usr2;
  sigemptyset(&usr2);
  sigaddset(&usr2, SIGUSR2);
  sigprocmask(SIG_BLOCK, &usr2, 0);
  raise(SIGUSR2);
  siginfo_t si;
  struct timespec ts = {1, 0};
  printf("sigtimedwait pending: %d code SI_TKILL %d\n", sigtimedwait(&usr2, &si, &ts), si.si_code == SI_TKILL);
  c = fork();
  if (c == 0) { usleep(30000); kill(parent, SIGUSR2); _exit(0); }
  int s = sigtimedwait(&usr2, &si, &ts);
  printf("sigtimedwait arriving: %d from child %d\n", s, si.si_pid == c);
  waitpid(c, 0, 0);
  ts.tv_sec = 0;
  ts.tv_nsec = 30 * 1000000;
  errno = 0;
  printf("sigtimedwait timeout: %d %s\n", sigtimedwait(&usr2, &si, &ts), strerror(errno));
  return 0;
}
