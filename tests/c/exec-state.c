/* What exec keeps and resets: CLOEXEC fds close, handlers reset (ignored stay ignored), the pid and
 * the signal mask stay; exit_group from a thread ends the process; orphans go to init. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int s) { (void)s; }
static void *exiter(void *a) { (void)a; exit(33); }

int main(int argc, char **argv) {
  setvbuf(stdout, 0, _IONBF, 0);
  if (argc > 1 && !strcmp(argv[1], "after")) {
    struct sigaction sa;
    sigaction(SIGUSR1, 0, &sa);
    int usr1_default = sa.sa_handler == SIG_DFL;
    sigaction(SIGUSR2, 0, &sa);
    int usr2_ignored = sa.sa_handler == SIG_IGN;
    sigset_t m;
    sigprocmask(SIG_BLOCK, 0, &m);
    printf("after exec: pid same %d, cloexec fd closed %d, plain fd open %d, USR1 default %d, USR2 ignored %d, mask kept %d\n",
           atoi(argv[2]) == getpid(), fcntl(atoi(argv[3]), F_GETFD) == -1, fcntl(atoi(argv[4]), F_GETFD) == 0,
           usr1_default, usr2_ignored, sigismember(&m, SIGINT));
    return 0;
  }
  /* exit_group from a thread ends the whole process */
  pid_t c = fork();
  if (c == 0) {
    pthread_t t;
    pthread_create(&t, 0, exiter, 0);
    for (;;) pause();
  }
  int st;
  waitpid(c, &st, 0);
  printf("thread exit() ended the process: %d\n", WIFEXITED(st) && WEXITSTATUS(st) == 33);

  /* an orphan is re-parented to init (pid 1: this program) */
  c = fork();
  if (c == 0) {
    pid_t g = fork();
    if (g == 0) {
      for (int i = 0; i < 200 && getppid() != 1; i++) usleep(5000);
      _exit(getppid() == 1 ? 44 : 45);
    }
    _exit(0);
  }
  waitpid(c, &st, 0);
  pid_t w = wait(&st);
  printf("orphan re-parented and reaped by init: %d\n", w > 0 && WEXITSTATUS(st) == 44);

  int cl = open(".", O_RDONLY | O_CLOEXEC);
  int keep = open(".", O_RDONLY);
  signal(SIGUSR1, handler);
  signal(SIGUSR2, SIG_IGN);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGINT);
  sigprocmask(SIG_BLOCK, &m, 0);
  char pid[16], a[16], b[16];
  snprintf(pid, sizeof pid, "%d", getpid());
  snprintf(a, sizeof a, "%d", cl);
  snprintf(b, sizeof b, "%d", keep);
  char *args[] = {argv[0], "after", pid, a, b, 0};
  execv(argv[0], args);
  perror("execv");
  return 1;
}
