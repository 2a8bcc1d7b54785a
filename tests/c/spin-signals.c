/* Signals reach a program spinning in a loop that makes no system call (the SDK's post-link step
 * polls at every loop head): SIGSTOP stops it and SIGCONT continues it, handlers run inside the
 * loop (process-directed, from a timer, and thread-directed while another thread spins too),
 * SIGTERM and SIGKILL end it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;
static volatile sig_atomic_t flag;

static void on_signal(int s) { (void)s; flag = 1; }

static pthread_t volatile where;
static void on_usr2(int s) { (void)s; where = pthread_self(); flag = 1; }

__attribute__((noinline)) static void spin_forever(void) {
  for (;;) sink++;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void ms_sleep(int ms) { usleep(ms * 1000); }

/* A child that installs the SIGUSR1 handler, says so through the pipe, then spins until it runs. */
static pid_t spinning_child_with_handler(void) {
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    signal(SIGUSR1, on_signal);
    write(p[1], "r", 1);
    while (!flag) sink++; /* in a function Asyncify instruments (it calls fork) */
    _exit(42);
  }
  char b;
  read(p[0], &b, 1);
  close(p[0]);
  close(p[1]);
  return c;
}

static void *spin_thread(void *arg) {
  (void)arg;
  while (!flag) sink++;
  return (void *)7;
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  int st;

  /* Stop, continue, kill a child that never makes a call. */
  double t0 = now_ms();
  pid_t c = fork();
  if (c == 0) spin_forever();
  ms_sleep(150);
  kill(c, SIGSTOP);
  pid_t w = waitpid(c, &st, WUNTRACED);
  printf("stopped: %d sig %d\n", w == c && WIFSTOPPED(st), WSTOPSIG(st));
  ms_sleep(600);
  kill(c, SIGCONT);
  w = waitpid(c, &st, WCONTINUED);
  printf("continued: %d\n", w == c && WIFCONTINUED(st));
  ms_sleep(150);
  kill(c, SIGKILL);
  struct rusage ru;
  w = wait4(c, &st, 0, &ru);
  double life = now_ms() - t0;
  double cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
  printf("killed: %d sig %d\n", w == c && WIFSIGNALED(st), WTERMSIG(st));
  /* Stopped for 600 of its ~900 ms: a child still spinning would have used about all of them. */
  printf("used no CPU while stopped: %d\n", cpu < life - 400);
  if (cpu >= life - 400) fprintf(stderr, "child CPU %.0f ms over %.0f ms\n", cpu, life);

  /* A handler runs inside the loop and ends it. */
  c = spinning_child_with_handler();
  ms_sleep(50);
  kill(c, SIGUSR1);
  w = waitpid(c, &st, 0);
  printf("SIGUSR1 handler ran in the loop: %d status %d\n", w == c && WIFEXITED(st), WEXITSTATUS(st));

  /* ... also while stopped then continued: the handler runs once the process continues. */
  c = spinning_child_with_handler();
  kill(c, SIGSTOP);
  waitpid(c, &st, WUNTRACED);
  kill(c, SIGUSR1);
  ms_sleep(50);
  printf("not while stopped: %d\n", waitpid(c, &st, WNOHANG) == 0);
  kill(c, SIGCONT);
  w = waitpid(c, &st, 0);
  printf("after SIGCONT: %d status %d\n", w == c && WIFEXITED(st), WEXITSTATUS(st));

  /* A timer's SIGALRM in this process, and a thread-directed signal to a spinning thread. */
  flag = 0;
  signal(SIGALRM, on_signal);
  struct itimerval it = { { 0, 0 }, { 0, 50000 } };
  setitimer(ITIMER_REAL, &it, 0);
  while (!flag) sink++;
  printf("SIGALRM handler ended the loop: %d\n", flag);

  /* Both threads spin; the one the signal is for runs the handler, the other goes on. */
  flag = 0;
  signal(SIGUSR2, on_usr2);
  pthread_t th;
  pthread_create(&th, 0, spin_thread, 0);
  ms_sleep(50);
  pthread_kill(th, SIGUSR2);
  while (!flag) sink++;
  void *r;
  pthread_join(th, &r);
  printf("pthread_kill reached the spinning thread: %d, handler ran there %d\n", r == (void *)7, pthread_equal(where, th));

  /* The default action of SIGTERM ends a spinning child. */
  c = fork();
  if (c == 0) spin_forever();
  ms_sleep(50);
  kill(c, SIGTERM);
  w = waitpid(c, &st, 0);
  printf("SIGTERM: %d sig %d\n", w == c && WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
