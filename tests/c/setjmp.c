#include <setjmp.h>
#include <stdio.h>
#include <signal.h>
static jmp_buf env;
static int depth;
static void dive(int n) {
  volatile char pad[64];
  pad[0] = (char)n;
  if (n == 0) longjmp(env, 7);
  depth++;
  dive(n - 1);
  (void)pad[0];
}
int main(void) {
  volatile int rounds = 0;
  int r = setjmp(env);
  if (r == 0) { dive(100); printf("not reached\n"); return 1; }
  printf("longjmp returned %d after depth %d\n", r, depth);
  if (++rounds < 3) longjmp(env, rounds + 10);
  printf("rounds %d\n", rounds);
  sigjmp_buf senv;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  if (sigsetjmp(senv, 1) == 0) {
    sigprocmask(SIG_BLOCK, &set, 0);
    siglongjmp(senv, 1);
  }
  sigset_t now;
  sigprocmask(SIG_BLOCK, 0, &now);
  printf("mask restored: %s\n", sigismember(&now, SIGUSR1) ? "no" : "yes");
  return 0;
}
