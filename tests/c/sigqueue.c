/* Real-time signals queue in order with their values (up to RLIMIT_SIGPENDING, then EAGAIN);
 * standard signals coalesce. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int order[16][2], n;
static void on(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  if (n < 16) { order[n][0] = sig; order[n][1] = si->si_value.sival_int; n++; }
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMIN, &sa, 0);
  sigaction(SIGRTMIN + 1, &sa, 0);
  sigaction(SIGUSR1, &sa, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGRTMIN);
  sigaddset(&set, SIGRTMIN + 1);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, 0);
  for (int v = 1; v <= 3; v++) sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = v});
  sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 9});
  raise(SIGUSR1);
  raise(SIGUSR1);
  sigprocmask(SIG_UNBLOCK, &set, 0);
  printf("delivered %d:", n);
  for (int i = 0; i < n; i++) printf(" %s:%d", order[i][0] == SIGUSR1 ? "USR1" : order[i][0] == SIGRTMIN ? "RTMIN" : "RTMIN+1", order[i][1]);
  printf("\n");

  struct rlimit rl = {2, 2};
  setrlimit(RLIMIT_SIGPENDING, &rl);
  sigprocmask(SIG_BLOCK, &set, 0);
  int a = sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 1});
  int b = sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 2});
  errno = 0;
  int c = sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 3});
  printf("queue limit: %d %d %d %s\n", a, b, c, strerror(errno));
  return 0;
}
