/* Forks a child that blocks forever, prints its pid, and reports how the child ended once the
 * harness has crashed the child's worker. Other children keep working meanwhile. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    char x;
    read(p[0], &x, 1); /* never written: blocks until the worker dies */
    _exit(0);
  }
  printf("child %d\n", c);
  int st;
  pid_t w = waitpid(c, &st, 0);
  printf("reaped %d signaled %d sig %d\n", w == c, WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  pid_t d = fork();
  if (d == 0) _exit(7);
  waitpid(d, &st, 0);
  printf("kernel still serves: %d\n", WEXITSTATUS(st));
  return 0;
}
