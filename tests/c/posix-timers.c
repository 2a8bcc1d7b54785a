/* POSIX timers: SIGEV_SIGNAL with a value (periodic), timer_gettime, SIGEV_NONE, SIGEV_THREAD
 * (musl runs the callback on a helper thread), timer_delete. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int fired, good_info;
static void on(int s, siginfo_t *si, void *uc) {
  (void)s; (void)uc;
  fired++;
  if (si->si_code == SI_TIMER && si->si_value.sival_int == 42) good_info++;
}
static volatile int thread_calls, thread_value;
static void cb(union sigval v) { thread_calls++; thread_value = v.sival_int; }

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGRTMIN, &sa, 0);
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMIN;
  ev.sigev_value.sival_int = 42;
  timer_t tm;
  printf("create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &tm));
  struct itimerspec its = {{0, 10000000}, {0, 10000000}}, cur;
  timer_settime(tm, 0, &its, 0);
  timer_gettime(tm, &cur);
  printf("gettime: interval 10ms %d, value>0 %d\n", cur.it_interval.tv_nsec == 10000000, cur.it_value.tv_nsec > 0);
  while (fired < 3) usleep(2000);
  timer_delete(tm);
  printf("periodic SIGEV_SIGNAL: fired>=3 %d, siginfo right %d\n", fired >= 3, good_info == fired);
  errno = 0;
  printf("deleted: %d %s\n", timer_gettime(tm, &cur), strerror(errno));

  ev.sigev_notify = SIGEV_NONE;
  timer_create(CLOCK_REALTIME, &ev, &tm);
  struct itimerspec one = {{0, 0}, {5, 0}};
  timer_settime(tm, 0, &one, 0);
  timer_gettime(tm, &cur);
  printf("SIGEV_NONE armed: %d\n", cur.it_value.tv_sec >= 4);
  timer_delete(tm);

  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD;
  ev.sigev_notify_function = cb;
  ev.sigev_value.sival_int = 7;
  printf("thread timer create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &tm));
  struct itimerspec once = {{0, 0}, {0, 20000000}};
  timer_settime(tm, 0, &once, 0);
  for (int i = 0; i < 200 && !thread_calls; i++) usleep(5000);
  printf("SIGEV_THREAD callback: %d value %d\n", thread_calls, thread_value);
  timer_delete(tm);
  return 0;
}
