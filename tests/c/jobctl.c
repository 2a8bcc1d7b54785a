/* Job-control stops: SIGSTOP/SIGCONT reported through waitpid (WUNTRACED, WCONTINUED) and waitid,
 * SIGCHLD with CLD_STOPPED unless SA_NOCLDSTOP, SIGKILL ends a stopped child. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld_code;
static void on_chld(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; chld_code = si->si_code; }

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGCHLD, &sa, 0);

  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    for (unsigned char i = 0;; i++) { write(p[1], &i, 1); usleep(2000); }
  }
  close(p[1]);
  char b;
  read(p[0], &b, 1); /* the child runs */
  kill(c, SIGSTOP);
  int st;
  pid_t w = waitpid(c, &st, WUNTRACED);
  printf("stopped: %d sig %d, SIGCHLD code CLD_STOPPED %d\n", w == c && WIFSTOPPED(st), WSTOPSIG(st), chld_code == CLD_STOPPED);
  printf("reported once: %d\n", waitpid(c, &st, WUNTRACED | WNOHANG));
  usleep(30000);
  kill(c, SIGCONT);
  w = waitpid(c, &st, WCONTINUED);
  printf("continued: %d, SIGCHLD code CLD_CONTINUED %d\n", w == c && WIFCONTINUED(st), chld_code == CLD_CONTINUED);
  read(p[0], &b, 1); /* it runs again */
  kill(c, SIGSTOP);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  waitid(P_PID, c, &si, WSTOPPED);
  printf("waitid stopped: code %d status %d\n", si.si_code == CLD_STOPPED, si.si_status);
  kill(c, SIGKILL);
  w = waitpid(c, &st, 0);
  printf("killed while stopped: %d sig %d\n", w == c && WIFSIGNALED(st), WTERMSIG(st));

  sa.sa_flags |= SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, 0);
  chld_code = 0;
  c = fork();
  if (c == 0) for (;;) usleep(1000);
  kill(c, SIGSTOP);
  waitpid(c, &st, WUNTRACED);
  printf("SA_NOCLDSTOP: no SIGCHLD for the stop %d\n", chld_code == 0);
  kill(c, SIGKILL);
  waitpid(c, &st, 0);

  /* SIGCHLD ignored: children leave no zombie; wait blocks until they are gone, then ECHILD */
  signal(SIGCHLD, SIG_IGN);
  c = fork();
  if (c == 0) { usleep(20000); _exit(3); }
  errno = 0;
  printf("ignored SIGCHLD: wait %d %s\n", (int)wait(&st), strerror(errno));
  return 0;
}
